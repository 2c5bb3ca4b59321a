// Reversal: a refund of the qualifying order, in the refund's own transaction, cancels the
// pending rewards and takes back the granted ones (points and stored value through the ledger,
// a coupon voided when still unused); the referral ends `reversed`.
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { voidCoupon } from '../coupons/index.ts';
import { reverseReward } from '../loyalty/index.ts';
import type { OrderRefund } from '../service/index.ts';
import { referralRewards, referrals } from './referrals.tables.ts';

type RewardRow = typeof referralRewards.$inferSelect;

/** The refund hook: the qualifying order refunded → pending cancelled, granted taken back. */
export async function onReferralRefund(ctx: Ctx, refund: OrderRefund): Promise<void> {
  const [r] = await ctx.tx
    .select()
    .from(referrals)
    .where(eq(referrals.qualifyingOrderId, refund.orderId))
    .for('update');
  if (!r) return;
  const rewards = await ctx.tx
    .select()
    .from(referralRewards)
    .where(eq(referralRewards.referralId, r.id))
    .orderBy(referralRewards.side);
  if (!rewards.length) return; // below the minimum: nothing was promised
  const now = ctx.clock.now();
  const outcome: Record<string, unknown>[] = [];
  for (const w of rewards) {
    if (w.status === 'pending' || w.status === 'capped') {
      await setRewardStatus(ctx, w, 'cancelled', now);
      outcome.push({ side: w.side, was: w.status, now: 'cancelled' });
    } else if (w.status === 'granted') {
      let note: Record<string, unknown> = {};
      if (w.kind === 'coupon') {
        if (w.couponId)
          try {
            await voidCoupon(ctx, w.couponId, { reason: '推荐首单已退款' });
          } catch (err) {
            // A coupon already used cannot be taken back: recorded, not hidden.
            if (!(err instanceof AppError)) throw err;
            note = { couponNotVoided: err.code };
          }
      } else {
        note = await reverseReward(ctx, { reference: { type: 'referral_reward', id: w.id } });
      }
      await setRewardStatus(ctx, w, 'reversed', now);
      outcome.push({ side: w.side, was: 'granted', now: 'reversed', ...note });
    }
  }
  await ctx.tx
    .update(referrals)
    .set({ status: 'reversed', updatedAt: now })
    .where(eq(referrals.id, r.id));
  await recordAudit(ctx, {
    action: 'referral.reversed',
    entityType: 'referral',
    entityId: r.id,
    changes: { orderId: refund.orderId, rewards: outcome },
  });
}

async function setRewardStatus(ctx: Ctx, w: RewardRow, status: RewardRow['status'], now: Date) {
  await ctx.tx
    .update(referralRewards)
    .set({ status, updatedAt: now })
    .where(eq(referralRewards.id, w.id));
}
