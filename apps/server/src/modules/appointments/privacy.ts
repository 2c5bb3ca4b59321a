// The customer's bookings under their data rights (PIPL): their copy, and erasure — notes are
// cleared; times and statuses stay (store capacity and history).
import { desc, eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { appointments } from './appointments.tables.ts';

export async function appointmentsOf(ctx: Ctx, customerId: string) {
  const rows = await ctx.tx
    .select()
    .from(appointments)
    .where(eq(appointments.customerId, customerId))
    .orderBy(desc(appointments.startsAt));
  return rows.map((a) => ({
    storeId: a.storeId,
    vehicleId: a.vehicleId,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    serviceCategory: a.serviceCategory,
    status: a.status,
    notes: a.notes,
    createdAt: a.createdAt.toISOString(),
  }));
}

export async function anonymiseAppointments(ctx: Ctx, customerId: string) {
  await ctx.tx
    .update(appointments)
    .set({ notes: null, updatedAt: ctx.clock.now() })
    .where(eq(appointments.customerId, customerId));
}
