// 订阅: owners who tapped 订阅 in the app hear of each new issue (messaging still applies their
// marketing consent); staff see how many there are.
import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { magazineSubscribers } from './magazine.tables.ts';

export async function isSubscribed(ctx: Ctx, customerId: string) {
  const [row] = await ctx.tx
    .select({ id: magazineSubscribers.customerId })
    .from(magazineSubscribers)
    .where(
      and(
        eq(magazineSubscribers.tenantId, ctx.tenantId),
        eq(magazineSubscribers.customerId, customerId),
      ),
    );
  return { subscribed: !!row };
}

/** Subscribing twice is one subscription. */
export async function subscribe(ctx: Ctx, customerId: string) {
  await ctx.tx
    .insert(magazineSubscribers)
    .values({ tenantId: ctx.tenantId, customerId, subscribedAt: ctx.clock.now() })
    .onConflictDoNothing();
  return { subscribed: true };
}

/** Unsubscribing without a subscription is MAGAZINE_NOT_SUBSCRIBED (the app shows the toggle off). */
export async function unsubscribe(ctx: Ctx, customerId: string) {
  const gone = await ctx.tx
    .delete(magazineSubscribers)
    .where(
      and(
        eq(magazineSubscribers.tenantId, ctx.tenantId),
        eq(magazineSubscribers.customerId, customerId),
      ),
    )
    .returning({ id: magazineSubscribers.customerId });
  if (!gone.length) throw new AppError('MAGAZINE_NOT_SUBSCRIBED');
  return { subscribed: false };
}

export async function subscriberCount(ctx: Ctx): Promise<number> {
  const [row] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(magazineSubscribers)
    .where(eq(magazineSubscribers.tenantId, ctx.tenantId));
  return row?.n ?? 0;
}
