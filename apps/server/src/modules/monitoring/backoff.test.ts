import { describe, expect, it } from 'vitest';
import {
  BACKOFF_CAP_MS,
  FETCH_INTERVAL_MS,
  MINUTE_MS,
  nextAttemptAt,
  parseRetryAfter,
  retryDelayMs,
} from './backoff.ts';

describe('fetch schedule', () => {
  it('fetches a healthy feed at the steady interval', () => {
    expect(retryDelayMs(0)).toBe(FETCH_INTERVAL_MS);
  });

  it('doubles the wait with each failure up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n) / MINUTE_MS)).toEqual([
      10, 20, 40, 80, 160, 320, 640,
    ]);
    expect(retryDelayMs(8)).toBe(BACKOFF_CAP_MS);
    expect(retryDelayMs(500)).toBe(BACKOFF_CAP_MS);
  });

  it('waits at least as long as Retry-After, but never beyond the cap', () => {
    expect(retryDelayMs(1, 60 * MINUTE_MS)).toBe(60 * MINUTE_MS);
    expect(retryDelayMs(1, 60 * 24 * MINUTE_MS)).toBe(BACKOFF_CAP_MS);
    expect(retryDelayMs(3, MINUTE_MS)).toBe(40 * MINUTE_MS);
  });

  it('reads Retry-After in seconds or as a date', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Tue, 01 Dec 2026 00:10:00 GMT', now)).toBe(10 * MINUTE_MS);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(nextAttemptAt(now, 2).toISOString()).toBe('2026-12-01T00:20:00.000Z');
  });
});
