// Pure calendar arithmetic for appointment slots: calendar dates (YYYY-MM-DD), wall-clock times
// (minutes since midnight) and their instants in an IANA timezone. The only outside help is
// Intl.DateTimeFormat, which knows each zone's UTC offset at an instant; everything else (wall
// time → instant, daylight-saving gaps and overlaps, weekdays, day bounds) is computed here.

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A store's opening hours on one weekday (0 = Sunday … 6 = Saturday), wall-clock minutes. */
export interface DayHours {
  weekday: number;
  /** Minutes since local midnight. */
  opensAt: number;
  closesAt: number;
  slotMinutes: number;
  capacity: number;
}

export interface Slot {
  startsAt: Date;
  endsAt: Date;
  capacity: number;
}

// ---- calendar dates and wall-clock times ----

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/** "08:30" or "08:30:00" (as PostgreSQL returns a `time`) → 510; anything else → null. */
export function parseTime(value: string): number | null {
  const m = TIME_RE.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** 510 → "08:30". */
export function formatTime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  return `${String(h).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Milliseconds of a calendar date at UTC midnight, or null when it is not a real date. */
function dateMs(date: string): number | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over into March: a real date survives the round trip.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return null;
  // Date.UTC reads years 0–99 as 1900–1999.
  return y < 100 ? null : ms;
}

export function isValidDate(date: string): boolean {
  return dateMs(date) !== null;
}

function msToDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The calendar date `days` after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  const ms = dateMs(date);
  if (ms === null) throw new RangeError(`not a date: ${date}`);
  return msToDate(ms + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday: a property of the calendar date alone, not of a timezone. */
export function weekdayOf(date: string): number {
  const ms = dateMs(date);
  if (ms === null) throw new RangeError(`not a date: ${date}`);
  return new Date(ms).getUTCDay();
}

// ---- timezones ----

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
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for an IANA zone name the runtime knows ("Asia/Shanghai", "America/New_York", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock of `timeZone` at instant `ms`, as milliseconds of the same reading in UTC. */
function wallClockMs(ms: number, timeZone: string): number {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  let year = Number(parts.year);
  if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
  const wall = new Date(0);
  wall.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
  wall.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), 0);
  return wall.getTime();
}

/** The zone's offset from UTC at instant `ms`, in minutes (Asia/Shanghai: +480). */
export function offsetMinutes(ms: number, timeZone: string): number {
  // The formatter shows whole seconds, so compare with the instant cut to whole seconds.
  const whole = Math.floor(ms / 1000) * 1000;
  return Math.round((wallClockMs(whole, timeZone) - whole) / MINUTE_MS);
}

/** The calendar date and wall-clock minutes of an instant in a timezone. */
export function toLocal(instant: Date, timeZone: string): { date: string; minutes: number } {
  const wall = wallClockMs(Math.floor(instant.getTime() / MINUTE_MS) * MINUTE_MS, timeZone);
  const dayStart = Math.floor(wall / DAY_MS) * DAY_MS;
  return { date: msToDate(dayStart), minutes: Math.round((wall - dayStart) / MINUTE_MS) };
}

/**
 * The instant at which the wall clock of `timeZone` reads `date` `minutes`.
 *
 * Where daylight saving moves the clock back, a reading happens twice: the earlier instant is
 * returned. Where it jumps forward, a reading never happens: `gap: 'none'` returns null,
 * `gap: 'later'` the instant the same distance past the jump (02:30 in a 02:00→03:00 jump is
 * 03:30), as calendars do.
 */
export function toInstant(
  date: string,
  minutes: number,
  timeZone: string,
  gap: 'none' | 'later' = 'none',
): Date | null {
  const day = dateMs(date);
  if (day === null) throw new RangeError(`not a date: ${date}`);
  const wall = day + minutes * MINUTE_MS;
  // The offsets in force a day either side bracket any transition near this reading.
  const before = offsetMinutes(wall - DAY_MS, timeZone);
  const after = offsetMinutes(wall + DAY_MS, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset * MINUTE_MS)
    .filter((ms) => wallClockMs(ms, timeZone) === wall)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return new Date(candidates[0]!);
  return gap === 'later' ? new Date(wall - before * MINUTE_MS) : null;
}

/** The instants a calendar day of `timeZone` starts (inclusive) and ends (exclusive). */
export function dayBounds(date: string, timeZone: string): { start: Date; end: Date } {
  return {
    start: toInstant(date, 0, timeZone, 'later')!,
    end: toInstant(addDays(date, 1), 0, timeZone, 'later')!,
  };
}

/** Today's calendar date in a timezone. */
export function todayIn(now: Date, timeZone: string): string {
  return toLocal(now, timeZone).date;
}

// ---- slots ----

/** Wall-clock start minutes of a day's slots: every slot ends by closing time. */
function slotStarts(hours: DayHours): number[] {
  const starts: number[] = [];
  if (hours.slotMinutes <= 0) return starts;
  for (let m = hours.opensAt; m + hours.slotMinutes <= hours.closesAt; m += hours.slotMinutes)
    starts.push(m);
  return starts;
}

/**
 * The bookable slots of one calendar day, earliest first. A closed day (no hours, or no
 * capacity) has none; a slot whose start the clock skips (a daylight-saving jump) is left out.
 * A slot lasts `slotMinutes` of real time.
 */
export function slotsForDay(
  date: string,
  hoursByWeekday: ReadonlyMap<number, DayHours>,
  timeZone: string,
): Slot[] {
  const hours = hoursByWeekday.get(weekdayOf(date));
  if (!hours || hours.capacity <= 0) return [];
  const slots: Slot[] = [];
  for (const m of slotStarts(hours)) {
    const startsAt = toInstant(date, m, timeZone);
    if (!startsAt) continue;
    slots.push({
      startsAt,
      endsAt: new Date(startsAt.getTime() + hours.slotMinutes * MINUTE_MS),
      capacity: hours.capacity,
    });
  }
  return slots;
}

/** The slot that starts exactly at `startsAt`, or null when no slot of the store starts then. */
export function slotStartingAt(
  startsAt: Date,
  hoursByWeekday: ReadonlyMap<number, DayHours>,
  timeZone: string,
): Slot | null {
  if (Number.isNaN(startsAt.getTime())) return null;
  const { date } = toLocal(startsAt, timeZone);
  return (
    slotsForDay(date, hoursByWeekday, timeZone).find(
      (s) => s.startsAt.getTime() === startsAt.getTime(),
    ) ?? null
  );
}
