import { sql } from 'drizzle-orm';
import {
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId, updatedAt } from '../../db/columns.ts';
import { customers } from '../customers/index.ts';

export const FUEL_TYPES = ['petrol', 'diesel', 'hybrid', 'electric', 'other'] as const;
export const ODOMETER_SOURCES = ['order', 'owner', 'import', 'staff'] as const;

export const vehicles = pgTable(
  'vehicles',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    vin: text('vin'),
    plate: text('plate'),
    make: text('make'),
    model: text('model'),
    year: integer('year'),
    fuelType: text('fuel_type', { enum: FUEL_TYPES }).notNull().default('petrol'),
    registrationDate: date('registration_date', { mode: 'string' }),
    /** Segments compare makes case-blind: kept by the database, indexed with the owner. */
    makeKey: text('make_key').generatedAlwaysAs(sql`lower(make)`),
    /** Model year, else the year of first registration: what a car's age counts from. */
    modelYear: integer('model_year').generatedAlwaysAs(
      sql`coalesce(year, extract(year from registration_date)::int)`,
    ),
    insuranceExpiry: date('insurance_expiry', { mode: 'string' }),
    nextInspectionDate: date('next_inspection_date', { mode: 'string' }),
    externalId: text('external_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    unique('vehicles_tenant_vin_key').on(t.tenantId, t.vin),
    unique('vehicles_tenant_plate_key').on(t.tenantId, t.plate),
    unique('vehicles_tenant_external_id_key').on(t.tenantId, t.externalId),
    index('vehicles_tenant_customer_idx').on(t.tenantId, t.customerId),
    // Segment car leaves on make and fuel read the owners of the matching cars from these alone
    // (index-only scans), never the cars themselves.
    index('vehicles_make_owner_idx').on(t.tenantId, t.makeKey, t.customerId),
    index('vehicles_fuel_owner_idx').on(t.tenantId, t.fuelType, t.customerId),
    index('vehicles_plate_trgm').using('gin', t.plate.op('gin_trgm_ops')),
    // The search box matches any part of a VIN (staff type the last six characters).
    index('vehicles_vin_trgm').using('gin', t.vin.op('gin_trgm_ops')),
  ],
);

export const odometerReadings = pgTable(
  'odometer_readings',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    readAt: instant('read_at').notNull(),
    mileageKm: integer('mileage_km').notNull(),
    source: text('source', { enum: ODOMETER_SOURCES }).notNull(),
    serviceOrderId: uuid('service_order_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.vehicleId],
      foreignColumns: [vehicles.tenantId, vehicles.id],
    }).onDelete('cascade'),
    index('odometer_readings_vehicle_idx').on(t.tenantId, t.vehicleId, t.readAt),
  ],
);

/** Who owned a car when: a transfer closes one row and opens the next; history stays with the car. */
export const vehicleOwnerships = pgTable(
  'vehicle_ownerships',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    fromAt: instant('from_at').notNull(),
    toAt: instant('to_at'),
    reason: text('reason'),
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
    index('vehicle_ownerships_vehicle_idx').on(t.tenantId, t.vehicleId, t.fromAt),
  ],
);
