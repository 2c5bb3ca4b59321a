import { describe, expect, it } from 'vitest';
import {
  combinedScore,
  decay,
  eventPoints,
  FINISHED_POINTS,
  FOLLOW_SCORE,
  HALF_LIFE_MS,
  level,
  levelNeeded,
  OPENED_POINTS,
  readingNeeded,
  readingScore,
  roundScore,
  SATURATION,
  TIME_CAP_POINTS,
  TIME_SECONDS_PER_POINT,
  timePoints,
} from './interest-rules.ts';

const now = new Date('2026-12-01T02:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const none = { opened: false, finished: false, seconds: 0 };

describe('event points', () => {
  it('orders opened < time on the page (capped) < finished', () => {
    const opened = eventPoints({ event: 'opened' }, none);
    const time = eventPoints({ event: 'progress', seconds: 7200 }, none);
    const finished = eventPoints({ event: 'finished' }, none);
    expect(opened).toBe(OPENED_POINTS);
    expect(time).toBe(TIME_CAP_POINTS);
    expect(finished).toBe(FINISHED_POINTS);
    expect(opened).toBeLessThan(time);
    expect(time).toBeLessThan(finished);
  });

  it('credits time linearly up to the cap, and nothing for zero or negative seconds', () => {
    expect(timePoints(0)).toBe(0);
    expect(timePoints(-5)).toBe(0);
    expect(timePoints(TIME_SECONDS_PER_POINT)).toBe(1);
    expect(timePoints(TIME_SECONDS_PER_POINT * TIME_CAP_POINTS)).toBe(TIME_CAP_POINTS);
    expect(timePoints(TIME_SECONDS_PER_POINT * TIME_CAP_POINTS + 1)).toBe(TIME_CAP_POINTS);
  });

  it('counts an opened and a finished once per window', () => {
    expect(eventPoints({ event: 'opened' }, { ...none, opened: true })).toBe(0);
    expect(eventPoints({ event: 'finished' }, { ...none, finished: true })).toBe(0);
  });

  it('credits only the time above what progress pings already credited', () => {
    const before = { ...none, opened: true, seconds: 45 };
    expect(eventPoints({ event: 'progress', seconds: 90 }, before)).toBeCloseTo(0.5);
    expect(eventPoints({ event: 'progress', seconds: 30 }, before)).toBe(0);
    expect(eventPoints({ event: 'finished', seconds: 90 }, before)).toBeCloseTo(3.5);
    expect(eventPoints({ event: 'progress', seconds: 9999 }, { ...none, seconds: 9000 })).toBe(0);
  });
});

describe('decay', () => {
  it('halves at exactly the half-life and quarters at two', () => {
    expect(decay(8, now, later(HALF_LIFE_MS))).toBe(4);
    expect(decay(8, now, later(2 * HALF_LIFE_MS))).toBe(2);
  });
  it('keeps points at age zero and never grows them backwards in time', () => {
    expect(decay(5, now, now)).toBe(5);
    expect(decay(5, now, later(-HALF_LIFE_MS))).toBe(5);
  });
  it('answers zero for zero or negative points', () => {
    expect(decay(0, now, later(HALF_LIFE_MS))).toBe(0);
    expect(decay(-1, now, now)).toBe(0);
  });
});

describe('scores', () => {
  it('maps points to 0..1, monotone, zero at zero', () => {
    expect(readingScore(0)).toBe(0);
    expect(readingScore(-3)).toBe(0);
    expect(readingScore(SATURATION)).toBeCloseTo(1 - 1 / Math.E);
    expect(readingScore(1000)).toBeLessThanOrEqual(1);
    expect(readingScore(6)).toBeGreaterThan(readingScore(5));
  });
  it('gives a followed tag at least the follow score, reading on top', () => {
    expect(combinedScore(0, true)).toBeCloseTo(FOLLOW_SCORE);
    expect(combinedScore(8, true)).toBeGreaterThan(combinedScore(8, false));
    expect(combinedScore(8, true)).toBeLessThan(1);
    expect(combinedScore(0, false)).toBe(0);
  });
  it('rounds to two decimals inside 0..1', () => {
    expect(roundScore(0.123456)).toBe(0.12);
    expect(roundScore(1.2)).toBe(1);
    expect(roundScore(-0.1)).toBe(0);
  });
});

describe('the segment key', () => {
  it('is the same whenever the decayed points are valued', () => {
    const a = level(8, now);
    const b = level(decay(8, now, later(HALF_LIFE_MS)), later(HALF_LIFE_MS));
    expect(b).toBeCloseTo(a, 9);
    expect(level(0, now)).toBe(-Infinity);
  });

  it('selects exactly the points that score at least v now', () => {
    for (const v of [0.1, 0.5, 0.6, 0.9]) {
      const needed = levelNeeded(v, later(10 * 86_400_000));
      const points = -SATURATION * Math.log(1 - v);
      // Points valued 10 days earlier: decayed to now they must score v.
      const stored = points / Math.pow(0.5, (10 * 86_400_000) / HALF_LIFE_MS);
      expect(level(stored * 1.0001, now)).toBeGreaterThan(needed);
      expect(level(stored * 0.9999, now)).toBeLessThan(needed);
    }
  });

  it('needs less reading with a follow, none up to the follow score, and none can reach 1', () => {
    expect(readingNeeded(0.5, false)).toBe(0.5);
    expect(readingNeeded(0.5, true)).toBe(0);
    expect(readingNeeded(FOLLOW_SCORE, true)).toBe(0);
    const r = readingNeeded(0.8, true)!;
    expect(combinedScore(-SATURATION * Math.log(1 - r), true)).toBeCloseTo(0.8);
    expect(readingNeeded(1, false)).toBeNull();
    expect(readingNeeded(1, true)).toBeNull();
    expect(readingNeeded(-1, false)).toBe(0);
  });
});
