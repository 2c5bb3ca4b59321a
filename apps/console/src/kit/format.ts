// Display helpers: money from integer fen, instants in the tenant's timezone, calendar dates,
// phones and mileage. All return '—' for a missing value.

export const EMPTY = '—';

const yuan = new Intl.NumberFormat('zh-CN', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  useGrouping: true,
});

/** 12345 fen → "¥123.45"; negative amounts keep their sign ("-¥5.00"). */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return EMPTY;
  const sign = fen < 0 ? '-' : '';
  // An integer divided by 100 and rounded to 2 decimals shows no floating-point residue.
  return `${sign}¥${yuan.format(Math.abs(Math.round(fen)) / 100)}`;
}

const partsCache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string | undefined, withTime: boolean): Intl.DateTimeFormat {
  const key = `${timeZone ?? ''}|${withTime}`;
  let f = partsCache.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
      });
    } catch {
      // Unknown timezone name: fall back to the browser's own.
      f = new Intl.DateTimeFormat('en-CA', {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
      });
    }
    partsCache.set(key, f);
  }
  return f;
}

function instant(
  iso: string | null | undefined,
  timeZone: string | undefined,
  withTime: boolean,
): string {
  if (!iso) return EMPTY;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone, withTime).formatToParts(date)) parts[p.type] = p.value;
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  return withTime ? `${day} ${parts.hour}:${parts.minute}` : day;
}

/**
 * An ISO instant as "2026-11-22 16:00" in the business's timezone (required: the browser's own
 * would show staff in another zone other times than the rest of the console).
 */
export function formatDateTime(iso: string | null | undefined, timeZone: string): string {
  return instant(iso, timeZone, true);
}

/** An ISO instant as the calendar day "2026-11-22" in the business's timezone. */
export function formatDay(iso: string | null | undefined, timeZone: string): string {
  return instant(iso, timeZone, false);
}

/** An ISO instant as the "2026-11-22T16:00" a date-time input holds, in the business's timezone. */
export function zonedInputValue(
  iso: string | null | undefined,
  timeZone: string,
): string | undefined {
  return iso ? formatDateTime(iso, timeZone).replace(' ', 'T') : undefined;
}

/** The instant the business's clock reads `local` ("2026-11-22T16:00"), as ISO. */
export function instantOfZoned(local: string, timeZone: string): string {
  const wall = Date.parse(`${local.slice(0, 16)}:00Z`);
  const wallOf = (ms: number) =>
    Date.parse(`${formatDateTime(new Date(ms).toISOString(), timeZone).replace(' ', 'T')}:00Z`);
  // The zone's offset at the guess, applied again: settles in two steps (three across a change).
  let guess = wall;
  for (let i = 0; i < 3; i++) guess = wall - (wallOf(guess) - guess);
  return new Date(guess).toISOString();
}

/** Today as the calendar day "2026-11-22" in the given (tenant) timezone. */
export function todayIn(timeZone: string): string {
  return formatDay(new Date().toISOString(), timeZone);
}

/** A calendar date (YYYY-MM-DD) is shown as it is: it has no timezone. */
export function formatDate(date: string | null | undefined): string {
  return date ? date.slice(0, 10) : EMPTY;
}

/** "+8613812345678" → "13812345678"; masked ("138****5678") and foreign numbers unchanged. */
export function formatPhone(phone: string | null | undefined): string {
  if (!phone) return EMPTY;
  return phone.startsWith('+86') ? phone.slice(3) : phone;
}

const km = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });

/** 12345 → "12,345 km". */
export function formatKm(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY;
  return `${km.format(value)} km`;
}
