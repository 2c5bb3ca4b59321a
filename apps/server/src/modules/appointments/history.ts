// Bookings that already happened, written as they were (demo history): no slot capacity or
// opening-hours check, no messages, no events; and opening hours set up in bulk.
import { bulkInsert } from '../../db/bulk.ts';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { appointments, storeOpeningHours } from './appointments.tables.ts';

export interface PastBooking {
  storeId: string;
  customerId: string;
  startsAt: Date;
  endsAt: Date;
  serviceCategory: string | null;
  status: 'booked' | 'completed';
  createdByType: 'customer' | 'staff';
  bookedAt: Date;
}

/** Writes one booking as it happened; answers its id. */
export async function recordPastBooking(ctx: Ctx, b: PastBooking): Promise<string> {
  const id = newId();
  await ctx.tx.insert(appointments).values({
    tenantId: ctx.tenantId,
    id,
    storeId: b.storeId,
    customerId: b.customerId,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    serviceCategory: b.serviceCategory,
    status: b.status,
    createdByType: b.createdByType,
    createdAt: b.bookedAt,
    updatedAt: b.bookedAt,
  });
  return id;
}

/** Opening hours as they are set up (the demo tenant's stores), written in bulk. */
export async function insertOpeningHours(
  ctx: Ctx,
  rows: (typeof storeOpeningHours.$inferInsert)[],
): Promise<void> {
  await bulkInsert(ctx.tx, storeOpeningHours, rows);
}
