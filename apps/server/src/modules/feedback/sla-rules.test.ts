// Business-time arithmetic: worked examples across a weekend and a holiday, then properties
// (fast-check) over random instants and durations in Asia/Shanghai and in America/New_York
// (daylight saving), with and without pauses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  openUntil,
  openWindows,
  type BusinessCalendar,
  type DayHours,
} from './sla-rules.ts';

const hours = (o: string, c: string): DayHours => {
  const m = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  return { opens: m(o), closes: m(c) };
};
const monToSat = new Map([1, 2, 3, 4, 5, 6].map((d) => [d, hours('08:30', '18:00')]));
const SH: BusinessCalendar = {
  timeZone: 'Asia/Shanghai',
  week: monToSat,
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-05']),
};
const NY: BusinessCalendar = {
  timeZone: 'America/New_York',
  week: new Map([1, 2, 3, 4, 5].map((d) => [d, hours('09:00', '17:00')])),
  holidays: new Set(['2026-11-26']),
};
const at = (s: string) => new Date(s);

describe('worked examples', () => {
  it('skips Sunday: Saturday 17:00 + 90 min is Monday 09:00 (Shanghai, opens 08:30)', () => {
    // 2026-12-05 is a Saturday; 09:00Z = 17:00 local.
    expect(addBusinessMinutes(SH, at('2026-12-05T09:00:00Z'), 90)?.toISOString()).toBe(
      '2026-12-07T01:00:00.000Z',
    );
  });
  it('skips holidays: 30 Sep 17:30 + 60 min lands on 3 Oct 09:00', () => {
    // 1 and 2 Oct are holidays; 3 Oct 2026 is a Saturday (open).
    expect(addBusinessMinutes(SH, at('2026-09-30T09:30:00Z'), 60)?.toISOString()).toBe(
      '2026-10-03T01:00:00.000Z',
    );
  });
  it('counts only open hours between two instants', () => {
    // Friday 17:00 → Monday 09:00 local: 60 (Fri) + 570 (Sat) + 30 (Mon).
    expect(businessMinutesBetween(SH, at('2026-12-04T09:00:00Z'), at('2026-12-07T01:00:00Z'))).toBe(
      660,
    );
  });
  it('leaves out the pauses', () => {
    const from = at('2026-12-07T01:00:00Z');
    const to = at('2026-12-07T05:00:00Z');
    const pause = { from: at('2026-12-07T02:00:00Z'), to: at('2026-12-07T03:00:00Z') };
    expect(businessMinutesBetween(SH, from, to, [pause, pause])).toBe(180);
  });
  it('a deadline at closing time is that closing time', () => {
    expect(addBusinessMinutes(SH, at('2026-12-07T09:00:00Z'), 60)?.toISOString()).toBe(
      '2026-12-07T10:00:00.000Z',
    );
  });
  it('crosses the New York clock change (8 Mar 2026) with local hours', () => {
    // Friday 6 Mar 16:00 EST (21:00Z) + 120 min → Monday 9 Mar 10:00 EDT (14:00Z).
    expect(addBusinessMinutes(NY, at('2026-03-06T21:00:00Z'), 120)?.toISOString()).toBe(
      '2026-03-09T14:00:00.000Z',
    );
  });
  it('a calendar with no open day answers null', () => {
    expect(
      addBusinessMinutes({ ...SH, week: new Map() }, at('2026-12-07T00:00:00Z'), 5),
    ).toBeNull();
  });
  it('knows when the store is open', () => {
    expect(openUntil(SH, at('2026-12-07T02:00:00Z'))?.toISOString()).toBe(
      '2026-12-07T10:00:00.000Z',
    );
    expect(openUntil(SH, at('2026-12-06T02:00:00Z'))).toBeNull();
  });
});

const instant = fc
  .integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-12-01T00:00:00Z') })
  .map((ms) => new Date(Math.floor(ms / 60_000) * 60_000));
const minutes = fc.integer({ min: 0, max: 5_000 });
/** Instants within 40 days of one another (a span an SLA covers). */
const near = (base: Date) =>
  fc.integer({ min: 0, max: 40 * 24 * 60 }).map((m) => new Date(base.getTime() + m * 60_000));
const triple = instant.chain((b) => fc.tuple(near(b), near(b), near(b)));
const quadruple = instant.chain((b) => fc.tuple(near(b), near(b), near(b), near(b)));

for (const [name, cal] of [
  ['Asia/Shanghai', SH],
  ['America/New_York', NY],
] as const) {
  describe(`properties in ${name}`, () => {
    it('between(start, add(start, m)) = m', { timeout: 60_000 }, () => {
      fc.assert(
        fc.property(instant, minutes, (s, m) => {
          const due = addBusinessMinutes(cal, s, m)!;
          expect(due >= s).toBe(true);
          expect(businessMinutesBetween(cal, s, due)).toBe(m);
        }),
        { numRuns: 150 },
      );
    });
    it('adding is additive: add(add(s, a), b) = add(s, a + b)', { timeout: 60_000 }, () => {
      fc.assert(
        fc.property(instant, minutes, minutes, (s, a, b) => {
          const step = addBusinessMinutes(cal, addBusinessMinutes(cal, s, a)!, b)!;
          expect(step.getTime()).toBe(addBusinessMinutes(cal, s, a + b)!.getTime());
        }),
        { numRuns: 100 },
      );
    });
    it(
      'a positive deadline falls inside an open window (or at its end)',
      { timeout: 60_000 },
      () => {
        fc.assert(
          fc.property(instant, fc.integer({ min: 1, max: 5_000 }), (s, m) => {
            const due = addBusinessMinutes(cal, s, m)!;
            const just = new Date(due.getTime() - 1);
            expect(openUntil(cal, just)).not.toBeNull();
          }),
          { numRuns: 100 },
        );
      },
    );
    it(
      'between is additive over a split point and never counts a holiday or closed day',
      { timeout: 60_000 },
      () => {
        fc.assert(
          fc.property(triple, ([x, y, z]) => {
            const [a, b, c] = [x, y, z].sort((p, q) => p.getTime() - q.getTime()) as [
              Date,
              Date,
              Date,
            ];
            const whole = businessMinutesBetween(cal, a, c);
            expect(whole).toBeCloseTo(
              businessMinutesBetween(cal, a, b) + businessMinutesBetween(cal, b, c),
              6,
            );
            for (const w of openWindows(cal, a, c)) {
              const local = new Intl.DateTimeFormat('en-CA', { timeZone: cal.timeZone }).format(
                w.from,
              );
              expect(cal.holidays.has(local)).toBe(false);
            }
          }),
          { numRuns: 25 },
        );
      },
    );
    it('pauses take away exactly the business time inside them', { timeout: 60_000 }, () => {
      fc.assert(
        fc.property(quadruple, ([w, x, y, z]) => {
          const [a, p1, p2, b] = [w, x, y, z].sort((p, q) => p.getTime() - q.getTime()) as [
            Date,
            Date,
            Date,
            Date,
          ];
          const pause = { from: p1, to: p2 };
          expect(businessMinutesBetween(cal, a, b, [pause])).toBeCloseTo(
            businessMinutesBetween(cal, a, b) - businessMinutesBetween(cal, p1, p2),
            6,
          );
        }),
        { numRuns: 25 },
      );
    });
  });
}
