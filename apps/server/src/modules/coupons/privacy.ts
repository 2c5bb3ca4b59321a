// The customer's coupons under their data rights (PIPL): their copy, and erasure — redemption
// notes are cleared and member-card tokens dropped; coupons, amounts and settlements stay for
// the accounts and partner statements.
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { coupons, memberCardTokens } from './coupons.tables.ts';
import { listMyCoupons } from './reading.ts';

export async function couponsOf(ctx: Ctx, customerId: string) {
  return (await listMyCoupons(ctx, customerId, undefined)).items;
}

export async function anonymiseCoupons(ctx: Ctx, customerId: string) {
  await ctx.tx
    .update(coupons)
    .set({ redemptionNote: null })
    .where(eq(coupons.customerId, customerId));
  await ctx.tx.delete(memberCardTokens).where(eq(memberCardTokens.customerId, customerId));
}
