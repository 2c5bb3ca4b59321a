// Taking payment for a service order, and refunding it: named workflows whose steps run in a
// fixed order inside the request's one transaction.
//
// The rule for a failed step: every step runs in the caller's transaction, so a step that throws
// (a wallet without enough stored value, a move another till made first) rolls back every step
// before it — no points without the payment, no payment without its wallet debit — and its error
// is the answer. Nothing is retried here; the client retries with the same Idempotency-Key.
import type { Ctx } from '../../kernel/context.ts';
import { settleOrderPayment, settleOrderRefund } from '../loyalty/index.ts';
import { onReferralPayment, onReferralRefund } from '../referrals/index.ts';
import {
  beginPayment,
  beginRefund,
  markPaid,
  markRefunded,
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
  // 1. The order, locked: completed, the amount equal to what is due, the wallet part within it.
  const payment = await beginPayment(ctx, orderId, input);
  // 2. Loyalty: pending points on what was paid (at the tier's multiplier), the stored-value part
  //    taken from the wallet (not enough: the whole payment fails), then the tier upgrade check.
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
