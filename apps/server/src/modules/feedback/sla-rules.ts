// Business-time arithmetic for SLA clocks (pure): a store's weekly hours in its time zone, minus
// holidays, minus pauses. Minutes are counted only while the store is open; a deadline is the
// instant a number of business minutes after a start.
import { localDateTime, zonedInstant } from '../messaging/index.ts';

const MINUTE = 60_000;
/** Far enough for any SLA; a calendar with no open hour in it answers null. */
const HORIZON_DAYS = 1100;

export interface DayHours {
  /** Minutes after local midnight. */
  opens: number;
  closes: number;
}

export interface BusinessCalendar {
  timeZone: string;
  /** Weekday (0 = Sunday … 6) → hours; a missing weekday is closed. */
  week: ReadonlyMap<number, DayHours>;
  /** Local dates (YYYY-MM-DD) on which the store does not count. */
  holidays: ReadonlySet<string>;
}

export interface Interval {
  from: Date;
  to: Date;
}

/** The calendar date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The open window of one local date, or null (closed weekday, holiday, empty span). */
function windowOf(cal: BusinessCalendar, date: string): { from: number; to: number } | null {
  if (cal.holidays.has(date)) return null;
  const h = cal.week.get(weekdayOf(date));
  if (!h || h.closes <= h.opens) return null;
  const from = zonedInstant(date, h.opens, cal.timeZone).getTime();
  const to = zonedInstant(date, h.closes, cal.timeZone).getTime();
  return to > from ? { from, to } : null;
}

/** The open windows that overlap [from, to), clipped to it. */
export function openWindows(cal: BusinessCalendar, from: Date, to: Date): Interval[] {
  const out: Interval[] = [];
  if (to <= from) return out;
  const last = addDays(localDateTime(to, cal.timeZone).date, 1);
  let date = addDays(localDateTime(from, cal.timeZone).date, -1);
  for (let i = 0; date <= last && i < HORIZON_DAYS * 4; i++, date = addDays(date, 1)) {
    const w = windowOf(cal, date);
    if (!w) continue;
    const a = Math.max(w.from, from.getTime());
    const b = Math.min(w.to, to.getTime());
    if (b > a) out.push({ from: new Date(a), to: new Date(b) });
  }
  return out;
}

/** Sorted, non-overlapping copies of the intervals. */
function merged(intervals: readonly Interval[]): { from: number; to: number }[] {
  const xs = intervals
    .map((i) => ({ from: i.from.getTime(), to: i.to.getTime() }))
    .filter((i) => i.to > i.from)
    .sort((a, b) => a.from - b.from);
  const out: { from: number; to: number }[] = [];
  for (const x of xs) {
    const top = out[out.length - 1];
    if (top && x.from <= top.to) top.to = Math.max(top.to, x.to);
    else out.push({ ...x });
  }
  return out;
}

/** Business minutes in [from, to), leaving out the pauses (which may overlap each other). */
export function businessMinutesBetween(
  cal: BusinessCalendar,
  from: Date,
  to: Date,
  pauses: readonly Interval[] = [],
): number {
  const ps = merged(pauses);
  let ms = 0;
  for (const w of openWindows(cal, from, to)) {
    let a = w.from.getTime();
    const b = w.to.getTime();
    ms += b - a;
    for (const p of ps) {
      if (p.to <= a || p.from >= b) continue;
      ms -= Math.min(b, p.to) - Math.max(a, p.from);
      a = Math.max(a, Math.min(b, p.to));
    }
  }
  return ms / MINUTE;
}

/**
 * The instant `minutes` business minutes after `start` (a deadline exactly at closing time is
 * that closing time); null when the calendar has no open hour within the horizon.
 */
export function addBusinessMinutes(
  cal: BusinessCalendar,
  start: Date,
  minutes: number,
): Date | null {
  if (minutes <= 0) return start;
  let left = minutes * MINUTE;
  let date = addDays(localDateTime(start, cal.timeZone).date, -1);
  for (let i = 0; i < HORIZON_DAYS; i++, date = addDays(date, 1)) {
    const w = windowOf(cal, date);
    if (!w || w.to <= start.getTime()) continue;
    const from = Math.max(w.from, start.getTime());
    if (left <= w.to - from) return new Date(from + left);
    left -= w.to - from;
  }
  return null;
}

/** The end of the open window `at` falls in, or null when the store is closed at `at`. */
export function openUntil(cal: BusinessCalendar, at: Date): Date | null {
  const date = localDateTime(at, cal.timeZone).date;
  for (const d of [addDays(date, -1), date]) {
    const w = windowOf(cal, d);
    if (w && w.from <= at.getTime() && at.getTime() < w.to) return new Date(w.to);
  }
  return null;
}

/** Monday to Friday 09:00–18:00: the calendar of a store without opening hours. */
export const DEFAULT_WEEK: ReadonlyMap<number, DayHours> = new Map(
  [1, 2, 3, 4, 5].map((d) => [d, { opens: 9 * 60, closes: 18 * 60 }]),
);

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
