// The day's takings as the orders record them: every payment part of the orders paid in a time
// window, and of the orders refunded in it (a refund gives every part back), per method.
import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import type { PaymentMethod } from './service-order-rules.ts';
import { serviceOrderPayments, serviceOrders } from './service.tables.ts';

export interface MethodTotal {
  method: PaymentMethod;
  orders: number;
  amountFen: number;
  points: number;
}

export interface Takings {
  paid: MethodTotal[];
  refunded: MethodTotal[];
  paidOrderIds: string[];
  refundedOrderIds: string[];
}

async function partsOf(
  ctx: Ctx,
  at: typeof serviceOrders.paidAt,
  input: { from: Date; to: Date; storeId?: string | undefined },
) {
  const orders = await ctx.tx
    .select({ id: serviceOrders.id })
    .from(serviceOrders)
    .where(
      and(
        gte(at, input.from),
        lt(at, input.to),
        input.storeId ? eq(serviceOrders.storeId, input.storeId) : undefined,
      ),
    );
  const ids = orders.map((o) => o.id);
  const parts = ids.length
    ? await ctx.tx
        .select({
          orderId: serviceOrderPayments.orderId,
          method: serviceOrderPayments.method,
          amountFen: serviceOrderPayments.amountFen,
          points: serviceOrderPayments.points,
        })
        .from(serviceOrderPayments)
        .where(inArray(serviceOrderPayments.orderId, ids))
    : [];
  const byMethod = new Map<PaymentMethod, MethodTotal>();
  for (const p of parts) {
    const t = byMethod.get(p.method) ?? { method: p.method, orders: 0, amountFen: 0, points: 0 };
    t.orders += 1;
    t.amountFen += p.amountFen;
    t.points += p.points ?? 0;
    byMethod.set(p.method, t);
  }
  return { ids, totals: [...byMethod.values()] };
}

/** What orders took in [from, to) and what refunds in it gave back, per method. */
export async function takingsBetween(
  ctx: Ctx,
  input: { from: Date; to: Date; storeId?: string | undefined },
): Promise<Takings> {
  const paid = await partsOf(ctx, serviceOrders.paidAt, input);
  const refunded = await partsOf(ctx, serviceOrders.refundedAt, input);
  return {
    paid: paid.totals,
    refunded: refunded.totals,
    paidOrderIds: paid.ids,
    refundedOrderIds: refunded.ids,
  };
}
