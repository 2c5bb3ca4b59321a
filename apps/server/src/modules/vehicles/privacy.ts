// The customer's cars under their data rights (PIPL): their copy (cars, who owned them when,
// odometer readings), and erasure — plate, VIN and ids from other systems of the cars they own
// are cleared (they identify the person); make, model, year and readings stay with the car's
// service history.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { listVehiclesOfCustomers } from './vehicles.service.ts';
import { odometerReadings, vehicleOwnerships, vehicles } from './vehicles.tables.ts';

export async function vehicleDataOf(ctx: Ctx, customerId: string) {
  const cars = await listVehiclesOfCustomers(ctx, [customerId]);
  const owned = await ctx.tx
    .select()
    .from(vehicleOwnerships)
    .where(eq(vehicleOwnerships.customerId, customerId))
    .orderBy(asc(vehicleOwnerships.fromAt));
  const ids = cars.map((c) => c.id);
  const readings = ids.length
    ? await ctx.tx
        .select()
        .from(odometerReadings)
        .where(inArray(odometerReadings.vehicleId, ids))
        .orderBy(asc(odometerReadings.readAt))
    : [];
  return {
    cars: cars.map((c) => ({
      ...c,
      odometer: readings
        .filter((r) => r.vehicleId === c.id)
        .map((r) => ({ readAt: r.readAt.toISOString(), mileageKm: r.mileageKm, source: r.source })),
    })),
    ownerships: owned.map((o) => ({
      vehicleId: o.vehicleId,
      from: o.fromAt.toISOString(),
      to: o.toAt?.toISOString() ?? null,
      reason: o.reason,
    })),
  };
}

export async function anonymiseVehicles(ctx: Ctx, customerId: string) {
  const cleared = await ctx.tx
    .update(vehicles)
    .set({ plate: null, vin: null, externalId: null, updatedAt: ctx.clock.now() })
    .where(and(eq(vehicles.customerId, customerId)))
    .returning({ id: vehicles.id });
  return { cars: cleared.length };
}
