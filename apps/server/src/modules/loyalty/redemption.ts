// Points as payment (积分抵扣): the tenant's rate and limits, the points part of an order's
// payment taken from available points (oldest-expiring first) in the payment's transaction, and
// given back when the order is refunded.
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { transferByKey } from './ledger.ts';
import { earnPoints, takePoints } from './points.ts';
import type { RedemptionSettings } from './settings.ts';

/**
 * What a points part is worth: given points, amount in fen, or both (then they must agree).
 * Points must convert to whole fen at the rate (at 100 points per ¥1 every point does).
 */
export function pointsPartValue(
  rule: RedemptionSettings,
  part: { points?: number | undefined; amountFen?: number | undefined },
  field: string,
): { points: number; amountFen: number } {
  if (rule.pointsPerYuan <= 0) throw new AppError('POINTS_REDEMPTION_OFF', { field });
  const fromPoints = (p: number) => (p * 100) / rule.pointsPerYuan;
  const fromFen = (f: number) => (f * rule.pointsPerYuan) / 100;
  const points = part.points ?? (part.amountFen === undefined ? 0 : fromFen(part.amountFen));
  const amountFen = part.amountFen ?? fromPoints(points);
  const whole = Number.isSafeInteger(points) && Number.isSafeInteger(amountFen);
  if (!whole || points <= 0 || fromPoints(points) !== amountFen)
    throw new AppError('VALIDATION_FAILED', {
      field: `${field}.points`,
      details: { points: part.points, amountFen: part.amountFen, rate: rule.pointsPerYuan },
      message: {
        'zh-CN': `积分须能折算为整分：本店 ${rule.pointsPerYuan} 积分抵 1 元`,
        en: `Points must convert to whole fen: ${rule.pointsPerYuan} points pay ¥1 here`,
      },
    });
  return { points, amountFen };
}

/** The shop's limits on one order: at least `minPoints`, at most the share of what is due. */
export function assertRedemptionLimits(
  rule: RedemptionSettings,
  part: { points: number; amountFen: number },
  dueFen: number,
  field: string,
): void {
  const maxFen = Math.floor((dueFen * rule.maxOrderSharePercent) / 100);
  if (part.points < rule.minPoints || part.amountFen > maxFen)
    throw new AppError('POINTS_REDEMPTION_LIMIT', {
      field: `${field}.points`,
      details: {
        points: part.points,
        minPoints: rule.minPoints,
        amountFen: part.amountFen,
        maxAmountFen: maxFen,
        maxOrderSharePercent: rule.maxOrderSharePercent,
      },
    });
}

const spendKey = (orderId: string) => `order-redeem:${orderId}`;

/** The points part of an order's payment: taken from available (not enough: the payment fails). */
export async function spendPointsOnOrder(
  ctx: Ctx,
  input: { customerId: string; orderId: string; points: number; orderNumber: string },
): Promise<void> {
  await takePoints(ctx, {
    customerId: input.customerId,
    amount: input.points,
    to: 'points_redeemed',
    kind: 'order_redeem',
    key: spendKey(input.orderId),
    reference: { type: 'service_order', id: input.orderId },
    memo: input.orderNumber,
  });
}

/**
 * A refunded order's points part goes back to available, as a new lot that expires like any
 * other; the return reverses the spend in the ledger, so it happens at most once.
 */
export async function returnOrderPoints(
  ctx: Ctx,
  input: { customerId: string; orderId: string },
): Promise<number> {
  const spent = await transferByKey(ctx, spendKey(input.orderId));
  if (!spent) return 0;
  await earnPoints(ctx, {
    customerId: input.customerId,
    amount: spent.amount,
    source: 'order_redeem_return',
    reference: { type: 'service_order_refund', id: input.orderId },
    key: `${spendKey(input.orderId)}:return`,
    returnOf: { from: 'points_redeemed', transferId: spent.id },
  });
  return spent.amount;
}
