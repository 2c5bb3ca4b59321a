import { integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantIdOfTenant } from '../db/columns.ts';

/** The first answer to each Idempotency-Key, replayed on a retry. */
export const idempotencyRecords = pgTable(
  'idempotency_records',
  {
    tenantId: tenantIdOfTenant(),
    /** Who used the key: the key space is per actor. */
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    responseBody: jsonb('response_body'),
    createdAt: createdAt(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.scope, t.key] })],
);
