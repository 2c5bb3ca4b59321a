// Tells the coupons module which partners exist, for templates that name one: coupons cannot
// import this module, which builds on it, so the lookup is handed over when this module loads.
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { setPartnerLookup } from '../coupons/index.ts';
import { partners } from './partners.tables.ts';

async function partnerExists(ctx: Ctx, partnerId: string): Promise<boolean> {
  const [found] = await ctx.tx
    .select({ id: partners.id })
    .from(partners)
    .where(eq(partners.id, partnerId));
  return Boolean(found);
}

/** Hands the lookup to coupons (importing this module does it; again is harmless). */
export function registerCouponPartners(): void {
  setPartnerLookup(partnerExists);
}

registerCouponPartners();
