// Calendar dates, months and instants as the API takes them. One definition for every route, so
// an impossible day (2023-02-30, 2025-02-29, month 13) or year 0000 is a 400 naming the field —
// never a value that reaches the database and fails there. Years run 0001–9999: what a
// `YYYY` field can say and what PostgreSQL's `date` and `timestamptz` store without an era.
import { z } from 'zod';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function realDay(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

/** `YYYY-MM-DD` naming a real day between 0001-01-01 and 9999-12-31. */
export function isCalendarDate(text: string): boolean {
  const m = DATE_RE.exec(text);
  return !!m && realDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** `YYYY-MM` naming a real month between 0001-01 and 9999-12. */
export function isYearMonth(text: string): boolean {
  const m = MONTH_RE.exec(text);
  return !!m && realDay(Number(m[1]), Number(m[2]), 1);
}

// Date.UTC maps years 0–99 to 1900+, so year 1 is set explicitly.
const FIRST_MS = (() => {
  const d = new Date(0);
  d.setUTCFullYear(1, 0, 1);
  d.setUTCHours(0, 0, 0, 0);
  return d.getTime();
})();
const LAST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * An ISO 8601 date-time with an offset whose calendar date is real and which, in UTC, falls
 * between 0001-01-01 and 9999-12-31 (so `toISOString()` of it is again a four-digit year).
 */
export function isInstant(text: string): boolean {
  const date = text.slice(0, 10);
  if (!isCalendarDate(date) || text.length < 17) return false;
  const ms = Date.parse(text);
  return Number.isFinite(ms) && ms >= FIRST_MS && ms <= LAST_MS;
}

/** `params.format` lets the error handler word the message (see http/errors.ts). */
export const CalendarDate = z.iso
  .date()
  .refine(isCalendarDate, {
    message: 'not a calendar day between 0001-01-01 and 9999-12-31',
    params: { format: 'date' },
  })
  .describe('Calendar date YYYY-MM-DD');

export const YearMonth = z
  .string()
  .refine(isYearMonth, {
    message: 'not a month YYYY-MM between 0001-01 and 9999-12',
    params: { format: 'month' },
  })
  .meta({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' })
  .describe('Month YYYY-MM');

export const Instant = z.iso
  .datetime({ offset: true })
  .refine(isInstant, {
    message: 'not an instant between 0001-01-01 and 9999-12-31',
    params: { format: 'datetime' },
  })
  .describe('ISO 8601 instant with offset, e.g. 2026-12-01T01:30:00Z');
