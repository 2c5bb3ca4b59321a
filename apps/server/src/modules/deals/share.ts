// Sharing a deal is a referral link: the owner's referral code (referrals module) with the deal
// id, so a new customer who signs in through it is attributed to the sharer and lands on the deal.
import type { Ctx } from '../../kernel/context.ts';
import { ensureCode, referralLink } from '../referrals/index.ts';
import { getTenant } from '../tenancy/index.ts';
import { appDeal } from './deal-read.ts';

export const dealShareLink = (referral: string, dealId: string) =>
  `${referral}&deal=${encodeURIComponent(dealId)}`;

export async function shareDeal(ctx: Ctx, dealId: string, customerId: string, publicUrl: string) {
  await appDeal(ctx, dealId, customerId);
  const code = await ensureCode(ctx, customerId);
  const tenant = await getTenant(ctx);
  return { code, link: dealShareLink(referralLink(publicUrl, code, tenant.slug), dealId) };
}
