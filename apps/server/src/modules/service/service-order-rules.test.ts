// The service order's rules without a database: every status move, editing, payment amount,
// totals in integer fen, order numbers and the tenant's calendar day.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors.ts';
import {
  ALLOWED_MOVES,
  assertCanRecommend,
  assertEditable,
  assertHasItems,
  assertMove,
  assertPaymentAmount,
  canMove,
  formatOrderNumber,
  lineAmountFen,
  localDayKey,
  nextSequence,
  orderNumberPrefix,
  orderTotals,
  planPaymentParts,
  zonedDayStart,
  type ServiceOrderStatus,
} from './service-order-rules.ts';
import { SERVICE_ORDER_STATUSES } from './service.tables.ts';

function errorOf(fn: () => void): AppError | null {
  try {
    fn();
    return null;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
}

const ALLOWED: [ServiceOrderStatus, ServiceOrderStatus][] = [
  ['open', 'completed'],
  ['open', 'cancelled'],
  ['completed', 'paid'],
  ['completed', 'cancelled'],
  ['paid', 'closed'],
  ['paid', 'refunded'],
  ['closed', 'refunded'],
];

describe('status moves', () => {
  it.each(ALLOWED)('%s → %s is allowed', (from, to) => {
    expect(canMove(from, to)).toBe(true);
    expect(errorOf(() => assertMove(from, to))).toBeNull();
  });

  const forbidden = SERVICE_ORDER_STATUSES.flatMap((from) =>
    SERVICE_ORDER_STATUSES.filter((to) => !ALLOWED.some(([f, t]) => f === from && t === to)).map(
      (to) => [from, to] as [ServiceOrderStatus, ServiceOrderStatus],
    ),
  );

  it('covers all 36 pairs: 7 allowed, 29 forbidden', () => {
    expect(forbidden).toHaveLength(29);
  });

  it.each(forbidden)('%s → %s is refused with 409 and both statuses', (from, to) => {
    expect(canMove(from, to)).toBe(false);
    const err = errorOf(() => assertMove(from, to));
    expect(err?.code).toBe('SERVICE_ORDER_STATUS_CONFLICT');
    expect(err?.status).toBe(409);
    expect(err?.details).toEqual({ from, to });
  });

  it('cancelled and refunded are final; a closed order can still be refunded', () => {
    expect(ALLOWED_MOVES.closed).toEqual(['refunded']);
    expect(ALLOWED_MOVES.cancelled).toEqual([]);
    expect(ALLOWED_MOVES.refunded).toEqual([]);
  });

  it('a paid order can no longer be cancelled (the money is in)', () => {
    expect(canMove('paid', 'cancelled')).toBe(false);
  });
});

describe('editing', () => {
  it('items change only while the order is open', () => {
    expect(errorOf(() => assertEditable('open'))).toBeNull();
    for (const status of ['completed', 'paid', 'closed', 'cancelled'] as const) {
      const err = errorOf(() => assertEditable(status));
      expect({ code: err?.code, status: err?.status }).toEqual({
        code: 'SERVICE_ORDER_NOT_OPEN',
        status: 409,
      });
    }
  });

  it('recommendations can be noted on any order but a cancelled one', () => {
    for (const status of ['open', 'completed', 'paid', 'closed'] as const)
      expect(errorOf(() => assertCanRecommend(status))).toBeNull();
    expect(errorOf(() => assertCanRecommend('cancelled'))?.status).toBe(409);
  });

  it('an order with no items cannot be completed', () => {
    expect(errorOf(() => assertHasItems(0))?.code).toBe('SERVICE_ORDER_EMPTY');
    expect(errorOf(() => assertHasItems(1))).toBeNull();
  });
});

describe('amounts', () => {
  it('a line is quantity × unit price in fen', () => {
    expect(lineAmountFen({ quantity: 4, unitPriceFen: 6850 })).toBe(27400);
    expect(lineAmountFen({ quantity: 1, unitPriceFen: 0 })).toBe(0);
  });

  it('totals split labour and parts and add up exactly (no floating point)', () => {
    const totals = orderTotals([
      { kind: 'labour', quantity: 1, unitPriceFen: 8000 },
      { kind: 'part', quantity: 4, unitPriceFen: 4550 },
      { kind: 'part', quantity: 1, unitPriceFen: 8801 },
      { kind: 'labour', quantity: 3, unitPriceFen: 1 },
    ]);
    expect(totals).toEqual({ labourFen: 8003, partsFen: 27001, totalFen: 35004 });
  });

  it('an empty order totals zero', () => {
    expect(orderTotals([])).toEqual({ totalFen: 0, labourFen: 0, partsFen: 0 });
  });

  it('the largest order the API accepts is still exact', () => {
    const lines = Array.from({ length: 200 }, () => ({
      kind: 'part' as const,
      quantity: 9999,
      unitPriceFen: 1_000_000_000,
    }));
    expect(orderTotals(lines).totalFen).toBe(200 * 9999 * 1_000_000_000);
  });

  it('payment must be exactly the total', () => {
    expect(errorOf(() => assertPaymentAmount(46800, 46800))).toBeNull();
    for (const paid of [46799, 46801, 0]) {
      const err = errorOf(() => assertPaymentAmount(46800, paid));
      expect(err?.code).toBe('PAYMENT_AMOUNT_MISMATCH');
      expect(err?.status).toBe(422);
      expect(err?.details).toEqual({ totalFen: 46800, paidFen: paid });
    }
  });
});

describe('payment parts', () => {
  it('takes parts that add up to the amount due and names the largest method', () => {
    const plan = planPaymentParts(60000, [
      { method: 'stored_value', amountFen: 20000 },
      { method: 'points', amountFen: 5000, points: 5000 },
      { method: 'wechat_pay', amountFen: 35000 },
    ]);
    expect(plan.paidFen).toBe(60000);
    expect(plan.primaryMethod).toBe('wechat_pay');
    expect(plan.parts.map((p) => p.method)).toEqual(['stored_value', 'points', 'wechat_pay']);
  });

  it('names the first method on a tie, and none when nothing is due', () => {
    expect(
      planPaymentParts(200, [
        { method: 'cash', amountFen: 100 },
        { method: 'card', amountFen: 100 },
      ]).primaryMethod,
    ).toBe('cash');
    expect(planPaymentParts(0, [])).toEqual({ parts: [], primaryMethod: null, paidFen: 0 });
  });

  it('refuses parts that do not add up, on the field asked for', () => {
    const short = errorOf(() => planPaymentParts(1000, [{ method: 'cash', amountFen: 999 }]));
    expect([short?.code, short?.field]).toEqual(['PAYMENT_AMOUNT_MISMATCH', 'parts']);
    const over = errorOf(() =>
      planPaymentParts(1000, [{ method: 'cash', amountFen: 1001 }], 'paidFen'),
    );
    expect([over?.code, over?.field]).toEqual(['PAYMENT_AMOUNT_MISMATCH', 'paidFen']);
    const nothing = errorOf(() => planPaymentParts(1000, []));
    expect(nothing?.code).toBe('PAYMENT_AMOUNT_MISMATCH');
  });

  it('refuses a method twice and a part of zero or less', () => {
    const twice = errorOf(() =>
      planPaymentParts(300, [
        { method: 'cash', amountFen: 100 },
        { method: 'cash', amountFen: 200 },
      ]),
    );
    expect([twice?.code, twice?.field]).toEqual(['VALIDATION_FAILED', 'parts.1.method']);
    for (const amountFen of [0, -5, 1.5]) {
      const bad = errorOf(() =>
        planPaymentParts(100, [
          { method: 'cash', amountFen: 100 },
          { method: 'card', amountFen },
        ]),
      );
      expect([bad?.code, bad?.field]).toEqual(['VALIDATION_FAILED', 'parts.1.amountFen']);
    }
  });
});

describe('order numbers', () => {
  it('are store code, local day and a four-digit sequence', () => {
    const prefix = orderNumberPrefix('GZ01', '20261122');
    expect(formatOrderNumber(prefix, 1)).toBe('GZ01-20261122-0001');
    expect(formatOrderNumber(prefix, 123)).toBe('GZ01-20261122-0123');
    expect(formatOrderNumber(prefix, 12345)).toBe('GZ01-20261122-12345');
  });

  it('use the day in the store’s timezone, not UTC', () => {
    // 2026-11-21 17:30 UTC is already the 22nd in Shanghai (UTC+8).
    const at = new Date('2026-11-21T17:30:00Z');
    expect(localDayKey(at, 'Asia/Shanghai')).toBe('20261122');
    expect(localDayKey(at, 'UTC')).toBe('20261121');
    expect(localDayKey(at, 'America/Los_Angeles')).toBe('20261121');
  });

  it('continue after the highest number taken in a window, or look further', () => {
    expect(nextSequence(1, 64, new Set())).toBe(1);
    expect(nextSequence(1, 64, new Set([1, 2, 3]))).toBe(4);
    expect(nextSequence(1, 64, new Set([7]))).toBe(8);
    expect(nextSequence(1, 64, new Set(Array.from({ length: 64 }, (_, i) => i + 1)))).toBeNull();
    expect(nextSequence(65, 64, new Set())).toBe(65);
    expect(nextSequence(65, 64, new Set([65, 66]))).toBe(67);
  });
});

describe('calendar days in a timezone', () => {
  it('a day begins at local midnight', () => {
    expect(zonedDayStart('2026-11-22', 'Asia/Shanghai')?.toISOString()).toBe(
      '2026-11-21T16:00:00.000Z',
    );
    expect(zonedDayStart('2026-11-22', 'Asia/Shanghai', 1)?.toISOString()).toBe(
      '2026-11-22T16:00:00.000Z',
    );
    expect(zonedDayStart('2026-11-22', 'UTC')?.toISOString()).toBe('2026-11-22T00:00:00.000Z');
  });

  it('follows daylight saving time where there is one', () => {
    // New York: EDT (UTC-4) in July, EST (UTC-5) in January.
    expect(zonedDayStart('2026-07-01', 'America/New_York')?.toISOString()).toBe(
      '2026-07-01T04:00:00.000Z',
    );
    expect(zonedDayStart('2026-01-15', 'America/New_York')?.toISOString()).toBe(
      '2026-01-15T05:00:00.000Z',
    );
  });

  it('a day that does not exist is null', () => {
    expect(zonedDayStart('2026-02-30', 'Asia/Shanghai')).toBeNull();
    expect(zonedDayStart('2026-13-01', 'Asia/Shanghai')).toBeNull();
    expect(zonedDayStart('20261122', 'Asia/Shanghai')).toBeNull();
  });
});
