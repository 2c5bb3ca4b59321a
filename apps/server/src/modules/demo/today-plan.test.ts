import { describe, expect, it } from 'vitest';
import { planToday } from './today-plan.ts';

// 2026-03-02 in Asia/Shanghai begins at 2026-03-01T16:00Z.
const DAY = new Date('2026-03-01T16:00:00Z');
const at = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return new Date(DAY.getTime() + (h! * 60 + m!) * 60_000);
};

function expectConsistent(now: Date) {
  const plan = planToday(DAY, now);
  for (const b of plan.past) {
    expect(b.startsAt.getTime()).toBeGreaterThanOrEqual(DAY.getTime());
    expect(b.startsAt.getTime()).toBeLessThan(now.getTime());
    for (const x of [b.openedAt, b.completedAt, b.paidAt])
      if (x) expect(x.getTime()).toBeLessThan(now.getTime());
    if (b.paidAt) expect(b.completedAt).not.toBeNull();
    if (b.completedAt) expect(b.openedAt).not.toBeNull();
    if (b.status === 'completed') expect(b.paidAt).not.toBeNull();
  }
  for (const w of plan.walkIns) expect(w.paidAt.getTime()).toBeLessThan(now.getTime());
  for (const l of plan.later) {
    expect(l.startsAt.getTime()).toBeGreaterThan(now.getTime());
    expect(l.startsAt.getTime()).toBeLessThan(DAY.getTime() + 24 * 3_600_000);
  }
  return plan;
}

describe('planToday', () => {
  it('mid-morning: arrivals and payments before now, the rest of the day’s slots after', () => {
    const plan = expectConsistent(at('11:05'));
    expect(plan.past.length).toBe(8);
    expect(plan.past.some((b) => b.paidAt)).toBe(true);
    expect(plan.past.some((b) => b.status === 'checked_in' && !b.paidAt)).toBe(true);
    expect(plan.walkIns.length).toBe(3);
    expect(plan.later.map((l) => l.startsAt)).toContainEqual(at('11:30'));
    expect(plan.later.every((l) => l.onSlot)).toBe(true);
  });

  it('in the evening: a full day behind, a few bookings still this evening', () => {
    const plan = expectConsistent(at('20:40'));
    expect(plan.past.length).toBe(8);
    expect(plan.later.length).toBe(3);
    expect(plan.later.every((l) => !l.onSlot)).toBe(true);
  });

  it('before opening: what little has happened since midnight, the whole day to come', () => {
    const plan = expectConsistent(at('07:00'));
    expect(plan.past.length).toBeGreaterThan(0);
    expect(plan.later.length).toBe(8);
    expect(plan.later[0]!.startsAt).toEqual(at('08:30'));
  });

  it('just after midnight: nothing has happened yet, and nothing pretends it did', () => {
    const plan = expectConsistent(at('00:10'));
    expect(plan.past).toEqual([]);
    expect(plan.walkIns).toEqual([]);
    expect(plan.later.length).toBe(8);
  });
});
