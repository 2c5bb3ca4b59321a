// The coupon rules without a database: codes, windows, reasons, and — for any order and any
// terms — a discount that is positive, whole fen and never more than the amount in scope.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CODE_ALPHABET,
  couponWindow,
  evaluateCoupon,
  generateCode,
  isWellFormedCode,
  normalizeCode,
  type TemplateTerms,
} from './coupon-rules.ts';

const NOW = new Date('2026-11-22T02:00:00Z');
const DAY = 86_400_000;
const base: TemplateTerms = {
  kind: 'amount_off',
  amountOffFen: 5000,
  percentOff: null,
  maxDiscountFen: null,
  freeItemName: null,
  freeItemCategory: null,
  minSpendFen: 0,
  storeIds: [],
  categories: [],
  partnerId: null,
  validFrom: null,
  validUntil: null,
  validDays: null,
};
const issued: Parameters<typeof evaluateCoupon>[0] = {
  status: 'issued',
  customerId: 'c1',
  validFrom: new Date(NOW.getTime() - DAY),
  validUntil: new Date(NOW.getTime() + DAY),
};
const order = {
  storeId: 's1',
  customerId: 'c1',
  totalFen: 40000,
  categoryTotals: { oil_change: 40000 },
};

describe('codes', () => {
  it('are 8 characters of an alphabet without 0/O/1/I/L, and typing is forgiving', () => {
    for (let i = 0; i < 200; i++) {
      const c = generateCode();
      expect(isWellFormedCode(c)).toBe(true);
    }
    expect(CODE_ALPHABET).not.toMatch(/[01OIL]/);
    expect(normalizeCode(' 7kq3-mxp2 ')).toBe('7KQ3MXP2');
  });
});

describe('evaluateCoupon', () => {
  it('gives each reason in the order a cashier explains them', () => {
    const e = (
      c: Partial<typeof issued>,
      t: Partial<TemplateTerms> = {},
      o: Partial<typeof order> = {},
    ) => evaluateCoupon({ ...issued, ...c }, { ...base, ...t }, { ...order, ...o }, NOW);
    expect(e({ status: 'voided' })).toMatchObject({ ok: false, reason: 'COUPON_VOIDED' });
    expect(e({ status: 'redeemed' })).toMatchObject({ reason: 'COUPON_ALREADY_REDEEMED' });
    expect(e({ validFrom: new Date(NOW.getTime() + 1) })).toMatchObject({
      reason: 'COUPON_NOT_YET_VALID',
    });
    expect(e({ validUntil: NOW })).toMatchObject({ reason: 'COUPON_EXPIRED' });
    expect(e({ customerId: 'c2' })).toMatchObject({ reason: 'COUPON_WRONG_CUSTOMER' });
    expect(e({}, { storeIds: ['s2'] })).toMatchObject({
      reason: 'COUPON_OUT_OF_SCOPE',
      details: { scope: 'store' },
    });
    expect(e({}, { categories: ['brakes'] })).toMatchObject({ details: { scope: 'category' } });
    expect(e({}, { partnerId: 'p1' })).toMatchObject({ details: { scope: 'partner' } });
    expect(e({}, { minSpendFen: 40001 })).toMatchObject({ reason: 'COUPON_MIN_SPEND_NOT_MET' });
    expect(e({}, { kind: 'package' })).toMatchObject({ reason: 'COUPON_NOT_FOR_ORDERS' });
    expect(e({}, {})).toEqual({ ok: true, discountFen: 5000, eligibleFen: 40000 });
    expect(e({}, { kind: 'percent_off', percentOff: 15, maxDiscountFen: 2000 })).toMatchObject({
      discountFen: 2000,
    });
  });

  it('never gives more than the amount in scope, never a fraction or a negative', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('amount_off', 'percent_off', 'free_item'),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: null }),
        fc.dictionary(
          fc.constantFrom('oil_change', 'wash', 'brakes'),
          fc.integer({ min: 0, max: 1_000_000 }),
        ),
        fc.subarray(['oil_change', 'wash', 'brakes']),
        (kind, amountOffFen, percentOff, cap, totals, categories) => {
          const totalFen = Object.values(totals).reduce((a, b) => a + b, 0);
          const r = evaluateCoupon(
            issued,
            {
              ...base,
              kind,
              amountOffFen,
              percentOff,
              maxDiscountFen: cap,
              freeItemCategory: 'wash',
              categories,
            },
            { storeId: 's1', customerId: 'c1', totalFen, categoryTotals: totals },
            NOW,
          );
          if (!r.ok) return;
          expect(Number.isInteger(r.discountFen)).toBe(true);
          expect(r.discountFen).toBeGreaterThan(0);
          expect(r.discountFen).toBeLessThanOrEqual(r.eligibleFen);
          expect(r.discountFen).toBeLessThanOrEqual(totalFen);
          if (cap !== null && kind !== 'amount_off') expect(r.discountFen).toBeLessThanOrEqual(cap);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('couponWindow', () => {
  it('runs N days from issue, or the template’s fixed dates', () => {
    expect(couponWindow({ validDays: 30, validFrom: null, validUntil: null }, NOW)).toEqual({
      validFrom: NOW,
      validUntil: new Date(NOW.getTime() + 30 * DAY),
    });
    const from = new Date('2026-12-01T00:00:00Z');
    expect(couponWindow({ validDays: null, validFrom: from, validUntil: null }, NOW)).toEqual({
      validFrom: from,
      validUntil: null,
    });
  });
});
