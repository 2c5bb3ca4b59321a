// Messaging: the one send API (intents written in the caller's transaction), templates, the
// durable delivery pipeline with its rules (consent, quiet hours, caps, fallback) and statuses.
export {
  sendToCustomer,
  sendToCustomers,
  sendToAddress,
  withdrawQueued,
  touchedBetween,
  type SendToCustomerInput,
  type SendToAddressInput,
  type SendResultRef,
} from './send.ts';
export {
  defineBuiltInTemplate,
  builtInTemplate,
  listBuiltInTemplates,
  templateName,
  smsSegments,
  VARIABLES,
  defineVariables,
  type BuiltInTemplate,
} from './templates.ts';
export {
  recordDeliveryStatus,
  listMessagesForCustomer,
  type DeliveryStatusReport,
  type CustomerMessage,
} from './status.ts';
export {
  deliverDue,
  drainMessages,
  startMessagingWorker,
  MESSAGING_JOBS,
  type PipelineDeps,
} from './pipeline.ts';
export {
  messageIntents,
  messageDeliveries,
  messageEvents,
  messageTemplates,
  messageFrequency,
  messagingSettings,
} from './messaging.tables.ts';
export { lastMessagesTo, type LastMessage } from './last-messages.ts';
export { messagesOf, anonymiseCustomerMessages } from './privacy.ts';
export { insertMessageHistory, type PastMessage } from './history.ts';
export { localDateTime, zonedInstant } from './rules.ts';
export { sendMessage, type OutgoingMessage } from './address-message.ts';
