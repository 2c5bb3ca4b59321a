import { describe, expect, it } from 'vitest';
import {
  bookingCounts,
  groupByHour,
  hourLabel,
  resolveScope,
  timeLabel,
} from './workbench-rules.ts';

const A = 'store-a';
const B = 'store-b';

describe('resolveScope', () => {
  it('gives an owner every store, or the one chosen, and never narrows orders to an advisor', () => {
    expect(resolveScope({ role: 'owner', staffId: 'o', assignedStoreIds: [] })).toEqual({
      storeIds: null,
      advisorId: null,
    });
    expect(resolveScope({ role: 'owner', staffId: 'o', assignedStoreIds: [], storeId: B })).toEqual(
      { storeIds: [B], advisorId: null },
    );
  });

  it('gives a manager their stores, one of them when chosen, and refuses another', () => {
    const base = { role: 'manager' as const, staffId: 'm', assignedStoreIds: [A, B, A] };
    expect(resolveScope(base)).toEqual({ storeIds: [A, B], advisorId: null });
    expect(resolveScope({ ...base, storeId: A })).toEqual({ storeIds: [A], advisorId: null });
    expect(resolveScope({ ...base, storeId: 'elsewhere' })).toBe('forbidden');
  });

  it('narrows an advisor to their own orders in their stores', () => {
    expect(resolveScope({ role: 'advisor', staffId: 'adv', assignedStoreIds: [A] })).toEqual({
      storeIds: [A],
      advisorId: 'adv',
    });
    expect(
      resolveScope({ role: 'advisor', staffId: 'adv', assignedStoreIds: [], storeId: A }),
    ).toBe('forbidden');
    // No store assigned: nothing (not everything).
    expect(resolveScope({ role: 'advisor', staffId: 'adv', assignedStoreIds: [] })).toEqual({
      storeIds: [],
      advisorId: 'adv',
    });
  });
});

describe('labels and grouping', () => {
  it('labels times and hours on the wall clock', () => {
    expect(timeLabel(9 * 60 + 5)).toBe('09:05');
    expect(hourLabel(9 * 60 + 59)).toBe('09:00');
    expect(hourLabel(17 * 60)).toBe('17:00');
  });

  it('groups rows by hour, hours in order, rows in their order', () => {
    const rows = [
      { id: 1, hour: '10:00' },
      { id: 2, hour: '09:00' },
      { id: 3, hour: '10:00' },
    ];
    expect(groupByHour(rows)).toEqual([
      { hour: '09:00', items: [{ id: 2, hour: '09:00' }] },
      {
        hour: '10:00',
        items: [
          { id: 1, hour: '10:00' },
          { id: 3, hour: '10:00' },
        ],
      },
    ]);
  });

  it('counts arrivals, bookings still to come (late when past their start) and dropped ones', () => {
    const now = new Date('2026-03-02T04:00:00Z');
    const rows = [
      { status: 'checked_in', startsAt: '2026-03-02T01:00:00Z' },
      { status: 'completed', startsAt: '2026-03-02T01:30:00Z' },
      { status: 'booked', startsAt: '2026-03-02T02:00:00Z' },
      { status: 'confirmed', startsAt: '2026-03-02T06:00:00Z' },
      { status: 'no_show', startsAt: '2026-03-02T01:00:00Z' },
      { status: 'cancelled', startsAt: '2026-03-02T07:00:00Z' },
    ];
    expect(bookingCounts(rows, now)).toEqual({
      total: 6,
      arrived: 2,
      expected: 2,
      late: 1,
      dropped: 2,
    });
  });
});
