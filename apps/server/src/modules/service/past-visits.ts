// A past visit from paper records: a closed order dated on the day it happened, with one line
// for the work and the mileage as the car's reading of that day. It is history, not business
// of today — no payment, points, coupons or status events (nothing reaches the owner) — but it
// counts in the customer's visits and spend and in the car's due-list, as imported history does.
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { stores } from '../tenancy/index.ts';
import {
  announceVehicleHistory,
  assertNotFuture,
  pastDay,
  recordPastReading,
  vehicles,
} from '../vehicles/index.ts';
import { allocateNumber } from './order-editing.ts';
import { orderChanged } from './order-status.ts';
import { getServiceOrder, tenantTimeZone } from './order-views.ts';
import type { PastVisitInput } from './past-visits.schemas.ts';
import { orderNumberPrefix } from './service-order-rules.ts';
import { serviceOrderItems, serviceOrders } from './service.tables.ts';

export async function recordPastVisit(ctx: Ctx, vehicleId: string, input: PastVisitInput) {
  const [car] = await ctx.tx
    .select({ id: vehicles.id, customerId: vehicles.customerId })
    .from(vehicles)
    .where(eq(vehicles.id, vehicleId));
  if (!car) throw new AppError('NOT_FOUND');
  const [store] = await ctx.tx
    .select({ id: stores.id, code: stores.code, timezone: stores.timezone })
    .from(stores)
    .where(eq(stores.id, input.storeId));
  if (!store) throw new AppError('NOT_FOUND', { field: 'storeId' });
  const timeZone = await tenantTimeZone(ctx, store.timezone);
  assertNotFuture(input.date, ctx.clock.now(), timeZone, 'date');

  // Numbered in the day of the visit, as the store would have numbered it then.
  const at = pastDay(input.date, timeZone).noon;
  const number = await allocateNumber(
    ctx,
    orderNumberPrefix(store.code, input.date.replaceAll('-', '')),
  );
  const id = newId();
  const now = ctx.clock.now();
  await ctx.tx.insert(serviceOrders).values({
    tenantId: ctx.tenantId,
    id,
    number,
    storeId: store.id,
    customerId: car.customerId,
    vehicleId: car.id,
    advisorId: null,
    status: 'closed',
    mileageKm: input.mileageKm ?? null,
    totalFen: input.totalFen,
    // Settled then, outside Liuke: the amount counts as spend, no payment is recorded.
    paidFen: input.totalFen,
    openedAt: at,
    completedAt: at,
    paidAt: at,
    closedAt: at,
    createdAt: now,
    updatedAt: now,
  });
  await ctx.tx.insert(serviceOrderItems).values({
    tenantId: ctx.tenantId,
    id: newId(),
    orderId: id,
    position: 1,
    kind: 'labour',
    category: input.category,
    description: input.description,
    quantity: 1,
    unitPriceFen: input.totalFen,
  });
  if (input.mileageKm !== null && input.mileageKm !== undefined)
    await recordPastReading(ctx, {
      vehicleId: car.id,
      date: input.date,
      timeZone,
      mileageKm: input.mileageKm,
      serviceOrderId: id,
    });
  await orderChanged(ctx, id, car.customerId);
  await recordAudit(ctx, {
    action: 'serviceOrder.pastVisitRecorded',
    entityType: 'service_order',
    entityId: id,
    changes: { ...input, number, vehicleId: car.id },
  });
  await announceVehicleHistory(ctx, car.id, 'visit');
  return getServiceOrder(ctx, id);
}
