// Two customer records become one: participations follow the survivor (the generic re-pointing
// of `customer_id`). Where both records hold a place in the same deal, the duplicate's place is
// given up first — its hold released into the survivor's wallet (loyalty's merge hook, which runs
// before this one, has already moved the duplicate's wallet there) — so one person holds once.
import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { releaseHold } from '../loyalty/index.ts';
import { dealParticipations } from './deals.tables.ts';
import { holdKeyOf } from './joining.ts';

export async function onDealsMerge(
  ctx: Ctx,
  merge: { survivorId: string; duplicateId: string },
): Promise<void> {
  const holding = await ctx.tx
    .select()
    .from(dealParticipations)
    .where(
      and(
        inArray(dealParticipations.customerId, [merge.survivorId, merge.duplicateId]),
        eq(dealParticipations.status, 'holding'),
      ),
    )
    .for('update');
  const survivorDeals = new Set(
    holding.filter((p) => p.customerId === merge.survivorId).map((p) => p.dealId),
  );
  for (const p of holding) {
    if (p.customerId !== merge.duplicateId || !survivorDeals.has(p.dealId)) continue;
    await releaseHold(ctx, { customerId: merge.survivorId, key: holdKeyOf(p.id) });
    await ctx.tx
      .update(dealParticipations)
      .set({ status: 'left', leftAt: ctx.clock.now() })
      .where(eq(dealParticipations.id, p.id));
  }
}
