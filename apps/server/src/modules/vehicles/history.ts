// Cars as they already were (the demo tenant's history): rows written as given, in bulk — no
// events, no audit entries. Readings go in after the service orders they may name.
import { bulkInsert } from '../../db/bulk.ts';
import type { Ctx } from '../../kernel/context.ts';
import { odometerReadings, vehicleOwnerships, vehicles } from './vehicles.tables.ts';

export async function insertVehicleHistory(
  ctx: Ctx,
  rows: {
    vehicles: (typeof vehicles.$inferInsert)[];
    ownerships: (typeof vehicleOwnerships.$inferInsert)[];
  },
): Promise<void> {
  await bulkInsert(ctx.tx, vehicles, rows.vehicles);
  await bulkInsert(ctx.tx, vehicleOwnerships, rows.ownerships);
}

export async function insertReadingHistory(
  ctx: Ctx,
  readings: (typeof odometerReadings.$inferInsert)[],
): Promise<void> {
  await bulkInsert(ctx.tx, odometerReadings, readings);
}
