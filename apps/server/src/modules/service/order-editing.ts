// Opening an order (numbered per store and day) and editing its lines while it is open; the total
// is recomputed in the same transaction. Declined recommendations are kept with the car.
import { and, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import { emitEvent } from '../../jobs/outbox.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { customers } from '../customers/index.ts';
import { staffUsers } from '../identity/index.ts';
import { stores } from '../tenancy/index.ts';
import { recordOdometer, vehicles } from '../vehicles/index.ts';
import {
  assertCanRecommend,
  assertEditable,
  formatOrderNumber,
  localDayKey,
  nextSequence,
  orderNumberPrefix,
  orderTotals,
} from './service-order-rules.ts';
import type { SERVICE_CATEGORIES } from './service.tables.ts';
import { declinedRecommendations, serviceOrderItems, serviceOrders } from './service.tables.ts';
import type {
  CreateServiceOrderInput,
  ServiceOrderDto,
  ServiceOrderItemInput,
  ServiceOrderItemPatch,
} from './service.schemas.ts';
import { itemsOf, lockOrder } from './order-rows.ts';
import { orderChanged } from './order-status.ts';
import { assertTechniciansAt } from './order-technicians.ts';
import { assertLabourMinutes } from './technician-rules.ts';
import { getServiceOrder, itemDto, tenantTimeZone } from './order-views.ts';

type ItemRow = typeof serviceOrderItems.$inferSelect;

// Opening an order

const NUMBER_WINDOW = 64;

/**
 * The next free number of a store's day, "GZ01-20261122-0001". A transaction-scoped advisory lock
 * on (tenant, store, day) makes concurrent openings take turns; the candidates are looked up by
 * equality on the unique index, so a tenant with millions of orders is as fast as a new one.
 */
export async function allocateNumber(ctx: Ctx, prefix: string): Promise<string> {
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
      technicianId: i.technicianId ?? null,
      labourMinutes: i.labourMinutes ?? null,
    })),
  );
}

/** Lines' technicians work at the store and labour time is on labour lines only. */
async function assertLinesWork(
  ctx: Ctx,
  storeId: string,
  items: readonly ServiceOrderItemInput[],
  field: (n: number) => string,
): Promise<void> {
  items.forEach((i) => assertLabourMinutes(i.kind, i.labourMinutes));
  await assertTechniciansAt(
    ctx,
    storeId,
    items.map((i, n) => ({ technicianId: i.technicianId, field: field(n) })),
  );
}

/** The order's store, customer and car exist, and the car is the customer's: answers the store. */
async function assertOrderParties(ctx: Ctx, input: CreateServiceOrderInput) {
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
  return store;
}

export async function createServiceOrder(
  ctx: Ctx,
  input: CreateServiceOrderInput,
): Promise<ServiceOrderDto> {
  const store = await assertOrderParties(ctx, input);
  const advisorId = input.advisorId ?? (ctx.actor.type === 'staff' ? ctx.actor.id : null);
  if (input.advisorId) await assertAdvisor(ctx, input.advisorId);
  const items = input.items ?? [];
  await assertTechniciansAt(ctx, store.id, [
    { technicianId: input.technicianId, field: 'technicianId' },
  ]);
  await assertLinesWork(ctx, store.id, items, (n) => `items.${n}.technicianId`);

  const now = ctx.clock.now();
  const timeZone = await tenantTimeZone(ctx, store.timezone);
  const number = await allocateNumber(
    ctx,
    orderNumberPrefix(store.code, localDayKey(now, timeZone)),
  );
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
    technicianId: input.technicianId ?? null,
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

// Items: only while the order is open; the total is recomputed in the same transaction.

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
  await assertLinesWork(ctx, order.storeId, [input], () => 'technicianId');
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
  const item = await itemOf(ctx, orderId, itemId);
  assertEditable(order.status);
  const kind = patch.kind ?? item.kind;
  assertLabourMinutes(kind, patch.labourMinutes);
  await assertTechniciansAt(ctx, order.storeId, [
    { technicianId: patch.technicianId, field: 'technicianId' },
  ]);
  const changes = Object.fromEntries(
    Object.entries(patch).filter(([, v]) => v !== undefined),
  ) as Partial<typeof serviceOrderItems.$inferInsert>;
  // A labour line turned into a part keeps no labour time.
  if (kind === 'part' && item.labourMinutes !== null) changes.labourMinutes = null;
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
