import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId } from '../../db/columns.ts';
import { customers } from '../customers/index.ts';
import { vehicles } from '../vehicles/index.ts';

export const CALL_OUTCOMES = [
  'reached_will_book',
  'reached_not_now',
  'no_answer',
  'wrong_number',
  'other',
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/**
 * What staff decided for a car on the call list (电话清单): snoozed until a day, or not
 * interested for the due items it had then. One row per car; the hold is for the owner it was
 * decided with (a car sold to someone else starts afresh). Reminders read it (the hold stops
 * the automatic rules for the car).
 */
export const callListEntries = pgTable(
  'call_list_entries',
  {
    tenantId: tenantId(),
    vehicleId: uuid('vehicle_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    /** Hidden (and reminders held) until this tenant-local day, exclusive. */
    snoozedUntil: date('snoozed_until', { mode: 'string' }),
    notInterestedAt: instant('not_interested_at'),
    /** The due cycles (`item_key:basis`) the owner declined: a due item not among them ends it. */
    notInterestedItems: text('not_interested_items').array(),
    updatedAt: instant('updated_at').notNull(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.vehicleId] }),
    foreignKey({
      columns: [t.tenantId, t.vehicleId],
      foreignColumns: [vehicles.tenantId, vehicles.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
  ],
);

/** Every call staff logged from the call list (append-only), newest shown as the last contact. */
export const callLogs = pgTable(
  'call_logs',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    outcome: text('outcome', { enum: CALL_OUTCOMES }).notNull(),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.vehicleId],
      foreignColumns: [vehicles.tenantId, vehicles.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    index('call_logs_vehicle_idx').on(t.tenantId, t.vehicleId, t.createdAt),
    index('call_logs_customer_idx').on(t.tenantId, t.customerId, t.createdAt),
    check('call_logs_note_length', sql`char_length(${t.note}) <= 500`),
  ],
);
