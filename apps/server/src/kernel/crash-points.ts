// Crash points for the crash tests: a process started with LIUKE_TEST_CRASH_AT=<point> kills
// itself with SIGKILL when it reaches that point (no handler runs, nothing is flushed: a power
// cut). Without the variable a crash point does nothing; the configuration refuses it in
// production.

/** The points the crash tests name. */
export const CRASH_POINTS = [
  /** A provider's notification applied, its transaction not yet committed. */
  'payment-notification-applied',
  /** A provider's notification committed, its answer not yet sent. */
  'payment-notification-committed',
] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

/** Kills the process here when the configuration names this point. */
export function crashPoint(config: { testCrashAt: string | null }, point: CrashPoint): void {
  if (config.testCrashAt === point) process.kill(process.pid, 'SIGKILL');
}
