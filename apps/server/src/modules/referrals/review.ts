// Review of a flagged referral: approval lets it go on (the welcome coupon follows, the rewards
// wait for their time), rejection cancels what was pending. The decision is kept with its author.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { issueWelcomeCoupon } from './attribution.ts';
import type { Flag } from './flags.ts';
import { getReferral } from './listing.ts';
import type { ReferralDto } from './referrals.schemas.ts';
import { referralRewards, referrals } from './referrals.tables.ts';
import { loadReferralSettings } from './settings.ts';

type ReferralRow = typeof referrals.$inferSelect;

export async function reviewReferral(
  ctx: Ctx,
  id: string,
  input: { decision: 'approve' | 'reject'; note: string },
): Promise<ReferralDto> {
  const [r] = await ctx.tx.select().from(referrals).where(eq(referrals.id, id)).for('update');
  if (!r) throw new AppError('NOT_FOUND', { field: 'referralId' });
  if (r.status !== 'flagged')
    throw new AppError('REFERRAL_REVIEW_CONFLICT', { field: 'referralId' });
  const now = ctx.clock.now();
  const [staff] = await queryRows<{ name: string }>(
    ctx.tx,
    sql`select s.name from staff_users s where s.id = ${ctx.actor.id ?? null}::uuid`,
  );
  const decision = {
    decision: input.decision,
    note: input.note,
    by: staff?.name ?? ctx.actor.type,
    byId: ctx.actor.id,
    at: now.toISOString(),
  };
  const rewards = await ctx.tx
    .select()
    .from(referralRewards)
    .where(eq(referralRewards.referralId, id));
  let status: ReferralRow['status'];
  if (input.decision === 'reject') {
    status = 'rejected';
    await ctx.tx
      .update(referralRewards)
      .set({ status: 'cancelled', updatedAt: now })
      .where(
        and(
          eq(referralRewards.referralId, id),
          inArray(referralRewards.status, ['pending', 'capped']),
        ),
      );
  } else {
    status = rewards.length ? 'qualified' : 'attributed';
    await issueWelcomeCoupon(ctx, await loadReferralSettings(ctx), r);
  }
  await ctx.tx
    .update(referrals)
    .set({ status, decision, updatedAt: now })
    .where(eq(referrals.id, id));
  await recordAudit(ctx, {
    action: 'referral.reviewed',
    entityType: 'referral',
    entityId: id,
    changes: {
      decision: input.decision,
      note: input.note,
      flags: (r.flags as Flag[]).map((f) => f.code),
      from: r.status,
      to: status,
    },
  });
  return getReferral(ctx, id);
}
