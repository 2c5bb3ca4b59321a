// When the demo's "today" happens, relative to the moment it is seeded: bookings earlier today
// (arrived, done, a no-show, one late) and later today, and when the cars that came were taken
// in, finished and paid — all before the seed's clock for what has happened, after it for what
// is to come, so the workbench looks like a day under way at whatever hour it is seeded. Pure.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The demo stores' hours (see seed.ts): 08:30–18:00, hourly slots. */
const OPENS = 8.5 * HOUR;
const CLOSES = 18 * HOUR;
const SLOT = HOUR;

export type PastStatus = 'checked_in' | 'completed' | 'no_show' | 'booked';
export type LaterStatus = 'booked' | 'confirmed';

export interface TodayPlan {
  /** Bookings whose time has come: when, what became of them, and for a car that came, when its order was opened, finished and paid (null: not yet). */
  past: {
    startsAt: Date;
    status: PastStatus;
    openedAt: Date | null;
    completedAt: Date | null;
    paidAt: Date | null;
  }[];
  /** Walk-ins already paid today (no booking). */
  walkIns: { openedAt: Date; completedAt: Date; paidAt: Date }[];
  /** Bookings still to come, at slot starts when the shop is still open. */
  later: { startsAt: Date; status: LaterStatus; onSlot: boolean }[];
}

const PAST_STATUSES: PastStatus[] = [
  'completed',
  'checked_in',
  'completed',
  'checked_in',
  'no_show',
  'completed',
  'checked_in',
  'booked',
];

/** Evenly spread instants in [from, to), rounded down to 10 minutes, never before `from`. */
function spread(from: number, to: number, n: number): number[] {
  if (n <= 0 || to <= from) return [];
  const step = (to - from) / n;
  return Array.from({ length: n }, (_, i) => {
    const at = from + step * i;
    const rounded = Math.floor(at / (10 * MINUTE)) * 10 * MINUTE;
    return Math.max(from, rounded);
  });
}

/**
 * `dayStart` is the business's midnight today, `now` the seed's clock. What has happened runs
 * from opening time (or, seeded before opening, from just after midnight) to ten minutes ago;
 * what is to come takes the slots left today, or after closing time the rest of the evening.
 */
export function planToday(dayStart: Date, now: Date): TodayPlan {
  const start = dayStart.getTime();
  const t = now.getTime();
  const open = start + OPENS;
  const close = start + CLOSES;
  const pastFrom = t >= open + HOUR ? open : start + 5 * MINUTE;
  const pastTo = Math.min(t - 10 * MINUTE, close);
  const pastSpan = pastTo - pastFrom;
  const count = pastSpan >= 2 * HOUR ? PAST_STATUSES.length : pastSpan >= 30 * MINUTE ? 3 : 0;
  const past = spread(pastFrom, pastTo, count).map((at, i) => {
    const status = PAST_STATUSES[i % PAST_STATUSES.length]!;
    const came = status === 'checked_in' || status === 'completed';
    const openedAt = came ? at + 5 * MINUTE : null;
    // A car that came in finishes in 40–90 minutes, and is paid a few minutes later — if that
    // time has already come; otherwise it is still being worked on.
    const doneAt = openedAt !== null ? openedAt + (40 + (i % 4) * 15) * MINUTE : null;
    const completedAt = doneAt !== null && doneAt < t ? doneAt : null;
    const paidAt =
      status === 'completed' && completedAt !== null && completedAt + 10 * MINUTE < t
        ? completedAt + 10 * MINUTE
        : null;
    return {
      startsAt: new Date(at),
      status: status === 'completed' && paidAt === null ? ('checked_in' as const) : status,
      openedAt: openedAt !== null ? new Date(openedAt) : null,
      completedAt: completedAt !== null ? new Date(completedAt) : null,
      paidAt: paidAt !== null ? new Date(paidAt) : null,
    };
  });
  const walkIns = spread(pastFrom, pastTo - HOUR, pastSpan >= 2 * HOUR ? 3 : 0).map((at) => ({
    openedAt: new Date(at + 15 * MINUTE),
    completedAt: new Date(at + 45 * MINUTE),
    paidAt: new Date(at + 50 * MINUTE),
  }));
  const slots: number[] = [];
  for (let s = open; s + SLOT <= close; s += SLOT) if (s > t) slots.push(s);
  const evening = close - SLOT < t;
  const laterTimes = evening
    ? spread(t + 20 * MINUTE, start + 24 * HOUR - 10 * MINUTE, 3)
    : slots.slice(0, 8);
  const later = laterTimes.map((at, i) => ({
    startsAt: new Date(at),
    status: (i % 2 === 0 ? 'confirmed' : 'booked') as LaterStatus,
    onSlot: !evening,
  }));
  return { past, walkIns, later };
}
