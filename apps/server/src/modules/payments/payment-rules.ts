// The rules of online payments, pure: what a verified fact from the provider does to a payment,
// whether a refund may be asked for, how long to wait before asking the provider again.
import type { PaymentProviderName, PaymentStatus } from './payments.tables.ts';
import type { TradeState } from './port.ts';

export type TradeDecision =
  | { action: 'credit' }
  | { action: 'hold'; reason: 'amount_mismatch' | 'amount_missing' }
  | { action: 'close' }
  | { action: 'none'; why: 'already_settled' | 'still_pending' | 'not_pending' };

const SETTLED: readonly PaymentStatus[] = ['paid', 'held', 'refunded', 'partially_refunded'];

/**
 * What a verified provider fact does. Paid (or paid and since refunded at the provider) credits
 * once — even a payment we had closed, since the money arrived — unless the amount differs from
 * what we created: then it is held, never credited. A closed trade closes a pending payment.
 */
export function decideOnTrade(
  payment: { status: PaymentStatus; amountFen: number },
  fact: { state: TradeState; amountFen: number | null },
): TradeDecision {
  if (fact.state === 'paid' || fact.state === 'refunded') {
    if (SETTLED.includes(payment.status)) return { action: 'none', why: 'already_settled' };
    if (fact.amountFen === null) return { action: 'hold', reason: 'amount_missing' };
    if (fact.amountFen !== payment.amountFen) return { action: 'hold', reason: 'amount_mismatch' };
    return { action: 'credit' };
  }
  if (fact.state === 'closed')
    return payment.status === 'pending'
      ? { action: 'close' }
      : { action: 'none', why: 'not_pending' };
  return { action: 'none', why: 'still_pending' };
}

/** Per provider: refunds per payment, days after payment, seconds between two refunds. */
export const REFUND_LIMITS: Record<
  PaymentProviderName,
  { maxRefunds: number; withinDays: number; spacingSeconds: number }
> = {
  // WeChat Pay: at most 50 partial refunds, within one year, one minute apart.
  wechat: { maxRefunds: 50, withinDays: 365, spacingSeconds: 60 },
  // Alipay: the refundable period of a trade is three months unless the merchant extended it.
  alipay: { maxRefunds: 50, withinDays: 90, spacingSeconds: 0 },
  stripe: { maxRefunds: 100, withinDays: 180, spacingSeconds: 0 },
  dev: { maxRefunds: 50, withinDays: 365, spacingSeconds: 0 },
};

export type RefundRefusal =
  'PAYMENT_NOT_REFUNDABLE' | 'PAYMENT_REFUND_EXCEEDS_PAID' | 'PAYMENT_REFUND_LIMIT';

/** Whether `amountFen` may be refunded now; the code of the refusal otherwise. */
export function refundRefusal(
  payment: {
    status: PaymentStatus;
    provider: PaymentProviderName;
    amountFen: number;
    refundedFen: number;
    paidAt: Date | null;
  },
  refunds: { count: number; lastAt: Date | null },
  amountFen: number,
  now: Date,
): RefundRefusal | null {
  if (!['paid', 'partially_refunded', 'held'].includes(payment.status) || !payment.paidAt)
    return 'PAYMENT_NOT_REFUNDABLE';
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) return 'PAYMENT_REFUND_EXCEEDS_PAID';
  if (amountFen > payment.amountFen - payment.refundedFen) return 'PAYMENT_REFUND_EXCEEDS_PAID';
  const limits = REFUND_LIMITS[payment.provider];
  if (refunds.count >= limits.maxRefunds) return 'PAYMENT_REFUND_LIMIT';
  if (now.getTime() - payment.paidAt.getTime() > limits.withinDays * 86_400_000)
    return 'PAYMENT_REFUND_LIMIT';
  if (
    refunds.lastAt &&
    limits.spacingSeconds > 0 &&
    now.getTime() - refunds.lastAt.getTime() < limits.spacingSeconds * 1000
  )
    return 'PAYMENT_REFUND_LIMIT';
  return null;
}

/** The status of a paid payment after refunds of `refundedFen` in all. */
export const statusAfterRefunds = (amountFen: number, refundedFen: number): PaymentStatus =>
  refundedFen <= 0 ? 'paid' : refundedFen >= amountFen ? 'refunded' : 'partially_refunded';

const QUERY_DELAYS_MIN = [1, 1, 2, 5, 10, 30, 60];

/** When to ask the provider again after `attempts` queries that found the payment still pending. */
export const nextQueryAt = (now: Date, attempts: number) =>
  new Date(
    now.getTime() + QUERY_DELAYS_MIN[Math.min(attempts, QUERY_DELAYS_MIN.length - 1)]! * 60_000,
  );

/** A pending payment past its expiry by this long, still pending at the provider, is closed. */
export const CLOSE_AFTER_EXPIRY_MS = 60 * 60_000;
/** How long the owner has to pay once a payment is created. */
export const PAYMENT_TTL_MS = 30 * 60_000;
