import { describe, expect, it } from 'vitest';
import { addWorkingDays, daysUntil, localDate } from './deadline.ts';

describe('data request deadline', () => {
  it('counts working days only', () => {
    // 2026-12-04 is a Friday.
    expect(addWorkingDays('2026-12-04', 1)).toBe('2026-12-07');
    expect(addWorkingDays('2026-12-04', 5)).toBe('2026-12-11');
    // Fifteen working days are three calendar weeks from a weekday.
    expect(addWorkingDays('2026-12-02', 15)).toBe('2026-12-23');
    // A request made on Saturday: the first working day counted is Monday.
    expect(addWorkingDays('2026-12-05', 1)).toBe('2026-12-07');
  });

  it('takes the day in the tenant’s time zone', () => {
    const lateUtc = new Date('2026-12-04T17:00:00Z'); // Saturday 01:00 in Shanghai
    expect(localDate(lateUtc, 'Asia/Shanghai')).toBe('2026-12-05');
    expect(localDate(lateUtc, 'UTC')).toBe('2026-12-04');
  });

  it('says how many days are left, negative when overdue', () => {
    expect(daysUntil('2026-12-01', '2026-12-23')).toBe(22);
    expect(daysUntil('2026-12-24', '2026-12-23')).toBe(-1);
  });
});
