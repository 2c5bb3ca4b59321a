import {
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId, updatedAt } from '../../db/columns.ts';
import { customers } from '../customers/index.ts';
import { tenants } from '../tenancy/index.ts';

export const DATA_REQUEST_KINDS = ['export', 'correction', 'deletion'] as const;
export const DATA_REQUEST_STATUSES = ['open', 'completed', 'rejected'] as const;

/**
 * A customer's request under their data rights (PIPL arts. 45–47): a copy of their data, a
 * correction, or erasure, with the date by which it must be answered. Self-service exports and
 * corrections in the app are recorded as completed requests.
 */
export const dataRequests = pgTable(
  'data_requests',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    kind: text('kind', { enum: DATA_REQUEST_KINDS }).notNull(),
    status: text('status', { enum: DATA_REQUEST_STATUSES }).notNull().default('open'),
    /** What the customer wrote (a correction they cannot make themselves, a reason). */
    message: text('message'),
    /** The fields corrected in the app, before and after (correction requests). */
    details: jsonb('details'),
    /** How it came in: `app` (the owner), `staff` (at the counter, by phone, by letter). */
    channel: text('channel', { enum: ['app', 'staff'] }).notNull(),
    requestedAt: instant('requested_at').notNull(),
    /** The statutory deadline: working days after the request, in the tenant's time zone. */
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    handledAt: instant('handled_at'),
    handledBy: uuid('handled_by'),
    /** The answer recorded by staff (why rejected, what was done). */
    resolution: text('resolution'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    index('data_requests_status_due_idx').on(t.tenantId, t.status, t.dueOn),
    index('data_requests_customer_idx').on(t.tenantId, t.customerId, t.requestedAt),
  ],
);

/** The tenant's data-rights settings; no row: the defaults. */
export const privacySettings = pgTable('privacy_settings', {
  tenantId: tenantId()
    .primaryKey()
    .references(() => tenants.tenantId),
  /** Working days (Monday–Friday) to answer a data request. */
  deadlineWorkingDays: integer('deadline_working_days').notNull().default(15),
  updatedAt: updatedAt(),
});

/**
 * A car owner's acceptance of the shop's privacy policy at sign-in: which version, when (PIPL
 * art. 14: consent given knowingly, and provable). One row per customer and version.
 */
export const privacyPolicyConsents = pgTable(
  'privacy_policy_consents',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    policyVersion: text('policy_version').notNull(),
    acceptedAt: instant('accepted_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('privacy_policy_consents_version_key').on(t.tenantId, t.customerId, t.policyVersion),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }).onDelete('cascade'),
  ],
);
