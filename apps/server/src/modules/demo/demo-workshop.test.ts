import { describe, expect, it } from 'vitest';
import type { DemoOrder, DemoStaff } from './demo-data.ts';
import { demoLabourMinutes, demoWork } from './demo-workshop.ts';

const staff: DemoStaff[] = [
  { name: '老板', role: 'owner', phone: '+8613800000001', email: null, storeCodes: ['A', 'B'] },
  { name: '店长', role: 'manager', phone: '+8613800000002', email: null, storeCodes: ['A'] },
  { name: '技师', role: 'technician', phone: '+8613800000003', email: null, storeCodes: ['A'] },
];
const labour = (unitPriceFen: number) => ({
  kind: 'labour' as const,
  category: 'other' as const,
  description: '工时',
  partNumber: null,
  quantity: 1,
  unitPriceFen,
});
const part = { ...labour(5000), kind: 'part' as const };
const order = (over: Partial<DemoOrder>): DemoOrder => ({
  number: 'A-20261122-0001',
  storeCode: 'A',
  advisorIndex: 0,
  status: 'closed',
  mileageKm: 1000,
  openedAt: new Date('2026-11-22T01:00:00Z'),
  closedAt: new Date('2026-11-22T03:00:00Z'),
  items: [labour(8000), part, labour(20000), labour(6000)],
  declined: [],
  ...over,
});
const now = new Date('2026-11-22T12:00:00Z');

describe('demo workshop', () => {
  it('labour time follows the price within bounds', () => {
    expect(demoLabourMinutes(labour(8000))).toBe(40);
    expect(demoLabourMinutes(labour(500))).toBe(10);
    expect(demoLabourMinutes(labour(10_000_000))).toBe(480);
  });

  it("the store's technician leads, the manager takes every third labour line", () => {
    const w = demoWork(order({}), staff, now);
    expect(w.leadIndex).toBe(2);
    expect(w.lines.map((l) => l.technicianIndex)).toEqual([null, null, null, 1]);
    expect(w.lines.map((l) => l.labourMinutes)).toEqual([40, null, 100, 30]);
    expect(w.completedAt?.toISOString()).toBe('2026-11-22T03:00:00.000Z');
  });

  it('open work has no time yet; a store without a technician has no lead', () => {
    const w = demoWork(order({ status: 'open', closedAt: null, storeCode: 'B' }), staff, now);
    expect(w.leadIndex).toBeNull();
    expect(w.lines.every((l) => l.labourMinutes === null)).toBe(true);
    expect(w.completedAt).toBeNull();
  });

  it('a completed order not yet closed is done after its labour time, never after now', () => {
    const w = demoWork(order({ status: 'completed', closedAt: null }), staff, now);
    expect(w.completedAt?.toISOString()).toBe('2026-11-22T04:20:00.000Z');
    const late = demoWork(
      order({ status: 'paid', closedAt: null, openedAt: new Date('2026-11-22T11:50:00Z') }),
      staff,
      now,
    );
    expect(late.completedAt?.toISOString()).toBe(now.toISOString());
  });
});
