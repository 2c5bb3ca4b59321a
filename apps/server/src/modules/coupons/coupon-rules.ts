// The rules of a coupon that need no database: the code alphabet, the validity window, and what
// a coupon is worth on an order (or the precise reason it cannot be used there).
import { randomInt } from 'node:crypto';
import type { ErrorCode } from '../../kernel/errors.ts';
import type { COUPON_KINDS, COUPON_STATUSES } from './coupons.tables.ts';

/** No 0/O, 1/I/L: a code read aloud or typed from paper is not ambiguous. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;

export function generateCode(length = CODE_LENGTH): string {
  let code = '';
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** What a person types: case, spaces and dashes do not matter. */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

export const isWellFormedCode = (code: string): boolean =>
  code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c));

const DAY_MS = 24 * 60 * 60 * 1000;

export interface TemplateTerms {
  kind: (typeof COUPON_KINDS)[number];
  amountOffFen: number | null;
  percentOff: number | null;
  maxDiscountFen: number | null;
  freeItemName: string | null;
  freeItemCategory: string | null;
  minSpendFen: number;
  storeIds: string[];
  categories: string[];
  partnerId: string | null;
  /** With a partner: where the coupon is redeemed (absent: at the partner). */
  partnerDirection?: 'redeem_at_partner' | 'redeem_at_business' | null;
  validFrom: Date | null;
  validUntil: Date | null;
  validDays: number | null;
}

/** The window of a coupon issued at `issuedAt`: the template's fixed dates, or N days from issue. */
export function couponWindow(
  t: Pick<TemplateTerms, 'validFrom' | 'validUntil' | 'validDays'>,
  issuedAt: Date,
): { validFrom: Date; validUntil: Date | null } {
  if (t.validDays)
    return { validFrom: issuedAt, validUntil: new Date(issuedAt.getTime() + t.validDays * DAY_MS) };
  return { validFrom: t.validFrom ?? issuedAt, validUntil: t.validUntil };
}

/** What the coupon is checked against: the order (or a till's basket) as it stands. */
export interface OrderContext {
  storeId: string;
  customerId: string | null;
  /** The order total before discounts, in fen. */
  totalFen: number;
  /** Line totals per service category, in fen. */
  categoryTotals: Record<string, number>;
  /** Set when a partner merchant redeems; null at the business's own tills. */
  partnerId?: string | null;
}

export interface CouponState {
  status: (typeof COUPON_STATUSES)[number];
  customerId: string;
  validFrom: Date;
  validUntil: Date | null;
}

export type Evaluation =
  | { ok: true; discountFen: number; eligibleFen: number }
  | { ok: false; reason: ErrorCode; details: Record<string, unknown> };

/** Who redeems a coupon of this template: the partner's id, or null for the business's tills. */
export const redeemerOf = (t: Pick<TemplateTerms, 'partnerId' | 'partnerDirection'>) =>
  t.partnerId && t.partnerDirection !== 'redeem_at_business' ? t.partnerId : null;

/** Checks, in the order a cashier would explain them, and the discount when all pass. */
export function evaluateCoupon(
  coupon: CouponState,
  t: TemplateTerms,
  order: OrderContext,
  now: Date,
): Evaluation {
  const fail = (reason: ErrorCode, details: Record<string, unknown> = {}): Evaluation => ({
    ok: false,
    reason,
    details,
  });
  if (coupon.status === 'voided') return fail('COUPON_VOIDED');
  if (coupon.status === 'redeemed') return fail('COUPON_ALREADY_REDEEMED');
  if (now < coupon.validFrom)
    return fail('COUPON_NOT_YET_VALID', { validFrom: coupon.validFrom.toISOString() });
  if (coupon.validUntil && now >= coupon.validUntil)
    return fail('COUPON_EXPIRED', { validUntil: coupon.validUntil.toISOString() });
  if (order.customerId && order.customerId !== coupon.customerId)
    return fail('COUPON_WRONG_CUSTOMER');
  if (t.kind === 'package') return fail('COUPON_NOT_FOR_ORDERS');
  if (redeemerOf(t) !== (order.partnerId ?? null))
    return fail('COUPON_OUT_OF_SCOPE', { scope: 'partner' });
  if (t.storeIds.length && !t.storeIds.includes(order.storeId))
    return fail('COUPON_OUT_OF_SCOPE', { scope: 'store' });
  const eligibleFen = t.categories.length
    ? t.categories.reduce((sum, c) => sum + (order.categoryTotals[c] ?? 0), 0)
    : order.totalFen;
  if (t.categories.length && eligibleFen <= 0)
    return fail('COUPON_OUT_OF_SCOPE', { scope: 'category', categories: t.categories });
  if (eligibleFen < t.minSpendFen)
    return fail('COUPON_MIN_SPEND_NOT_MET', { minSpendFen: t.minSpendFen, amountFen: eligibleFen });
  let discountFen = 0;
  if (t.kind === 'amount_off') discountFen = Math.min(t.amountOffFen ?? 0, eligibleFen);
  else if (t.kind === 'percent_off') {
    discountFen = Math.floor((eligibleFen * (t.percentOff ?? 0)) / 100);
    if (t.maxDiscountFen !== null) discountFen = Math.min(discountFen, t.maxDiscountFen);
  } else if (t.kind === 'free_item') {
    const itemFen = order.categoryTotals[t.freeItemCategory ?? ''] ?? 0;
    if (itemFen <= 0)
      return fail('COUPON_OUT_OF_SCOPE', { scope: 'item', category: t.freeItemCategory });
    discountFen = Math.min(itemFen, t.maxDiscountFen ?? itemFen, eligibleFen);
  }
  if (discountFen <= 0) return fail('COUPON_OUT_OF_SCOPE', { scope: 'amount' });
  return { ok: true, discountFen, eligibleFen };
}

/** "满 300 减 50", "8.5 折 最高减 100", "免费 标准洗车", "套餐 洗车 ×5": for labels and lists. */
export function describeTerms(
  t: Pick<
    TemplateTerms,
    'kind' | 'amountOffFen' | 'percentOff' | 'maxDiscountFen' | 'freeItemName' | 'minSpendFen'
  > & { packageName?: string | null; packageUses?: number | null },
  locale: 'zh-CN' | 'en',
): string {
  const yuan = (fen: number) => (fen / 100).toFixed(fen % 100 ? 2 : 0);
  const min =
    t.minSpendFen > 0
      ? locale === 'en'
        ? ` over ¥${yuan(t.minSpendFen)}`
        : `满 ${yuan(t.minSpendFen)} `
      : '';
  switch (t.kind) {
    case 'amount_off':
      return locale === 'en'
        ? `¥${yuan(t.amountOffFen ?? 0)} off${min}`
        : `${min}减 ${yuan(t.amountOffFen ?? 0)} 元`;
    case 'percent_off': {
      const cap = t.maxDiscountFen !== null ? t.maxDiscountFen : null;
      return locale === 'en'
        ? `${t.percentOff}% off${min}${cap !== null ? `, up to ¥${yuan(cap)}` : ''}`
        : `${min}${((100 - (t.percentOff ?? 0)) / 10).toString()} 折${cap !== null ? `，最高减 ${yuan(cap)} 元` : ''}`;
    }
    case 'free_item':
      return locale === 'en' ? `Free ${t.freeItemName ?? ''}` : `免费${t.freeItemName ?? ''}`;
    case 'package':
      return locale === 'en'
        ? `Package: ${t.packageName ?? ''} ×${t.packageUses ?? 1}`
        : `套餐：${t.packageName ?? ''} ×${t.packageUses ?? 1}`;
  }
}
