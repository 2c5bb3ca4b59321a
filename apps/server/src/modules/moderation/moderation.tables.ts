import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId, updatedAt } from '../../db/columns.ts';

/** Why a piece waits in the queue: held on submission, or reported by readers. */
export const QUEUE_REASONS = ['keyword', 'link', 'image', 'new_member', 'reports'] as const;
export const REPORT_REASONS = ['spam', 'abuse', 'ads', 'privacy', 'illegal', 'other'] as const;
export const DECISION_ACTIONS = ['hide', 'restore', 'approve'] as const;
export const LOG_ACTIONS = [
  'hold',
  'hide',
  'restore',
  'approve',
  'auto_hide',
  'mute',
  'unmute',
  'keyword_add',
  'keyword_remove',
  'settings',
] as const;
export const LOG_ACTOR_TYPES = ['staff', 'api_key', 'system'] as const;

/**
 * A piece waiting for a moderator: at most one open item per subject (reports and holds join
 * it); a decision closes it, and a later report opens a new one with a fresh weighted sum.
 */
export const moderationQueueItems = pgTable(
  'moderation_queue_items',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    kind: text('kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
    reasons: text('reasons', { enum: QUEUE_REASONS }).array().notNull(),
    /** The weighted sum of the reports made while this item is open. */
    reportWeight: integer('report_weight').notNull().default(0),
    openedAt: instant('opened_at').notNull(),
    /** When the reports' weight passed the threshold and the piece was hidden by the system. */
    autoHiddenAt: instant('auto_hidden_at'),
    closedAt: instant('closed_at'),
    decision: text('decision', { enum: DECISION_ACTIONS }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('moderation_queue_items_open_key')
      .on(t.tenantId, t.kind, t.subjectId)
      .where(sql`closed_at is null`),
    index('moderation_queue_items_open_idx')
      .on(t.tenantId, t.openedAt, t.id)
      .where(sql`closed_at is null`),
    check('moderation_queue_items_weight', sql`${t.reportWeight} >= 0`),
  ],
);

/** A reader's report of a piece: one per reporter and piece, ever. */
export const moderationReports = pgTable(
  'moderation_reports',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    kind: text('kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** The queue item the report was counted in. */
    queueItemId: uuid('queue_item_id').notNull(),
    reporterCustomerId: uuid('reporter_customer_id').notNull(),
    reason: text('reason', { enum: REPORT_REASONS }).notNull(),
    note: text('note'),
    weight: integer('weight').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('moderation_reports_reporter_key').on(
      t.tenantId,
      t.kind,
      t.subjectId,
      t.reporterCustomerId,
    ),
    foreignKey({
      columns: [t.tenantId, t.queueItemId],
      foreignColumns: [moderationQueueItems.tenantId, moderationQueueItems.id],
    }),
    index('moderation_reports_item_idx').on(t.tenantId, t.queueItemId),
    check('moderation_reports_weight', sql`${t.weight} > 0`),
  ],
);

/** A member kept from writing, in one scope (a club) or everywhere (scope null), until a time. */
export const moderationMutes = pgTable(
  'moderation_mutes',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    scopeId: uuid('scope_id'),
    until: instant('until').notNull(),
    reason: text('reason').notNull(),
    hidePast: boolean('hide_past').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    /** Lifted before its end. */
    endedAt: instant('ended_at'),
    endedBy: uuid('ended_by'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('moderation_mutes_customer_idx').on(t.tenantId, t.customerId, t.until),
  ],
);

/** Words that hold a piece for review, kept normalised (case, full-width) for matching. */
export const moderationKeywords = pgTable(
  'moderation_keywords',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    word: text('word').notNull(),
    normalised: text('normalised').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('moderation_keywords_word_key').on(t.tenantId, t.normalised),
  ],
);

/** The tenant's thresholds (a tenant without a row has the defaults). */
export const moderationSettings = pgTable(
  'moderation_settings',
  {
    tenantId: tenantId().primaryKey(),
    autoHideThreshold: integer('auto_hide_threshold').notNull(),
    minTrustForLinks: integer('min_trust_for_links').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('moderation_settings_threshold', sql`${t.autoHideThreshold} between 1 and 1000`),
    check('moderation_settings_trust', sql`${t.minTrustForLinks} between 0 and 100`),
  ],
);

/** Every decision: who (a staff member, an API key or the system), on what, why and when. */
export const moderationLog = pgTable(
  'moderation_log',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    action: text('action', { enum: LOG_ACTIONS }).notNull(),
    actorType: text('actor_type', { enum: LOG_ACTOR_TYPES }).notNull(),
    actorId: uuid('actor_id'),
    kind: text('kind'),
    subjectId: uuid('subject_id'),
    customerId: uuid('customer_id'),
    muteId: uuid('mute_id'),
    keyword: text('keyword'),
    reason: text('reason').notNull().default(''),
    at: instant('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('moderation_log_at_idx').on(t.tenantId, t.at, t.id),
    index('moderation_log_subject_idx').on(t.tenantId, t.kind, t.subjectId),
    index('moderation_log_actor_idx').on(t.tenantId, t.actorId, t.at),
  ],
);
