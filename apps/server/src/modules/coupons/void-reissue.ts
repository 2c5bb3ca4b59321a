// Voiding a coupon (作废) with its reason, and reissuing (补发): the old one voided, a replacement
// with a new code and a fresh window that counts against neither budget nor limit.
import { eq } from 'drizzle-orm';
import { emitEvent } from '../../jobs/outbox.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { coupons } from './coupons.tables.ts';
import { insertCoupons } from './insert-coupons.ts';
import { getCoupon } from './reading.ts';
import { templateRow } from './templates.ts';

export async function voidCoupon(ctx: Ctx, couponId: string, input: { reason: string }) {
  const [c] = await ctx.tx.select().from(coupons).where(eq(coupons.id, couponId)).for('update');
  if (!c) throw new AppError('NOT_FOUND', { field: 'couponId' });
  if (c.status === 'redeemed') throw new AppError('COUPON_ALREADY_REDEEMED', { field: 'couponId' });
  if (c.status === 'voided') throw new AppError('COUPON_VOIDED', { field: 'couponId' });
  const now = ctx.clock.now();
  await ctx.tx
    .update(coupons)
    .set({ status: 'voided', voidedAt: now, voidReason: input.reason, updatedAt: now })
    .where(eq(coupons.id, couponId));
  await recordAudit(ctx, {
    action: 'coupon.voided',
    entityType: 'coupon',
    entityId: couponId,
    changes: input,
  });
  await emitEvent(ctx, {
    type: 'coupon.voided',
    aggregateId: couponId,
    payload: { couponId, reason: input.reason },
  });
  return getCoupon(ctx, couponId);
}

/**
 * Voids a coupon (if it is not already) and issues its replacement: same template and customer,
 * a new code and a fresh window. The replacement does not count against budget or limit.
 */
export async function reissueCoupon(ctx: Ctx, couponId: string, input: { reason: string }) {
  const [c] = await ctx.tx.select().from(coupons).where(eq(coupons.id, couponId)).for('update');
  if (!c) throw new AppError('NOT_FOUND', { field: 'couponId' });
  if (c.status === 'redeemed') throw new AppError('COUPON_ALREADY_REDEEMED', { field: 'couponId' });
  const template = await templateRow(ctx, c.templateId, true);
  if (c.status === 'issued') await voidCoupon(ctx, couponId, input);
  const ids = await insertCoupons(
    ctx,
    template,
    [{ customerId: c.customerId, issueKey: `reissue:${c.id}` }],
    { source: 'reissue', sourceRef: c.id, reissuedFromId: c.id },
  );
  if (!ids.length)
    throw new AppError('COUPON_VOIDED', { field: 'couponId', details: { reissued: true } });
  await recordAudit(ctx, {
    action: 'coupon.reissued',
    entityType: 'coupon',
    entityId: ids[0]!,
    changes: { from: couponId, reason: input.reason },
  });
  return getCoupon(ctx, ids[0]!);
}
