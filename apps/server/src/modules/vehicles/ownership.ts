// A car's life with the business: odometer readings (from orders, the owner, imports, staff)
// and changes of owner. The history stays with the car.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { emitEvent } from '../../jobs/outbox.ts';
import { recordAudit } from '../audit/index.ts';
// Reads the customers table for existence and names only (a module import would be circular).
import { customers } from '../customers/index.ts';
import { odometerReadings, vehicleOwnerships, vehicles } from './vehicles.tables.ts';
import type { ODOMETER_SOURCES } from './vehicles.tables.ts';

/** A reading this far below the last one is taken for a typo unless confirmed. */
export const ROLLBACK_TOLERANCE_KM = 1000;

export async function lastReading(ctx: Ctx, vehicleId: string) {
  const [last] = await ctx.tx
    .select()
    .from(odometerReadings)
    .where(eq(odometerReadings.vehicleId, vehicleId))
    .orderBy(desc(odometerReadings.readAt), desc(odometerReadings.id))
    .limit(1);
  return last ?? null;
}

/**
 * Records a reading. One far below the last is refused (ODOMETER_ROLLBACK, with the last
 * reading in the details) unless `confirmRollback`. Emits `vehicle.mileageRecorded` so the
 * due-list can be recomputed at once.
 */
export async function recordOdometer(
  ctx: Ctx,
  input: {
    vehicleId: string;
    mileageKm: number;
    source: (typeof ODOMETER_SOURCES)[number];
    serviceOrderId?: string | null;
    confirmRollback?: boolean | undefined;
    readAt?: Date;
  },
) {
  const last = await lastReading(ctx, input.vehicleId);
  if (last && input.mileageKm < last.mileageKm - ROLLBACK_TOLERANCE_KM && !input.confirmRollback) {
    throw new AppError('ODOMETER_ROLLBACK', {
      field: 'mileageKm',
      details: { lastMileageKm: last.mileageKm, lastReadAt: last.readAt.toISOString() },
    });
  }
  const id = newId();
  const readAt = input.readAt ?? ctx.clock.now();
  await ctx.tx.insert(odometerReadings).values({
    tenantId: ctx.tenantId,
    id,
    vehicleId: input.vehicleId,
    readAt,
    mileageKm: input.mileageKm,
    source: input.source,
    serviceOrderId: input.serviceOrderId ?? null,
  });
  await emitEvent(ctx, {
    type: 'vehicle.mileageRecorded',
    aggregateId: input.vehicleId,
    payload: {
      vehicleId: input.vehicleId,
      mileageKm: input.mileageKm,
      source: input.source,
      readingId: id,
    },
  });
  return {
    id,
    readAt: readAt.toISOString(),
    mileageKm: input.mileageKm,
    source: input.source,
    serviceOrderId: input.serviceOrderId ?? null,
  };
}

export async function listOdometer(ctx: Ctx, vehicleId: string) {
  const rows = await ctx.tx
    .select()
    .from(odometerReadings)
    .where(eq(odometerReadings.vehicleId, vehicleId))
    .orderBy(desc(odometerReadings.readAt), desc(odometerReadings.id))
    .limit(500);
  return rows.map((r) => ({
    id: r.id,
    readAt: r.readAt.toISOString(),
    mileageKm: r.mileageKm,
    source: r.source,
    serviceOrderId: r.serviceOrderId,
  }));
}

/** Moves a car to another customer: closes the current ownership, opens the next. */
export async function transferVehicle(
  ctx: Ctx,
  input: { vehicleId: string; toCustomerId: string; reason?: string | null | undefined },
) {
  const [car] = await ctx.tx
    .select()
    .from(vehicles)
    .where(eq(vehicles.id, input.vehicleId))
    .for('update');
  if (!car) throw new AppError('NOT_FOUND');
  if (car.customerId === input.toCustomerId)
    throw new AppError('VEHICLE_TRANSFER_SAME_OWNER', { field: 'toCustomerId' });
  const [target] = await ctx.tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.id, input.toCustomerId), isNull(customers.mergedIntoId)));
  if (!target) throw new AppError('NOT_FOUND', { field: 'toCustomerId' });
  const now = ctx.clock.now();
  await ctx.tx
    .update(vehicleOwnerships)
    .set({ toAt: now })
    .where(and(eq(vehicleOwnerships.vehicleId, car.id), isNull(vehicleOwnerships.toAt)));
  await ctx.tx.insert(vehicleOwnerships).values({
    tenantId: ctx.tenantId,
    id: newId(),
    vehicleId: car.id,
    customerId: input.toCustomerId,
    fromAt: now,
    reason: input.reason ?? null,
  });
  await ctx.tx
    .update(vehicles)
    .set({ customerId: input.toCustomerId, updatedAt: now })
    .where(eq(vehicles.id, car.id));
  await recordAudit(ctx, {
    action: 'vehicle.transferred',
    entityType: 'vehicle',
    entityId: car.id,
    changes: { from: car.customerId, to: input.toCustomerId, reason: input.reason ?? null },
  });
  await emitEvent(ctx, {
    type: 'vehicle.transferred',
    aggregateId: car.id,
    payload: {
      vehicleId: car.id,
      fromCustomerId: car.customerId,
      toCustomerId: input.toCustomerId,
    },
  });
}

export async function ownershipHistory(ctx: Ctx, vehicleId: string) {
  const rows = await ctx.tx
    .select({ o: vehicleOwnerships, name: customers.name })
    .from(vehicleOwnerships)
    .leftJoin(
      customers,
      and(
        eq(customers.tenantId, vehicleOwnerships.tenantId),
        eq(customers.id, vehicleOwnerships.customerId),
      ),
    )
    .where(eq(vehicleOwnerships.vehicleId, vehicleId))
    .orderBy(desc(vehicleOwnerships.fromAt));
  return rows.map(({ o, name }) => ({
    customerId: o.customerId,
    customerName: name,
    fromAt: o.fromAt.toISOString(),
    toAt: o.toAt?.toISOString() ?? null,
    reason: o.reason,
  }));
}
