// Which partner merchants exist, for templates that name one. The partners module builds on this
// one (a partner's coupons are templates here), so it is not imported: the composition root hands
// its lookup over. Until then no partner is known, and a template naming one is refused.
import type { Ctx } from '../../kernel/context.ts';

export type PartnerLookup = (ctx: Ctx, partnerId: string) => Promise<boolean>;

let lookup: PartnerLookup = async () => false;

export function setPartnerLookup(fn: PartnerLookup): void {
  lookup = fn;
}

export const partnerExists = (ctx: Ctx, partnerId: string): Promise<boolean> =>
  lookup(ctx, partnerId);
