import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { decodeCursor, encodeCursor } from '../../kernel/paging.ts';
import { stores } from '../tenancy/tenancy.tables.ts';
import { serviceOrderItems, serviceOrders } from './service.tables.ts';
import type { ServiceOrderSummary } from './service.schemas.ts';

/** A vehicle's service orders, newest first, with a one-line summary of the work. */
export async function listOrdersForVehicle(
  ctx: Ctx,
  input: { vehicleId: string; limit: number; cursor?: string | undefined },
): Promise<{ items: ServiceOrderSummary[]; nextCursor: string | null }> {
  const after = decodeCursor(input.cursor, 2);
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
      sortKey: sql<string>`"service_orders"."opened_at"::text`,
      summary: sql<string>`coalesce((select string_agg(i.description, ' · ' order by i.position) from ${serviceOrderItems} i
        where i.tenant_id = "service_orders"."tenant_id" and i.order_id = "service_orders"."id"), '')`,
    })
    .from(serviceOrders)
    .innerJoin(
      stores,
      and(eq(stores.tenantId, serviceOrders.tenantId), eq(stores.id, serviceOrders.storeId)),
    )
    .where(
      and(
        eq(serviceOrders.vehicleId, input.vehicleId),
        after
          ? sql`("service_orders"."opened_at", "service_orders"."id") < (${String(after[0])}::timestamptz, ${String(after[1])}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(serviceOrders.openedAt), desc(serviceOrders.id))
    .limit(input.limit + 1);
  const pageRows = rows.slice(0, input.limit);
  const items = pageRows.map(({ sortKey: _sortKey, ...r }) => ({
    ...r,
    openedAt: r.openedAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
  }));
  const last = rows.length > input.limit ? pageRows[pageRows.length - 1] : undefined;
  return { items, nextCursor: last ? encodeCursor([last.sortKey, last.id]) : null };
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
