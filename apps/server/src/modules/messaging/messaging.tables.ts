// Messaging: template overrides, intents (the outbox of messages), one delivery row per channel
// attempt, the append-only timeline, the marketing frequency ledger and per-tenant rules.
import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
  date,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, instant, tenantId, updatedAt } from '../../db/columns.ts';
import type { MessageAttachment } from '../../channels/port.ts';
import { tenants } from '../tenancy/index.ts';

export const MESSAGE_PURPOSES = ['auth', 'transactional', 'service', 'marketing'] as const;
export const MESSAGE_PRIORITIES = ['transactional', 'marketing'] as const;
export const INTENT_STATUSES = ['queued', 'processing', 'sent', 'failed', 'suppressed'] as const;
/** `sending` (leased to a worker) and `waiting` (a fallback held until the primary is checked) are internal. */
export const DELIVERY_STATUSES = [
  'queued',
  'waiting',
  'sending',
  'sent',
  'delivered',
  'opened',
  'clicked',
  'failed',
  'suppressed',
] as const;

/** A tenant's wording of a built-in template for one channel and language. */
export const messageTemplates = pgTable(
  'message_templates',
  {
    tenantId: tenantId().references(() => tenants.tenantId),
    key: text('key').notNull(),
    channel: text('channel').notNull(),
    language: text('language').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key, t.channel, t.language] })],
);

/** One business reason to tell one person something: the outbox row the workers drain. */
export const messageIntents = pgTable(
  'message_intents',
  {
    tenantId: tenantId().references(() => tenants.tenantId),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id'),
    /** Pre-customer messages (sign-in codes): the channel and address. */
    toChannel: text('to_channel'),
    toAddress: text('to_address'),
    templateKey: text('template_key').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    purpose: text('purpose', { enum: MESSAGE_PURPOSES }).notNull(),
    priority: text('priority', { enum: MESSAGE_PRIORITIES }).notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    notBefore: instant('not_before').notNull(),
    status: text('status', { enum: INTENT_STATUSES }).notNull().default('queued'),
    /** Channels asked for (all of them) or null: the best reachable one, with fallback. */
    channels: text('channels').array(),
    reason: text('reason'),
    sourceType: text('source_type'),
    sourceId: text('source_id'),
    /** Files an e-mail carries (a report's charts); null for everything else. */
    attachments: jsonb('attachments').$type<MessageAttachment[]>(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('message_intents_dedupe_key').on(t.tenantId, t.dedupeKey),
    index('message_intents_due_idx')
      .on(t.notBefore)
      .where(sql`status = 'queued'`),
    index('message_intents_customer_idx').on(t.tenantId, t.customerId, t.createdAt),
    index('message_intents_created_idx').on(t.tenantId, t.createdAt, t.id),
  ],
);

/** One attempt to carry an intent over one channel; its id is the provider's idempotency key. */
export const messageDeliveries = pgTable(
  'message_deliveries',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    intentId: uuid('intent_id').notNull(),
    customerId: uuid('customer_id'),
    channel: text('channel').notNull(),
    provider: text('provider'),
    address: text('address').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull(),
    reason: text('reason'),
    subject: text('subject'),
    body: text('body'),
    html: text('html'),
    url: text('url'),
    providerMessageId: text('provider_message_id'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at'),
    leaseUntil: instant('lease_until'),
    /** A fallback delivery: sent only if this earlier delivery was not opened in time. */
    fallbackOf: uuid('fallback_of'),
    error: text('error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.intentId],
      foreignColumns: [messageIntents.tenantId, messageIntents.id],
    }).onDelete('cascade'),
    index('message_deliveries_intent_idx').on(t.tenantId, t.intentId),
    index('message_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`status in ('queued', 'sending', 'waiting')`),
    index('message_deliveries_provider_idx').on(t.tenantId, t.providerMessageId),
  ],
);

/** The timeline: every step of an intent, append-only. */
export const messageEvents = pgTable(
  'message_events',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    intentId: uuid('intent_id').notNull(),
    deliveryId: uuid('delivery_id'),
    type: text('type').notNull(),
    channel: text('channel'),
    reason: text('reason'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    at: instant('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.intentId],
      foreignColumns: [messageIntents.tenantId, messageIntents.id],
    }).onDelete('cascade'),
    index('message_events_intent_idx').on(t.tenantId, t.intentId, t.at),
  ],
);

/** Marketing sends per customer and local day: the frequency caps count here. */
export const messageFrequency = pgTable(
  'message_frequency',
  {
    tenantId: tenantId(),
    customerId: uuid('customer_id').notNull(),
    intentId: uuid('intent_id').notNull(),
    localDay: date('local_day', { mode: 'string' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.customerId, t.intentId] }),
    index('message_frequency_day_idx').on(t.tenantId, t.customerId, t.localDay),
  ],
);

/** A tenant's rules on the way out (defaults when no row). */
export const messagingSettings = pgTable('messaging_settings', {
  tenantId: tenantId()
    .primaryKey()
    .references(() => tenants.tenantId),
  quietStart: text('quiet_start').notNull().default('21:00'),
  quietEnd: text('quiet_end').notNull().default('08:00'),
  marketingPerDay: integer('marketing_per_day').notNull().default(1),
  marketingPerWeek: integer('marketing_per_week').notNull().default(2),
  fallbackMinutes: integer('fallback_minutes').notNull().default(30),
  /** At most one reminder (any rule) per customer every so many local days; 0: no cap. */
  reminderGapDays: integer('reminder_gap_days').notNull().default(1),
  /** Signs unsubscribe links (random per tenant, never leaves the server). */
  signingKey: text('signing_key')
    .notNull()
    .default(
      sql`replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '')`,
    ),
  updatedAt: updatedAt(),
});
