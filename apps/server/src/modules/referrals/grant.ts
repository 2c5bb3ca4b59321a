// Granting: once the qualifying order's return window has passed, a qualified referral's pending
// rewards are given (points or stored value through the loyalty ledger, a coupon issued) and
// each side is told; with none left pending the referral is `rewarded`. Each reward's ledger key
// is its id, so a rerun grants nothing twice.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { issueCoupon } from '../coupons/index.ts';
import { customers } from '../customers/index.ts';
import { grantReward } from '../loyalty/index.ts';
import { sendToCustomer } from '../messaging/index.ts';
import { couponName } from './lookups.ts';
import { rewardText } from './messages.ts';
import { referralRewards, referrals } from './referrals.tables.ts';

type ReferralRow = typeof referrals.$inferSelect;
type RewardRow = typeof referralRewards.$inferSelect;

/**
 * Grants the due pending rewards of one qualified referral (the job and "run now" call this).
 * The referral row is locked; each reward's ledger key is its id, so a rerun grants nothing twice.
 */
export async function grantDueRewards(ctx: Ctx, referralId: string): Promise<number> {
  const [r] = await ctx.tx
    .select()
    .from(referrals)
    .where(eq(referrals.id, referralId))
    .for('update');
  if (!r || r.status !== 'qualified') return 0;
  const now = ctx.clock.now();
  const rewards = await ctx.tx
    .select()
    .from(referralRewards)
    .where(eq(referralRewards.referralId, referralId))
    .orderBy(referralRewards.side);
  let granted = 0;
  const lang = new Map(
    (
      await ctx.tx
        .select({ id: customers.id, language: customers.language })
        .from(customers)
        .where(inArray(customers.id, [r.referrerId, r.refereeId]))
    ).map((c) => [c.id, c.language]),
  );
  for (const w of rewards) {
    if (w.status !== 'pending' || !w.grantAt || w.grantAt > now) continue;
    await grantOne(ctx, r, w, now);
    granted++;
    await tellRewarded(ctx, r, w, lang.get(w.customerId) ?? 'zh-CN');
  }
  const stillPending = await ctx.tx
    .select({ id: referralRewards.id })
    .from(referralRewards)
    .where(and(eq(referralRewards.referralId, referralId), eq(referralRewards.status, 'pending')));
  if (!stillPending.length) {
    await ctx.tx
      .update(referrals)
      .set({ status: 'rewarded', updatedAt: now })
      .where(eq(referrals.id, referralId));
    await recordAudit(ctx, {
      action: 'referral.rewarded',
      entityType: 'referral',
      entityId: referralId,
      changes: { granted },
    });
  }
  return granted;
}

async function grantOne(ctx: Ctx, r: ReferralRow, w: RewardRow, now: Date) {
  let couponId: string | null = null;
  const reference = { type: 'referral_reward', id: w.id };
  if (w.kind === 'points' || w.kind === 'stored_value') {
    await grantReward(ctx, {
      customerId: w.customerId,
      kind: w.kind,
      amount: w.amount,
      reason: w.side === 'referrer' ? '推荐好友奖励' : '新客推荐奖励',
      reference,
      idempotencyKey: `referral:${w.id}`,
    });
  } else if (w.kind === 'coupon' && w.couponTemplateId) {
    couponId = (
      await issueCoupon(ctx, {
        templateId: w.couponTemplateId,
        customerId: w.customerId,
        key: `referral:${w.id}`,
        source: 'referral',
        sourceRef: r.id,
      })
    ).id;
  }
  await ctx.tx
    .update(referralRewards)
    .set({ status: 'granted', grantedAt: now, couponId, updatedAt: now })
    .where(eq(referralRewards.id, w.id));
}

async function tellRewarded(ctx: Ctx, r: ReferralRow, w: RewardRow, language: string) {
  await sendToCustomer(ctx, {
    customerId: w.customerId,
    templateKey: 'referral.rewarded',
    data: {
      referral: {
        reward: rewardText(w, await couponName(ctx, w.couponTemplateId), language),
      },
    },
    dedupeKey: `referral.rewarded:${w.id}`,
    priority: 'transactional',
    purpose: 'transactional',
    source: { type: 'system', id: r.id },
  });
}

/** Grants every due reward of the tenant now (the job per tenant; "run now" for staff and tests). */
export async function grantDueForTenant(ctx: Ctx): Promise<number> {
  const due = await queryRows<{ id: string }>(
    ctx.tx,
    sql`select distinct w.referral_id as id from referral_rewards w
        join referrals f on f.id = w.referral_id and f.tenant_id = w.tenant_id
        where w.status = 'pending' and w.grant_at <= ${ctx.clock.now().toISOString()}::timestamptz
          and f.status = 'qualified'
        limit 5000`,
  );
  let n = 0;
  for (const d of due) n += await grantSafely(ctx, d.id);
  return n;
}

/**
 * One referral's grant in a savepoint: a reward that cannot be granted now (a coupon template
 * over budget or archived) stays pending and is logged, and the others go on.
 */
export async function grantSafely(ctx: Ctx, referralId: string): Promise<number> {
  try {
    return await ctx.tx.transaction((sp) => grantDueRewards({ ...ctx, tx: sp }, referralId));
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    ctx.log.warn({ referralId, code: err.code }, 'referral reward not granted yet');
    return 0;
  }
}
