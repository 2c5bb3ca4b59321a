import { and, asc, desc, eq, gte, inArray, isNull, lt, max, or, sql } from 'drizzle-orm';
import { emitEvent } from '../../jobs/outbox.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { isoOrNull, newestFirst, takePage } from '../../kernel/paging.ts';
import { recordAudit } from '../audit/index.ts';
import type { OrderChangeHook } from '../../app/module.ts';
// Tables of other modules are read directly (names, ownership): their index files import this
// module, so importing them here would make a cycle at load time. Writes go through their APIs.
import { customers } from '../customers/index.ts';
import { staffUsers } from '../identity/index.ts';
import { stores, tenants } from '../tenancy/index.ts';
import { vehicles } from '../vehicles/index.ts';
import { recordOdometer } from '../vehicles/index.ts';
import {
  ALLOWED_MOVES,
  amountDueFen,
  assertCanRecommend,
  assertEditable,
  assertHasItems,
  assertMove,
  assertPaymentAmount,
  formatOrderNumber,
  lineAmountFen,
  localDayKey,
  nextSequence,
  orderNumberPrefix,
  orderTotals,
  zonedDayStart,
  type ServiceOrderStatus,
} from './service-order-rules.ts';
import type { PAYMENT_METHODS, SERVICE_CATEGORIES } from './service.tables.ts';
import {
  declinedRecommendations,
  serviceOrderDiscounts,
  serviceOrderItems,
  serviceOrders,
} from './service.tables.ts';
import type {
  CreateServiceOrderInput,
  MyServiceOrderDto,
  ServiceOrderDto,
  ServiceOrderItemInput,
  ServiceOrderItemPatch,
  ServiceOrderListInput,
  ServiceOrderSummary,
} from './service.schemas.ts';

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

// ---------------------------------------------------------------------------------------------
// Reading orders

const storeJoin = and(
  eq(stores.tenantId, serviceOrders.tenantId),
  eq(stores.id, serviceOrders.storeId),
);
const customerJoin = and(
  eq(customers.tenantId, serviceOrders.tenantId),
  eq(customers.id, serviceOrders.customerId),
);
const vehicleJoin = and(
  eq(vehicles.tenantId, serviceOrders.tenantId),
  eq(vehicles.id, serviceOrders.vehicleId),
);
const advisorJoin = and(
  eq(staffUsers.tenantId, serviceOrders.tenantId),
  eq(staffUsers.id, serviceOrders.advisorId),
);

const itemDto = (i: ItemRow) => ({
  id: i.id,
  position: i.position,
  kind: i.kind,
  category: i.category,
  description: i.description,
  partNumber: i.partNumber,
  quantity: i.quantity,
  unitPriceFen: i.unitPriceFen,
  amountFen: lineAmountFen(i),
});

async function itemsOf(ctx: Ctx, orderId: string): Promise<ItemRow[]> {
  return ctx.tx
    .select()
    .from(serviceOrderItems)
    .where(eq(serviceOrderItems.orderId, orderId))
    .orderBy(asc(serviceOrderItems.position), asc(serviceOrderItems.id));
}

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
    })
    .from(serviceOrders)
    .innerJoin(stores, storeJoin)
    .innerJoin(customers, customerJoin)
    .innerJoin(vehicles, vehicleJoin)
    .leftJoin(staffUsers, advisorJoin)
    .where(eq(serviceOrders.id, orderId));
  if (!row) throw new AppError('NOT_FOUND', { field: 'orderId' });
  const { o } = row;
  const items = await itemsOf(ctx, orderId);
  const totals = orderTotals(items);
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
    mileageKm: o.mileageKm,
    // The stored total is the one paid against; items add up to it while the order is open.
    totalFen: o.totalFen,
    labourFen: totals.labourFen,
    partsFen: totals.partsFen,
    ...(await discountFields(ctx, o)),
    paidFen: o.paidFen,
    paymentMethod: o.paymentMethod,
    notes: o.notes,
    cancelReason: o.cancelReason,
    openedAt: o.openedAt.toISOString(),
    completedAt: isoOrNull(o.completedAt),
    paidAt: isoOrNull(o.paidAt),
    closedAt: isoOrNull(o.closedAt),
    cancelledAt: isoOrNull(o.cancelledAt),
    items: items.map(itemDto),
    declined: await declinedWhere(ctx, eq(declinedRecommendations.orderId, orderId)),
  };
}

async function tenantTimeZone(ctx: Ctx, storeTimeZone?: string | null): Promise<string> {
  if (storeTimeZone) return storeTimeZone;
  const [t] = await ctx.tx.select({ timezone: tenants.timezone }).from(tenants);
  return t?.timezone ?? 'Asia/Shanghai';
}

function dayBound(date: string, timeZone: string, field: 'from' | 'to'): Date {
  const at = zonedDayStart(date, timeZone, field === 'to' ? 1 : 0);
  if (!at)
    throw new AppError('VALIDATION_FAILED', {
      field,
      message: { 'zh-CN': `日期 ${date} 不存在`, en: `The date ${date} does not exist` },
    });
  return at;
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
    .where(
      and(
        input.status ? eq(serviceOrders.status, input.status) : undefined,
        input.storeId ? eq(serviceOrders.storeId, input.storeId) : undefined,
        input.customerId ? eq(serviceOrders.customerId, input.customerId) : undefined,
        input.vehicleId ? eq(serviceOrders.vehicleId, input.vehicleId) : undefined,
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
    openedAt: o.openedAt.toISOString(),
    completedAt: isoOrNull(o.completedAt),
    paidAt: isoOrNull(o.paidAt),
    closedAt: isoOrNull(o.closedAt),
    cancelledAt: isoOrNull(o.cancelledAt),
    items: items.map((i) => {
      const { position: _position, ...rest } = itemDto(i);
      return rest;
    }),
    declined: declined.map((d) => ({ id: d.id, category: d.category, description: d.description })),
  };
}

// ---------------------------------------------------------------------------------------------
// Opening an order

const NUMBER_WINDOW = 64;

/**
 * The next free number of a store's day, "GZ01-20261122-0001". A transaction-scoped advisory lock
 * on (tenant, store, day) makes concurrent openings take turns; the candidates are looked up by
 * equality on the unique index, so a tenant with millions of orders is as fast as a new one.
 */
async function allocateNumber(ctx: Ctx, prefix: string): Promise<string> {
  await ctx.tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`service_order_number|${ctx.tenantId}|${prefix}`}, 0))`,
  );
  for (let from = 1; ; from += NUMBER_WINDOW) {
    const candidates = Array.from({ length: NUMBER_WINDOW }, (_, i) =>
      formatOrderNumber(prefix, from + i),
    );
    const rows = await ctx.tx
      .select({ number: serviceOrders.number })
      .from(serviceOrders)
      .where(inArray(serviceOrders.number, candidates));
    const taken = new Set(rows.map((r) => Number(r.number.slice(prefix.length))));
    const next = nextSequence(from, NUMBER_WINDOW, taken);
    if (next !== null) return formatOrderNumber(prefix, next);
  }
}

async function assertAdvisor(ctx: Ctx, advisorId: string): Promise<void> {
  const [s] = await ctx.tx
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(
      and(
        eq(staffUsers.id, advisorId),
        eq(staffUsers.status, 'active'),
        sql`${staffUsers.role} <> 'partner'`,
      ),
    );
  if (!s) throw new AppError('NOT_FOUND', { field: 'advisorId' });
}

async function insertItems(
  ctx: Ctx,
  orderId: string,
  firstPosition: number,
  items: ServiceOrderItemInput[],
) {
  if (!items.length) return;
  await ctx.tx.insert(serviceOrderItems).values(
    items.map((i, n) => ({
      tenantId: ctx.tenantId,
      id: newId(),
      orderId,
      position: firstPosition + n,
      kind: i.kind,
      category: i.category,
      description: i.description,
      partNumber: i.partNumber ?? null,
      quantity: i.quantity,
      unitPriceFen: i.unitPriceFen,
    })),
  );
}

export async function createServiceOrder(
  ctx: Ctx,
  input: CreateServiceOrderInput,
): Promise<ServiceOrderDto> {
  const [store] = await ctx.tx
    .select({ id: stores.id, code: stores.code, timezone: stores.timezone })
    .from(stores)
    .where(eq(stores.id, input.storeId));
  if (!store) throw new AppError('NOT_FOUND', { field: 'storeId' });
  const [customer] = await ctx.tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.id, input.customerId), isNull(customers.mergedIntoId)));
  if (!customer) throw new AppError('NOT_FOUND', { field: 'customerId' });
  const [vehicle] = await ctx.tx
    .select({ id: vehicles.id, customerId: vehicles.customerId })
    .from(vehicles)
    .where(eq(vehicles.id, input.vehicleId));
  if (!vehicle) throw new AppError('NOT_FOUND', { field: 'vehicleId' });
  if (vehicle.customerId !== input.customerId)
    throw new AppError('SERVICE_ORDER_VEHICLE_MISMATCH', { field: 'vehicleId' });
  const advisorId = input.advisorId ?? (ctx.actor.type === 'staff' ? ctx.actor.id : null);
  if (input.advisorId) await assertAdvisor(ctx, input.advisorId);

  const now = ctx.clock.now();
  const timeZone = await tenantTimeZone(ctx, store.timezone);
  const number = await allocateNumber(
    ctx,
    orderNumberPrefix(store.code, localDayKey(now, timeZone)),
  );
  const items = input.items ?? [];
  const { totalFen } = orderTotals(items);
  const id = newId();
  await ctx.tx.insert(serviceOrders).values({
    tenantId: ctx.tenantId,
    id,
    number,
    storeId: store.id,
    customerId: input.customerId,
    vehicleId: input.vehicleId,
    advisorId,
    status: 'open',
    mileageKm: input.mileageKm ?? null,
    totalFen,
    notes: input.notes ?? null,
    openedAt: now,
    createdAt: now,
    updatedAt: now,
  });
  await insertItems(ctx, id, 0, items);
  await orderChanged(ctx, id, input.customerId);
  if (input.mileageKm !== undefined && input.mileageKm !== null) {
    await recordOdometer(ctx, {
      vehicleId: input.vehicleId,
      mileageKm: input.mileageKm,
      source: 'order',
      serviceOrderId: id,
      confirmRollback: input.confirmRollback,
      readAt: now,
    });
  }
  await recordAudit(ctx, {
    action: 'serviceOrder.opened',
    entityType: 'service_order',
    entityId: id,
    changes: { ...input, number, advisorId, totalFen },
  });
  await emitEvent(ctx, {
    type: 'serviceOrder.opened',
    aggregateId: id,
    payload: {
      orderId: id,
      number,
      customerId: input.customerId,
      vehicleId: input.vehicleId,
      storeId: store.id,
      advisorId,
      mileageKm: input.mileageKm ?? null,
      totalFen,
    },
  });
  return getServiceOrder(ctx, id);
}

// ---------------------------------------------------------------------------------------------
// Items: only while the order is open; the total is recomputed in the same transaction.

/** Reads the order and locks its row until the transaction ends: changes to one order queue up. */
async function lockOrder(ctx: Ctx, orderId: string): Promise<OrderRow> {
  const [row] = await ctx.tx
    .select()
    .from(serviceOrders)
    .where(eq(serviceOrders.id, orderId))
    .for('update');
  if (!row) throw new AppError('NOT_FOUND', { field: 'orderId' });
  return row;
}

async function refreshTotal(ctx: Ctx, orderId: string): Promise<number> {
  const { totalFen } = orderTotals(await itemsOf(ctx, orderId));
  await ctx.tx
    .update(serviceOrders)
    .set({ totalFen, updatedAt: ctx.clock.now() })
    .where(eq(serviceOrders.id, orderId));
  return totalFen;
}

export async function addItem(
  ctx: Ctx,
  orderId: string,
  input: ServiceOrderItemInput,
): Promise<ServiceOrderDto> {
  const order = await lockOrder(ctx, orderId);
  assertEditable(order.status);
  const [last] = await ctx.tx
    .select({ position: max(serviceOrderItems.position) })
    .from(serviceOrderItems)
    .where(eq(serviceOrderItems.orderId, orderId));
  await insertItems(ctx, orderId, (last?.position ?? -1) + 1, [input]);
  const totalFen = await refreshTotal(ctx, orderId);
  await recordAudit(ctx, {
    action: 'serviceOrder.itemAdded',
    entityType: 'service_order',
    entityId: orderId,
    changes: { item: input, totalFen },
  });
  return getServiceOrder(ctx, orderId);
}

async function itemOf(ctx: Ctx, orderId: string, itemId: string): Promise<ItemRow> {
  const [item] = await ctx.tx
    .select()
    .from(serviceOrderItems)
    .where(and(eq(serviceOrderItems.id, itemId), eq(serviceOrderItems.orderId, orderId)));
  if (!item) throw new AppError('NOT_FOUND', { field: 'itemId' });
  return item;
}

export async function updateItem(
  ctx: Ctx,
  orderId: string,
  itemId: string,
  patch: ServiceOrderItemPatch,
): Promise<ServiceOrderDto> {
  const order = await lockOrder(ctx, orderId);
  await itemOf(ctx, orderId, itemId);
  assertEditable(order.status);
  const changes = Object.fromEntries(
    Object.entries(patch).filter(([, v]) => v !== undefined),
  ) as Partial<typeof serviceOrderItems.$inferInsert>;
  if (Object.keys(changes).length) {
    await ctx.tx
      .update(serviceOrderItems)
      .set(changes)
      .where(and(eq(serviceOrderItems.id, itemId), eq(serviceOrderItems.orderId, orderId)));
  }
  const totalFen = await refreshTotal(ctx, orderId);
  await recordAudit(ctx, {
    action: 'serviceOrder.itemUpdated',
    entityType: 'service_order',
    entityId: orderId,
    changes: { itemId, ...changes, totalFen },
  });
  return getServiceOrder(ctx, orderId);
}

export async function removeItem(
  ctx: Ctx,
  orderId: string,
  itemId: string,
): Promise<ServiceOrderDto> {
  const order = await lockOrder(ctx, orderId);
  const item = await itemOf(ctx, orderId, itemId);
  assertEditable(order.status);
  await ctx.tx
    .delete(serviceOrderItems)
    .where(and(eq(serviceOrderItems.id, itemId), eq(serviceOrderItems.orderId, orderId)));
  const totalFen = await refreshTotal(ctx, orderId);
  await recordAudit(ctx, {
    action: 'serviceOrder.itemRemoved',
    entityType: 'service_order',
    entityId: orderId,
    changes: { item: itemDto(item), totalFen },
  });
  return getServiceOrder(ctx, orderId);
}

export async function addDeclined(
  ctx: Ctx,
  orderId: string,
  input: { category: (typeof SERVICE_CATEGORIES)[number]; description: string },
) {
  const order = await lockOrder(ctx, orderId);
  assertCanRecommend(order.status);
  const id = newId();
  const now = ctx.clock.now();
  await ctx.tx.insert(declinedRecommendations).values({
    tenantId: ctx.tenantId,
    id,
    vehicleId: order.vehicleId,
    customerId: order.customerId,
    orderId,
    category: input.category,
    description: input.description,
    createdAt: now,
  });
  await recordAudit(ctx, {
    action: 'serviceOrder.recommendationDeclined',
    entityType: 'service_order',
    entityId: orderId,
    changes: { declinedId: id, vehicleId: order.vehicleId, ...input },
  });
  return {
    id,
    vehicleId: order.vehicleId,
    orderId,
    orderNumber: order.number,
    category: input.category,
    description: input.description,
    createdAt: now.toISOString(),
  };
}

// ---------------------------------------------------------------------------------------------
// Status moves. Each locks the row first, so two tills paying at once get one 200 and one 409.

const EVENT_OF: Record<Exclude<ServiceOrderStatus, 'open'>, string> = {
  completed: 'serviceOrder.completed',
  paid: 'serviceOrder.paid',
  closed: 'serviceOrder.closed',
  cancelled: 'serviceOrder.cancelled',
  refunded: 'serviceOrder.refunded',
};

/**
 * In-transaction hooks on payment and refund (like `onCustomerMerge`): the loyalty module
 * deducts stored value and books pending points here, so a failed wallet deduction rolls the
 * payment back and points never exist for a payment that did not happen.
 */
export interface OrderPayment {
  orderId: string;
  number: string;
  customerId: string;
  storeId: string;
  totalFen: number;
  discountFen: number;
  paidFen: number;
  method: (typeof PAYMENT_METHODS)[number];
  /** Part of `paidFen` taken from the customer's stored value (储值). */
  storedValueFen: number;
  /** What the order's lines add up to per service category (before discounts). */
  categoryTotalsFen: Record<string, number>;
}
export interface OrderRefund {
  orderId: string;
  customerId: string;
  storeId: string;
  paidFen: number;
  reason: string;
}
/**
 * In-transaction hooks after an order is opened or changes status (the row already written):
 * the customer statistics of segments recount the customer's visits and spend here.
 */
const changeHooks: OrderChangeHook[] = [];
export const onOrderChange = (hook: OrderChangeHook) => changeHooks.push(hook);
async function orderChanged(ctx: Ctx, orderId: string, customerId: string) {
  for (const hook of changeHooks) await hook(ctx, { orderId, customerId });
}

async function move(
  ctx: Ctx,
  orderId: string,
  to: Exclude<ServiceOrderStatus, 'open'>,
  precondition: (order: OrderRow) => Promise<void> | void,
  set: (now: Date) => Partial<typeof serviceOrders.$inferInsert>,
  extra: Record<string, unknown> = {},
): Promise<ServiceOrderDto> {
  const order = await lockOrder(ctx, orderId);
  assertMove(order.status, to);
  await precondition(order);
  const now = ctx.clock.now();
  const changes = set(now);
  await ctx.tx
    .update(serviceOrders)
    .set({ ...changes, status: to, updatedAt: now })
    .where(eq(serviceOrders.id, orderId));
  await orderChanged(ctx, orderId, order.customerId);
  await recordAudit(ctx, {
    action: EVENT_OF[to],
    entityType: 'service_order',
    entityId: orderId,
    changes: { from: order.status, to, ...extra },
  });
  await emitEvent(ctx, {
    type: EVENT_OF[to],
    aggregateId: orderId,
    payload: {
      orderId,
      number: order.number,
      customerId: order.customerId,
      vehicleId: order.vehicleId,
      storeId: order.storeId,
      advisorId: order.advisorId,
      mileageKm: order.mileageKm,
      totalFen: order.totalFen,
      discountFen: order.discountFen,
      ...extra,
    },
  });
  return getServiceOrder(ctx, orderId);
}

export function completeOrder(ctx: Ctx, orderId: string) {
  return move(
    ctx,
    orderId,
    'completed',
    async (order) => assertHasItems((await itemsOf(ctx, order.id)).length),
    (now) => ({ completedAt: now }),
  );
}

/**
 * The first step of taking payment (the checkout workflow): the order locked, the move to paid
 * allowed, the amount equal to what is due and the stored-value part within it; answers what
 * the other steps need, with what the lines add up to per service category.
 */
export async function beginPayment(
  ctx: Ctx,
  orderId: string,
  input: { method: (typeof PAYMENT_METHODS)[number]; paidFen: number; storedValueFen?: number },
): Promise<OrderPayment> {
  // Paying by 储值 without saying how much means the whole amount comes from the wallet.
  const storedValueFen =
    input.storedValueFen ?? (input.method === 'stored_value' ? input.paidFen : 0);
  const order = await lockOrder(ctx, orderId);
  assertMove(order.status, 'paid');
  assertPaymentAmount(amountDueFen(order.totalFen, order.discountFen), input.paidFen);
  if (storedValueFen > input.paidFen)
    throw new AppError('VALIDATION_FAILED', {
      field: 'storedValueFen',
      details: { paidFen: input.paidFen, storedValueFen },
    });
  const categoryTotalsFen: Record<string, number> = {};
  for (const item of await itemsOf(ctx, order.id))
    categoryTotalsFen[item.category] =
      (categoryTotalsFen[item.category] ?? 0) + lineAmountFen(item);
  return {
    orderId: order.id,
    number: order.number,
    customerId: order.customerId,
    storeId: order.storeId,
    totalFen: order.totalFen,
    discountFen: order.discountFen,
    paidFen: input.paidFen,
    method: input.method,
    storedValueFen,
    categoryTotalsFen,
  };
}

/**
 * The last step of taking payment: the order marked paid, audited, and `serviceOrder.paid`
 * emitted with what loyalty, reminders and attribution read (per-category line totals).
 */
export function markPaid(ctx: Ctx, payment: OrderPayment) {
  return move(
    ctx,
    payment.orderId,
    'paid',
    () => {},
    (now) => ({ paidAt: now, paidFen: payment.paidFen, paymentMethod: payment.method }),
    {
      paidFen: payment.paidFen,
      method: payment.method,
      storedValueFen: payment.storedValueFen,
      categoryTotalsFen: payment.categoryTotalsFen,
    },
  );
}

/** The first step of a refund: the order locked and a paid or closed order to refund. */
export async function beginRefund(
  ctx: Ctx,
  orderId: string,
  input: { reason: string },
): Promise<OrderRefund> {
  const order = await lockOrder(ctx, orderId);
  assertMove(order.status, 'refunded');
  return {
    orderId: order.id,
    customerId: order.customerId,
    storeId: order.storeId,
    paidFen: order.paidFen ?? 0,
    reason: input.reason,
  };
}

/** The last step of a refund: the order marked refunded, audited, `serviceOrder.refunded`. */
export function markRefunded(ctx: Ctx, refund: OrderRefund) {
  return move(
    ctx,
    refund.orderId,
    'refunded',
    () => {},
    () => ({}),
    { reason: refund.reason, paidFen: refund.paidFen },
  );
}

export function closeOrder(ctx: Ctx, orderId: string) {
  return move(
    ctx,
    orderId,
    'closed',
    () => {},
    (now) => ({ closedAt: now }),
  );
}

export function cancelOrder(ctx: Ctx, orderId: string, input: { reason: string }) {
  return move(
    ctx,
    orderId,
    'cancelled',
    () => {},
    (now) => ({ cancelledAt: now, cancelReason: input.reason }),
    { reason: input.reason },
  );
}

// ---------------------------------------------------------------------------------------------
// Discounts (coupons): applied while the order is not paid yet, each under its own reference.

/**
 * Applies a discount to an order that is open or completed, in the caller's transaction (the
 * coupons module claims the coupon in the same one). The same reference twice is a conflict.
 */
export async function applyOrderDiscount(
  ctx: Ctx,
  input: {
    orderId: string;
    source: 'coupon';
    referenceId: string;
    amountFen: number;
    label: string;
  },
): Promise<{ discountFen: number; amountDueFen: number }> {
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)
    throw new AppError('VALIDATION_FAILED', { field: 'amountFen' });
  const order = await lockOrder(ctx, input.orderId);
  if (order.status !== 'open' && order.status !== 'completed')
    throw new AppError('SERVICE_ORDER_STATUS_CONFLICT', {
      field: 'status',
      details: { from: order.status, to: order.status },
    });
  const inserted = await ctx.tx
    .insert(serviceOrderDiscounts)
    .values({
      tenantId: ctx.tenantId,
      id: newId(),
      orderId: order.id,
      source: input.source,
      referenceId: input.referenceId,
      amountFen: input.amountFen,
      label: input.label,
      createdAt: ctx.clock.now(),
    })
    .onConflictDoNothing()
    .returning({ id: serviceOrderDiscounts.id });
  if (!inserted.length)
    throw new AppError('SERVICE_ORDER_STATUS_CONFLICT', {
      field: 'referenceId',
      details: { referenceId: input.referenceId },
    });
  const discountFen = order.discountFen + input.amountFen;
  await ctx.tx
    .update(serviceOrders)
    .set({ discountFen, updatedAt: ctx.clock.now() })
    .where(eq(serviceOrders.id, order.id));
  await recordAudit(ctx, {
    action: 'serviceOrder.discountApplied',
    entityType: 'service_order',
    entityId: order.id,
    changes: { ...input, discountFen },
  });
  return { discountFen, amountDueFen: amountDueFen(order.totalFen, discountFen) };
}

/** Takes a discount off an order that is not paid yet; answers false when there was none. */
export async function removeOrderDiscount(
  ctx: Ctx,
  input: { orderId: string; referenceId: string },
): Promise<boolean> {
  const order = await lockOrder(ctx, input.orderId);
  if (order.status !== 'open' && order.status !== 'completed')
    throw new AppError('SERVICE_ORDER_STATUS_CONFLICT', {
      field: 'status',
      details: { from: order.status, to: order.status },
    });
  const removed = await ctx.tx
    .delete(serviceOrderDiscounts)
    .where(
      and(
        eq(serviceOrderDiscounts.orderId, order.id),
        eq(serviceOrderDiscounts.referenceId, input.referenceId),
      ),
    )
    .returning({ amountFen: serviceOrderDiscounts.amountFen });
  if (!removed.length) return false;
  const discountFen = Math.max(0, order.discountFen - removed[0]!.amountFen);
  await ctx.tx
    .update(serviceOrders)
    .set({ discountFen, updatedAt: ctx.clock.now() })
    .where(eq(serviceOrders.id, order.id));
  await recordAudit(ctx, {
    action: 'serviceOrder.discountRemoved',
    entityType: 'service_order',
    entityId: order.id,
    changes: { ...input, amountFen: removed[0]!.amountFen, discountFen },
  });
  return true;
}
