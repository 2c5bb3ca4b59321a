// Who did the demo tenant's work and how long it took, derived from each order without drawing
// from the generator's random stream (the rest of the demo data stays as it was): the store's
// technician leads, the store's manager takes every third labour line of a bigger job, and a
// labour line's time follows its price (about ¥2 a minute, in steps of five minutes).
import type { DemoOrder, DemoOrderItem, DemoStaff } from './demo-data.ts';

export interface DemoWork {
  /** Index into staff of the lead technician; null when the store has none. */
  leadIndex: number | null;
  /** Per line: index into staff of its own technician (null: the lead), and its minutes. */
  lines: { technicianIndex: number | null; labourMinutes: number | null }[];
  completedAt: Date | null;
}

const MINUTE = 60_000;

/** About ¥2 of labour a minute, in steps of five minutes, between 10 minutes and 8 hours. */
export function demoLabourMinutes(item: DemoOrderItem): number {
  const yuan = (item.quantity * item.unitPriceFen) / 100;
  return Math.min(480, Math.max(10, Math.round(yuan / 2 / 5) * 5));
}

function firstOfRole(staff: readonly DemoStaff[], role: DemoStaff['role'], storeCode: string) {
  const i = staff.findIndex((s) => s.role === role && s.storeCodes.includes(storeCode));
  return i < 0 ? null : i;
}

export function demoWork(order: DemoOrder, staff: readonly DemoStaff[], now: Date): DemoWork {
  const leadIndex = firstOfRole(staff, 'technician', order.storeCode);
  const managerIndex = firstOfRole(staff, 'manager', order.storeCode);
  const done = order.status !== 'open' && order.status !== 'cancelled';
  let labourSeen = 0;
  let minutes = 0;
  const lines = order.items.map((item) => {
    if (item.kind !== 'labour') return { technicianIndex: null, labourMinutes: null };
    labourSeen += 1;
    const labourMinutes = done ? demoLabourMinutes(item) : null;
    minutes += labourMinutes ?? 0;
    const helper = labourSeen % 3 === 0 && managerIndex !== null ? managerIndex : null;
    return { technicianIndex: helper, labourMinutes };
  });
  const finished = order.closedAt ?? new Date(order.openedAt.getTime() + (minutes + 30) * MINUTE);
  const completedAt = done ? new Date(Math.min(finished.getTime(), now.getTime())) : null;
  return { leadIndex, lines, completedAt };
}
