// Settling a deal at its deadline (or when staff cancel it), in restartable steps:
//   1. begin: under the deal's lock, the outcome is decided once from the joiners counted then
//      (status open → settling, `outcome` set); a rerun finds it decided;
//   2. one step per joiner still holding, under the participation's lock: on success the hold is
//      captured and the package or coupon granted (both keyed by the participation), else the
//      hold is released (and `dealParticipation.released` emitted: payments refunds a price paid
//      online); the joiner is told (dedupe key per participation); status moves on;
//   3. finish: the deal takes its final status only when no joiner is holding any more.
// Each step is one transaction in the job, so a kill -9 between or inside steps loses nothing
// (the step rolls back) and doubles nothing (a settled joiner is skipped, every write is keyed).
// A reward that cannot be granted (e.g. the coupon limit) releases that joiner's hold instead.
import { and, eq, inArray, lte, or, sql } from 'drizzle-orm';
import { emitEvent } from '../../jobs/outbox.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { issueCoupon } from '../coupons/index.ts';
import { captureHold, grantPackageProduct, releaseHold } from '../loyalty/index.ts';
import { dealRow, isIn, participationsOf, type DealRow } from './deal-read.ts';
import { countedJoiners, outcomeOf, type DealOutcome } from './deal-rules.ts';
import { dealParticipations, deals } from './deals.tables.ts';
import { holdKeyOf } from './joining.ts';
import { tellJoiner } from './messages.ts';

/** Runs a step in its own transaction (the job) or in the caller's (a request, the demo). */
export type StepRunner = <T>(step: (ctx: Ctx) => Promise<T>) => Promise<T>;

/** Step 1: decides the outcome once. Null when the deal is not (yet) to be settled. */
export async function beginSettlement(
  ctx: Ctx,
  dealId: string,
  forced?: 'cancelled',
): Promise<DealRow | null> {
  const deal = await dealRow(ctx, dealId, true);
  if (deal.status === 'settling') return deal;
  if (deal.status !== 'open') return null;
  const now = ctx.clock.now();
  if (!forced && deal.deadlineAt.getTime() > now.getTime()) return null;
  const holding = (await participationsOf(ctx, [dealId])).filter(isIn);
  const outcome: DealOutcome = forced ?? outcomeOf(deal.minJoiners, countedJoiners(holding));
  const [row] = await ctx.tx
    .update(deals)
    .set({ status: 'settling', outcome, updatedAt: now })
    .where(eq(deals.id, dealId))
    .returning();
  return row!;
}

async function grant(ctx: Ctx, deal: DealRow, p: { id: string; customerId: string }) {
  const key = holdKeyOf(p.id);
  if (deal.rewardKind === 'package')
    return (
      await grantPackageProduct(ctx, {
        customerId: p.customerId,
        productId: deal.packageProductId!,
        key,
        method: 'deal',
      })
    ).id;
  return (
    await issueCoupon(ctx, {
      templateId: deal.couponTemplateId!,
      customerId: p.customerId,
      key,
      source: 'deal',
      sourceRef: deal.id,
    })
  ).id;
}

/** Step 2 for one joiner; answers whether it settled anyone (false: already settled). */
export async function settleParticipation(
  ctx: Ctx,
  deal: DealRow,
  participationId: string,
): Promise<boolean> {
  const [p] = await ctx.tx
    .select()
    .from(dealParticipations)
    .where(eq(dealParticipations.id, participationId))
    .for('update');
  if (!p || p.status !== 'holding') return false;
  const ref = { customerId: p.customerId, key: holdKeyOf(p.id) };
  let grantedRef: string | null = null;
  if (deal.outcome === 'succeeded')
    try {
      grantedRef = await ctx.tx.transaction(async (tx) => {
        const sp = { ...ctx, tx };
        await captureHold(sp, ref);
        return grant(sp, deal, p);
      });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      ctx.log.warn({ err, participationId }, 'deal reward refused; the hold is released');
    }
  if (grantedRef === null) {
    await releaseHold(ctx, ref);
    // The price is back in the joiner's wallet; whoever took it (payments, when it was paid
    // online) may give it back the way it came.
    await emitEvent(ctx, {
      type: 'dealParticipation.released',
      aggregateId: p.id,
      payload: {
        dealId: deal.id,
        participationId: p.id,
        customerId: p.customerId,
        amountFen: p.holdFen,
        outcome: deal.outcome,
      },
    });
  }
  const now = ctx.clock.now();
  await ctx.tx
    .update(dealParticipations)
    .set({ status: grantedRef === null ? 'released' : 'captured', grantedRef, settledAt: now })
    .where(eq(dealParticipations.id, p.id));
  await tellJoiner(ctx, {
    participationId: p.id,
    customerId: p.customerId,
    dealId: deal.id,
    title: deal.title,
    amountFen: p.holdFen,
    outcome: grantedRef === null ? 'released' : 'succeeded',
  });
  return true;
}

/** Step 3: the final status, once nobody holds. Answers whether the deal is final now. */
export async function finishSettlement(ctx: Ctx, dealId: string): Promise<boolean> {
  const deal = await dealRow(ctx, dealId, true);
  if (deal.status !== 'settling') return deal.status !== 'open' && deal.status !== 'draft';
  const [left] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(dealParticipations)
    .where(and(eq(dealParticipations.dealId, dealId), eq(dealParticipations.status, 'holding')));
  if (Number(left?.n ?? 0) > 0) return false;
  const now = ctx.clock.now();
  await ctx.tx
    .update(deals)
    .set({ status: deal.outcome!, settledAt: now, updatedAt: now })
    .where(eq(deals.id, dealId));
  return true;
}

/** Settles one deal through `run`: answers the joiners settled now. */
export async function settleDeal(
  run: StepRunner,
  dealId: string,
  forced?: 'cancelled',
  /** Called before each joiner's step (the crash test's progress). */
  onStep?: (index: number) => void,
): Promise<number> {
  const deal = await run((ctx) => beginSettlement(ctx, dealId, forced));
  if (!deal) return 0;
  const ids = await run(async (ctx) =>
    (
      await ctx.tx
        .select({ id: dealParticipations.id })
        .from(dealParticipations)
        .where(and(eq(dealParticipations.dealId, dealId), eq(dealParticipations.status, 'holding')))
        .orderBy(dealParticipations.joinedAt, dealParticipations.id)
    ).map((r) => r.id),
  );
  let n = 0;
  for (const [i, id] of ids.entries()) {
    onStep?.(i);
    if (await run((ctx) => settleParticipation(ctx, deal, id))) n++;
  }
  await run((ctx) => finishSettlement(ctx, dealId));
  return n;
}

/** Settles a deal inside the caller's transaction (cancel, the staff "run now", the demo). */
export const settleDealNow = (ctx: Ctx, dealId: string, forced?: 'cancelled') =>
  settleDeal((step) => step(ctx), dealId, forced);

/** Deals of the tenant whose deadline passed, or whose settlement was interrupted. */
export async function dueDealIds(ctx: Ctx): Promise<string[]> {
  const rows = await ctx.tx
    .select({ id: deals.id })
    .from(deals)
    .where(
      or(
        and(eq(deals.status, 'open'), lte(deals.deadlineAt, ctx.clock.now())),
        inArray(deals.status, ['settling']),
      ),
    )
    .orderBy(deals.deadlineAt);
  return rows.map((r) => r.id);
}

/** The staff "settle due deals now": every due deal of the tenant, in the request. */
export async function settleDueDeals(ctx: Ctx) {
  let participations = 0;
  const ids = await dueDealIds(ctx);
  for (const id of ids) participations += await settleDealNow(ctx, id);
  return { deals: ids.length, participations };
}
