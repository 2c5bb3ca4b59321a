// Tells the coupons module which partners exist, for templates that name one: coupons cannot
// import this module, which builds on it, so the composition root hands this lookup over.
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { partners } from './partners.tables.ts';

export async function partnerExists(ctx: Ctx, partnerId: string): Promise<boolean> {
  const [found] = await ctx.tx
    .select({ id: partners.id })
    .from(partners)
    .where(eq(partners.id, partnerId));
  return Boolean(found);
}
