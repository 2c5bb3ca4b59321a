// Every table of the server, gathered for drizzle-kit (migrations) and the benchmarks' data
// generator. Each module owns its `*.tables.ts`; the lower layers own theirs (outbox, idempotency,
// channel recorder). Queries import the tables they use, not this file.
export * from './modules/tenancy/tenancy.tables.ts';
export * from './modules/identity/identity.tables.ts';
export * from './modules/customers/customers.tables.ts';
export * from './modules/vehicles/vehicles.tables.ts';
export * from './modules/service/service.tables.ts';
export * from './modules/audit/audit.tables.ts';
export * from './http/idempotency.tables.ts';
export * from './channels/channels.tables.ts';
export * from './modules/appointments/appointments.tables.ts';
export * from './modules/imports/imports.tables.ts';
export * from './jobs/outbox.tables.ts';
export * from './modules/channel-settings/channel-settings.tables.ts';
export * from './modules/messaging/messaging.tables.ts';
export * from './modules/coupons/coupons.tables.ts';
export * from './modules/partners/partners.tables.ts';
export * from './modules/referrals/referrals.tables.ts';
export * from './modules/loyalty/loyalty.tables.ts';
export * from './modules/inbox/inbox.tables.ts';
export * from './modules/automation/automation.tables.ts';
export * from './modules/segments/segments.tables.ts';
export * from './modules/customer-stats/customer-stats.tables.ts';
export * from './modules/campaigns/campaigns.tables.ts';
export * from './modules/call-list/call-list.tables.ts';
export * from './modules/reminders/reminders.tables.ts';
export * from './modules/privacy/privacy.tables.ts';
export * from './modules/webhooks/webhooks.tables.ts';
export * from './modules/catalog/catalog.tables.ts';
export * from './modules/receipts/receipts.tables.ts';
export * from './modules/clubs/clubs.tables.ts';
export * from './modules/moderation/moderation.tables.ts';
export * from './modules/media/media.tables.ts';
export * from './modules/events/events.tables.ts';
export * from './modules/deals/deals.tables.ts';
export * from './modules/articles/articles.tables.ts';
export * from './modules/magazine/magazine.tables.ts';
