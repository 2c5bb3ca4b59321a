// How a customer came, once a referral is known: a sign-up in the app or a walk-in was in fact a
// referral, and the record says so. Any other source (an import's, a campaign's) stays.
import { and, inArray } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { customers, type CUSTOMER_SOURCES } from './customers.tables.ts';

type Source = (typeof CUSTOMER_SOURCES)[number];

/** Sets `source = 'referral'` on those of `customerIds` whose source is one of `replacing`. */
export async function markCameByReferral(
  ctx: Ctx,
  customerIds: string[],
  replacing: readonly Source[] = ['app', 'walk_in'],
): Promise<void> {
  if (!customerIds.length) return;
  await ctx.tx
    .update(customers)
    .set({ source: 'referral', updatedAt: ctx.clock.now() })
    .where(and(inArray(customers.id, customerIds), inArray(customers.source, [...replacing])));
}
