// The rows of an order every use-case of the module reads: its lines, and the order itself under
// a row lock (changes to one order queue up).
import { asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { serviceOrderItems, serviceOrders } from './service.tables.ts';

export type OrderRow = typeof serviceOrders.$inferSelect;
type ItemRow = typeof serviceOrderItems.$inferSelect;

export async function itemsOf(ctx: Ctx, orderId: string): Promise<ItemRow[]> {
  return ctx.tx
    .select()
    .from(serviceOrderItems)
    .where(eq(serviceOrderItems.orderId, orderId))
    .orderBy(asc(serviceOrderItems.position), asc(serviceOrderItems.id));
}

export /** Reads the order and locks its row until the transaction ends: changes to one order queue up. */
async function lockOrder(ctx: Ctx, orderId: string): Promise<OrderRow> {
  const [row] = await ctx.tx
    .select()
    .from(serviceOrders)
    .where(eq(serviceOrders.id, orderId))
    .for('update');
  if (!row) throw new AppError('NOT_FOUND', { field: 'orderId' });
  return row;
}
