// Pure rules on the way out: quiet hours in the customer's timezone, local days for the caps,
// retry backoff. Time in, time out; the pipeline supplies the clock.
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock of `tz` at `ms`, as the UTC milliseconds of the same reading (minute precision). */
function wallMs(ms: number, tz: string): number {
  const p: Record<string, string> = {};
  for (const part of formatterFor(tz).formatToParts(new Date(ms))) p[part.type] = part.value;
  return Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
  );
}

export function localDateTime(at: Date, tz: string): { date: string; minutes: number } {
  const wall = wallMs(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS, tz);
  const day = Math.floor(wall / DAY_MS) * DAY_MS;
  return { date: new Date(day).toISOString().slice(0, 10), minutes: (wall - day) / MINUTE_MS };
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The instant the wall clock of `tz` reads `date` + `minutes` (a skipped reading: just after). */
export function zonedInstant(date: string, minutes: number, tz: string): Date {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * MINUTE_MS;
  let guess = wall;
  for (let i = 0; i < 3; i++) guess = wall - (wallMs(guess, tz) - guess);
  return new Date(guess);
}

export function parseHm(hm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hm);
  if (!m) throw new RangeError(`not HH:MM: ${hm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/**
 * When the quiet window covering `now` ends (null: not quiet now). The window runs from
 * `start` to `end` local time and may cross midnight (21:00–08:00).
 */
export function quietUntil(now: Date, tz: string, start: string, end: string): Date | null {
  const s = parseHm(start);
  const e = parseHm(end);
  if (s === e) return null;
  const { date, minutes } = localDateTime(now, tz);
  if (s > e) {
    if (minutes >= s) return zonedInstant(addDays(date, 1), e, tz);
    if (minutes < e) return zonedInstant(date, e, tz);
    return null;
  }
  return minutes >= s && minutes < e ? zonedInstant(date, e, tz) : null;
}

/** Temporary failures wait 30 s, 1 min, 2 min… at most an hour. */
export function backoffMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}
export const MAX_ATTEMPTS = 5;
