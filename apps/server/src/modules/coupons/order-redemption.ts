// Coupons on service orders: checking a code against an order or a basket (what it takes off, or
// precisely why not), redeeming it on the order with its discount, and taking it off again.
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import {
  applyOrderDiscount,
  getServiceOrder,
  removeOrderDiscount,
  serviceOrders,
} from '../service/index.ts';
import { claimCoupon, restoreCoupon } from './claim.ts';
import { evaluateCoupon, type OrderContext } from './coupon-rules.ts';
import type { ValidateInput } from './coupons.schemas.ts';
import { coupons } from './coupons.tables.ts';
import { couponByCode, couponDto, selectCoupons } from './reading.ts';
import { validationError } from './request-errors.ts';

async function orderContext(ctx: Ctx, orderId: string) {
  const order = await getServiceOrder(ctx, orderId);
  const categoryTotals: Record<string, number> = {};
  for (const i of order.items)
    categoryTotals[i.category] = (categoryTotals[i.category] ?? 0) + i.amountFen;
  const context: OrderContext = {
    storeId: order.storeId,
    customerId: order.customerId,
    totalFen: order.totalFen,
    categoryTotals,
    partnerId: null,
  };
  return { order, context };
}

async function couponOnOrder(ctx: Ctx, orderId: string) {
  const [r] = await ctx.tx
    .select({ id: coupons.id })
    .from(coupons)
    .where(and(eq(coupons.redeemedOrderId, orderId), eq(coupons.status, 'redeemed')));
  return r?.id ?? null;
}

/** Checks a code against an order (or a basket) and says what it takes off, or precisely why not. */
export async function validateCoupon(ctx: Ctx, input: ValidateInput) {
  const r = await couponByCode(ctx, input.code);
  let context: OrderContext;
  let onOrder: string | null = null;
  if (input.orderId) {
    context = (await orderContext(ctx, input.orderId)).context;
    onOrder = await couponOnOrder(ctx, input.orderId);
  } else {
    if (!input.storeId)
      throw validationError(
        'storeId',
        '未指定工单时须提供门店',
        'storeId is needed without an orderId',
      );
    const categoryTotals: Record<string, number> = {};
    for (const [k, v] of Object.entries(input.categoryTotals ?? {}))
      if (typeof v === 'number') categoryTotals[k] = v;
    const sum = Object.values(categoryTotals).reduce((a, b) => a + b, 0);
    context = {
      storeId: input.storeId,
      customerId: null,
      totalFen: input.amountFen ?? sum,
      categoryTotals,
      partnerId: null,
    };
  }
  let evaluation = evaluateCoupon(r.c, r.t, context, ctx.clock.now());
  if (evaluation.ok && onOrder && onOrder !== r.c.id)
    evaluation = { ok: false, reason: 'COUPON_ORDER_HAS_COUPON', details: {} };
  const coupon = couponDto(r, ctx);
  if (evaluation.ok)
    return {
      valid: true,
      reason: null,
      message: null,
      details: null,
      discountFen: evaluation.discountFen,
      coupon,
    };
  const err = new AppError(evaluation.reason);
  return {
    valid: false,
    reason: evaluation.reason,
    message: err.messageFor(ctx.locale),
    details: evaluation.details,
    discountFen: 0,
    coupon,
  };
}

async function lockOrderRow(ctx: Ctx, orderId: string) {
  const [o] = await ctx.tx
    .select({ id: serviceOrders.id })
    .from(serviceOrders)
    .where(eq(serviceOrders.id, orderId))
    .for('update');
  if (!o) throw new AppError('NOT_FOUND', { field: 'orderId' });
}

/**
 * Redeems a coupon on an order and applies its discount, in one transaction; of two tills
 * redeeming the same coupon at the same moment, one succeeds (see claimCoupon).
 */
export async function applyCouponToOrder(
  ctx: Ctx,
  orderId: string,
  input: { code?: string | undefined; couponId?: string | undefined },
) {
  if (!input.code && !input.couponId)
    throw validationError('code', '请填写券码', 'give the coupon code or couponId');
  await lockOrderRow(ctx, orderId);
  const r = input.couponId
    ? (await selectCoupons(ctx, eq(coupons.id, input.couponId)))[0]
    : await couponByCode(ctx, input.code!);
  if (!r) throw new AppError('NOT_FOUND', { field: 'couponId' });
  const { order, context } = await orderContext(ctx, orderId);
  if (order.status !== 'open' && order.status !== 'completed')
    throw new AppError('SERVICE_ORDER_STATUS_CONFLICT', {
      field: 'status',
      details: { from: order.status, to: order.status },
    });
  const evaluation = evaluateCoupon(r.c, r.t, context, ctx.clock.now());
  if (!evaluation.ok)
    throw new AppError(evaluation.reason, { field: 'code', details: evaluation.details });
  if (await couponOnOrder(ctx, orderId))
    throw new AppError('COUPON_ORDER_HAS_COUPON', { field: 'code' });

  const { discountFen } = evaluation;
  await claimCoupon(ctx, r.c, {
    at: ctx.clock.now(),
    orderId,
    discountFen,
    settlementFen: r.t.partnerId ? r.t.settlementFen : null,
    whileClaimed: () =>
      applyOrderDiscount(ctx, {
        orderId,
        source: 'coupon',
        referenceId: r.c.id,
        amountFen: discountFen,
        label: `${r.t.name} · ${r.c.code}`,
      }),
    record: { audit: { orderId, discountFen, code: r.c.code }, event: { discountFen } },
  });
  return getServiceOrder(ctx, orderId);
}

/** Takes a coupon off an order that is not paid yet; the coupon can be used again. */
export async function removeCouponFromOrder(ctx: Ctx, orderId: string, couponId: string) {
  await lockOrderRow(ctx, orderId);
  const [c] = await ctx.tx.select().from(coupons).where(eq(coupons.id, couponId)).for('update');
  if (!c) throw new AppError('NOT_FOUND', { field: 'couponId' });
  if (c.status !== 'redeemed' || c.redeemedOrderId !== orderId)
    throw new AppError('COUPON_NOT_REDEEMED', { field: 'couponId' });
  await removeOrderDiscount(ctx, { orderId, referenceId: couponId });
  await restoreCoupon(ctx, c.id, 'coupon.unredeemed', { orderId });
  return getServiceOrder(ctx, orderId);
}
