// The workbench's pure rules: whose day a staff member sees (stores and, for an advisor, only
// their own orders) and how today's bookings are laid out by hour.

/** Whose day: the stores (null: every store of the tenant) and the advisor whose orders count. */
export interface WorkbenchScope {
  storeIds: string[] | null;
  advisorId: string | null;
}

export type ScopeRole = 'owner' | 'manager' | 'advisor';

/**
 * An owner sees every store, or the one chosen; a manager and an advisor the stores they are
 * assigned to, or one of them; an advisor's orders and takings are those they are the advisor of.
 * A store outside the person's own answers `forbidden`.
 */
export function resolveScope(input: {
  role: ScopeRole;
  staffId: string | null;
  assignedStoreIds: readonly string[];
  storeId?: string | undefined;
}): WorkbenchScope | 'forbidden' {
  const advisorId = input.role === 'advisor' ? input.staffId : null;
  if (input.role === 'owner')
    return { storeIds: input.storeId ? [input.storeId] : null, advisorId: null };
  if (input.storeId)
    return input.assignedStoreIds.includes(input.storeId)
      ? { storeIds: [input.storeId], advisorId }
      : 'forbidden';
  return { storeIds: [...new Set(input.assignedStoreIds)], advisorId };
}

/** The hour a wall-clock time falls in, as the board labels it ("09:00"). */
export function hourLabel(minutesOfDay: number): string {
  return `${String(Math.floor(minutesOfDay / 60)).padStart(2, '0')}:00`;
}

/** A wall-clock time of day ("09:30"). */
export function timeLabel(minutesOfDay: number): string {
  const h = Math.floor(minutesOfDay / 60);
  return `${String(h).padStart(2, '0')}:${String(minutesOfDay % 60).padStart(2, '0')}`;
}

/** Bookings that mean the car came: checked in, or its visit already done. */
export const ARRIVED_STATUSES: readonly string[] = ['checked_in', 'completed'];

/** Bookings that no longer expect the car (left off the counts of those to come). */
export const DROPPED_STATUSES: readonly string[] = ['cancelled', 'no_show'];

/** Rows grouped by their hour, hours in order (rows keep their order within an hour). */
export function groupByHour<T extends { hour: string }>(rows: readonly T[]) {
  const hours = new Map<string, T[]>();
  for (const r of rows) {
    const list = hours.get(r.hour);
    if (list) list.push(r);
    else hours.set(r.hour, [r]);
  }
  return [...hours.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([hour, items]) => ({ hour, items }));
}

/** The booking counts the workbench shows: all of today's, arrived, still to come, dropped. */
export function bookingCounts(rows: readonly { status: string; startsAt: string }[], now: Date) {
  let arrived = 0;
  let expected = 0;
  let dropped = 0;
  let late = 0;
  for (const r of rows) {
    if (ARRIVED_STATUSES.includes(r.status)) arrived += 1;
    else if (DROPPED_STATUSES.includes(r.status)) dropped += 1;
    else {
      expected += 1;
      if (new Date(r.startsAt).getTime() < now.getTime()) late += 1;
    }
  }
  return { total: rows.length, arrived, expected, late, dropped };
}
