// A CSV import's cars and odometer readings, written set-based (one statement per chunk): the
// import decides which cars are new, which changed and which changed hands; the ownership
// history that follows from that, and the readings' own fields, are made here.
import { and, inArray, isNull } from 'drizzle-orm';
import { bulkInsert } from '../../db/bulk.ts';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { bulkUpdate } from '../../db/bulk.ts';
import { odometerReadings, vehicleOwnerships, vehicles } from './vehicles.tables.ts';

/** The fields an import sets on a car. */
export const IMPORTED_VEHICLE_FIELDS = [
  'customerId',
  'plate',
  'vin',
  'make',
  'model',
  'year',
  'fuelType',
  'registrationDate',
  'insuranceExpiry',
  'nextInspectionDate',
  'externalId',
] as const;

export type ImportedVehicle = Pick<
  typeof vehicles.$inferSelect,
  'id' | (typeof IMPORTED_VEHICLE_FIELDS)[number]
>;

/** A mileage an import read off a file (with the service order it came with, if any). */
export interface ImportedReading {
  vehicleId: string;
  mileageKm: number;
  readAt: Date;
  serviceOrderId: string | null;
}

const readingRows = (ctx: Ctx, readings: ImportedReading[]) => {
  const createdAt = ctx.clock.now();
  return readings.map((r) => ({
    tenantId: ctx.tenantId,
    id: newId(),
    ...r,
    source: 'import' as const,
    createdAt,
  }));
};

/**
 * Inserts the batch's new cars and updates the changed ones, stamped `at`; a new car starts its
 * ownership history, a change of owner closes the open period and starts the next.
 */
export async function saveImportedVehicles(
  ctx: Ctx,
  batch: {
    created: ImportedVehicle[];
    changed: ImportedVehicle[];
    transfers: { vehicleId: string; customerId: string }[];
    readings: ImportedReading[];
  },
  at: Date,
): Promise<void> {
  const readings = readingRows(ctx, batch.readings);
  await bulkInsert(
    ctx.tx,
    vehicles,
    batch.created.map((v) => ({ tenantId: ctx.tenantId, ...v, createdAt: at, updatedAt: at })),
  );
  await bulkUpdate(
    ctx.tx,
    vehicles,
    batch.changed.map((v) => ({ tenantId: ctx.tenantId, ...v, updatedAt: at })),
    [...IMPORTED_VEHICLE_FIELDS, 'updatedAt'],
  );
  const { transfers } = batch;
  if (transfers.length)
    await ctx.tx
      .update(vehicleOwnerships)
      .set({ toAt: at })
      .where(
        and(
          inArray(
            vehicleOwnerships.vehicleId,
            transfers.map((t) => t.vehicleId),
          ),
          isNull(vehicleOwnerships.toAt),
        ),
      );
  const period = (vehicleId: string, customerId: string, reason: string | null) => ({
    tenantId: ctx.tenantId,
    id: newId(),
    vehicleId,
    customerId,
    fromAt: at,
    toAt: null,
    reason,
  });
  await bulkInsert(ctx.tx, vehicleOwnerships, [
    ...batch.created.map((v) => period(v.id, v.customerId, null)),
    ...transfers.map((t) => period(t.vehicleId, t.customerId, 'import')),
  ]);
  await bulkInsert(ctx.tx, odometerReadings, readings);
}

/** Inserts readings an import found and corrects the mileage of readings it had made before. */
export async function saveImportedReadings(
  ctx: Ctx,
  readings: { created: ImportedReading[]; changed: { id: string; mileageKm: number }[] },
): Promise<void> {
  await bulkInsert(ctx.tx, odometerReadings, readingRows(ctx, readings.created));
  await bulkUpdate(
    ctx.tx,
    odometerReadings,
    readings.changed.map((r) => ({ tenantId: ctx.tenantId, ...r })),
    ['mileageKm'],
  );
}
