// Outgoing webhooks: the tenant's subscriptions (URL, event types, sealed signing secret), one
// delivery per subscription and event (plus replays), and each attempt of a delivery.
import { sql } from 'drizzle-orm';
import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId, updatedAt } from '../../db/columns.ts';
import { registerSealedColumn } from '../../kernel/sealed-columns.ts';
import { tenants } from '../tenancy/index.ts';

export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    tenantId: tenantId().references(() => tenants.tenantId),
    id: uuid('id').notNull(),
    url: text('url').notNull(),
    description: text('description'),
    /** Event types delivered (`serviceOrder.paid`…). */
    eventTypes: jsonb('event_types').$type<string[]>().notNull(),
    /** The signing secret, sealed (secret box); shown once at creation and at rotation. */
    secret: text('secret').notNull(),
    status: text('status', { enum: ['enabled', 'disabled'] })
      .notNull()
      .default('enabled'),
    /** `manual` (staff), `failing` (every attempt failed for three days). */
    disabledReason: text('disabled_reason', { enum: ['manual', 'failing'] }),
    disabledAt: instant('disabled_at'),
    /** First failed attempt since the last success (null: the last attempt succeeded). */
    failingSince: instant('failing_since'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    lastSuccessAt: instant('last_success_at'),
    lastFailureAt: instant('last_failure_at'),
    secretRotatedAt: instant('secret_rotated_at'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const webhookSecretField = (subscriptionId: string) =>
  `webhook_subscriptions.secret.${subscriptionId}`;
registerSealedColumn({
  table: 'webhook_subscriptions',
  column: 'secret',
  keys: ['id'],
  shape: 'text',
  field: (key) => webhookSecretField(key.id!),
});

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    subscriptionId: uuid('subscription_id').notNull(),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    /** The exact body sent on every attempt (the signature covers these bytes). */
    body: text('body').notNull(),
    status: text('status', { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at'),
    leaseUntil: instant('lease_until'),
    lastAttemptAt: instant('last_attempt_at'),
    responseStatus: integer('response_status'),
    durationMs: integer('duration_ms'),
    error: text('error'),
    /** A replay of this delivery (same event, same body, a new run of attempts). */
    replayOf: uuid('replay_of'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.subscriptionId],
      foreignColumns: [webhookSubscriptions.tenantId, webhookSubscriptions.id],
    }).onDelete('cascade'),
    // One delivery per subscription and event: the outbox delivers at least once.
    uniqueIndex('webhook_deliveries_event_key')
      .on(t.tenantId, t.subscriptionId, t.eventId)
      .where(sql`${t.replayOf} is null`),
    index('webhook_deliveries_log_idx').on(t.tenantId, t.subscriptionId, t.createdAt),
    index('webhook_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
  ],
);

export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    deliveryId: uuid('delivery_id').notNull(),
    attempt: integer('attempt').notNull(),
    at: instant('at').notNull(),
    /** The request as sent: URL and headers (the body is the delivery's). */
    request: jsonb('request').$type<{ url: string; headers: Record<string, string> }>().notNull(),
    /** HTTP status, null when no answer came (refused, timeout, address not allowed). */
    responseStatus: integer('response_status'),
    /** The first 1,000 characters of the answer. */
    responseBody: text('response_body'),
    durationMs: integer('duration_ms').notNull(),
    error: text('error'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.deliveryId],
      foreignColumns: [webhookDeliveries.tenantId, webhookDeliveries.id],
    }).onDelete('cascade'),
    index('webhook_attempts_delivery_idx').on(t.tenantId, t.deliveryId, t.attempt),
  ],
);
