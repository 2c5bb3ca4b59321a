// Bookings that already happened, written as they were (demo history, a shop's earlier bookings):
// no slot capacity or opening-hours check, no messages, no events.
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { appointments } from './appointments.tables.ts';

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
