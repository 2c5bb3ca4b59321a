// One fetch of an outside feed, bounded every way a stranger's server can misbehave: at most
// `timeoutMs` in all (redirects included), at most `maxBytes` of body counted while it streams
// (after decompression, so a small gzip bomb is cut too), at most `maxRedirects` hops each checked
// again, and only public addresses resolved by the fetcher itself (address-guard.ts). It never
// throws: every failure comes back as a reason the feed's health records.
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import {
  BlockedAddressError,
  guardedLookup,
  literalBlocked,
  type AddressPolicy,
} from './address-guard.ts';
import { parseRetryAfter } from './backoff.ts';

export const FETCH_TIMEOUT_MS = 10_000;
export const FETCH_MAX_BYTES = 5 * 1024 * 1024;
export const FETCH_MAX_REDIRECTS = 5;

export type FailureReason =
  | 'timeout'
  | 'too_large'
  | 'http_status'
  | 'dns'
  | 'blocked_address'
  | 'too_many_redirects'
  | 'connection'
  | 'invalid_url';

export type FetchOutcome =
  | {
      kind: 'ok';
      body: Buffer;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
      finalUrl: string;
    }
  | { kind: 'not_modified'; etag: string | null; lastModified: string | null }
  | {
      kind: 'failed';
      reason: FailureReason;
      detail: string;
      httpStatus?: number;
      retryAfterMs?: number | null;
    };

export interface FetchOptions {
  url: string;
  etag?: string | null;
  lastModified?: string | null;
  /** true: private addresses too (LIUKE_MONITOR_ALLOW_PRIVATE); `{ extra }`: these as well. */
  allowPrivate: AddressPolicy;
  now?: Date;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
}

type Hop =
  | { kind: 'response'; res: http.IncomingMessage }
  | { kind: 'failed'; reason: FailureReason; detail: string };

const USER_AGENT = 'Liuke-Monitor/1 (+feed reader)';
const failed = (reason: FailureReason, detail: string, extra: object = {}): FetchOutcome => ({
  kind: 'failed',
  reason,
  detail: detail.slice(0, 300),
  ...extra,
});

function classify(err: unknown, signal: AbortSignal): { reason: FailureReason; detail: string } {
  if (signal.aborted) return { reason: 'timeout', detail: 'no complete answer in time' };
  if (err instanceof BlockedAddressError) return { reason: 'blocked_address', detail: err.message };
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN' || e.code === 'ENODATA')
    return { reason: 'dns', detail: `${e.code} ${e.message}` };
  return { reason: 'connection', detail: `${e.code ?? e.name}: ${e.message}` };
}

/** One request (no redirect following); resolves with the response head or a failure. */
function request(
  url: URL,
  headers: Record<string, string>,
  opts: FetchOptions,
  signal: AbortSignal,
) {
  return new Promise<Hop>((resolve) => {
    const mod = url.protocol === 'https:' ? https : http;
    const req = mod.request(url, {
      method: 'GET',
      headers,
      signal,
      lookup: guardedLookup(opts.allowPrivate),
      agent: false,
    });
    req.on('response', (res) => resolve({ kind: 'response', res }));
    req.on('error', (err) => resolve({ kind: 'failed', ...classify(err, signal) }));
    req.end();
  });
}

function decoded(res: http.IncomingMessage): Readable {
  const enc = (res.headers['content-encoding'] ?? '').toLowerCase().trim();
  if (enc === 'gzip' || enc === 'x-gzip') return res.pipe(zlib.createGunzip());
  if (enc === 'deflate') return res.pipe(zlib.createInflate());
  if (enc === 'br') return res.pipe(zlib.createBrotliDecompress());
  return res;
}

/** The body, stopped at `maxBytes` (the rest is never read). */
function readBody(
  res: http.IncomingMessage,
  maxBytes: number,
  signal: AbortSignal,
): Promise<{ ok: true; body: Buffer } | { ok: false; reason: FailureReason; detail: string }> {
  return new Promise((resolve) => {
    const stream = decoded(res);
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (v: Awaited<ReturnType<typeof readBody>>) => {
      if (settled) return;
      settled = true;
      resolve(v);
    };
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        settle({ ok: false, reason: 'too_large', detail: `more than ${maxBytes} bytes` });
        res.destroy();
        stream.destroy();
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => settle({ ok: true, body: Buffer.concat(chunks) }));
    stream.on('error', (err) => settle({ ok: false, ...classify(err, signal) }));
    res.on('error', (err) => settle({ ok: false, ...classify(err, signal) }));
    res.on('aborted', () => settle({ ok: false, ...classify(new Error('aborted'), signal) }));
    signal.addEventListener('abort', () => {
      settle({ ok: false, reason: 'timeout', detail: 'the body did not arrive in time' });
      res.destroy();
    });
  });
}

function resolveUrl(location: string, base: URL): string {
  try {
    return new URL(location, base).toString();
  } catch {
    return location;
  }
}

function parseUrl(raw: string): URL | null {
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/** Fetches a feed once (conditional on the validators given). Never throws. */
export async function fetchFeed(opts: FetchOptions): Promise<FetchOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? FETCH_TIMEOUT_MS);
  try {
    return await follow(opts, controller.signal);
  } catch (err) {
    return failed(classify(err, controller.signal).reason, String((err as Error).message));
  } finally {
    clearTimeout(timer);
  }
}

async function follow(opts: FetchOptions, signal: AbortSignal): Promise<FetchOutcome> {
  const maxRedirects = opts.maxRedirects ?? FETCH_MAX_REDIRECTS;
  const first = parseUrl(opts.url);
  if (!first) return failed('invalid_url', 'not an http(s) URL');
  let url: URL = first;
  for (let hop = 0; ; hop++) {
    if (literalBlocked(url, opts.allowPrivate))
      return failed('blocked_address', `${url.hostname} is a private or reserved address`);
    const headers: Record<string, string> = {
      'user-agent': USER_AGENT,
      accept:
        'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5',
      'accept-encoding': 'gzip, deflate, br',
    };
    // Validators belong to the URL they came from: sent on the first hop only.
    if (hop === 0 && opts.etag) headers['if-none-match'] = opts.etag;
    if (hop === 0 && opts.lastModified) headers['if-modified-since'] = opts.lastModified;
    const r = await request(url, headers, opts, signal);
    if (r.kind === 'failed') return failed(r.reason, r.detail);
    const { res } = r;
    const status = res.statusCode ?? 0;
    if ([301, 302, 303, 307, 308].includes(status)) {
      res.resume();
      const location = res.headers.location;
      if (hop >= maxRedirects) return failed('too_many_redirects', `more than ${maxRedirects}`);
      const next: URL | null = location ? parseUrl(resolveUrl(location, url)) : null;
      if (!next) return failed('invalid_url', `redirect to ${String(location).slice(0, 200)}`);
      url = next;
      continue;
    }
    return answer(res, url, opts, signal);
  }
}

async function answer(
  res: http.IncomingMessage,
  url: URL,
  opts: FetchOptions,
  signal: AbortSignal,
): Promise<FetchOutcome> {
  const status = res.statusCode ?? 0;
  const h = (name: string) => {
    const v = res.headers[name];
    return (Array.isArray(v) ? v[0] : v) ?? null;
  };
  if (status === 304) {
    res.resume();
    return { kind: 'not_modified', etag: h('etag'), lastModified: h('last-modified') };
  }
  if (status < 200 || status >= 300) {
    res.resume();
    return failed('http_status', `HTTP ${status}`, {
      httpStatus: status,
      retryAfterMs: parseRetryAfter(h('retry-after') ?? undefined, opts.now ?? new Date()),
    });
  }
  const maxBytes = opts.maxBytes ?? FETCH_MAX_BYTES;
  const declared = Number(h('content-length') ?? NaN);
  if (!h('content-encoding') && declared > maxBytes) {
    res.destroy();
    return failed('too_large', `Content-Length ${declared} is over ${maxBytes} bytes`);
  }
  const body = await readBody(res, maxBytes, signal);
  if (!body.ok) return failed(body.reason, body.detail);
  return {
    kind: 'ok',
    body: body.body,
    contentType: h('content-type'),
    etag: h('etag'),
    lastModified: h('last-modified'),
    finalUrl: url.toString(),
  };
}
