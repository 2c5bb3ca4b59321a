// Inbox and conversation: the car owner's in-app inbox (written by the in-app channel), the
// two-way conversation with the business, and real-time events (SSE) to the open app and console.
export { inboxDataOf, anonymiseInbox } from './privacy.ts';
export {
  unsafeDeliverToInbox,
  unsafeIsInboxReachable,
  writeInboxMessage,
  unreadCounts,
  CONVERSATION_URL,
  type InboxInput,
  type UnreadCounts,
} from './inbox.service.ts';
export {
  publishToCustomer,
  publishToStaff,
  subscribe,
  subscriberCount,
  customerKey,
  staffKey,
  realtimeSettings,
  type RealtimeEvent,
} from './realtime.ts';
export {
  REPLY_TEMPLATE,
  postAssistantMessage,
  postCustomerMessage,
  staffReply,
  staffUnreadSummary,
} from './conversations.service.ts';
export { onCustomerMessage } from './customer-message-hooks.ts';
export { AUTHOR_TYPES, type AuthorType } from './inbox.tables.ts';
export { seedDemoConversations } from './demo.ts';
export {
  inboxMessages,
  inboxAppPresence,
  conversations,
  conversationMessages,
} from './inbox.tables.ts';
export { mergeInboxOnCustomerMerge } from './inbox.service.ts';
export { inappChannel } from './inapp-channel.ts';
export { CONVERSATION_REPLY } from './conversation.templates.ts';
