// The customer as the console and integrators see them: their record, their cars and their last
// visit, composed from the customers, vehicles and service modules (each keeps its own part).
import type { Ctx } from '../../kernel/context.ts';
import { getCustomer, listCustomers, planSearch } from '../customers/index.ts';
import { customerLastVisit } from '../service/index.ts';
import { listVehiclesOfCustomers } from '../vehicles/index.ts';

/**
 * Customers, newest first (the one search box), each with their cars in brief. A car found by
 * its VIN says so (the row shows plates only, and staff would not see why it matched).
 */
export async function listCustomerViews(ctx: Ctx, input: Parameters<typeof listCustomers>[1]) {
  const page = await listCustomers(ctx, input, { lastVisit: customerLastVisit });
  const cars = await listVehiclesOfCustomers(
    ctx,
    page.items.map((c) => c.id),
  );
  const key = input.q ? (planSearch(input.q)?.plateOrVin ?? null) : null;
  const byVin = (v: { plate: string | null; vin: string | null }) =>
    key && key.length >= 3 && v.vin?.includes(key) && !v.plate?.includes(key) ? v.vin : null;
  return {
    items: page.items.map((c) => ({
      ...c,
      vehicles: cars
        .filter((v) => v.customerId === c.id)
        .map((v) => ({
          id: v.id,
          plate: v.plate,
          make: v.make,
          model: v.model,
          matchedVin: byVin(v),
        })),
    })),
    nextCursor: page.nextCursor,
  };
}

/** One customer with their cars and last visit. */
export async function customerView(ctx: Ctx, customerId: string) {
  const customer = await getCustomer(ctx, customerId, { lastVisit: customerLastVisit });
  return { ...customer, vehicles: await listVehiclesOfCustomers(ctx, [customerId]) };
}
