import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  applyToModel,
  consumeLots,
  pointsForPayment,
  refundSplit,
  splitSpend,
  tierFor,
  tierProgress,
} from './ledger-math.ts';

const d = (s: string) => new Date(s);
const lot = (id: string, remaining: number, expires: string, earned = '2026-01-01') => ({
  id,
  remaining,
  expiresAt: d(expires),
  earnedAt: d(earned),
});

describe('consumeLots', () => {
  it('takes the oldest expiry first, preferred lots before all', () => {
    const lots = [
      lot('b', 100, '2027-06-01'),
      lot('a', 50, '2027-01-01'),
      lot('c', 80, '2028-01-01'),
    ];
    expect(consumeLots(lots, 120)).toEqual({
      takes: [
        { id: 'a', take: 50 },
        { id: 'b', take: 70 },
      ],
      shortfall: 0,
    });
    expect(consumeLots(lots, 90, new Set(['c'])).takes).toEqual([
      { id: 'c', take: 80 },
      { id: 'a', take: 10 },
    ]);
    expect(consumeLots(lots, 300).shortfall).toBe(70);
  });

  it('never takes more than a lot holds, and takes exactly what is covered', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 1000 }), { maxLength: 8 }),
        fc.nat({ max: 5000 }),
        (remainders, amount) => {
          const lots = remainders.map((r, i) => lot(`l${i}`, r, `2027-0${(i % 9) + 1}-01`));
          const { takes, shortfall } = consumeLots(lots, amount);
          const total = remainders.reduce((s, r) => s + r, 0);
          const taken = takes.reduce((s, t) => s + t.take, 0);
          expect(taken + shortfall).toBe(amount);
          expect(taken).toBe(Math.min(amount, total));
          for (const t of takes)
            expect(t.take).toBeLessThanOrEqual(lots.find((l) => l.id === t.id)!.remaining);
        },
      ),
    );
  });
});

describe('pointsForPayment', () => {
  const rule = { pointsPerYuan: 1, categoryMultipliers: { wash: 2 } };
  it('earns on what was paid, per category multiplier, rounded down', () => {
    expect(
      pointsForPayment(rule, {
        paidFen: 45000,
        categoryTotalsFen: { oil_change: 40000, wash: 5000 },
      }),
    ).toBe(500);
    // A discount of ¥45 spreads over both categories in proportion.
    expect(
      pointsForPayment(rule, {
        paidFen: 40500,
        categoryTotalsFen: { oil_change: 40000, wash: 5000 },
      }),
    ).toBe(450);
    expect(pointsForPayment(rule, { paidFen: 199, categoryTotalsFen: { other: 199 } })).toBe(1);
    expect(
      pointsForPayment(rule, {
        paidFen: 10000,
        categoryTotalsFen: { other: 10000 },
        tierMultiplier: 1.5,
      }),
    ).toBe(150);
    expect(
      pointsForPayment(
        { ...rule, pointsPerYuan: 0 },
        { paidFen: 10000, categoryTotalsFen: { other: 10000 } },
      ),
    ).toBe(0);
    expect(pointsForPayment(rule, { paidFen: 0, categoryTotalsFen: { other: 10000 } })).toBe(0);
  });
});

describe('splitSpend', () => {
  it('splits per the spend order and never beyond either side', () => {
    expect(splitSpend({ principal: 50000, bonus: 5000 }, 11000, 'proportional')).toEqual({
      principal: 10000,
      bonus: 1000,
    });
    expect(splitSpend({ principal: 50000, bonus: 5000 }, 11000, 'bonus_first')).toEqual({
      principal: 6000,
      bonus: 5000,
    });
    expect(splitSpend({ principal: 50000, bonus: 5000 }, 11000, 'principal_first')).toEqual({
      principal: 11000,
      bonus: 0,
    });
    expect(() => splitSpend({ principal: 1, bonus: 1 }, 3, 'proportional')).toThrow(RangeError);
    fc.assert(
      fc.property(
        fc.nat({ max: 1e6 }),
        fc.nat({ max: 1e6 }),
        fc.nat({ max: 2e6 }),
        fc.constantFrom('proportional', 'bonus_first', 'principal_first' as const),
        (p, b, a, order) => {
          fc.pre(a <= p + b);
          const s = splitSpend({ principal: p, bonus: b }, a, order);
          expect(s.principal + s.bonus).toBe(a);
          expect(s.principal).toBeGreaterThanOrEqual(0);
          expect(s.bonus).toBeGreaterThanOrEqual(0);
          expect(s.principal).toBeLessThanOrEqual(p);
          expect(s.bonus).toBeLessThanOrEqual(b);
        },
      ),
    );
  });
});

describe('refundSplit', () => {
  it('returns principal and forfeits bonus in proportion', () => {
    expect(
      refundSplit({
        principal: 40000,
        bonus: 4000,
        principalFen: 20000,
        bonusSpent: 1000,
        rule: 'forfeit_bonus',
      }),
    ).toEqual({
      cashFen: 20000,
      principalOut: 20000,
      bonusForfeit: 2000,
      clawbackFen: 0,
    });
  });
  it('deducts bonus already spent from the cash on a full refund', () => {
    expect(
      refundSplit({
        principal: 20000,
        bonus: 2000,
        principalFen: 20000,
        bonusSpent: 1000,
        rule: 'deduct_spent_bonus',
      }),
    ).toEqual({
      cashFen: 19000,
      principalOut: 20000,
      bonusForfeit: 2000,
      clawbackFen: 1000,
    });
    expect(
      refundSplit({
        principal: 500,
        bonus: 0,
        principalFen: 500,
        bonusSpent: 9000,
        rule: 'deduct_spent_bonus',
      }).cashFen,
    ).toBe(0);
  });
});

describe('tiers', () => {
  const levels = [
    { code: 'normal', name: '普通', threshold: 0, earnMultiplier: 1 },
    { code: 'silver', name: '银', threshold: 300000, earnMultiplier: 1.2 },
    { code: 'gold', name: '金', threshold: 800000, earnMultiplier: 1.5 },
  ];
  it('finds the highest tier reached and the next one', () => {
    expect(tierFor(levels, 0)!.code).toBe('normal');
    expect(tierFor(levels, 299999)!.code).toBe('normal');
    expect(tierFor(levels, 300000)!.code).toBe('silver');
    expect(tierFor(levels, 9e9)!.code).toBe('gold');
    expect(tierProgress(levels, 'silver')).toMatchObject({ nextThreshold: 800000 });
    expect(tierProgress(levels, 'gold')).toEqual({ next: null, nextThreshold: null });
  });
});

describe('calendar', () => {
  it('adds months clamped to the month end', () => {
    expect(addMonths(d('2026-01-31T02:00:00Z'), 1).toISOString()).toBe('2026-02-28T02:00:00.000Z');
    expect(addMonths(d('2026-03-15T00:00:00Z'), 24).toISOString()).toBe('2028-03-15T00:00:00.000Z');
    expect(addMonths(d('2026-03-15T00:00:00Z'), -12).toISOString()).toBe(
      '2025-03-15T00:00:00.000Z',
    );
  });
});

describe('ledger model', () => {
  it('keeps the sum of balances at zero and refuses forbidden negatives', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            debit: fc.constantFrom('sys', 'a', 'b', 'c'),
            credit: fc.constantFrom('sys', 'a', 'b', 'c'),
            amount: fc.integer({ min: 1, max: 100 }),
          }),
        ),
        (transfers) => {
          const balances = new Map<string, number>();
          for (const t of transfers) {
            if (t.debit === t.credit) continue;
            applyToModel(balances, (acc) => acc === 'sys', t);
            expect([...balances.values()].reduce((s, v) => s + v, 0)).toBe(0);
            for (const [acc, v] of balances) if (acc !== 'sys') expect(v).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });
});
