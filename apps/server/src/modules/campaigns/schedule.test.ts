import { describe, expect, it } from 'vitest';
import { nextOccurrence, zonedTime } from './schedule.ts';

describe('recurring schedules in the tenant timezone', () => {
  it('daily at 09:00 Shanghai: later today, else tomorrow', () => {
    const rec = { frequency: 'daily', time: '09:00' } as const;
    expect(
      nextOccurrence(new Date('2026-11-18T00:30:00Z'), rec, 'Asia/Shanghai').toISOString(),
    ).toBe('2026-11-18T01:00:00.000Z');
    expect(
      nextOccurrence(new Date('2026-11-18T01:00:00Z'), rec, 'Asia/Shanghai').toISOString(),
    ).toBe('2026-11-19T01:00:00.000Z');
  });

  it('weekly on Monday, monthly on the 1st', () => {
    // Wednesday 2026-11-18.
    const weekly = { frequency: 'weekly', time: '10:00', weekday: 1 } as const;
    expect(
      nextOccurrence(new Date('2026-11-18T02:00:00Z'), weekly, 'Asia/Shanghai').toISOString(),
    ).toBe('2026-11-23T02:00:00.000Z');
    const monthly = { frequency: 'monthly', time: '08:30', dayOfMonth: 1 } as const;
    expect(
      nextOccurrence(new Date('2026-11-18T02:00:00Z'), monthly, 'Asia/Shanghai').toISOString(),
    ).toBe('2026-12-01T00:30:00.000Z');
  });

  it('keeps local time across a daylight-saving change', () => {
    // Europe/Berlin leaves summer time on 2026-10-25.
    expect(zonedTime(2026, 10, 24, 9, 0, 'Europe/Berlin').toISOString()).toBe(
      '2026-10-24T07:00:00.000Z',
    );
    expect(zonedTime(2026, 10, 26, 9, 0, 'Europe/Berlin').toISOString()).toBe(
      '2026-10-26T08:00:00.000Z',
    );
  });
});
