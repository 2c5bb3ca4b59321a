// Complaint tickets (投诉工单) with their timeline, SLA escalations and numbering; SLA policies
// and the holiday list; after-service surveys (NPS, stars, comment) and the tenant's settings.
import { sql } from 'drizzle-orm';
import {
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
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId, updatedAt } from '../../db/columns.ts';
import { customers } from '../customers/index.ts';
import { stores } from '../tenancy/index.ts';

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export const COMPLAINT_SOURCES = ['app', 'staff', 'survey', 'assistant'] as const;
/** waiting_parts / waiting_owner pause the SLA clocks. */
export const COMPLAINT_STATUSES = [
  'open',
  'in_progress',
  'waiting_parts',
  'waiting_owner',
  'resolved',
  'closed',
] as const;
export const TIMELINE_KINDS = [
  'created',
  'status',
  'note',
  'reply',
  'owner_message',
  'assigned',
  'escalated',
  'coupon',
] as const;
export const BREACH_KINDS = ['first_response', 'resolution'] as const;
export const SURVEY_STATUSES = ['scheduled', 'sent', 'answered'] as const;

export interface ReviewPage {
  name: string;
  url: string;
}

/** One row per tenant, made with defaults on first use. */
export const feedbackSettings = pgTable('feedback_settings', {
  tenantId: tenantId().primaryKey(),
  surveyDelayMinutes: integer('survey_delay_minutes').notNull().default(120),
  surveyExpiryDays: integer('survey_expiry_days').notNull().default(7),
  /** How long after a ticket is resolved the owner may reopen it. */
  reopenDays: integer('reopen_days').notNull().default(7),
  recoveryTemplateId: uuid('recovery_template_id'),
  /** Recovery coupons a month (tenant calendar); 0 = none. */
  recoveryMonthlyBudget: integer('recovery_monthly_budget').notNull().default(0),
  reviewPages: jsonb('review_pages').$type<ReviewPage[]>().notNull().default([]),
  categories: jsonb('categories').$type<string[]>().notNull(),
  /** At a breach, also hand the ticket to the store manager. */
  escalationReassign: boolean('escalation_reassign').notNull().default(false),
  /** Signs the public survey links (HMAC-SHA256). */
  signingKey: text('signing_key').notNull(),
  updatedAt: updatedAt(),
});

/** SLA targets per severity, in business minutes of the ticket's store. */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    tenantId: tenantId(),
    severity: text('severity', { enum: SEVERITIES }).notNull(),
    firstResponseMinutes: integer('first_response_minutes').notNull(),
    resolutionMinutes: integer('resolution_minutes').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.severity] }),
    check(
      'sla_policies_minutes',
      sql`${t.firstResponseMinutes} between 1 and 100000 and ${t.resolutionMinutes} between ${t.firstResponseMinutes} and 1000000`,
    ),
  ],
);

/** Days the SLA clocks do not run (public holidays), in every store's calendar. */
export const feedbackHolidays = pgTable(
  'feedback_holidays',
  {
    tenantId: tenantId(),
    day: date('day', { mode: 'string' }).notNull(),
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.day] })],
);

export const complaintTickets = pgTable(
  'complaint_tickets',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    /** TS-YYYYMMDD-NNNN, per tenant and local day. */
    number: text('number').notNull(),
    customerId: uuid('customer_id').notNull(),
    storeId: uuid('store_id'),
    vehicleId: uuid('vehicle_id'),
    serviceOrderId: uuid('service_order_id'),
    conversationId: uuid('conversation_id'),
    surveyId: uuid('survey_id'),
    source: text('source', { enum: COMPLAINT_SOURCES }).notNull(),
    category: text('category').notNull(),
    severity: text('severity', { enum: SEVERITIES }).notNull(),
    summary: text('summary').notNull(),
    status: text('status', { enum: COMPLAINT_STATUSES }).notNull().default('open'),
    assigneeId: uuid('assignee_id'),
    /** Each reopening starts a new SLA cycle (escalations are once per cycle and kind). */
    cycle: integer('cycle').notNull().default(0),
    firstRespondedAt: instant('first_responded_at'),
    resolvedAt: instant('resolved_at'),
    closedAt: instant('closed_at'),
    /** Deadlines while the clock runs; null while paused or met. */
    firstDueAt: instant('first_due_at'),
    resolveDueAt: instant('resolve_due_at'),
    /** Business minutes left when paused (the deadline is set again on resuming). */
    firstLeftMinutes: integer('first_left_minutes'),
    resolveLeftMinutes: integer('resolve_left_minutes'),
    pausedAt: instant('paused_at'),
    firstBreachedAt: instant('first_breached_at'),
    resolveBreachedAt: instant('resolve_breached_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('complaint_tickets_number_key').on(t.tenantId, t.number),
    index('complaint_tickets_status_idx').on(t.tenantId, t.status, t.createdAt),
    index('complaint_tickets_customer_idx').on(t.tenantId, t.customerId, t.createdAt),
    index('complaint_tickets_first_due_idx').on(t.firstDueAt),
    index('complaint_tickets_resolve_due_idx').on(t.resolveDueAt),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
  ],
);

/** The last number given per tenant and local day. */
export const complaintCounters = pgTable(
  'complaint_counters',
  {
    tenantId: tenantId(),
    day: text('day').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.day] })],
);

/** Everything that happened to a ticket; `ownerVisible` rows are shown in the app. */
export const complaintEvents = pgTable(
  'complaint_events',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    at: instant('at').notNull(),
    kind: text('kind', { enum: TIMELINE_KINDS }).notNull(),
    actorType: text('actor_type').notNull(),
    actorId: uuid('actor_id'),
    body: text('body'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    ownerVisible: boolean('owner_visible').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('complaint_events_ticket_idx').on(t.tenantId, t.ticketId, t.at),
    foreignKey({
      columns: [t.tenantId, t.ticketId],
      foreignColumns: [complaintTickets.tenantId, complaintTickets.id],
    }).onDelete('cascade'),
  ],
);

/** One escalation per ticket, SLA cycle and breach kind: the key makes it happen once. */
export const complaintEscalations = pgTable(
  'complaint_escalations',
  {
    tenantId: tenantId(),
    ticketId: uuid('ticket_id').notNull(),
    cycle: integer('cycle').notNull(),
    kind: text('kind', { enum: BREACH_KINDS }).notNull(),
    at: instant('at').notNull(),
    notifiedStaffIds: jsonb('notified_staff_ids').$type<string[]>().notNull().default([]),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.ticketId, t.cycle, t.kind] }),
    foreignKey({
      columns: [t.tenantId, t.ticketId],
      foreignColumns: [complaintTickets.tenantId, complaintTickets.id],
    }).onDelete('cascade'),
  ],
);

/** One survey per paid order: scheduled, sent (link out), answered. */
export const surveys = pgTable(
  'surveys',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    serviceOrderId: uuid('service_order_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    storeId: uuid('store_id'),
    advisorId: uuid('advisor_id'),
    status: text('status', { enum: SURVEY_STATUSES }).notNull().default('scheduled'),
    paidAt: instant('paid_at').notNull(),
    dueAt: instant('due_at').notNull(),
    sentAt: instant('sent_at'),
    expiresAt: instant('expires_at'),
    nps: integer('nps'),
    stars: integer('stars'),
    comment: text('comment'),
    reasons: jsonb('reasons').$type<string[]>().notNull().default([]),
    answeredAt: instant('answered_at'),
    detailsAt: instant('details_at'),
    ticketId: uuid('ticket_id'),
    couponId: uuid('coupon_id'),
    alertedAt: instant('alerted_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('surveys_order_key').on(t.tenantId, t.serviceOrderId),
    index('surveys_due_idx').on(t.status, t.dueAt),
    index('surveys_answered_idx').on(t.tenantId, t.answeredAt),
    index('surveys_sent_idx').on(t.tenantId, t.sentAt),
    index('surveys_customer_idx').on(t.tenantId, t.customerId),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    check('surveys_nps', sql`${t.nps} is null or ${t.nps} between 0 and 10`),
    check('surveys_stars', sql`${t.stars} is null or ${t.stars} between 1 and 5`),
  ],
);

export type Severity = (typeof SEVERITIES)[number];
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export type ComplaintSource = (typeof COMPLAINT_SOURCES)[number];
