// Service orders as they already were (the demo tenant's history): orders, their lines and the
// work declined, written as given in bulk — no events, no audit entries.
import { bulkInsert } from '../../db/bulk.ts';
import type { Ctx } from '../../kernel/context.ts';
import { declinedRecommendations, serviceOrderItems, serviceOrders } from './service.tables.ts';

export async function insertOrderHistory(
  ctx: Ctx,
  rows: {
    orders: (typeof serviceOrders.$inferInsert)[];
    items: (typeof serviceOrderItems.$inferInsert)[];
    declined: (typeof declinedRecommendations.$inferInsert)[];
  },
): Promise<void> {
  await bulkInsert(ctx.tx, serviceOrders, rows.orders);
  await bulkInsert(ctx.tx, serviceOrderItems, rows.items);
  await bulkInsert(ctx.tx, declinedRecommendations, rows.declined);
}
