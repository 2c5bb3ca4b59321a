// Service history as it is shown next to a car or a customer: the owner's cars with their latest
// visit, one car with its maintenance record, a customer's last visit.
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { getVehicle, listVehiclesOfCustomers } from '../vehicles/index.ts';
import { lastServiceForVehicles, listOrdersForVehicle } from './service.service.ts';
import { serviceOrders } from './service.tables.ts';

/** The signed-in owner's cars with their latest visit. */
export async function listMyVehicles(ctx: Ctx, customerId: string) {
  const list = await listVehiclesOfCustomers(ctx, [customerId]);
  const last = await lastServiceForVehicles(
    ctx,
    list.map((v) => v.id),
  );
  return list.map((v) => ({ ...v, lastService: last.get(v.id) ?? null }));
}

/** One of the owner's cars with its full maintenance record; another's car is "not found". */
export async function getMyVehicle(ctx: Ctx, customerId: string, vehicleId: string) {
  const vehicle = await getVehicle(ctx, vehicleId, customerId);
  const orders = await listOrdersForVehicle(ctx, { vehicleId, limit: 200 });
  return { ...vehicle, serviceOrders: orders.items };
}

/** A car's service orders, newest first; a car that is not the tenant's is "not found". */
export async function listCarOrders(
  ctx: Ctx,
  vehicleId: string,
  page: { limit: number; cursor?: string | undefined },
) {
  await getVehicle(ctx, vehicleId);
  return listOrdersForVehicle(ctx, { vehicleId, limit: page.limit, cursor: page.cursor });
}

/**
 * A customer's last visit (their latest order that was not cancelled), correlated on the
 * "customers" row of the query it is put in: the customer list and card show it.
 */
export const customerLastVisit = sql<Date | null>`(select max(o.opened_at) from ${serviceOrders} o
  where o.tenant_id = "customers"."tenant_id" and o.customer_id = "customers"."id" and o.status <> 'cancelled')`;
