// Crash points are for crash tests only: off unless named, refused in production.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { crashPoint } from './crash-points.ts';

describe('crash points', () => {
  it('are off unless LIUKE_TEST_CRASH_AT names one, and another point does nothing', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).testCrashAt).toBeNull();
    const config = loadConfig({
      NODE_ENV: 'development',
      LIUKE_TEST_CRASH_AT: 'payment-notification-committed',
    });
    expect(config.testCrashAt).toBe('payment-notification-committed');
    // This process is still here: the point reached is not the one named.
    crashPoint(config, 'payment-notification-applied');
    crashPoint({ testCrashAt: null }, 'payment-notification-committed');
  });

  it('are refused in production', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', LIUKE_TEST_CRASH_AT: 'payment-notification-applied' }),
    ).toThrow(/LIUKE_TEST_CRASH_AT/u);
  });
});
