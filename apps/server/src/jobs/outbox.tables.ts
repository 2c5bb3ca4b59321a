import { index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, instant, tenantIdOfTenant } from '../db/columns.ts';

/**
 * Domain events written in the same transaction as the change that causes them
 * (`serviceOrder.paid`, `customer.merged`…); the worker publishes them to their handlers.
 */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    tenantId: tenantIdOfTenant(),
    id: uuid('id').notNull(),
    type: text('type').notNull(),
    version: integer('version').notNull().default(1),
    aggregateId: uuid('aggregate_id'),
    payload: jsonb('payload').notNull(),
    occurredAt: instant('occurred_at').notNull(),
    publishedAt: instant('published_at'),
    /** Lease of the worker publishing it: handlers run outside the claiming transaction. */
    lockedUntil: instant('locked_until'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('outbox_events_unpublished_idx')
      .on(t.occurredAt)
      .where(sql`published_at is null`),
  ],
);
