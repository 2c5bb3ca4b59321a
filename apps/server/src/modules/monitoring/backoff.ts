// When the fetcher tries a feed next: a steady interval while it answers, an exponential backoff
// with a cap while it fails (a feed broken for days is tried a few times a day, not every tick),
// never sooner than the server's own Retry-After.

export const MINUTE_MS = 60_000;
/** How often a healthy feed is fetched. */
export const FETCH_INTERVAL_MS = 30 * MINUTE_MS;
/** The first retry after a failure. */
export const BACKOFF_BASE_MS = 10 * MINUTE_MS;
/** The longest wait between two attempts at a failing feed. */
export const BACKOFF_CAP_MS = 12 * 60 * MINUTE_MS;

/** The wait before the next attempt after `failures` consecutive failures (0: healthy). */
export function retryDelayMs(failures: number, retryAfterMs?: number | null): number {
  if (failures <= 0) return FETCH_INTERVAL_MS;
  const exp = BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 20);
  const wait = Math.min(exp, BACKOFF_CAP_MS);
  return Math.min(Math.max(wait, retryAfterMs ?? 0), BACKOFF_CAP_MS);
}

/** The next attempt's time. */
export function nextAttemptAt(now: Date, failures: number, retryAfterMs?: number | null): Date {
  return new Date(now.getTime() + retryDelayMs(failures, retryAfterMs));
}

/** A Retry-After header (seconds or an HTTP date) in milliseconds from `now`, or null. */
export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  if (!value) return null;
  if (/^\d+$/u.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}
