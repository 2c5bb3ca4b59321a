// Taking payment for a service order, and refunding it: named workflows whose steps run in a
// fixed order inside the request's one transaction.
//
// The rule for a failed step: every step runs in the caller's transaction, so a step that throws
// (a wallet without enough stored value, a move another till made first) rolls back every step
// before it — no points without the payment, no payment without its wallet debit — and its error
// is the answer. Nothing is retried here; the client retries with the same Idempotency-Key.
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { settleOrderPayment, settleOrderRefund, valuePointsPart } from '../loyalty/index.ts';
import { onReferralPayment, onReferralRefund } from '../referrals/index.ts';
import {
  beginPayment,
  beginRefund,
  markPaid,
  markRefunded,
  type PaymentPart,
  type ServiceOrderDto,
} from '../service/index.ts';
import type { PaymentInput, RefundInput } from './checkout.schemas.ts';

/**
 * Pays a completed order. Coupons were claimed when they were applied (their discount is already
 * on the order, so the amount due includes it); a package (计次卡) visit is recorded against the
 * order at the counter by loyalty's package use, not at payment.
 */
export async function payOrder(
  ctx: Ctx,
  orderId: string,
  input: PaymentInput,
): Promise<ServiceOrderDto> {
  // 1. The order, locked: completed, the parts (a points part valued at the shop's rate) adding up
  //    to what is due.
  const payment = await beginPayment(ctx, orderId, {
    parts: await paymentParts(ctx, input),
    method: input.method,
    // The single-method form names the amount it got wrong as it named it.
    amountField: input.parts ? 'parts' : 'paidFen',
  });
  // 2. Loyalty: the points part taken from available points (within the shop's limits), pending
  //    points on what was paid in money (at the tier's multiplier), the stored-value part taken
  //    from the wallet (not enough of either: the whole payment fails), the tier upgrade check.
  await settleOrderPayment(ctx, payment);
  // 3. Referrals: the referee's first paid order qualifies the referral and books both rewards.
  await onReferralPayment(ctx, payment);
  // 4. The order marked paid: its audit entry and `serviceOrder.paid` (due-list, reminders,
  //    campaign attribution, customer statistics and webhooks react to it).
  return markPaid(ctx, payment);
}

/** Refunds a paid or closed order. */
export async function refundOrder(
  ctx: Ctx,
  orderId: string,
  input: RefundInput,
): Promise<ServiceOrderDto> {
  // 1. The order, locked: paid or closed.
  const refund = await beginRefund(ctx, orderId, input);
  // 2. Loyalty: its points taken back (pending, available, then as debt where allowed) and the
  //    stored value paid on it returned to the wallet.
  await settleOrderRefund(ctx, refund);
  // 3. Referrals: rewards the order qualified are taken back.
  await onReferralRefund(ctx, refund);
  // 4. The order marked refunded, with `serviceOrder.refunded` (coupons used on it are released
  //    by their module's reaction to that event).
  return markRefunded(ctx, refund);
}

/**
 * The parts of a payment as asked: `parts` as given, or the single-method form (a method and
 * `paidFen`, of which `storedValueFen` comes from the wallet) turned into parts. A points part is
 * valued at the tenant's redemption rate.
 */
async function paymentParts(ctx: Ctx, input: PaymentInput): Promise<PaymentPart[]> {
  let asked: NonNullable<PaymentInput['parts']>;
  if (input.parts) asked = input.parts;
  else if (input.method && input.paidFen !== undefined) {
    const wallet = input.storedValueFen ?? (input.method === 'stored_value' ? input.paidFen : 0);
    if (wallet > input.paidFen)
      throw new AppError('VALIDATION_FAILED', {
        field: 'storedValueFen',
        details: { paidFen: input.paidFen, storedValueFen: wallet },
      });
    const rest = input.paidFen - wallet;
    asked = [
      ...(wallet > 0 ? [{ method: 'stored_value' as const, amountFen: wallet }] : []),
      ...(rest > 0 && input.method !== 'stored_value'
        ? [{ method: input.method, amountFen: rest }]
        : []),
    ];
  } else
    throw new AppError('VALIDATION_FAILED', {
      field: 'parts',
      message: {
        'zh-CN': '请填写收款明细（或付款方式与金额）',
        en: 'Give the parts of the payment (or a method and the amount)',
      },
    });
  const parts: PaymentPart[] = [];
  for (const [i, part] of asked.entries()) {
    if (part.method === 'points') {
      const value = await valuePointsPart(ctx, part, `parts.${i}`);
      parts.push({ method: 'points', amountFen: value.amountFen, points: value.points });
    } else if (part.amountFen === undefined)
      throw new AppError('VALIDATION_FAILED', { field: `parts.${i}.amountFen` });
    else parts.push({ method: part.method, amountFen: part.amountFen });
  }
  return parts;
}
