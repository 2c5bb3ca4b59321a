import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DAILY_KM,
  dateAtMileage,
  estimateDailyKm,
  predictOdometer,
  type Reading,
} from './prediction.ts';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);
const r = (d: number, km: number): Reading => ({ at: day(d), km });

describe('daily mileage', () => {
  it('reads a steady 40 km a day from regular readings, with high confidence', () => {
    const e = estimateDailyKm([r(0, 10_000), r(100, 14_000), r(200, 18_000), r(300, 22_000)]);
    expect(e.dailyKm).toBeCloseTo(40, 6);
    expect(e).toMatchObject({ source: 'own', confidence: 'high', readingsUsed: 4 });
    expect(e.spreadKmPerDay).toBeCloseTo(0, 6);
  });

  it('ignores a typo with one digit too many', () => {
    const e = estimateDailyKm([
      r(0, 10_000),
      r(90, 13_600),
      r(180, 172_000), // meant 17,200
      r(270, 20_800),
      r(360, 24_400),
    ]);
    expect(e.readingsUsed).toBe(4);
    expect(e.dailyKm).toBeCloseTo(40, 6);
    expect(e.anchor).toEqual(r(360, 24_400));
  });

  it('ignores a newest reading that is a typo (a digit short)', () => {
    const e = estimateDailyKm([r(0, 30_000), r(120, 34_800), r(240, 39_600), r(300, 4_200)]);
    expect(e.readingsUsed).toBe(3);
    expect(e.dailyKm).toBeCloseTo(40, 6);
    expect(e.anchor).toEqual(r(240, 39_600));
  });

  it('shrugs off a rollback reading among many and small owner rounding', () => {
    const e = estimateDailyKm([
      r(0, 50_000),
      r(30, 51_000),
      r(31, 50_900), // the owner rounded down the next day
      r(60, 52_000),
      r(90, 40_000), // rolled back (a wrong car's reading)
      r(120, 54_000),
      r(150, 55_000),
    ]);
    expect(e.readingsUsed).toBe(6);
    expect(e.dailyKm).toBeGreaterThan(30);
    expect(e.dailyKm).toBeLessThan(36);
    expect(e.source).toBe('own');
  });

  it('falls back to the fleet average for a car with one reading, with low confidence', () => {
    const e = estimateDailyKm([r(0, 8_000)], { fleetDailyKm: 42.5 });
    expect(e).toMatchObject({ dailyKm: 42.5, source: 'fleet', confidence: 'low', readingsUsed: 1 });
    expect(estimateDailyKm([r(0, 8_000)])).toMatchObject({
      dailyKm: DEFAULT_DAILY_KM,
      source: 'default',
    });
  });

  it('does not trust two readings a few days apart', () => {
    const e = estimateDailyKm([r(0, 8_000), r(3, 8_900)], { fleetDailyKm: 30 });
    expect(e).toMatchObject({ source: 'fleet', dailyKm: 30, confidence: 'low' });
    expect(e.anchor).toEqual(r(3, 8_900));
  });

  it('gives medium confidence to two readings and to scattered ones', () => {
    expect(estimateDailyKm([r(0, 1_000), r(60, 3_400)])).toMatchObject({
      confidence: 'medium',
      dailyKm: 40,
    });
    const scattered = estimateDailyKm([r(0, 0), r(100, 1_000), r(200, 9_000), r(300, 10_000)]);
    expect(scattered.confidence).toBe('medium');
    expect(scattered.spreadKmPerDay).toBeGreaterThan(20);
  });

  it('a parked car predicts no movement and never reaches a mileage', () => {
    const e = estimateDailyKm([r(0, 5_000), r(100, 5_000), r(200, 5_000)]);
    expect(e.dailyKm).toBe(0);
    expect(dateAtMileage(e, 10_000)).toBeNull();
    expect(predictOdometer(e, day(400))).toBe(5_000);
  });
});

describe('predicted odometer and date at a mileage', () => {
  const e = estimateDailyKm([r(0, 10_000), r(100, 14_000), r(200, 18_000)]);
  it('projects forward from the newest reading', () => {
    expect(predictOdometer(e, day(250))).toBe(20_000);
    expect(predictOdometer(e, day(150))).toBe(18_000);
  });
  it('finds the day a mileage is reached, in the past if already passed', () => {
    expect(dateAtMileage(e, 28_000)).toEqual(day(450));
    expect(dateAtMileage(e, 16_000)).toEqual(day(150));
  });
});
