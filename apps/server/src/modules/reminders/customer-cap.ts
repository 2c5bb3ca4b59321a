// What a reminder says about its date, and how many reminders one owner gets: at most one
// reminder message per customer every `gapDays` local days across ALL rules (a shop's rules
// can otherwise text one owner three times in a minute). The rest wait for the next allowed
// day, most important first.
import { TRIGGERS, type Trigger } from './definitions.ts';

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * `due.when`: the due date as the owner should read it on the day the message goes — ahead of
 * it, on it, or past it (an overdue item is never "due on" a day gone by).
 */
export function dueWhen(dueDate: string, today: string, language: 'zh-CN' | 'en'): string {
  if (dueDate > today) return language === 'en' ? `is due on ${dueDate}` : `将于${dueDate}到期`;
  if (dueDate === today)
    return language === 'en' ? `is due today (${dueDate})` : `于今天（${dueDate}）到期`;
  return language === 'en' ? `was due on ${dueDate} (overdue)` : `已于${dueDate}到期（已超期）`;
}

/** Triggers in the order their reminders go first when one owner has several on one day. */
const ORDER = Object.keys(TRIGGERS) as Trigger[];

export interface CapRow {
  id: string;
  customerId: string;
  trigger: Trigger;
  dueDate: string | null;
}

export interface CapPlan<R extends CapRow> {
  send: R[];
  /** Sends kept pending until the given local day. */
  defer: { row: R; runDate: string }[];
}

/**
 * Splits a batch of due reminders: per customer at most one goes today, and none if the last
 * reminder went fewer than `gapDays` days ago (`lastSent`: customer → local day). Service
 * before marketing, then the earliest due date, then the trigger order. `gapDays` 0: no cap.
 */
export function capPerCustomer<R extends CapRow>(
  rows: R[],
  lastSent: Map<string, string>,
  today: string,
  gapDays: number,
): CapPlan<R> {
  if (gapDays <= 0) return { send: rows, defer: [] };
  const byCustomer = new Map<string, R[]>();
  for (const r of rows) byCustomer.set(r.customerId, [...(byCustomer.get(r.customerId) ?? []), r]);
  const plan: CapPlan<R> = { send: [], defer: [] };
  for (const [customerId, list] of byCustomer) {
    list.sort(compare);
    const last = lastSent.get(customerId);
    const nextAllowed = last ? addDays(last, gapDays) : today;
    if (nextAllowed > today) {
      for (const row of list) plan.defer.push({ row, runDate: nextAllowed });
      continue;
    }
    const [first, ...rest] = list;
    plan.send.push(first!);
    for (const row of rest) plan.defer.push({ row, runDate: addDays(today, gapDays) });
  }
  return plan;
}

function compare(a: CapRow, b: CapRow): number {
  const purpose = (r: CapRow) => (TRIGGERS[r.trigger].purpose === 'service' ? 0 : 1);
  if (purpose(a) !== purpose(b)) return purpose(a) - purpose(b);
  const da = a.dueDate ?? '9999-12-31';
  const db = b.dueDate ?? '9999-12-31';
  if (da !== db) return da < db ? -1 : 1;
  const order = ORDER.indexOf(a.trigger) - ORDER.indexOf(b.trigger);
  return order || a.id.localeCompare(b.id);
}
