// Reading service orders: a car's history, the list with its filters, one order with its lines,
// discounts and declined work, and the car owner's view of theirs.
import { and, asc, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { isoOrNull, newestFirst, takePage } from '../../kernel/paging.ts';
import { customers } from '../customers/index.ts';
import { staffUsers } from '../identity/index.ts';
import { stores, tenants } from '../tenancy/index.ts';
import { vehicles } from '../vehicles/index.ts';
import {
  ALLOWED_MOVES,
  amountDueFen,
  lineAmountFen,
  orderTotals,
  zonedDayStart,
} from './service-order-rules.ts';
import {
  declinedRecommendations,
  serviceOrderDiscounts,
  serviceOrderItems,
  serviceOrderPayments,
  serviceOrders,
} from './service.tables.ts';
import type {
  MyServiceOrderDto,
  ServiceOrderDto,
  ServiceOrderListInput,
  ServiceOrderSummary,
} from './service.schemas.ts';
import { itemsOf } from './order-rows.ts';

type OrderRow = typeof serviceOrders.$inferSelect;
type ItemRow = typeof serviceOrderItems.$inferSelect;

const summaryOf = sql<string>`coalesce((select string_agg(i.description, ' · ' order by i.position) from ${serviceOrderItems} i
  where i.tenant_id = "service_orders"."tenant_id" and i.order_id = "service_orders"."id"), '')`;

/** A vehicle's service orders, newest first, with a one-line summary of the work. */
export async function listOrdersForVehicle(
  ctx: Ctx,
  input: { vehicleId: string; limit: number; cursor?: string | undefined },
): Promise<{ items: ServiceOrderSummary[]; nextCursor: string | null }> {
  const keyset = newestFirst('service_orders', 'opened_at', input.cursor);
  const rows = await ctx.tx
    .select({
      id: serviceOrders.id,
      number: serviceOrders.number,
      storeId: serviceOrders.storeId,
      storeName: stores.name,
      status: serviceOrders.status,
      mileageKm: serviceOrders.mileageKm,
      totalFen: serviceOrders.totalFen,
      openedAt: serviceOrders.openedAt,
      closedAt: serviceOrders.closedAt,
      sortKey: keyset.sortKey,
      summary: summaryOf,
    })
    .from(serviceOrders)
    .innerJoin(
      stores,
      and(eq(stores.tenantId, serviceOrders.tenantId), eq(stores.id, serviceOrders.storeId)),
    )
    .where(and(eq(serviceOrders.vehicleId, input.vehicleId), keyset.after))
    .orderBy(desc(serviceOrders.openedAt), desc(serviceOrders.id))
    .limit(input.limit + 1);
  const { pageRows, nextCursor } = takePage(rows, input.limit, (r) => [r.sortKey, r.id]);
  const items = pageRows.map(({ sortKey: _sortKey, ...r }) => ({
    ...r,
    openedAt: r.openedAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
  }));
  return { items, nextCursor };
}

/** The latest non-cancelled visit of each vehicle. */
export async function lastServiceForVehicles(ctx: Ctx, vehicleIds: string[]) {
  if (!vehicleIds.length)
    return new Map<string, { date: string; mileageKm: number | null; storeName: string }>();
  const rows = await ctx.tx
    .selectDistinctOn([serviceOrders.vehicleId], {
      vehicleId: serviceOrders.vehicleId,
      openedAt: serviceOrders.openedAt,
      mileageKm: serviceOrders.mileageKm,
      storeName: stores.name,
    })
    .from(serviceOrders)
    .innerJoin(
      stores,
      and(eq(stores.tenantId, serviceOrders.tenantId), eq(stores.id, serviceOrders.storeId)),
    )
    .where(
      and(
        inArray(serviceOrders.vehicleId, vehicleIds),
        sql`${serviceOrders.status} <> 'cancelled'`,
      ),
    )
    .orderBy(serviceOrders.vehicleId, desc(serviceOrders.openedAt));
  return new Map(
    rows.map((r) => [
      r.vehicleId,
      { date: r.openedAt.toISOString(), mileageKm: r.mileageKm, storeName: r.storeName },
    ]),
  );
}

// Reading orders

export const storeJoin = and(
  eq(stores.tenantId, serviceOrders.tenantId),
  eq(stores.id, serviceOrders.storeId),
);
export const customerJoin = and(
  eq(customers.tenantId, serviceOrders.tenantId),
  eq(customers.id, serviceOrders.customerId),
);
export const vehicleJoin = and(
  eq(vehicles.tenantId, serviceOrders.tenantId),
  eq(vehicles.id, serviceOrders.vehicleId),
);
export const advisorJoin = and(
  eq(staffUsers.tenantId, serviceOrders.tenantId),
  eq(staffUsers.id, serviceOrders.advisorId),
);

const technicians = alias(staffUsers, 'technicians');
const technicianJoin = and(
  eq(technicians.tenantId, serviceOrders.tenantId),
  eq(technicians.id, serviceOrders.technicianId),
);

/** The names of staff members by id (technicians named on lines). */
export async function staffNames(ctx: Ctx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (!wanted.length) return new Map();
  const rows = await ctx.tx
    .select({ id: staffUsers.id, name: staffUsers.name })
    .from(staffUsers)
    .where(inArray(staffUsers.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export const itemDto = (i: ItemRow, names: ReadonlyMap<string, string> = new Map()) => ({
  id: i.id,
  position: i.position,
  kind: i.kind,
  category: i.category,
  description: i.description,
  partNumber: i.partNumber,
  quantity: i.quantity,
  unitPriceFen: i.unitPriceFen,
  amountFen: lineAmountFen(i),
  technicianId: i.technicianId,
  technicianName: i.technicianId ? (names.get(i.technicianId) ?? null) : null,
  labourMinutes: i.labourMinutes,
});

type DiscountRow = typeof serviceOrderDiscounts.$inferSelect;

async function discountsOf(ctx: Ctx, orderId: string): Promise<DiscountRow[]> {
  return ctx.tx
    .select()
    .from(serviceOrderDiscounts)
    .where(eq(serviceOrderDiscounts.orderId, orderId))
    .orderBy(asc(serviceOrderDiscounts.createdAt), asc(serviceOrderDiscounts.id));
}

/** Discount fields of the order DTOs (staff and owner). */
async function discountFields(ctx: Ctx, o: OrderRow) {
  const rows = await discountsOf(ctx, o.id);
  return {
    discountFen: o.discountFen,
    amountDueFen: amountDueFen(o.totalFen, o.discountFen),
    discounts: rows.map((d) => ({
      id: d.id,
      source: d.source,
      referenceId: d.referenceId,
      amountFen: d.amountFen,
      label: d.label,
      createdAt: d.createdAt.toISOString(),
    })),
  };
}

const declinedColumns = {
  id: declinedRecommendations.id,
  vehicleId: declinedRecommendations.vehicleId,
  orderId: declinedRecommendations.orderId,
  orderNumber: serviceOrders.number,
  category: declinedRecommendations.category,
  description: declinedRecommendations.description,
  createdAt: declinedRecommendations.createdAt,
};

async function declinedWhere(ctx: Ctx, where: ReturnType<typeof eq>) {
  const rows = await ctx.tx
    .select(declinedColumns)
    .from(declinedRecommendations)
    .leftJoin(
      serviceOrders,
      and(
        eq(serviceOrders.tenantId, declinedRecommendations.tenantId),
        eq(serviceOrders.id, declinedRecommendations.orderId),
      ),
    )
    .where(where)
    .orderBy(desc(declinedRecommendations.createdAt), desc(declinedRecommendations.id));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** One service order with its items, declined recommendations, names and totals. */
/**
 * A reference to a service order kept by another module (a points redemption, a package use)
 * must name an existing order of the same customer: 422 `SERVICE_ORDER_REFERENCE_INVALID` on
 * `field` otherwise, so no ledger line ever points at another customer's visit or at nothing.
 */
export async function assertCustomerOrder(
  ctx: Ctx,
  customerId: string,
  orderId: string,
  field = 'orderId',
): Promise<void> {
  const [row] = await ctx.tx
    .select({ id: serviceOrders.id })
    .from(serviceOrders)
    .where(and(eq(serviceOrders.id, orderId), eq(serviceOrders.customerId, customerId)));
  if (!row) throw new AppError('SERVICE_ORDER_REFERENCE_INVALID', { field });
}

/** The parts an order was paid in, in the order they were given. */
async function paymentsOf(ctx: Ctx, orderId: string) {
  const rows = await ctx.tx
    .select({
      method: serviceOrderPayments.method,
      amountFen: serviceOrderPayments.amountFen,
      points: serviceOrderPayments.points,
    })
    .from(serviceOrderPayments)
    .where(eq(serviceOrderPayments.orderId, orderId))
    .orderBy(asc(serviceOrderPayments.position));
  return rows;
}

export async function getServiceOrder(ctx: Ctx, orderId: string): Promise<ServiceOrderDto> {
  const [row] = await ctx.tx
    .select({
      o: serviceOrders,
      storeName: stores.name,
      customerName: customers.name,
      plate: vehicles.plate,
      make: vehicles.make,
      model: vehicles.model,
      advisorName: staffUsers.name,
      technicianName: technicians.name,
    })
    .from(serviceOrders)
    .innerJoin(stores, storeJoin)
    .innerJoin(customers, customerJoin)
    .innerJoin(vehicles, vehicleJoin)
    .leftJoin(staffUsers, advisorJoin)
    .leftJoin(technicians, technicianJoin)
    .where(eq(serviceOrders.id, orderId));
  if (!row) throw new AppError('NOT_FOUND', { field: 'orderId' });
  const { o } = row;
  const items = await itemsOf(ctx, orderId);
  const totals = orderTotals(items);
  const names = await staffNames(
    ctx,
    items.map((i) => i.technicianId),
  );
  return {
    id: o.id,
    number: o.number,
    status: o.status,
    nextStatuses: [...ALLOWED_MOVES[o.status]],
    storeId: o.storeId,
    storeName: row.storeName,
    customerId: o.customerId,
    customerName: row.customerName,
    vehicleId: o.vehicleId,
    plate: row.plate,
    vehicleName: [row.make, row.model].filter(Boolean).join(' '),
    advisorId: o.advisorId,
    advisorName: row.advisorName,
    technicianId: o.technicianId,
    technicianName: row.technicianName,
    mileageKm: o.mileageKm,
    // The stored total is the one paid against; items add up to it while the order is open.
    totalFen: o.totalFen,
    labourFen: totals.labourFen,
    partsFen: totals.partsFen,
    ...(await discountFields(ctx, o)),
    paidFen: o.paidFen,
    paymentMethod: o.paymentMethod,
    payments: await paymentsOf(ctx, orderId),
    notes: o.notes,
    cancelReason: o.cancelReason,
    openedAt: o.openedAt.toISOString(),
    completedAt: isoOrNull(o.completedAt),
    paidAt: isoOrNull(o.paidAt),
    closedAt: isoOrNull(o.closedAt),
    cancelledAt: isoOrNull(o.cancelledAt),
    items: items.map((i) => itemDto(i, names)),
    declined: await declinedWhere(ctx, eq(declinedRecommendations.orderId, orderId)),
  };
}

export async function tenantTimeZone(ctx: Ctx, storeTimeZone?: string | null): Promise<string> {
  if (storeTimeZone) return storeTimeZone;
  const [t] = await ctx.tx.select({ timezone: tenants.timezone }).from(tenants);
  return t?.timezone ?? 'Asia/Shanghai';
}

export function dayBound(date: string, timeZone: string, field: 'from' | 'to'): Date {
  const at = zonedDayStart(date, timeZone, field === 'to' ? 1 : 0);
  if (!at)
    throw new AppError('VALIDATION_FAILED', {
      field,
      message: { 'zh-CN': `日期 ${date} 不存在`, en: `The date ${date} does not exist` },
    });
  return at;
}

/** The orders a staff member leads, or does a line of. */
export function workedBy(technicianId: string) {
  return or(
    eq(serviceOrders.technicianId, technicianId),
    sql`exists (select 1 from ${serviceOrderItems} i where i.tenant_id = "service_orders"."tenant_id"
      and i.order_id = "service_orders"."id" and i.technician_id = ${technicianId})`,
  );
}

/** Service orders, newest first (today's on top), filtered by status, store, customer, car, days. */
export async function listServiceOrders(ctx: Ctx, input: ServiceOrderListInput) {
  const keyset = newestFirst('service_orders', 'opened_at', input.cursor);
  const timeZone = input.from || input.to ? await tenantTimeZone(ctx) : 'Asia/Shanghai';
  const rows = await ctx.tx
    .select({
      id: serviceOrders.id,
      number: serviceOrders.number,
      status: serviceOrders.status,
      storeId: serviceOrders.storeId,
      storeName: stores.name,
      customerId: serviceOrders.customerId,
      customerName: customers.name,
      vehicleId: serviceOrders.vehicleId,
      plate: vehicles.plate,
      advisorId: serviceOrders.advisorId,
      advisorName: staffUsers.name,
      technicianId: serviceOrders.technicianId,
      technicianName: technicians.name,
      mileageKm: serviceOrders.mileageKm,
      totalFen: serviceOrders.totalFen,
      openedAt: serviceOrders.openedAt,
      sortKey: keyset.sortKey,
      summary: summaryOf,
    })
    .from(serviceOrders)
    .innerJoin(stores, storeJoin)
    .innerJoin(customers, customerJoin)
    .innerJoin(vehicles, vehicleJoin)
    .leftJoin(staffUsers, advisorJoin)
    .leftJoin(technicians, technicianJoin)
    .where(
      and(
        input.status ? eq(serviceOrders.status, input.status) : undefined,
        input.storeId ? eq(serviceOrders.storeId, input.storeId) : undefined,
        input.customerId ? eq(serviceOrders.customerId, input.customerId) : undefined,
        input.vehicleId ? eq(serviceOrders.vehicleId, input.vehicleId) : undefined,
        input.technicianId ? workedBy(input.technicianId) : undefined,
        input.from
          ? gte(serviceOrders.openedAt, dayBound(input.from, timeZone, 'from'))
          : undefined,
        input.to ? lt(serviceOrders.openedAt, dayBound(input.to, timeZone, 'to')) : undefined,
        keyset.after,
      ),
    )
    .orderBy(desc(serviceOrders.openedAt), desc(serviceOrders.id))
    .limit(input.limit + 1);
  const { pageRows, nextCursor } = takePage(rows, input.limit, (r) => [r.sortKey, r.id]);
  const items = pageRows.map(({ sortKey: _sortKey, ...r }) => ({
    ...r,
    openedAt: r.openedAt.toISOString(),
  }));
  return { items, nextCursor };
}

/** Work proposed on a car but not done, newest first (404 for a car that is not the tenant's). */
export async function listDeclinedForVehicle(ctx: Ctx, vehicleId: string) {
  const [v] = await ctx.tx
    .select({ id: vehicles.id })
    .from(vehicles)
    .where(eq(vehicles.id, vehicleId));
  if (!v) throw new AppError('NOT_FOUND', { field: 'vehicleId' });
  return { items: await declinedWhere(ctx, eq(declinedRecommendations.vehicleId, vehicleId)) };
}

/**
 * One visit as its car owner sees it. Theirs are the orders they were the customer of and every
 * order of a car they own now (the history stays with the car); anything else is "not found".
 */
export async function getMyServiceOrder(
  ctx: Ctx,
  customerId: string,
  orderId: string,
): Promise<MyServiceOrderDto> {
  const [row] = await ctx.tx
    .select({
      o: serviceOrders,
      storeName: stores.name,
      storeAddress: stores.address,
      storePhone: stores.phone,
      plate: vehicles.plate,
      advisorName: staffUsers.name,
    })
    .from(serviceOrders)
    .innerJoin(stores, storeJoin)
    .innerJoin(vehicles, vehicleJoin)
    .leftJoin(staffUsers, advisorJoin)
    .where(
      and(
        eq(serviceOrders.id, orderId),
        or(eq(serviceOrders.customerId, customerId), eq(vehicles.customerId, customerId)),
      ),
    );
  if (!row) throw new AppError('NOT_FOUND');
  const { o } = row;
  const items = await itemsOf(ctx, orderId);
  const totals = orderTotals(items);
  const declined = await declinedWhere(ctx, eq(declinedRecommendations.orderId, orderId));
  return {
    id: o.id,
    number: o.number,
    status: o.status,
    vehicleId: o.vehicleId,
    plate: row.plate,
    storeName: row.storeName,
    storeAddress: row.storeAddress,
    storePhone: row.storePhone,
    advisorName: row.advisorName,
    mileageKm: o.mileageKm,
    totalFen: o.totalFen,
    labourFen: totals.labourFen,
    partsFen: totals.partsFen,
    ...(await discountFields(ctx, o)),
    paidFen: o.paidFen,
    paymentMethod: o.paymentMethod,
    payments: await paymentsOf(ctx, orderId),
    openedAt: o.openedAt.toISOString(),
    completedAt: isoOrNull(o.completedAt),
    paidAt: isoOrNull(o.paidAt),
    closedAt: isoOrNull(o.closedAt),
    cancelledAt: isoOrNull(o.cancelledAt),
    items: items.map((i) => {
      const {
        position: _position,
        technicianId: _technicianId,
        technicianName: _technicianName,
        ...rest
      } = itemDto(i);
      return rest;
    }),
    declined: declined.map((d) => ({ id: d.id, category: d.category, description: d.description })),
  };
}
