// Bookings that already happened, written as they were (demo history): no slot capacity or
// opening-hours check, no messages, no events (one still to come takes its slot's place); and
// opening hours set up in bulk.
import { bulkInsert } from '../../db/bulk.ts';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { sql } from 'drizzle-orm';
import { appointmentSlots, appointments, storeOpeningHours } from './appointments.tables.ts';

export interface PastBooking {
  storeId: string;
  customerId: string;
  vehicleId?: string | null;
  startsAt: Date;
  endsAt: Date;
  serviceCategory: string | null;
  status: 'booked' | 'confirmed' | 'checked_in' | 'completed' | 'no_show';
  createdByType: 'customer' | 'staff';
  bookedAt: Date;
  /** A booking still to come takes its place in the slot (of this capacity), as a live one does. */
  holdsPlaceOf?: number;
}

/** Writes one booking as it happened; answers its id. */
export async function recordPastBooking(ctx: Ctx, b: PastBooking): Promise<string> {
  const id = newId();
  await ctx.tx.insert(appointments).values({
    tenantId: ctx.tenantId,
    id,
    storeId: b.storeId,
    customerId: b.customerId,
    vehicleId: b.vehicleId ?? null,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    serviceCategory: b.serviceCategory,
    status: b.status,
    createdByType: b.createdByType,
    createdAt: b.bookedAt,
    updatedAt: b.bookedAt,
  });
  if (b.holdsPlaceOf !== undefined)
    await ctx.tx
      .insert(appointmentSlots)
      .values({
        tenantId: ctx.tenantId,
        storeId: b.storeId,
        startsAt: b.startsAt,
        capacity: b.holdsPlaceOf,
        booked: 1,
      })
      .onConflictDoUpdate({
        target: [appointmentSlots.tenantId, appointmentSlots.storeId, appointmentSlots.startsAt],
        set: { booked: sql`${appointmentSlots.booked} + 1` },
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
