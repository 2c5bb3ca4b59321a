// Qualification: the referee's first paid order decides the referral, in the payment's own
// transaction. Below the programme's minimum it ends there (never rewarded); otherwise both
// rewards are promised, due once the order's return window has passed — the referrer's beyond
// the monthly cap is `capped`. The fraud rules run again with what the visit told.
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { loadLoyaltySettings } from '../loyalty/index.ts';
import type { OrderPayment } from '../service/index.ts';
import { evaluateFlags, mergeFlags, needsReview, type Flag } from './flags.ts';
import { DAY_MS } from './lookups.ts';
import type { ReferralSettings, Reward } from './referrals.schemas.ts';
import { referralRewards, referrals } from './referrals.tables.ts';
import { loadReferralSettings, rewardGives } from './settings.ts';

type ReferralRow = typeof referrals.$inferSelect;

/** The payment hook: the referee's first paid order decides the referral. */
export async function onReferralPayment(ctx: Ctx, p: OrderPayment): Promise<void> {
  const [r] = await ctx.tx
    .select()
    .from(referrals)
    .where(eq(referrals.refereeId, p.customerId))
    .for('update');
  if (!r || r.qualifyingOrderId || (r.status !== 'attributed' && r.status !== 'flagged')) return;
  const [earlier] = await queryRows<{ id: string }>(
    ctx.tx,
    sql`select so.id from service_orders so where so.customer_id = ${p.customerId}::uuid
        and so.id <> ${p.orderId}::uuid and so.paid_at is not null limit 1`,
  );
  if (earlier) return; // paid before being referred: this is not their first paid order
  const settings = await loadReferralSettings(ctx);
  if (p.paidFen < settings.minOrderFen) await endBelowMinimum(ctx, r, p, settings);
  else await qualify(ctx, r, p, settings);
}

async function endBelowMinimum(
  ctx: Ctx,
  r: ReferralRow,
  p: OrderPayment,
  settings: ReferralSettings,
) {
  await ctx.tx
    .update(referrals)
    .set({
      qualifyingOrderId: p.orderId,
      qualifyingOrderFen: p.paidFen,
      updatedAt: ctx.clock.now(),
    })
    .where(eq(referrals.id, r.id));
  await recordAudit(ctx, {
    action: 'referral.belowMinimum',
    entityType: 'referral',
    entityId: r.id,
    changes: { orderId: p.orderId, paidFen: p.paidFen, minOrderFen: settings.minOrderFen },
  });
}

async function qualify(ctx: Ctx, r: ReferralRow, p: OrderPayment, settings: ReferralSettings) {
  const now = ctx.clock.now();
  // The car usually arrives with the first visit: the rules run again with what is known now.
  const { flags, added } = mergeFlags(
    r.flags as Flag[],
    await evaluateFlags(ctx, {
      referrerId: r.referrerId,
      refereeId: r.refereeId,
      at: r.createdAt,
      referralId: r.id,
      attributedBy: r.attributedBy,
      orderId: p.orderId,
      settings,
    }),
  );
  const flagged =
    r.status === 'flagged' || (settings.reviewFlagged && !r.decision && needsReview(added));
  const window = (await loadLoyaltySettings(ctx)).points.returnWindowDays;
  const grantAt = new Date(now.getTime() + window * DAY_MS);
  const capped = await referrerCapped(ctx, r.referrerId, settings, now);
  await promiseRewards(ctx, r, settings, { capped, grantAt, now });
  const finalFlags =
    capped && !flags.some((f) => f.code === 'MONTHLY_CAP')
      ? [
          ...flags,
          { code: 'MONTHLY_CAP' as const, details: { cap: settings.monthlyCapPerReferrer } },
        ]
      : flags;
  await ctx.tx
    .update(referrals)
    .set({
      status: flagged ? 'flagged' : 'qualified',
      flags: finalFlags,
      qualifyingOrderId: p.orderId,
      qualifyingOrderFen: p.paidFen,
      updatedAt: now,
    })
    .where(eq(referrals.id, r.id));
  await recordAudit(ctx, {
    action: 'referral.qualified',
    entityType: 'referral',
    entityId: r.id,
    changes: {
      orderId: p.orderId,
      paidFen: p.paidFen,
      grantAt: grantAt.toISOString(),
      capped,
      flagged,
      added: added.map((f) => f.code),
    },
  });
}

/** Whether the referrer already has the month's cap of rewards (in the tenant's timezone). */
async function referrerCapped(
  ctx: Ctx,
  referrerId: string,
  settings: ReferralSettings,
  now: Date,
): Promise<boolean> {
  const [capRow] = await queryRows<{ n: number | string }>(
    ctx.tx,
    sql`select count(*) as n from referral_rewards w, tenants t
        where t.tenant_id = w.tenant_id and w.side = 'referrer'
          and w.customer_id = ${referrerId}::uuid and w.status in ('pending', 'granted')
          and date_trunc('month', w.created_at at time zone t.timezone)
            = date_trunc('month', ${now.toISOString()}::timestamptz at time zone t.timezone)`,
  );
  return Number(capRow?.n ?? 0) >= settings.monthlyCapPerReferrer;
}

/** One pending reward per side that gives something (the referrer's `capped` over the cap). */
async function promiseRewards(
  ctx: Ctx,
  r: ReferralRow,
  settings: ReferralSettings,
  { capped, grantAt, now }: { capped: boolean; grantAt: Date; now: Date },
) {
  const sides: { side: 'referrer' | 'referee'; customerId: string; reward: Reward }[] = [
    { side: 'referrer', customerId: r.referrerId, reward: settings.referrerReward },
    { side: 'referee', customerId: r.refereeId, reward: settings.refereeReward },
  ];
  for (const s of sides) {
    if (!rewardGives(s.reward)) continue;
    await ctx.tx
      .insert(referralRewards)
      .values({
        tenantId: ctx.tenantId,
        id: newId(),
        referralId: r.id,
        side: s.side,
        customerId: s.customerId,
        kind: s.reward.kind,
        amount: s.reward.amount,
        couponTemplateId: s.reward.couponTemplateId,
        status: s.side === 'referrer' && capped ? 'capped' : 'pending',
        grantAt,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing();
  }
}
