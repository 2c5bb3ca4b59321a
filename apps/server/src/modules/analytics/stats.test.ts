// The interval of a conversion lift: Wilson and Newcombe against published worked examples.
import { describe, expect, it } from 'vitest';
import { newcombeLift, wilson } from './stats.ts';

describe('wilson', () => {
  it('matches Newcombe (1998) table I: 81/263 → 0.2553–0.3662', () => {
    const w = wilson(81, 263)!;
    expect(w.low).toBeCloseTo(0.2553, 3);
    expect(w.high).toBeCloseTo(0.3662, 3);
  });
  it('stays inside [0, 1] at the edges and is null without trials', () => {
    expect(wilson(0, 10)!.low).toBeCloseTo(0, 12);
    expect(wilson(10, 10)!.high).toBeCloseTo(1, 12);
    expect(wilson(10, 10)!.high).toBeLessThanOrEqual(1);
    expect(wilson(0, 0)).toBeNull();
  });
});

describe('newcombeLift', () => {
  it('matches Newcombe (1998) example (a): 56/70 − 48/80 → 0.0524–0.3339', () => {
    const l = newcombeLift(56, 70, 48, 80)!;
    expect(l.lift).toBeCloseTo(0.2, 6);
    expect(l.low).toBeCloseTo(0.0524, 3);
    expect(l.high).toBeCloseTo(0.3339, 3);
  });
  it('matches example (h): 10/10 − 0/20 → 0.6791–1.0', () => {
    const l = newcombeLift(10, 10, 0, 20)!;
    expect(l.low).toBeCloseTo(0.6791, 3);
    expect(l.high).toBeCloseTo(1, 3);
  });
  it('matches examples (b) 9/10 − 3/10 and (f) 5/56 − 0/29', () => {
    const b = newcombeLift(9, 10, 3, 10)!;
    expect([b.low, b.high].map((x) => +x.toFixed(4))).toEqual([0.1705, 0.809]);
    const f = newcombeLift(5, 56, 0, 29)!;
    expect([f.low, f.high].map((x) => +x.toFixed(4))).toEqual([-0.0381, 0.1926]);
  });
  it('is null when a group is empty', () => {
    expect(newcombeLift(1, 10, 0, 0)).toBeNull();
  });
});
