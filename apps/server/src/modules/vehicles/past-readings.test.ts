import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors.ts';
import { assertNotFuture, pastDay, readingFits, todayIn } from './past-readings.ts';

const at = (iso: string, mileageKm: number) => ({ readAt: new Date(iso), mileageKm });

describe('a past day', () => {
  it('starts, has its noon and ends in the business’s time zone', () => {
    const day = pastDay('2024-03-05', 'Asia/Shanghai');
    expect(day.start.toISOString()).toBe('2024-03-04T16:00:00.000Z');
    expect(day.noon.toISOString()).toBe('2024-03-05T04:00:00.000Z');
    expect(day.end.toISOString()).toBe('2024-03-05T16:00:00.000Z');
    // A day with a clock change is 23 hours long.
    const spring = pastDay('2024-03-31', 'Europe/Berlin');
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3600_000);
  });

  it('is not after today where the business is', () => {
    // 01:00 on the 6th in Shanghai is still the 5th in UTC.
    const now = new Date('2024-03-05T17:00:00Z');
    expect(todayIn(now, 'Asia/Shanghai')).toBe('2024-03-06');
    expect(() => assertNotFuture('2024-03-06', now, 'Asia/Shanghai', 'date')).not.toThrow();
    let err: unknown;
    try {
      assertNotFuture('2024-03-07', now, 'Asia/Shanghai', 'date');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('ODOMETER_DATE_IN_FUTURE');
    expect((err as AppError).field).toBe('date');
  });
});

describe('a reading between others', () => {
  const earlier = at('2024-01-10T04:00:00Z', 20_000);
  const later = at('2024-12-10T04:00:00Z', 40_000);
  it('fits when the odometer never goes back', () => {
    expect(readingFits(30_000, earlier, later)).toBeNull();
    expect(readingFits(20_000, earlier, later)).toBeNull();
    expect(readingFits(40_000, earlier, later)).toBeNull();
    expect(readingFits(5, null, null)).toBeNull();
  });
  it('says which neighbour it contradicts', () => {
    expect(readingFits(19_999, earlier, later)).toBe('below_earlier');
    expect(readingFits(40_001, earlier, later)).toBe('above_later');
    expect(readingFits(40_001, earlier, null)).toBeNull();
  });
});
