// Reactions to other modules' events (delivered at least once: each is idempotent by state): a
// cancelled order gives its coupon back, a refunded one voids or returns it as the template says,
// and a tier reached issues the templates for that tier.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError, type ErrorCode } from '../../kernel/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { restoreCoupon } from './claim.ts';
import { couponTemplates, coupons } from './coupons.tables.ts';
import { issueCoupons } from './issuing.ts';
import { templateOfCoupon } from './reading.ts';

/** A cancelled order gives its coupon back. */
export async function onOrderCancelled(ctx: Ctx, orderId: string): Promise<number> {
  const rows = await ctx.tx
    .select({ id: coupons.id })
    .from(coupons)
    .where(and(eq(coupons.redeemedOrderId, orderId), eq(coupons.status, 'redeemed')))
    .for('update');
  for (const r of rows)
    await restoreCoupon(ctx, r.id, 'coupon.restored', { orderId, reason: 'order_cancelled' });
  return rows.length;
}

/** A refunded order voids its coupon or gives it back, as the template says. */
export async function onOrderRefunded(ctx: Ctx, orderId: string): Promise<number> {
  const rows = await ctx.tx
    .select({ c: coupons, refundRule: couponTemplates.refundRule })
    .from(coupons)
    .innerJoin(couponTemplates, templateOfCoupon)
    .where(and(eq(coupons.redeemedOrderId, orderId), eq(coupons.status, 'redeemed')))
    .for('update', { of: coupons });
  const now = ctx.clock.now();
  for (const { c, refundRule } of rows) {
    if (refundRule === 'restore')
      await restoreCoupon(ctx, c.id, 'coupon.restored', { orderId, reason: 'order_refunded' });
    else {
      // Keep the redemption facts (order, amount) readable; the coupon is spent for good.
      await ctx.tx
        .update(coupons)
        .set({
          status: 'voided',
          redeemedAt: null,
          voidedAt: now,
          voidReason: 'order_refunded',
          updatedAt: now,
        })
        .where(eq(coupons.id, c.id));
      await recordAudit(ctx, {
        action: 'coupon.voided',
        entityType: 'coupon',
        entityId: c.id,
        changes: { orderId, reason: 'order_refunded' },
      });
    }
  }
  return rows.length;
}

/**
 * Coupons on upgrade: the templates the tier names (`templateIds`, from the loyalty settings)
 * and every active template whose issueOnTier is the tier reached. Idempotent by event id.
 */
export async function onTierReached(
  ctx: Ctx,
  input: { customerId: string; tierCode: string; eventId: string; templateIds?: string[] },
): Promise<number> {
  const ids = (input.templateIds ?? []).filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const templates = await ctx.tx
    .select({ id: couponTemplates.id })
    .from(couponTemplates)
    .where(
      and(
        eq(couponTemplates.status, 'active'),
        ids.length
          ? sql`(${couponTemplates.issueOnTier} = ${input.tierCode} or ${inArray(couponTemplates.id, ids)})`
          : eq(couponTemplates.issueOnTier, input.tierCode),
      ),
    );
  let issued = 0;
  for (const t of templates) {
    try {
      const res = await issueCoupons(ctx, t.id, {
        customerIds: [input.customerId],
        batchKey: `tier:${input.eventId}`,
        source: 'rule',
        sourceRef: `tier:${input.tierCode}`,
      });
      issued += res.issued;
    } catch (err) {
      // An exhausted budget or a customer at the limit must not block the event for ever: the
      // coupon is not issued, which is logged.
      if (
        err instanceof AppError &&
        (['COUPON_BUDGET_EXHAUSTED', 'COUPON_CUSTOMER_LIMIT'] as ErrorCode[]).includes(err.code)
      ) {
        ctx.log.warn({ templateId: t.id, code: err.code }, 'tier coupon not issued');
        continue;
      }
      throw err;
    }
  }
  return issued;
}
