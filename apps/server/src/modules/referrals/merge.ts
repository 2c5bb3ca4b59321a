// A customer merge seen from referrals.
import { and, eq, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { referrals } from './referrals.tables.ts';

/**
 * On merge: the duplicate's referrals follow the survivor (as referrer always; as referee only
 * when the survivor was not referred itself: the first touch stays). A referral between the two
 * would become a self-referral: it is rejected.
 */
export async function onReferralMerge(ctx: Ctx, m: { survivorId: string; duplicateId: string }) {
  const now = ctx.clock.now();
  await ctx.tx
    .update(referrals)
    .set({ status: 'rejected', updatedAt: now })
    .where(
      or(
        and(eq(referrals.referrerId, m.survivorId), eq(referrals.refereeId, m.duplicateId)),
        and(eq(referrals.referrerId, m.duplicateId), eq(referrals.refereeId, m.survivorId)),
      ),
    );
  await ctx.tx
    .update(referrals)
    .set({ referrerId: m.survivorId, updatedAt: now })
    .where(
      and(eq(referrals.referrerId, m.duplicateId), sql`${referrals.refereeId} <> ${m.survivorId}`),
    );
  const [survivorReferred] = await ctx.tx
    .select({ id: referrals.id })
    .from(referrals)
    .where(eq(referrals.refereeId, m.survivorId));
  if (!survivorReferred)
    await ctx.tx
      .update(referrals)
      .set({ refereeId: m.survivorId, updatedAt: now })
      .where(
        and(
          eq(referrals.refereeId, m.duplicateId),
          sql`${referrals.referrerId} <> ${m.survivorId}`,
        ),
      );
}
