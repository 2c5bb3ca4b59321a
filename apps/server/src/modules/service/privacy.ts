// The customer's service history under their data rights (PIPL): their copy, and erasure —
// free-text notes are cleared; orders, items and amounts stay (the accounts must keep them).
import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { declinedRecommendations, serviceOrderItems, serviceOrders } from './service.tables.ts';

export async function serviceHistoryOf(ctx: Ctx, customerId: string) {
  const orders = await ctx.tx
    .select()
    .from(serviceOrders)
    .where(eq(serviceOrders.customerId, customerId))
    .orderBy(desc(serviceOrders.openedAt));
  const items = orders.length
    ? await ctx.tx
        .select()
        .from(serviceOrderItems)
        .where(
          inArray(
            serviceOrderItems.orderId,
            orders.map((o) => o.id),
          ),
        )
        .orderBy(asc(serviceOrderItems.position))
    : [];
  const declined = await ctx.tx
    .select()
    .from(declinedRecommendations)
    .where(eq(declinedRecommendations.customerId, customerId));
  return {
    orders: orders.map((o) => ({
      number: o.number,
      vehicleId: o.vehicleId,
      status: o.status,
      mileageKm: o.mileageKm,
      totalFen: o.totalFen,
      discountFen: o.discountFen,
      paidFen: o.paidFen,
      paymentMethod: o.paymentMethod,
      notes: o.notes,
      openedAt: o.openedAt.toISOString(),
      completedAt: o.completedAt?.toISOString() ?? null,
      paidAt: o.paidAt?.toISOString() ?? null,
      items: items
        .filter((i) => i.orderId === o.id)
        .map((i) => ({
          kind: i.kind,
          category: i.category,
          description: i.description,
          quantity: i.quantity,
          unitPriceFen: i.unitPriceFen,
        })),
    })),
    declinedRecommendations: declined.map((d) => ({
      vehicleId: d.vehicleId,
      category: d.category,
      description: d.description,
      createdAt: d.createdAt.toISOString(),
    })),
  };
}

export async function anonymiseServiceOrders(ctx: Ctx, customerId: string) {
  await ctx.tx
    .update(serviceOrders)
    .set({ notes: null })
    .where(eq(serviceOrders.customerId, customerId));
}
