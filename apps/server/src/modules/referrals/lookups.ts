// What referrals read of other records: a customer who must exist (and not be merged away) and
// the name of a coupon template a reward or an offer names.
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { couponTemplates } from '../coupons/index.ts';
import { customers } from '../customers/index.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;

export async function assertCustomer(ctx: Ctx, customerId: string, field = 'customerId') {
  const [c] = await ctx.tx
    .select({
      id: customers.id,
      name: customers.name,
      phone: customers.phone,
      createdAt: customers.createdAt,
      mergedIntoId: customers.mergedIntoId,
      language: customers.language,
    })
    .from(customers)
    .where(eq(customers.id, customerId));
  if (!c || c.mergedIntoId) throw new AppError('NOT_FOUND', { field });
  return c;
}

export async function couponName(ctx: Ctx, templateId: string | null): Promise<string | null> {
  if (!templateId) return null;
  const [t] = await ctx.tx
    .select({ name: couponTemplates.name })
    .from(couponTemplates)
    .where(eq(couponTemplates.id, templateId));
  return t?.name ?? null;
}
