// What one order earned in points, for its receipt: the `earn` transfer booked against the order
// and whether its lot is still pending (return window), available, or taken back by a refund.
import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { ledgerTransfers, pointsLots } from './loyalty.tables.ts';

export interface OrderPointsEarned {
  points: number;
  status: 'pending' | 'available' | 'reversed';
  /** When pending points become spendable. */
  availableAt: string | null;
}

/** Points earned on a service order (null: it earned none). */
export async function pointsEarnedForOrder(
  ctx: Ctx,
  orderId: string,
): Promise<OrderPointsEarned | null> {
  const [earned] = await ctx.tx
    .select({ points: sql<string | null>`sum(${ledgerTransfers.amount})` })
    .from(ledgerTransfers)
    .where(
      and(
        eq(ledgerTransfers.kind, 'earn'),
        eq(ledgerTransfers.referenceType, 'service_order'),
        eq(ledgerTransfers.referenceId, orderId),
      ),
    );
  const points = Number(earned?.points ?? 0);
  if (points <= 0) return null;
  const lots = await ctx.tx
    .select({ status: pointsLots.status, availableAt: pointsLots.availableAt })
    .from(pointsLots)
    .where(
      and(
        eq(pointsLots.source, 'order'),
        eq(pointsLots.referenceType, 'service_order'),
        eq(pointsLots.referenceId, orderId),
      ),
    );
  const pending = lots.find((l) => l.status === 'pending');
  const status = pending
    ? 'pending'
    : lots.length > 0 && lots.every((l) => l.status === 'reversed')
      ? 'reversed'
      : 'available';
  return { points, status, availableAt: pending ? pending.availableAt.toISOString() : null };
}
