// The call list's part of a customer's data copy (the calls logged to them, with notes) and of
// erasure: notes cleared and holds dropped; the calls stay (outcome and time) for the figures.
import { desc, eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { callListEntries, callLogs } from './call-list.tables.ts';

export async function callLogsOf(ctx: Ctx, customerId: string) {
  const rows = await ctx.tx
    .select()
    .from(callLogs)
    .where(eq(callLogs.customerId, customerId))
    .orderBy(desc(callLogs.createdAt));
  return rows.map((c) => ({
    vehicleId: c.vehicleId,
    outcome: c.outcome,
    note: c.note,
    at: c.createdAt.toISOString(),
  }));
}

export async function anonymiseCallLogs(ctx: Ctx, customerId: string): Promise<void> {
  await ctx.tx.update(callLogs).set({ note: null }).where(eq(callLogs.customerId, customerId));
  await ctx.tx.delete(callListEntries).where(eq(callListEntries.customerId, customerId));
}
