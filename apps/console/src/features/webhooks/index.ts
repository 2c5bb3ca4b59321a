// Webhooks: endpoints, their deliveries and replays.
// Other parts of the console use only what this file exports.

export { default as WebhooksPage } from './WebhooksPage.tsx';
