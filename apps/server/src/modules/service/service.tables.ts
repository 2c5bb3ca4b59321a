import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
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
import { staffUsers } from '../identity/index.ts';
import { stores } from '../tenancy/index.ts';
import { vehicles } from '../vehicles/index.ts';

export const SERVICE_ORDER_STATUSES = [
  'open',
  'completed',
  'paid',
  'closed',
  'cancelled',
  'refunded',
] as const;
export const SERVICE_CATEGORIES = [
  'oil_change',
  'tyres',
  'brakes',
  'battery',
  'inspection',
  'wash',
  'other',
] as const;
export const PAYMENT_METHODS = [
  'cash',
  'card',
  'wechat_pay',
  'alipay',
  'stored_value',
  'points',
  'transfer',
  'other',
] as const;

/** 工单: one visit's work, open → completed → paid → closed, or cancelled. */
export const serviceOrders = pgTable(
  'service_orders',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    number: text('number').notNull(),
    storeId: uuid('store_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    advisorId: uuid('advisor_id'),
    /** The lead technician (主修技师): does the lines that name no technician of their own. */
    technicianId: uuid('technician_id'),
    status: text('status', { enum: SERVICE_ORDER_STATUSES }).notNull().default('open'),
    mileageKm: integer('mileage_km'),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull().default(0),
    /** Sum of the discounts applied (coupons); the amount due is total − discount. */
    discountFen: bigint('discount_fen', { mode: 'number' }).notNull().default(0),
    /** What the customer paid (set when the order is paid). */
    paidFen: bigint('paid_fen', { mode: 'number' }),
    paymentMethod: text('payment_method', { enum: PAYMENT_METHODS }),
    notes: text('notes'),
    externalId: text('external_id'),
    openedAt: instant('opened_at').notNull(),
    completedAt: instant('completed_at'),
    paidAt: instant('paid_at'),
    closedAt: instant('closed_at'),
    cancelledAt: instant('cancelled_at'),
    refundedAt: instant('refunded_at'),
    cancelReason: text('cancel_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('service_orders_tenant_number_key').on(t.tenantId, t.number),
    unique('service_orders_tenant_external_id_key').on(t.tenantId, t.externalId),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.vehicleId],
      foreignColumns: [vehicles.tenantId, vehicles.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.advisorId],
      foreignColumns: [staffUsers.tenantId, staffUsers.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.technicianId],
      foreignColumns: [staffUsers.tenantId, staffUsers.id],
    }),
    // A technician's jobs: their open orders and a date range of their work.
    index('service_orders_technician_idx').on(t.tenantId, t.technicianId, t.openedAt.desc()),
    index('service_orders_vehicle_idx').on(t.tenantId, t.vehicleId, t.openedAt.desc()),
    index('service_orders_customer_idx').on(t.tenantId, t.customerId, t.openedAt.desc()),
  ],
);

export const serviceOrderItems = pgTable(
  'service_order_items',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    orderId: uuid('order_id').notNull(),
    position: integer('position').notNull(),
    kind: text('kind', { enum: ['labour', 'part'] }).notNull(),
    category: text('category', { enum: SERVICE_CATEGORIES }).notNull(),
    description: text('description').notNull(),
    partNumber: text('part_number'),
    quantity: integer('quantity').notNull().default(1),
    unitPriceFen: bigint('unit_price_fen', { mode: 'number' }).notNull(),
    /** Who did this line when not the order's lead technician. */
    technicianId: uuid('technician_id'),
    /** Labour time spent (labour lines only), in minutes. */
    labourMinutes: integer('labour_minutes'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.orderId],
      foreignColumns: [serviceOrders.tenantId, serviceOrders.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.technicianId],
      foreignColumns: [staffUsers.tenantId, staffUsers.id],
    }),
    index('service_order_items_order_idx').on(t.tenantId, t.orderId),
    // Lines given to a technician other than the order's lead (few: a partial index).
    index('service_order_items_technician_idx')
      .on(t.tenantId, t.technicianId, t.orderId)
      .where(sql`${t.technicianId} is not null`),
    check(
      'service_order_items_labour_minutes',
      sql`${t.labourMinutes} is null or (${t.labourMinutes} >= 0 and ${t.kind} = 'labour')`,
    ),
  ],
);

/** Work proposed but not done (未做项目): kept with the car, it drives follow-ups. */
export const declinedRecommendations = pgTable(
  'declined_recommendations',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    /** Who declined: the order's customer, the car's owner then (a merge re-points it). */
    customerId: uuid('customer_id').notNull(),
    orderId: uuid('order_id'),
    category: text('category', { enum: SERVICE_CATEGORIES }).notNull(),
    description: text('description').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.vehicleId],
      foreignColumns: [vehicles.tenantId, vehicles.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.orderId],
      foreignColumns: [serviceOrders.tenantId, serviceOrders.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    // Segments and reminders ask for the work declined in the last N days; segments want the
    // customers who declined which categories, answered from the index alone.
    index('declined_recommendations_tenant_created_idx').on(
      t.tenantId,
      t.createdAt,
      t.category,
      t.customerId,
    ),
  ],
);

/**
 * Discounts applied to an order (a coupon today), one row per source reference: the same coupon
 * cannot be applied twice. Kept on a cancelled order as history.
 */
export const serviceOrderDiscounts = pgTable(
  'service_order_discounts',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    orderId: uuid('order_id').notNull(),
    source: text('source', { enum: ['coupon'] }).notNull(),
    referenceId: uuid('reference_id').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    label: text('label').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('service_order_discounts_reference_key').on(t.tenantId, t.orderId, t.referenceId),
    foreignKey({
      columns: [t.tenantId, t.orderId],
      foreignColumns: [serviceOrders.tenantId, serviceOrders.id],
    }).onDelete('cascade'),
    check('service_order_discounts_amount', sql`${t.amountFen} > 0`),
  ],
);

/**
 * The parts a payment was taken in (收款明细): one row per method, adding up to what the order
 * paid. A stored-value or points part matches the ledger transfer the payment booked; `points`
 * is how many points the points part spent.
 */
export const serviceOrderPayments = pgTable(
  'service_order_payments',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    orderId: uuid('order_id').notNull(),
    position: integer('position').notNull(),
    method: text('method', { enum: PAYMENT_METHODS }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    points: bigint('points', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('service_order_payments_position_key').on(t.tenantId, t.orderId, t.position),
    foreignKey({
      columns: [t.tenantId, t.orderId],
      foreignColumns: [serviceOrders.tenantId, serviceOrders.id],
    }).onDelete('cascade'),
    check('service_order_payments_amount', sql`${t.amountFen} >= 0`),
  ],
);
