// Erasure (PIPL): reminder sends keep no personal data (their rendered data is cleared) and
// those not sent yet are cancelled; the rows stay for the rules' statistics.
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { reminderSends } from './reminders.tables.ts';

export async function anonymiseReminderSends(ctx: Ctx, customerId: string) {
  const now = ctx.clock.now();
  await ctx.tx
    .update(reminderSends)
    .set({ status: 'cancelled', reason: 'customer_erased', cancelledAt: now })
    .where(and(eq(reminderSends.customerId, customerId), eq(reminderSends.status, 'pending')));
  await ctx.tx
    .update(reminderSends)
    .set({ data: {} })
    .where(eq(reminderSends.customerId, customerId));
}
