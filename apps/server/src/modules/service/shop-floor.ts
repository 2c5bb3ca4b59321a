// The shop floor as it stands: the orders still in the shop (open or completed, not yet paid) and
// what was paid in a span of time — read by the workbench, scoped to stores and an advisor.
import { and, asc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { customers } from '../customers/index.ts';
import { staffUsers } from '../identity/index.ts';
import { stores } from '../tenancy/index.ts';
import { vehicles } from '../vehicles/index.ts';
import { serviceOrders } from './service.tables.ts';
import { advisorJoin, customerJoin, storeJoin, vehicleJoin } from './order-views.ts';

/** Whose orders: some stores (null: every store) and, for an advisor, only theirs. */
export interface OrderScope {
  storeIds: string[] | null;
  advisorId: string | null;
}

/** Statuses of an order whose car is still at the shop: work going on, or done and not paid. */
export const IN_SHOP_STATUSES = ['open', 'completed'] as const;

function scopeWhere(scope: OrderScope): SQL | undefined {
  return and(
    scope.storeIds ? inArray(serviceOrders.storeId, scope.storeIds) : undefined,
    scope.advisorId ? eq(serviceOrders.advisorId, scope.advisorId) : undefined,
  );
}

/** Orders in the shop (open or completed, unpaid), oldest first, up to `limit`; with the counts. */
export async function ordersInShop(ctx: Ctx, scope: OrderScope & { limit: number }) {
  if (scope.storeIds && scope.storeIds.length === 0)
    return { counts: { open: 0, completed: 0 }, cars: 0, items: [] };
  const where = and(inArray(serviceOrders.status, [...IN_SHOP_STATUSES]), scopeWhere(scope));
  const [counts] = await ctx.tx
    .select({
      open: sql<number>`count(*) filter (where ${serviceOrders.status} = 'open')::int`,
      completed: sql<number>`count(*) filter (where ${serviceOrders.status} = 'completed')::int`,
      cars: sql<number>`count(distinct ${serviceOrders.vehicleId})::int`,
    })
    .from(serviceOrders)
    .where(where);
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
      totalFen: serviceOrders.totalFen,
      openedAt: serviceOrders.openedAt,
      completedAt: serviceOrders.completedAt,
    })
    .from(serviceOrders)
    .innerJoin(stores, storeJoin)
    .innerJoin(customers, customerJoin)
    .innerJoin(vehicles, vehicleJoin)
    .leftJoin(staffUsers, advisorJoin)
    .where(where)
    .orderBy(asc(serviceOrders.openedAt), asc(serviceOrders.id))
    .limit(scope.limit);
  return {
    counts: { open: Number(counts?.open ?? 0), completed: Number(counts?.completed ?? 0) },
    cars: Number(counts?.cars ?? 0),
    items: rows.map((r) => ({
      ...r,
      status: r.status as (typeof IN_SHOP_STATUSES)[number],
      openedAt: r.openedAt.toISOString(),
      completedAt: r.completedAt?.toISOString() ?? null,
    })),
  };
}

/**
 * What was paid in [start, end): orders paid then and not refunded (paid or since closed), the
 * sum of what their customers paid and how many cars they were.
 */
export async function paidBetween(ctx: Ctx, scope: OrderScope & { start: Date; end: Date }) {
  if (scope.storeIds && scope.storeIds.length === 0) return { revenueFen: 0, orders: 0, cars: 0 };
  const [row] = await ctx.tx
    .select({
      revenueFen: sql<string>`coalesce(sum(${serviceOrders.paidFen}), 0)`,
      orders: sql<number>`count(*)::int`,
      cars: sql<number>`count(distinct ${serviceOrders.vehicleId})::int`,
    })
    .from(serviceOrders)
    .where(
      and(
        inArray(serviceOrders.status, ['paid', 'closed']),
        gte(serviceOrders.paidAt, scope.start),
        lt(serviceOrders.paidAt, scope.end),
        scopeWhere(scope),
      ),
    );
  return {
    revenueFen: Number(row?.revenueFen ?? 0),
    orders: Number(row?.orders ?? 0),
    cars: Number(row?.cars ?? 0),
  };
}
