// Every time the console shows is the business's: the same instant reads the same for staff
// whatever their browser's zone, and a time they enter is read on the business's clock.
import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDay, instantOfZoned, zonedInputValue } from './format.ts';

const SHANGHAI = 'Asia/Shanghai';

describe('times in the business time zone', () => {
  it('shows an instant on the business clock, not the browser’s', () => {
    // 2026-11-22 16:30 UTC is 23 November 00:30 in Shanghai.
    expect(formatDateTime('2026-11-22T16:30:00Z', SHANGHAI)).toBe('2026-11-23 00:30');
    expect(formatDay('2026-11-22T16:30:00Z', SHANGHAI)).toBe('2026-11-23');
    expect(formatDateTime('2026-11-22T16:30:00Z', 'Europe/Berlin')).toBe('2026-11-22 17:30');
    expect(formatDateTime(null, SHANGHAI)).toBe('—');
  });

  it('reads a date-time input on the business clock, both ways', () => {
    expect(instantOfZoned('2026-11-23T09:00', SHANGHAI)).toBe('2026-11-23T01:00:00.000Z');
    expect(zonedInputValue('2026-11-23T01:00:00.000Z', SHANGHAI)).toBe('2026-11-23T09:00');
    // Across a daylight-saving change: 2026-03-29 03:30 in Berlin is summer time (UTC+2).
    expect(instantOfZoned('2026-03-29T03:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedInputValue(null, SHANGHAI)).toBeUndefined();
  });
});
