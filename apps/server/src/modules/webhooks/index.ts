// Outgoing webhooks: tenants' subscriptions to domain events, signed deliveries retried for
// three days, the delivery log with replay, and automatic disabling of a failing subscription.
export {
  deliverWebhooksDue,
  drainWebhooks,
  enqueueEvent,
  registerWebhookEvents,
  startWebhookWorker,
  webhookBackoffMs,
  webhookBody,
  webhookSignature,
  RETRY_WINDOW_MS,
  DISABLE_AFTER_FAILURES,
  type WebhookWorkerDeps,
} from './delivery.ts';
export { WEBHOOK_EVENT_TYPES } from './webhooks.schemas.ts';
export { webhookSubscriptions, webhookDeliveries, webhookAttempts } from './webhooks.tables.ts';
export { WEBHOOK_JOBS } from './webhooks.jobs.ts';
