// Recurring schedules in the tenant's timezone: daily, weekly (weekday) or monthly (day 1–28)
// at a local time. Pure functions over instants; the timezone arithmetic uses Intl.
import type { Recurrence } from './campaigns.tables.ts';

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export function localParts(at: Date, timeZone: string): LocalParts {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    weekday: 'short',
    hourCycle: 'h23',
  });
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    weekday: WEEKDAYS[p.weekday!] ?? 0,
  };
}

/** The instant at which the wall clock of `timeZone` shows the given local time. */
export function zonedTime(
  y: number,
  m: number,
  d: number,
  hh: number,
  mm: number,
  timeZone: string,
): Date {
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const offsetAt = (utc: number) => {
    const p = localParts(new Date(utc), timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(utc / 60000) * 60000;
  };
  let t = wall - offsetAt(wall);
  const second = offsetAt(t);
  if (wall - second !== t) t = wall - second;
  return new Date(t);
}

/** The first occurrence strictly after `after`. */
export function nextOccurrence(after: Date, rec: Recurrence, timeZone: string): Date {
  const [hh, mm] = rec.time.split(':').map(Number) as [number, number];
  const start = localParts(after, timeZone);
  for (let i = 0; i < 70; i++) {
    const day = new Date(Date.UTC(start.year, start.month - 1, start.day + i));
    const y = day.getUTCFullYear();
    const m = day.getUTCMonth() + 1;
    const d = day.getUTCDate();
    const weekday = day.getUTCDay();
    if (rec.frequency === 'weekly' && weekday !== (rec.weekday ?? 1)) continue;
    if (rec.frequency === 'monthly' && d !== (rec.dayOfMonth ?? 1)) continue;
    const at = zonedTime(y, m, d, hh, mm, timeZone);
    if (at.getTime() > after.getTime()) return at;
  }
  throw new Error('no occurrence within 70 days');
}
