// Digital vehicle inspection (车辆检查): per-tenant templates of check points, an inspection of a
// car on a service order with a status, measurement, photos, note and recommended job per point,
// and the owner's decision on each job.
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  doublePrecision,
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
import { serviceOrders, type SERVICE_CATEGORIES } from '../service/index.ts';
import { vehicles } from '../vehicles/index.ts';

export const MEASUREMENT_KINDS = ['none', 'mm', 'percent', 'volts'] as const;
export const CHECK_STATUSES = ['green', 'amber', 'red'] as const;
export const INSPECTION_STATUSES = ['draft', 'sent'] as const;
export const JOB_DECISIONS = ['approved', 'declined'] as const;

/**
 * One check point of a template. `amberAt` / `redAt`: a measured value at or below them (or at or
 * above, when `higherIsWorse`) suggests amber / red; `min` / `max`: what a reading can be.
 * `wearPerThousandKm`: how much of the measure goes per 1,000 km (brake pads, tread), to predict
 * when a declined item reaches its limit.
 */
export interface TemplatePoint {
  key: string;
  section: string;
  label: string;
  measurement: (typeof MEASUREMENT_KINDS)[number];
  min?: number | null;
  max?: number | null;
  amberAt?: number | null;
  redAt?: number | null;
  higherIsWorse?: boolean;
  wearPerThousandKm?: number | null;
  category: (typeof SERVICE_CATEGORIES)[number];
  why: string;
}

export const inspectionTemplates = pgTable(
  'inspection_templates',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    points: jsonb('points').$type<TemplatePoint[]>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const inspections = pgTable(
  'inspections',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    orderId: uuid('order_id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    /** The order's customer: the one who decides on the jobs. */
    customerId: uuid('customer_id').notNull(),
    storeId: uuid('store_id').notNull(),
    templateId: uuid('template_id'),
    technicianId: uuid('technician_id'),
    advisorId: uuid('advisor_id'),
    status: text('status', { enum: INSPECTION_STATUSES }).notNull().default('draft'),
    mileageKm: integer('mileage_km'),
    sentAt: instant('sent_at'),
    firstViewedAt: instant('first_viewed_at'),
    /** Seconds the owner had the report open (summed from the app's pings). */
    viewSeconds: integer('view_seconds').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.orderId],
      foreignColumns: [serviceOrders.tenantId, serviceOrders.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.vehicleId],
      foreignColumns: [vehicles.tenantId, vehicles.id],
    }).onDelete('cascade'),
    index('inspections_order_idx').on(t.tenantId, t.orderId),
    index('inspections_vehicle_idx').on(t.tenantId, t.vehicleId, t.createdAt),
    index('inspections_created_idx').on(t.tenantId, t.createdAt),
  ],
);

export const inspectionItems = pgTable(
  'inspection_items',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    inspectionId: uuid('inspection_id').notNull(),
    position: integer('position').notNull(),
    point: jsonb('point').$type<TemplatePoint>().notNull(),
    status: text('status', { enum: CHECK_STATUSES }),
    value: doublePrecision('value'),
    note: text('note'),
    photoIds: uuid('photo_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    jobDescription: text('job_description'),
    labourFen: bigint('labour_fen', { mode: 'number' }),
    partsFen: bigint('parts_fen', { mode: 'number' }),
    decision: text('decision', { enum: JOB_DECISIONS }),
    decidedAt: instant('decided_at'),
    /** The declined work noted on the order (service's declined recommendations). */
    declinedId: uuid('declined_id'),
    /** The due item (automation's staff item) the declined work became. */
    dueItemId: uuid('due_item_id'),
    /** The later order that did the declined work: the loop closed. */
    recoveredOrderId: uuid('recovered_order_id'),
    recoveredAt: instant('recovered_at'),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.inspectionId],
      foreignColumns: [inspections.tenantId, inspections.id],
    }).onDelete('cascade'),
    index('inspection_items_inspection_idx').on(t.tenantId, t.inspectionId, t.position),
    check(
      'inspection_items_job_prices',
      sql`(${t.labourFen} is null or ${t.labourFen} >= 0) and (${t.partsFen} is null or ${t.partsFen} >= 0)`,
    ),
  ],
);
