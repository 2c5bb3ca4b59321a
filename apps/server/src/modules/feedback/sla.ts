// The SLA clocks of a ticket over its store's business calendar: deadlines set when a ticket
// opens or resumes, the business minutes left kept while it waits (paused), and the view the
// board counts down from.
import type { Ctx } from '../../kernel/context.ts';
import type { complaintTickets, Severity } from './feedback.tables.ts';
import { isDone, isPaused } from './complaint-rules.ts';
import { slaPolicyMap, storeCalendar } from './settings.ts';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  openUntil,
  type BusinessCalendar,
} from './sla-rules.ts';

type Ticket = typeof complaintTickets.$inferSelect;

/** Calendars by store, loaded once per use-case. */
export function calendarCache(ctx: Ctx) {
  const cache = new Map<string, Promise<BusinessCalendar>>();
  return (storeId: string | null) => {
    const key = storeId ?? '';
    let cal = cache.get(key);
    if (!cal) cache.set(key, (cal = storeCalendar(ctx, storeId)));
    return cal;
  };
}

/** The deadlines of a new ticket (or a new cycle after reopening). */
export async function initialDeadlines(
  ctx: Ctx,
  storeId: string | null,
  severity: Severity,
  opts: { firstResponse: boolean },
) {
  const policy = (await slaPolicyMap(ctx)).get(severity)!;
  const cal = await storeCalendar(ctx, storeId);
  const now = ctx.clock.now();
  return {
    firstDueAt: opts.firstResponse
      ? addBusinessMinutes(cal, now, policy.firstResponseMinutes)
      : null,
    resolveDueAt: addBusinessMinutes(cal, now, policy.resolutionMinutes),
  };
}

/** Business minutes from now to a deadline; negative once it passed. */
function minutesLeft(cal: BusinessCalendar, now: Date, due: Date): number {
  return due >= now
    ? Math.ceil(businessMinutesBetween(cal, now, due))
    : -Math.floor(businessMinutesBetween(cal, due, now));
}

/** The clocks stop: what is left is kept, the deadlines cleared. */
export async function pauseClocks(ctx: Ctx, t: Ticket) {
  const cal = await storeCalendar(ctx, t.storeId);
  const now = ctx.clock.now();
  const left = (due: Date | null) => (due ? Math.max(0, minutesLeft(cal, now, due)) : null);
  return {
    firstLeftMinutes: left(t.firstDueAt),
    resolveLeftMinutes: left(t.resolveDueAt),
    firstDueAt: null,
    resolveDueAt: null,
    pausedAt: now,
  };
}

/** The clocks run again: the deadlines are what was left, from now. */
export async function resumeClocks(ctx: Ctx, t: Ticket) {
  const cal = await storeCalendar(ctx, t.storeId);
  const now = ctx.clock.now();
  const due = (left: number | null) => (left === null ? null : addBusinessMinutes(cal, now, left));
  return {
    firstDueAt: due(t.firstLeftMinutes),
    resolveDueAt: due(t.resolveLeftMinutes),
    firstLeftMinutes: null,
    resolveLeftMinutes: null,
    pausedAt: null,
  };
}

export interface SlaClock {
  dueAt: string | null;
  /** Business minutes left at `asOf` (negative: overdue); null when the clock is done. */
  remainingMinutes: number | null;
  breached: boolean;
}

export interface SlaView {
  asOf: string;
  paused: boolean;
  /** While the store is open, the end of the open window: the browser counts down until then. */
  runningUntil: string | null;
  firstResponse: SlaClock;
  resolution: SlaClock;
}

function clock(
  cal: BusinessCalendar,
  now: Date,
  due: Date | null,
  left: number | null,
  breachedAt: Date | null,
  done: boolean,
): SlaClock {
  if (done) return { dueAt: null, remainingMinutes: null, breached: breachedAt !== null };
  if (due) {
    const remainingMinutes = minutesLeft(cal, now, due);
    return {
      dueAt: due.toISOString(),
      remainingMinutes,
      breached: breachedAt !== null || remainingMinutes <= 0,
    };
  }
  return { dueAt: null, remainingMinutes: left, breached: breachedAt !== null };
}

/** The clocks as the board shows them. */
export function slaView(cal: BusinessCalendar, t: Ticket, now: Date): SlaView {
  const done = isDone(t.status);
  const paused = isPaused(t.status);
  return {
    asOf: now.toISOString(),
    paused,
    runningUntil: done || paused ? null : (openUntil(cal, now)?.toISOString() ?? null),
    firstResponse: clock(
      cal,
      now,
      t.firstDueAt,
      t.firstLeftMinutes,
      t.firstBreachedAt,
      t.firstRespondedAt !== null,
    ),
    resolution: clock(cal, now, t.resolveDueAt, t.resolveLeftMinutes, t.resolveBreachedAt, done),
  };
}
