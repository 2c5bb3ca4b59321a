// The customer's referrals under their data rights (PIPL): their copy (whom they referred —
// without the other person's details — who referred them, rewards), and erasure — the household
// facts (address and payer keys) are deleted; referrals and rewards stay (amounts granted).
import { eq, or } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import {
  referralCodes,
  referralHouseholds,
  referralRewards,
  referrals,
} from './referrals.tables.ts';

export async function referralsOf(ctx: Ctx, customerId: string) {
  const [code] = await ctx.tx
    .select({ code: referralCodes.code })
    .from(referralCodes)
    .where(eq(referralCodes.holderId, customerId));
  const rows = await ctx.tx
    .select()
    .from(referrals)
    .where(or(eq(referrals.referrerId, customerId), eq(referrals.refereeId, customerId)));
  const rewards = await ctx.tx
    .select()
    .from(referralRewards)
    .where(eq(referralRewards.customerId, customerId));
  return {
    code: code?.code ?? null,
    // The other side is another person: only the fact and the status are theirs to see.
    referrals: rows.map((r) => ({
      role: r.referrerId === customerId ? ('referrer' as const) : ('referee' as const),
      channel: r.channel,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
    })),
    rewards: rewards.map((w) => ({
      side: w.side,
      kind: w.kind,
      amount: w.amount,
      status: w.status,
      grantedAt: w.grantedAt?.toISOString() ?? null,
    })),
  };
}

export async function anonymiseReferrals(ctx: Ctx, customerId: string) {
  await ctx.tx.delete(referralHouseholds).where(eq(referralHouseholds.holderId, customerId));
}
