// Points as payment without a database: what a points part is worth at the shop's rate, and the
// shop's limits on one order.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors.ts';
import { assertRedemptionLimits, pointsPartValue } from './redemption.ts';

function errorOf(fn: () => void): AppError | null {
  try {
    fn();
    return null;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
}

const RULE = { pointsPerYuan: 100, maxOrderSharePercent: 50, minPoints: 100 };

describe('the value of a points part', () => {
  it('converts points to fen, fen to points, and checks both when given', () => {
    expect(pointsPartValue(RULE, { points: 5000 }, 'parts.0')).toEqual({
      points: 5000,
      amountFen: 5000,
    });
    expect(pointsPartValue({ ...RULE, pointsPerYuan: 50 }, { amountFen: 300 }, 'p')).toEqual({
      points: 150,
      amountFen: 300,
    });
    expect(
      pointsPartValue({ ...RULE, pointsPerYuan: 10 }, { points: 30, amountFen: 300 }, 'p'),
    ).toEqual({ points: 30, amountFen: 300 });
    const disagree = errorOf(() => pointsPartValue(RULE, { points: 30, amountFen: 300 }, 'p'));
    expect([disagree?.code, disagree?.field]).toEqual(['VALIDATION_FAILED', 'p.points']);
  });

  it('refuses points that do not make whole fen, and a part with nothing in it', () => {
    // 1,000 points per ¥1: 15 points would be 1.5 fen.
    const rule = { ...RULE, pointsPerYuan: 1000 };
    expect(errorOf(() => pointsPartValue(rule, { points: 15 }, 'p'))?.field).toBe('p.points');
    expect(pointsPartValue(rule, { points: 20 }, 'p').amountFen).toBe(2);
    expect(errorOf(() => pointsPartValue(RULE, {}, 'p'))?.code).toBe('VALIDATION_FAILED');
  });

  it('refuses points when the shop takes none', () => {
    const off = errorOf(() => pointsPartValue({ ...RULE, pointsPerYuan: 0 }, { points: 100 }, 'p'));
    expect([off?.code, off?.field]).toEqual(['POINTS_REDEMPTION_OFF', 'p']);
  });
});

describe('the limits on one order', () => {
  it('takes points from the minimum up to the share of what is due', () => {
    expect(() =>
      assertRedemptionLimits(RULE, { points: 100, amountFen: 100 }, 60000, 'p'),
    ).not.toThrow();
    expect(() =>
      assertRedemptionLimits(RULE, { points: 30000, amountFen: 30000 }, 60000, 'p'),
    ).not.toThrow();
  });

  it('refuses fewer points than the minimum and more than the share', () => {
    const few = errorOf(() =>
      assertRedemptionLimits(RULE, { points: 99, amountFen: 99 }, 60000, 'p'),
    );
    expect([few?.code, few?.field]).toEqual(['POINTS_REDEMPTION_LIMIT', 'p.points']);
    const many = errorOf(() =>
      assertRedemptionLimits(RULE, { points: 30001, amountFen: 30001 }, 60000, 'p'),
    );
    expect(many?.code).toBe('POINTS_REDEMPTION_LIMIT');
    expect(many?.details).toMatchObject({ maxAmountFen: 30000 });
  });
});
