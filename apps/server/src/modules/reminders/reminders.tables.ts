// Reminder rules (提醒规则): per tenant, seeded lazily from the built-in defaults and editable;
// every reminder a rule decided to send, keyed by (rule, subject, due cycle, repeat) so that a
// cycle is never reminded twice; the daily run's progress (resumable); conversions credited to
// a rule (last touch).
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
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

export const REMINDER_TRIGGERS = [
  'maintenance',
  'insurance',
  'inspection',
  'birthday',
  'coupon_expiring',
  'stored_value_low',
  'declined_work',
  'post_service_thanks',
  'post_service_survey',
  'win_back',
] as const;
export const STOP_CONDITIONS = ['booked', 'serviced', 'opted_out', 'replied'] as const;
export const REMINDER_CHANNELS = ['inapp', 'webpush', 'wechat', 'sms', 'email'] as const;
export const SEND_STATUSES = ['pending', 'queued', 'cancelled'] as const;
export const RUN_STATUSES = ['running', 'completed'] as const;

export interface RuleParams {
  /** win_back: days without a visit. */
  days?: number;
  /** stored_value_low: remind below this balance (fen). */
  thresholdFen?: number;
  /** How far back a missed occasion is still reminded (days). */
  windowDays?: number;
}

export const reminderRules = pgTable(
  'reminder_rules',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    /** `maintenance`, `win_back_90` …: the built-in rule it started from; unique per tenant. */
    key: text('key').notNull(),
    trigger: text('trigger', { enum: REMINDER_TRIGGERS }).notNull(),
    name: text('name'),
    leadDays: integer('lead_days').notNull(),
    repeatEveryDays: integer('repeat_every_days'),
    repeatMax: integer('repeat_max').notNull().default(0),
    /** Channels in order of preference; null: the pipeline's best reachable one. */
    channels: text('channels').array(),
    templateKey: text('template_key').notNull(),
    stopConditions: text('stop_conditions').array().notNull(),
    attributionDays: integer('attribution_days').notNull().default(14),
    params: jsonb('params').$type<RuleParams>().notNull().default({}),
    enabled: boolean('enabled').notNull().default(true),
    updatedBy: uuid('updated_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('reminder_rules_key').on(t.tenantId, t.key),
    check('reminder_rules_lead_days', sql`${t.leadDays} between 0 and 90`),
    check('reminder_rules_repeat', sql`${t.repeatMax} between 0 and 5`),
  ],
);

/**
 * One reminder a rule decided to send: inserted set-based by the rule's statement (`ON CONFLICT
 * DO NOTHING` on the key), then turned into a message intent whose dedupe key is derived from the
 * same key, so neither a rerun nor a crash between the two steps can send twice.
 */
export const reminderSends = pgTable(
  'reminder_sends',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    ruleId: uuid('rule_id').notNull(),
    subjectType: text('subject_type', { enum: ['vehicle', 'customer'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** The due cycle (`maintenance:oil_change:<last order>`, `birthday:2026` …). */
    cycleKey: text('cycle_key').notNull(),
    /** 0 the first reminder, 1… the repeats. */
    attempt: integer('attempt').notNull().default(0),
    customerId: uuid('customer_id').notNull(),
    vehicleId: uuid('vehicle_id'),
    dueDate: date('due_date', { mode: 'string' }),
    /** The tenant-local day it goes: the day decided, or later when the per-customer cap holds it. */
    runDate: date('run_date', { mode: 'string' }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: SEND_STATUSES }).notNull().default('pending'),
    intentId: uuid('intent_id'),
    reason: text('reason'),
    createdAt: createdAt(),
    queuedAt: instant('queued_at'),
    cancelledAt: instant('cancelled_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('reminder_sends_cycle_key').on(t.tenantId, t.ruleId, t.subjectId, t.cycleKey, t.attempt),
    foreignKey({
      columns: [t.tenantId, t.ruleId],
      foreignColumns: [reminderRules.tenantId, reminderRules.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    index('reminder_sends_pending_idx')
      .on(t.tenantId, t.ruleId, t.id)
      .where(sql`status = 'pending'`),
    index('reminder_sends_customer_idx').on(t.tenantId, t.customerId, t.createdAt),
    // Today's decisions (preview). No other index leads with (tenant, rule): the per-subject
    // look-up of the evaluation must use the unique key, whatever the statistics say.
    index('reminder_sends_day_idx').on(t.tenantId, t.runDate),
  ],
);

/** The daily run of one tenant on one local day: its key, and how far each rule got. */
export const reminderRuns = pgTable(
  'reminder_runs',
  {
    tenantId: tenantId(),
    runDate: date('run_date', { mode: 'string' }).notNull(),
    status: text('status', { enum: RUN_STATUSES }).notNull().default('running'),
    /** Rules whose selection statement committed today (a rerun skips them). */
    rulesSelected: text('rules_selected')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    selected: integer('selected').notNull().default(0),
    queued: integer('queued').notNull().default(0),
    attempts: integer('attempts').notNull().default(1),
    startedAt: instant('started_at').notNull(),
    completedAt: instant('completed_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.runDate] })],
);

/** A booking or paid order credited to the reminder that touched the customer last. */
export const reminderAttributions = pgTable(
  'reminder_attributions',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    ruleId: uuid('rule_id').notNull(),
    sendId: uuid('send_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    kind: text('kind', { enum: ['order', 'booking'] }).notNull(),
    referenceId: uuid('reference_id').notNull(),
    revenueFen: bigint('revenue_fen', { mode: 'number' }).notNull().default(0),
    convertedAt: instant('converted_at').notNull(),
    eventId: uuid('event_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('reminder_attributions_reference_key').on(t.tenantId, t.kind, t.referenceId),
    foreignKey({
      columns: [t.tenantId, t.ruleId],
      foreignColumns: [reminderRules.tenantId, reminderRules.id],
    }).onDelete('cascade'),
    index('reminder_attributions_rule_idx').on(t.tenantId, t.ruleId, t.convertedAt),
  ],
);
