import { describe, expect, it } from 'vitest';
import {
  CalendarDate,
  Instant,
  YearMonth,
  isCalendarDate,
  isInstant,
  isYearMonth,
} from './calendar.ts';
import { decodeCursor, encodeCursor } from './paging.ts';
import { findUncleanText, isCleanText } from './text.ts';

describe('calendar dates', () => {
  it('takes real days from 0001 to 9999 only', () => {
    for (const ok of ['2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31', '2023-04-30'])
      expect(isCalendarDate(ok), ok).toBe(true);
    for (const bad of [
      '2023-02-30',
      '2023-13-01',
      '2025-02-29',
      '1900-02-29',
      '0000-01-01',
      '2023-00-10',
      '2023-04-31',
      '2023-4-1',
      '20230401',
      ' 2023-04-01',
    ])
      expect(isCalendarDate(bad), bad).toBe(false);
  });

  it('takes months and instants on the same terms', () => {
    expect(isYearMonth('2026-03')).toBe(true);
    expect(isYearMonth('0000-01')).toBe(false);
    expect(isYearMonth('2026-13')).toBe(false);
    expect(isInstant('2026-03-01T08:00:00Z')).toBe(true);
    expect(isInstant('2026-03-01T08:00:00.123+08:00')).toBe(true);
    expect(isInstant('2023-02-30T08:00:00Z')).toBe(false);
    expect(isInstant('0000-06-01T00:00:00Z')).toBe(false);
    // 0001-01-01 at +01:00 is still year 0 in UTC, which the database cannot store.
    expect(isInstant('0001-01-01T00:00:00+01:00')).toBe(false);
  });

  it('refuses them in the shared schemas with the format the error handler words', () => {
    for (const [schema, bad] of [
      [CalendarDate, '0000-01-01'],
      [YearMonth, '0000-01'],
      [Instant, '0000-01-01T00:00:00Z'],
    ] as const) {
      const r = schema.safeParse(bad);
      expect(r.success).toBe(false);
      const issue = r.error!.issues[0] as { format?: string; params?: { format?: string } };
      expect(issue.format ?? issue.params?.format).toMatch(/^(date|month|datetime)$/);
    }
    expect(CalendarDate.parse('2026-03-01')).toBe('2026-03-01');
  });
});

describe('text', () => {
  it('refuses NUL and lone surrogates, keeps paired ones', () => {
    expect(isCleanText('张三 😀')).toBe(true);
    expect(isCleanText('a\u0000b')).toBe(false);
    expect(isCleanText('a\ud800b')).toBe(false);
    expect(isCleanText('a\udc00')).toBe(false);
    expect(findUncleanText({ a: [{ b: 'ok' }, { c: 'x\u0000' }] })).toEqual(['a', '1', 'c']);
    expect(findUncleanText({ ['k\u0000']: 1 })).toEqual(['k\u0000']);
    expect(findUncleanText({ a: 1, b: ['fine'] })).toBeNull();
  });
});

describe('paging cursors', () => {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const id = '01900000-0000-7000-8000-000000000000';

  it('round-trips what the server issues', () => {
    const cursor = encodeCursor(['2026-12-06 16:05:43.123456+00', id]);
    expect(decodeCursor(cursor, ['instant', 'uuid'])).toEqual([
      '2026-12-06 16:05:43.123456+00',
      id,
    ]);
    expect(decodeCursor(encodeCursor([42]), ['int'])).toEqual([42]);
    expect(
      decodeCursor(encodeCursor(['2026-01-31', id, 'maintenance:oil']), ['date', 'uuid', 'text']),
    ).toBeTruthy();
    expect(decodeCursor(undefined, ['int'])).toBeNull();
  });

  it('answers CURSOR_INVALID on field cursor to anything forged or garbled', () => {
    for (const forged of [
      'garbage!!',
      b64(['x', 'y']),
      b64(['2026-01-01 00:00:00+00', 'not-a-uuid']),
      b64(['0000-01-01 00:00:00+00', id]),
      b64(['2023-02-30 00:00:00+00', id]),
      b64([1.5, id]),
      b64({ a: 1 }),
      b64([]),
      b64([id, '2026-01-01 00:00:00+00']),
    ]) {
      expect(() => decodeCursor(forged, ['instant', 'uuid']), forged).toThrowError(
        expect.objectContaining({ code: 'CURSOR_INVALID', field: 'cursor' }),
      );
    }
    expect(() => decodeCursor(b64([2 ** 60]), ['int'])).toThrow();
    expect(() => decodeCursor(b64(['a\u0000']), ['text'])).toThrow();
  });
});
