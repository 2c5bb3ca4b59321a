// Claiming a coupon for one redemption, and giving it back. Every redemption — on an order, of a
// package at the counter, at a partner's counter — claims through `claimCoupon`: a conditional
// UPDATE … WHERE status = 'issued'. Of two tills or counters redeeming the same coupon at the
// same moment, the second waits for the first and then matches no row: at most one redemption.
import { and, eq } from 'drizzle-orm';
import { emitEvent } from '../../jobs/outbox.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { coupons } from './coupons.tables.ts';

export interface CouponClaim {
  /** The moment of redemption (the clock reading the caller checked the coupon against). */
  at: Date;
  /** Redeemed on a service order, taking this much off it. */
  orderId?: string;
  discountFen?: number;
  /** A partner coupon: what the redemption is settled at; null: none. */
  settlementFen?: number | null;
  /** Redeemed without an order: what was granted, or at which partner. */
  note?: string | null;
  /** Work that belongs to the redemption, done once the coupon is held (the order's discount…). */
  whileClaimed?: () => Promise<unknown>;
  /**
   * What the audit entry records and what the `coupon.redeemed` event adds to the coupon's ids;
   * null for history written by the demo seed, which is neither audited nor announced.
   */
  record: { audit: Record<string, unknown>; event: Record<string, unknown> } | null;
}

/**
 * Redeems the coupon (read before, still `issued` then) once: 409 COUPON_ALREADY_REDEEMED or
 * COUPON_VOIDED on `code` when somebody else was faster.
 */
export async function claimCoupon(
  ctx: Ctx,
  coupon: { id: string; templateId: string; customerId: string },
  claim: CouponClaim,
): Promise<void> {
  // Fields left undefined are not written (a package claim leaves the order fields alone).
  const claimed = await ctx.tx
    .update(coupons)
    .set({
      status: 'redeemed',
      redeemedAt: claim.at,
      redeemedOrderId: claim.orderId,
      discountFen: claim.discountFen,
      settlementFen: claim.settlementFen,
      redemptionNote: claim.note,
      updatedAt: claim.at,
    })
    .where(and(eq(coupons.id, coupon.id), eq(coupons.status, 'issued')))
    .returning({ id: coupons.id });
  if (!claimed.length) throw await claimFailure(ctx, coupon.id);
  await claim.whileClaimed?.();
  if (!claim.record) return;
  await recordAudit(ctx, {
    action: 'coupon.redeemed',
    entityType: 'coupon',
    entityId: coupon.id,
    changes: claim.record.audit,
  });
  await emitEvent(ctx, {
    type: 'coupon.redeemed',
    aggregateId: coupon.id,
    payload: {
      couponId: coupon.id,
      templateId: coupon.templateId,
      customerId: coupon.customerId,
      orderId: claim.orderId ?? null,
      ...claim.record.event,
    },
  });
}

/** Why a coupon that looked usable could not be claimed: somebody else was faster. */
async function claimFailure(ctx: Ctx, couponId: string): Promise<AppError> {
  const [c] = await ctx.tx
    .select({ status: coupons.status })
    .from(coupons)
    .where(eq(coupons.id, couponId));
  return new AppError(c?.status === 'voided' ? 'COUPON_VOIDED' : 'COUPON_ALREADY_REDEEMED', {
    field: 'code',
  });
}

/** Gives a redeemed coupon back (taken off its order, order cancelled or refunded): usable again. */
export async function restoreCoupon(
  ctx: Ctx,
  couponId: string,
  action: string,
  changes: Record<string, unknown>,
) {
  const now = ctx.clock.now();
  await ctx.tx
    .update(coupons)
    .set({
      status: 'issued',
      redeemedAt: null,
      redeemedOrderId: null,
      discountFen: null,
      settlementFen: null,
      updatedAt: now,
    })
    .where(eq(coupons.id, couponId));
  await recordAudit(ctx, { action, entityType: 'coupon', entityId: couponId, changes });
  await emitEvent(ctx, { type: action, aggregateId: couponId, payload: { couponId, ...changes } });
}
