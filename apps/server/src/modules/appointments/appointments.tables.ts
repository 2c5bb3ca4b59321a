import {
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  time,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, instant, tenantId, updatedAt } from '../../db/columns.ts';
import { customers } from '../customers/index.ts';
import { stores } from '../tenancy/index.ts';
import { vehicles } from '../vehicles/index.ts';

export const APPOINTMENT_STATUSES = [
  'booked',
  'confirmed',
  'checked_in',
  'completed',
  'cancelled',
  'no_show',
] as const;

/** Opening hours of a store per weekday (0 = Sunday … 6), in the store's (or tenant's) timezone. */
export const storeOpeningHours = pgTable(
  'store_opening_hours',
  {
    tenantId: tenantId(),
    storeId: uuid('store_id').notNull(),
    weekday: integer('weekday').notNull(),
    opensAt: time('opens_at').notNull(),
    closesAt: time('closes_at').notNull(),
    slotMinutes: integer('slot_minutes').notNull().default(60),
    /** How many cars the store takes in one slot. */
    capacity: integer('capacity').notNull().default(2),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.storeId, t.weekday] }),
    foreignKey({
      columns: [t.tenantId, t.storeId],
      foreignColumns: [stores.tenantId, stores.id],
    }).onDelete('cascade'),
    check('store_opening_hours_weekday', sql`${t.weekday} between 0 and 6`),
    check('store_opening_hours_span', sql`${t.closesAt} > ${t.opensAt}`),
    check('store_opening_hours_slot', sql`${t.slotMinutes} between 10 and 480`),
    check('store_opening_hours_capacity', sql`${t.capacity} between 0 and 500`),
  ],
);

/**
 * One row per slot that has bookings: `booked` can never exceed `capacity` (a check the
 * database enforces), so two concurrent bookings of the last place cannot both succeed.
 */
export const appointmentSlots = pgTable(
  'appointment_slots',
  {
    tenantId: tenantId(),
    storeId: uuid('store_id').notNull(),
    startsAt: instant('starts_at').notNull(),
    capacity: integer('capacity').notNull(),
    booked: integer('booked').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.storeId, t.startsAt] }),
    foreignKey({
      columns: [t.tenantId, t.storeId],
      foreignColumns: [stores.tenantId, stores.id],
    }).onDelete('cascade'),
    check(
      'appointment_slots_within_capacity',
      sql`${t.booked} >= 0 and ${t.booked} <= ${t.capacity}`,
    ),
  ],
);

/** 预约: a booked slot at a store for a car. */
export const appointments = pgTable(
  'appointments',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    storeId: uuid('store_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    vehicleId: uuid('vehicle_id'),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    serviceCategory: text('service_category'),
    status: text('status', { enum: APPOINTMENT_STATUSES }).notNull().default('booked'),
    notes: text('notes'),
    createdByType: text('created_by_type', {
      enum: ['staff', 'customer', 'api_key', 'system'],
    }).notNull(),
    createdBy: uuid('created_by'),
    cancelledAt: instant('cancelled_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.vehicleId],
      foreignColumns: [vehicles.tenantId, vehicles.id],
    }),
    index('appointments_store_day_idx').on(t.tenantId, t.storeId, t.startsAt),
    index('appointments_customer_idx').on(t.tenantId, t.customerId, t.startsAt),
  ],
);
