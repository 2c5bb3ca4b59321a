// Campaigns (营销活动): a send to a segment, once, at a time or on a schedule; its recipients
// snapshotted per run (variant and hold-out decided in SQL), and the conversions attributed to it.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
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
import { segments } from '../segments/index.ts';

export const CAMPAIGN_STATUSES = [
  'draft',
  'scheduled',
  'running',
  'completed',
  'cancelled',
] as const;
export const CAMPAIGN_PLAYS = ['upsell', 'cross_sell', 'retention', 'win_back'] as const;
export const SCHEDULE_KINDS = ['now', 'once', 'recurring'] as const;
export const RECIPIENT_STATUSES = ['pending', 'queued', 'held_out', 'failed'] as const;

export interface CampaignVariant {
  key: 'A' | 'B';
  templateKey: string;
  text: string;
}
export interface Recurrence {
  frequency: 'daily' | 'weekly' | 'monthly';
  /** HH:MM in the tenant's timezone. */
  time: string;
  /** 0 = Sunday … 6 (weekly). */
  weekday?: number;
  /** 1–28 (monthly). */
  dayOfMonth?: number;
}

export const campaigns = pgTable(
  'campaigns',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    play: text('play', { enum: CAMPAIGN_PLAYS }),
    segmentId: uuid('segment_id').notNull(),
    /** One variant, or A and B with `split_percent` of the sends going to A. */
    variants: jsonb('variants').$type<CampaignVariant[]>().notNull(),
    splitPercent: integer('split_percent').notNull().default(100),
    couponTemplateId: uuid('coupon_template_id'),
    holdoutPercent: integer('holdout_percent').notNull().default(0),
    budgetMaxRecipients: integer('budget_max_recipients'),
    budgetMaxCouponFen: bigint('budget_max_coupon_fen', { mode: 'number' }),
    attributionDays: integer('attribution_days').notNull().default(7),
    channels: text('channels').array(),
    scheduleKind: text('schedule_kind', { enum: SCHEDULE_KINDS }).notNull().default('now'),
    sendAt: instant('send_at'),
    recurrence: jsonb('recurrence').$type<Recurrence>(),
    nextRunAt: instant('next_run_at'),
    status: text('status', { enum: CAMPAIGN_STATUSES }).notNull().default('draft'),
    runs: integer('runs').notNull().default(0),
    createdBy: uuid('created_by'),
    launchedAt: instant('launched_at'),
    completedAt: instant('completed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.segmentId],
      foreignColumns: [segments.tenantId, segments.id],
    }),
    check('campaigns_holdout', sql`${t.holdoutPercent} between 0 and 50`),
    check('campaigns_split', sql`${t.splitPercent} between 1 and 100`),
    check('campaigns_attribution', sql`${t.attributionDays} between 1 and 90`),
    index('campaigns_due_idx')
      .on(t.nextRunAt)
      .where(sql`status = 'scheduled'`),
  ],
);

/** One send of a campaign (a recurring campaign has one per occurrence). */
export const campaignRuns = pgTable(
  'campaign_runs',
  {
    tenantId: tenantId(),
    campaignId: uuid('campaign_id').notNull(),
    runNo: integer('run_no').notNull(),
    status: text('status', { enum: ['sending', 'completed'] }).notNull(),
    targeted: integer('targeted').notNull().default(0),
    startedAt: instant('started_at').notNull(),
    completedAt: instant('completed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.campaignId, t.runNo] }),
    foreignKey({
      columns: [t.tenantId, t.campaignId],
      foreignColumns: [campaigns.tenantId, campaigns.id],
    }).onDelete('cascade'),
  ],
);

/** Who a run targeted, snapshotted at its start in one INSERT … SELECT. */
export const campaignRecipients = pgTable(
  'campaign_recipients',
  {
    tenantId: tenantId(),
    campaignId: uuid('campaign_id').notNull(),
    runNo: integer('run_no').notNull(),
    customerId: uuid('customer_id').notNull(),
    variant: text('variant').notNull(),
    heldOut: boolean('held_out').notNull(),
    status: text('status', { enum: RECIPIENT_STATUSES }).notNull(),
    intentId: uuid('intent_id'),
    couponId: uuid('coupon_id'),
    reason: text('reason'),
    /** When the message was queued (or, held out, when the run started): the attribution clock. */
    touchedAt: instant('touched_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.campaignId, t.runNo, t.customerId] }),
    foreignKey({
      columns: [t.tenantId, t.campaignId, t.runNo],
      foreignColumns: [campaignRuns.tenantId, campaignRuns.campaignId, campaignRuns.runNo],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    index('campaign_recipients_customer_idx').on(t.tenantId, t.customerId, t.touchedAt),
    index('campaign_recipients_pending_idx')
      .on(t.tenantId, t.campaignId, t.runNo, t.customerId)
      .where(sql`status = 'pending'`),
  ],
);

/** A booking or paid order credited to the campaign that touched the customer last. */
export const campaignAttributions = pgTable(
  'campaign_attributions',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    campaignId: uuid('campaign_id').notNull(),
    runNo: integer('run_no').notNull(),
    customerId: uuid('customer_id').notNull(),
    heldOut: boolean('held_out').notNull(),
    variant: text('variant').notNull(),
    kind: text('kind', { enum: ['order', 'booking'] }).notNull(),
    referenceId: uuid('reference_id').notNull(),
    revenueFen: bigint('revenue_fen', { mode: 'number' }).notNull().default(0),
    convertedAt: instant('converted_at').notNull(),
    eventId: uuid('event_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('campaign_attributions_reference_key').on(t.tenantId, t.kind, t.referenceId),
    foreignKey({
      columns: [t.tenantId, t.campaignId],
      foreignColumns: [campaigns.tenantId, campaigns.id],
    }).onDelete('cascade'),
    index('campaign_attributions_campaign_idx').on(t.tenantId, t.campaignId),
  ],
);
