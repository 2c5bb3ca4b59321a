// The self-service assistant's own tables: the tenant's settings, one dialogue state per
// conversation (what it is doing, the slots it still needs, how often it failed, whether a person
// has taken over) and every action it took for an owner (the trail staff read).
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId, updatedAt } from '../../db/columns.ts';
import { customers } from '../customers/index.ts';
import { conversations } from '../inbox/index.ts';

export const DEFAULT_HANDOVER_KEYWORDS = ['投诉', '人工', '转人工', '客服'];
export const DEFAULT_GREETING =
  '您好，我是智能助手，可以帮您预约保养、查积分和优惠券、看下次保养时间。需要人工请回复"人工"。';

/** A tenant's assistant settings; a tenant without a row has the assistant off. */
export const assistantSettings = pgTable(
  'assistant_settings',
  {
    tenantId: tenantId(),
    enabled: boolean('enabled').notNull().default(false),
    handoverKeywords: text('handover_keywords').array().notNull(),
    /** Turns in a row it could not answer before it hands over. */
    maxFailures: integer('max_failures').notNull().default(2),
    /** How long it stays silent after a handover when no one hands back. */
    silenceHours: integer('silence_hours').notNull().default(4),
    greeting: text('greeting').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] })],
);

export const SESSION_MODES = ['assistant', 'staff'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];

/** What a dialogue waits for: the intent under way, the slots filled, the question asked. */
export interface DialogueState {
  intent: 'book' | 'reschedule' | 'cancel' | null;
  service?: string | null;
  date?: string | null;
  minutes?: number | null;
  dayPart?: 'morning' | 'noon' | 'afternoon' | 'evening' | null;
  vehicleId?: string | null;
  storeId?: string | null;
  appointmentId?: string | null;
  /** The instant offered for confirmation (ISO), once every slot is filled. */
  startsAt?: string | null;
  /** Offered alternatives when the wished slot was full (ISO instants). */
  offers?: string[];
  awaiting?: 'service' | 'date' | 'time' | 'vehicle' | 'appointment' | 'confirm' | null;
  lang?: 'zh-CN' | 'en';
}

/** One per conversation the assistant has spoken in. */
export const assistantSessions = pgTable(
  'assistant_sessions',
  {
    tenantId: tenantId(),
    conversationId: uuid('conversation_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    mode: text('mode', { enum: SESSION_MODES }).notNull().default('assistant'),
    state: jsonb('state').$type<DialogueState>().notNull(),
    /** Turns in a row it could not answer. */
    failures: integer('failures').notNull().default(0),
    turns: integer('turns').notNull().default(0),
    handovers: integer('handovers').notNull().default(0),
    handedOverAt: instant('handed_over_at'),
    handoverReason: text('handover_reason'),
    handedBackAt: instant('handed_back_at'),
    lastTurnAt: instant('last_turn_at').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.conversationId] }),
    foreignKey({
      columns: [t.tenantId, t.conversationId],
      foreignColumns: [conversations.tenantId, conversations.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    index('assistant_sessions_recent_idx').on(t.tenantId, t.lastTurnAt.desc()),
    index('assistant_sessions_customer_idx').on(t.tenantId, t.customerId),
  ],
);

export const ACTION_KINDS = [
  'booked',
  'rescheduled',
  'cancelled',
  'complaint',
  'handover',
  'part_request',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** Every action the assistant took for an owner, as staff see it next to the transcript. */
export const assistantActions = pgTable(
  'assistant_actions',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    kind: text('kind', { enum: ACTION_KINDS }).notNull(),
    /** What it touched: `appointment`, `complaint`… and its id. */
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    summary: text('summary').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // No key to the conversation: a merge folds the duplicate's thread away, the trail stays
    // (found by the customer, whose id the merge re-points).
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    index('assistant_actions_customer_idx').on(t.tenantId, t.customerId, t.createdAt),
    index('assistant_actions_conversation_idx').on(t.tenantId, t.conversationId, t.createdAt),
  ],
);
