import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId, updatedAt } from '../../db/columns.ts';
import { vehicles } from '../vehicles/index.ts';

export const DUE_KINDS = [
  'maintenance',
  'insurance',
  'inspection',
  'warranty',
  'recall',
  'custom',
] as const;
export const CUSTOM_DUE_KINDS = ['recall', 'custom'] as const;
export const CUSTOM_DUE_STATUSES = ['open', 'done', 'dismissed'] as const;
export const RATE_SOURCES = ['own', 'fleet', 'default'] as const;
export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export const DUE_TRIGGERS = ['time', 'mileage', 'date'] as const;
export const DUE_BASES = ['service', 'registration', 'first_reading', 'none'] as const;

/** A tenant's due-list settings; a tenant without a row uses the defaults. */
export const dueSettings = pgTable(
  'due_settings',
  {
    tenantId: tenantId(),
    insuranceLeadDays: integer('insurance_lead_days').notNull().default(30),
    inspectionLeadDays: integer('inspection_lead_days').notNull().default(30),
    warrantyYears: integer('warranty_years').notNull().default(3),
    warrantyKm: integer('warranty_km'),
    warrantyLeadDays: integer('warranty_lead_days').notNull().default(60),
    /** Overrides the fleet average for cars without enough readings. */
    defaultDailyKm: doublePrecision('default_daily_km'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] })],
);

/**
 * A tenant's override of a built-in service interval (`code`), for every make (`make` = '')
 * or one make. Without a row the built-in default of `intervals.ts` applies.
 */
export const dueIntervals = pgTable(
  'due_intervals',
  {
    tenantId: tenantId(),
    code: text('code').notNull(),
    make: text('make').notNull().default(''),
    intervalKm: integer('interval_km'),
    intervalMonths: integer('interval_months'),
    leadDays: integer('lead_days').notNull().default(30),
    enabled: boolean('enabled').notNull().default(true),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.code, t.make] }),
    check(
      'due_intervals_some_interval',
      sql`${t.intervalKm} is not null or ${t.intervalMonths} is not null`,
    ),
  ],
);

/** Recalls and other items staff enter for one car (召回 / 自定义提醒). */
export const dueCustomItems = pgTable(
  'due_custom_items',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    kind: text('kind', { enum: CUSTOM_DUE_KINDS }).notNull(),
    title: text('title').notNull(),
    description: text('description'),
    dueDate: date('due_date', { mode: 'string' }),
    dueKm: integer('due_km'),
    leadDays: integer('lead_days').notNull().default(30),
    /** Photos of what was found (a declined inspection item's), media ids. */
    photoIds: uuid('photo_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    status: text('status', { enum: CUSTOM_DUE_STATUSES }).notNull().default('open'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    closedAt: instant('closed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.vehicleId],
      foreignColumns: [vehicles.tenantId, vehicles.id],
    }).onDelete('cascade'),
    index('due_custom_items_vehicle_idx').on(t.tenantId, t.vehicleId),
  ],
);

/** Each car's daily-mileage estimate (`prediction.ts`), materialised set-based by `due.sql.ts`. */
export const vehicleMileageEstimates = pgTable(
  'vehicle_mileage_estimates',
  {
    tenantId: tenantId(),
    vehicleId: uuid('vehicle_id').notNull(),
    dailyKm: doublePrecision('daily_km').notNull(),
    source: text('source', { enum: RATE_SOURCES }).notNull(),
    confidence: text('confidence', { enum: CONFIDENCES }).notNull(),
    readingsTotal: integer('readings_total').notNull(),
    readingsUsed: integer('readings_used').notNull(),
    spreadKmPerDay: doublePrecision('spread_km_per_day'),
    spanDays: doublePrecision('span_days').notNull(),
    anchorKm: integer('anchor_km'),
    anchorAt: instant('anchor_at'),
    computedAt: instant('computed_at').notNull(),
    /**
     * What the car's due-list was computed from (readings, finished orders, car fields, staff
     * items, settings), when computed for this car alone: a read that finds another
     * fingerprint recomputes first. Null after a tenant-wide run.
     */
    fingerprint: text('fingerprint'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.vehicleId] }),
    foreignKey({
      columns: [t.tenantId, t.vehicleId],
      foreignColumns: [vehicles.tenantId, vehicles.id],
    }).onDelete('cascade'),
  ],
);

/** The tenant's fleet average km a day (cars with an own rate), the fallback for the others. */
export const dueFleetStats = pgTable(
  'due_fleet_stats',
  {
    tenantId: tenantId(),
    fleetDailyKm: doublePrecision('fleet_daily_km'),
    cars: integer('cars').notNull(),
    computedAt: instant('computed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] })],
);

/**
 * What each car needs next (到期项目), materialised set-based for the whole tenant and
 * recomputed per car on events. Status (overdue / due soon / ok) is derived at read time from
 * `due_date` and `lead_days`, so the rows stay right as days pass.
 */
export const vehicleDueItems = pgTable(
  'vehicle_due_items',
  {
    tenantId: tenantId(),
    vehicleId: uuid('vehicle_id').notNull(),
    /** `maintenance:oil_change`, `insurance`, `custom:<id>` … */
    itemKey: text('item_key').notNull(),
    kind: text('kind', { enum: DUE_KINDS }).notNull(),
    code: text('code'),
    customItemId: uuid('custom_item_id'),
    title: text('title'),
    customerId: uuid('customer_id').notNull(),
    storeId: uuid('store_id'),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    dueKm: integer('due_km'),
    trigger: text('trigger', { enum: DUE_TRIGGERS }).notNull(),
    leadDays: integer('lead_days').notNull(),
    intervalKm: integer('interval_km'),
    intervalMonths: integer('interval_months'),
    basis: text('basis', { enum: DUE_BASES }).notNull(),
    lastDoneOn: date('last_done_on', { mode: 'string' }),
    lastDoneKm: integer('last_done_km'),
    lastOrderId: uuid('last_order_id'),
    computedAt: instant('computed_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.vehicleId, t.itemKey] }),
    foreignKey({
      columns: [t.tenantId, t.vehicleId],
      foreignColumns: [vehicles.tenantId, vehicles.id],
    }).onDelete('cascade'),
    index('vehicle_due_items_due_idx').on(t.tenantId, t.dueDate),
  ],
);
