// Shared by the HTTP provider adapters: one request with a deadline, and the classification of
// what went wrong — a timeout, a refused connection or a 5xx/429 may pass (retry with backoff);
// any other 4xx will not (fail for good).
import type { SendResult } from './port.ts';

export const PROVIDER_TIMEOUT_MS = 10_000;

export interface ProviderResponse {
  status: number;
  text: string;
  json: unknown;
}

/** Fetches with a deadline; a network failure or timeout comes back as a temporary failure. */
export async function providerFetch(
  url: string,
  init: RequestInit & { timeoutMs?: number },
): Promise<ProviderResponse | Extract<SendResult, { outcome: 'failed' }>> {
  const { timeoutMs = PROVIDER_TIMEOUT_MS, ...rest } = init;
  try {
    const res = await fetch(url, { ...rest, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, text, json };
  } catch (err) {
    return networkFailure(err);
  }
}

export function networkFailure(err: unknown): Extract<SendResult, { outcome: 'failed' }> {
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  const timedOut = e.name === 'TimeoutError' || e.name === 'AbortError' || e.code === 'ETIMEDOUT';
  const code = e.cause?.code ?? e.code;
  return {
    outcome: 'failed',
    permanent: false,
    error: timedOut
      ? 'provider timed out'
      : `provider unreachable${code ? ` (${code})` : ''}: ${e.message ?? String(err)}`,
    providerCode: timedOut ? 'TIMEOUT' : (code ?? 'NETWORK'),
  };
}

/** HTTP statuses worth another try: 5xx, 429 (rate limited), 408 (request timeout). */
export const isTemporaryStatus = (status: number) =>
  status >= 500 || status === 429 || status === 408;

export const isFailure = (
  r: ProviderResponse | Extract<SendResult, { outcome: 'failed' }>,
): r is Extract<SendResult, { outcome: 'failed' }> => 'outcome' in r;
