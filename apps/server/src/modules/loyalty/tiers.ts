// Tiers (普通 / 银 / 金 / 钻石): by spend (fen paid, refunds excluded) or points earned over a
// rolling period. An upgrade happens at once when a payment or grant qualifies; a downgrade is
// announced `noticeDays` ahead by the periodic job (event loyalty.tierDowngradeScheduled) and
// happens only if the customer still does not qualify then. Both moves emit loyalty.tierChanged
// with the new tier's coupon templates, for the coupons module to issue.
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import { emitEvent } from '../../jobs/outbox.ts';
import type { Ctx } from '../../kernel/context.ts';
import { addDays, addMonths, tierFor, tierProgress, tierRank } from './ledger-math.ts';
import { customerTiers } from './loyalty.tables.ts';
import { loadSettings, type TierSettings } from './settings.ts';

/** The metric's value for a customer over the rolling period ending now. */
export async function tierMetric(
  ctx: Ctx,
  customerId: string,
  tiers: TierSettings,
): Promise<number> {
  const since = addMonths(ctx.clock.now(), -tiers.periodMonths).toISOString();
  const [row] =
    tiers.metric === 'spend'
      ? await queryRows<{ v: number | string }>(
          ctx.tx,
          sql`select coalesce(sum(o.paid_fen), 0)::bigint as v from service_orders o
              where o.customer_id = ${customerId}::uuid and o.status in ('paid', 'closed')
              and o.paid_at >= ${since}::timestamptz`,
        )
      : await queryRows<{ v: number | string }>(
          ctx.tx,
          sql`select coalesce(sum(l.amount), 0)::bigint as v from points_lots l
              where l.customer_id = ${customerId}::uuid and l.status <> 'reversed'
              and l.earned_at >= ${since}::timestamptz`,
        );
  return Number(row?.v ?? 0);
}

export async function currentTierCode(
  ctx: Ctx,
  customerId: string,
  tiers: TierSettings,
): Promise<string | null> {
  const [row] = await ctx.tx
    .select()
    .from(customerTiers)
    .where(eq(customerTiers.customerId, customerId));
  if (row && tierRank(tiers.levels, row.tierCode) >= 0) return row.tierCode;
  return tiers.levels[0]?.code ?? null;
}

/** The tier's earn multiplier for a customer (1 without tiers). */
export async function earnMultiplier(
  ctx: Ctx,
  customerId: string,
  tiers: TierSettings,
): Promise<number> {
  const code = await currentTierCode(ctx, customerId, tiers);
  return tiers.levels.find((l) => l.code === code)?.earnMultiplier ?? 1;
}

async function setTier(
  ctx: Ctx,
  customerId: string,
  from: string | null,
  to: string,
  tiers: TierSettings,
  direction: 'up' | 'down',
) {
  const now = ctx.clock.now();
  await ctx.tx
    .insert(customerTiers)
    .values({
      tenantId: ctx.tenantId,
      customerId,
      tierCode: to,
      since: now,
      downgradeTo: null,
      downgradeAt: null,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [customerTiers.tenantId, customerTiers.customerId],
      set: { tierCode: to, since: now, downgradeTo: null, downgradeAt: null, updatedAt: now },
    });
  const level = tiers.levels.find((l) => l.code === to)!;
  await emitEvent(ctx, {
    type: 'loyalty.tierChanged',
    aggregateId: customerId,
    payload: {
      customerId,
      from,
      to,
      toName: level.name,
      direction,
      couponTemplateIds: direction === 'up' ? level.upgradeCouponTemplateIds : [],
    },
  });
}

/** Upgrades at once when the customer now qualifies for a higher tier; clears a pending downgrade. */
export async function checkUpgrade(
  ctx: Ctx,
  customerId: string,
  /** Spend not yet visible as a paid order (the payment hook runs before the status moves). */
  pendingSpendFen = 0,
): Promise<string | null> {
  const { tiers } = await loadSettings(ctx);
  if (!tiers.levels.length) return null;
  // One tier change per customer at a time (payment hook and job may meet here).
  await ctx.tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`tier|${customerId}`}, 0))`,
  );
  const current = await currentTierCode(ctx, customerId, tiers);
  const value =
    (await tierMetric(ctx, customerId, tiers)) + (tiers.metric === 'spend' ? pendingSpendFen : 0);
  const qualified = tierFor(tiers.levels, value)!;
  const rank = tierRank(tiers.levels, current);
  if (tierRank(tiers.levels, qualified.code) > rank) {
    await setTier(ctx, customerId, current, qualified.code, tiers, 'up');
    return qualified.code;
  }
  if (tierRank(tiers.levels, qualified.code) >= rank)
    await ctx.tx
      .update(customerTiers)
      .set({ downgradeTo: null, downgradeAt: null })
      .where(eq(customerTiers.customerId, customerId));
  return current;
}

/**
 * The downgrade rule for one customer: announce a drop `noticeDays` ahead, carry it out when due
 * if they still do not qualify, cancel it if they qualify again.
 */
export async function reviewTier(
  ctx: Ctx,
  customerId: string,
): Promise<'kept' | 'scheduled' | 'downgraded' | 'upgraded'> {
  const { tiers } = await loadSettings(ctx);
  const [row] = await ctx.tx
    .select()
    .from(customerTiers)
    .where(eq(customerTiers.customerId, customerId))
    .for('update');
  if (!row || !tiers.levels.length) return 'kept';
  const now = ctx.clock.now();
  const qualified = tierFor(tiers.levels, await tierMetric(ctx, customerId, tiers))!;
  const rank = tierRank(tiers.levels, row.tierCode);
  const qRank = tierRank(tiers.levels, qualified.code);
  if (qRank > rank) {
    await setTier(ctx, customerId, row.tierCode, qualified.code, tiers, 'up');
    return 'upgraded';
  }
  if (qRank === rank || rank < 0) {
    if (row.downgradeAt)
      await ctx.tx
        .update(customerTiers)
        .set({ downgradeTo: null, downgradeAt: null })
        .where(eq(customerTiers.customerId, customerId));
    return 'kept';
  }
  if (!row.downgradeAt) {
    const at = addDays(now, tiers.noticeDays);
    await ctx.tx
      .update(customerTiers)
      .set({ downgradeTo: qualified.code, downgradeAt: at, updatedAt: now })
      .where(eq(customerTiers.customerId, customerId));
    await emitEvent(ctx, {
      type: 'loyalty.tierDowngradeScheduled',
      aggregateId: customerId,
      payload: { customerId, from: row.tierCode, to: qualified.code, at: at.toISOString() },
    });
    return 'scheduled';
  }
  if (row.downgradeAt <= now) {
    await setTier(ctx, customerId, row.tierCode, qualified.code, tiers, 'down');
    return 'downgraded';
  }
  return 'kept';
}

/** The summary's tier block. */
export async function tierSummary(ctx: Ctx, customerId: string) {
  const { tiers } = await loadSettings(ctx);
  if (!tiers.levels.length) return null;
  const code = (await currentTierCode(ctx, customerId, tiers))!;
  const level = tiers.levels.find((l) => l.code === code)!;
  const value = await tierMetric(ctx, customerId, tiers);
  const { next, nextThreshold } = tierProgress(tiers.levels, code);
  return {
    code,
    name: level.name,
    nextTierName: next?.name ?? null,
    progress: { metric: tiers.metric, value, nextThreshold },
  };
}
