import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  real,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId, updatedAt } from '../../db/columns.ts';
import { customers } from '../customers/index.ts';

export const SUBJECT_TYPES = ['article', 'magazine_issue'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];
export const READING_EVENTS = ['opened', 'progress', 'finished'] as const;

/**
 * What an owner read, as the app and public pages report it: one row per event, with the points
 * it added (0 for a repeat within the dedupe window). Deleted at once when the owner switches
 * personalisation off, and on erasure.
 */
export const readingEvents = pgTable(
  'reading_events',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    subjectType: text('subject_type', { enum: SUBJECT_TYPES }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    event: text('event', { enum: READING_EVENTS }).notNull(),
    seconds: integer('seconds'),
    depth: real('depth'),
    points: real('points').notNull().default(0),
    occurredAt: instant('occurred_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    // The dedupe window's look-back: this customer's events on this subject, newest last.
    index('reading_events_subject_idx').on(
      t.tenantId,
      t.customerId,
      t.subjectType,
      t.subjectId,
      t.occurredAt,
    ),
    check('reading_events_seconds', sql`${t.seconds} is null or ${t.seconds} between 0 and 7200`),
    check('reading_events_depth', sql`${t.depth} is null or ${t.depth} between 0 and 1`),
  ],
);

/**
 * A customer's reading interest in a tag: points valued at `asOf` (decay is applied on read), and
 * `level` = log2(points) + asOf / half-life, which decay does not change, so a segment asks
 * "score ≥ v now" as an index range on (tenant, tag, level). Updated set-based with each event.
 */
export const interestScores = pgTable(
  'interest_scores',
  {
    tenantId: tenantId(),
    customerId: uuid('customer_id').notNull(),
    tagSlug: text('tag_slug').notNull(),
    points: doublePrecision('points').notNull(),
    asOf: instant('as_of').notNull(),
    level: doublePrecision('level').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.customerId, t.tagSlug] }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    index('interest_scores_level_idx').on(t.tenantId, t.tagSlug, t.level, t.customerId),
    check('interest_scores_points', sql`${t.points} > 0`),
  ],
);

/** Tags an owner follows (关注): a strong signal that does not decay while it lasts. */
export const interestFollows = pgTable(
  'interest_follows',
  {
    tenantId: tenantId(),
    customerId: uuid('customer_id').notNull(),
    tagSlug: text('tag_slug').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.customerId, t.tagSlug] }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    index('interest_follows_tag_idx').on(t.tenantId, t.tagSlug, t.customerId),
  ],
);

/** The owner's personalisation switch; no row: on. Off: nothing is recorded or used. */
export const interestSettings = pgTable(
  'interest_settings',
  {
    tenantId: tenantId(),
    customerId: uuid('customer_id').notNull(),
    personalised: boolean('personalised').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.customerId] }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    index('interest_settings_off_idx')
      .on(t.tenantId, t.customerId)
      .where(sql`not personalised`),
  ],
);

/** Every change of the switch (PIPL consent record): who, how and when. */
export const interestConsents = pgTable(
  'interest_consents',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    granted: boolean('granted').notNull(),
    method: text('method', { enum: ['app', 'staff'] }).notNull(),
    recordedAt: instant('recorded_at').notNull(),
    recordedBy: uuid('recorded_by'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    index('interest_consents_customer_idx').on(t.tenantId, t.customerId, t.recordedAt),
  ],
);
