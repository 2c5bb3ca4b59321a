// The fetcher against a real HTTP server on 127.0.0.1 (allowed by name for these tests only):
// good feeds of each format, malformed XML, GBK, a 50 MB answer, a server that never answers,
// redirects (one into a private address), HTML instead of a feed, conditional requests; and the
// private-address guard with the default setting.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFeedBytes } from './charset.ts';
import { fetchFeed, type FetchOutcome } from './fetch-feed.ts';
import { parseFeedText } from './parse-feed.ts';
import { ATOM, JSON_FEED, RSS } from './feed-samples.ts';

let server: http.Server;
let base: string;
let bigBytesSent = 0;
const LOCAL = { extra: ['127.0.0.1'] };

function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  const path = new URL(req.url!, 'http://x').pathname;
  const send = (type: string, body: string | Buffer, headers: object = {}) => {
    res.writeHead(200, { 'content-type': type, ...headers });
    res.end(body);
  };
  switch (path) {
    case '/rss':
      return send('application/rss+xml; charset=utf-8', RSS);
    case '/atom':
      return send('application/atom+xml', ATOM);
    case '/json':
      return send('application/feed+json', JSON_FEED);
    case '/gzip':
      return send('application/rss+xml', zlib.gzipSync(RSS), { 'content-encoding': 'gzip' });
    case '/malformed':
      return send(
        'text/xml',
        '<rss><channel><item><title>A & B</title><guid>1</guid><item><title>C</title></channel>',
      );
    case '/gbk':
      return send(
        'text/xml; charset=GBK',
        iconv.encode(
          '<?xml version="1.0" encoding="GBK"?><rss version="2.0"><channel><title>资讯</title><item><title>冬季保养优惠</title><guid>gbk-1</guid></item></channel></rss>',
          'gbk',
        ),
      );
    case '/html':
      return send(
        'text/html; charset=utf-8',
        '<!DOCTYPE html><html><head><title>Home</title></head><body>Welcome</body></html>',
      );
    case '/huge': {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 50 * 1024 * 1024) {
          sent += chunk.length;
          bigBytesSent = sent;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => {});
      return pump();
    }
    case '/huge-declared':
      res.writeHead(200, {
        'content-type': 'text/xml',
        'content-length': String(50 * 1024 * 1024),
      });
      return res.end();
    case '/slow':
      return; // never answers
    case '/conditional':
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' });
        return res.end();
      }
      return send('application/rss+xml', RSS, {
        etag: '"v1"',
        'last-modified': 'Mon, 30 Nov 2026 00:00:00 GMT',
      });
    case '/redirect':
      res.writeHead(301, { location: '/rss' });
      return res.end();
    case '/loop':
      res.writeHead(302, { location: '/loop' });
      return res.end();
    case '/to-private':
      res.writeHead(302, {
        location: `http://127.0.0.2:${(server.address() as AddressInfo).port}/rss`,
      });
      return res.end();
    case '/to-metadata':
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
      return res.end();
    case '/to-ftp':
      res.writeHead(302, { location: 'ftp://example.com/feed' });
      return res.end();
    case '/busy':
      res.writeHead(429, { 'retry-after': '600' });
      return res.end();
    default:
      res.writeHead(404);
      return res.end();
  }
}

beforeAll(async () => {
  server = http.createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const get = (path: string, over: object = {}) =>
  fetchFeed({ url: `${base}${path}`, allowPrivate: LOCAL, ...over });
const text = (o: FetchOutcome) => (o.kind === 'ok' ? decodeFeedBytes(o.body, o.contentType) : '');
const titles = (o: FetchOutcome) => {
  const p = parseFeedText(text(o));
  return p.ok ? p.entries.map((e) => e.title) : p.reason;
};

describe('fetching feeds', () => {
  it('reads RSS, Atom, JSON Feed and a gzipped answer', async () => {
    expect(titles(await get('/rss'))).toEqual(['保养 & 轮胎优惠', '第二条']);
    expect(titles(await get('/atom'))).toEqual(['冬季用车']);
    expect(titles(await get('/json'))).toEqual(['新能源']);
    expect(titles(await get('/gzip'))).toEqual(['保养 & 轮胎优惠', '第二条']);
  });

  it('reads malformed XML leniently and GBK by its charset', async () => {
    expect(titles(await get('/malformed'))).toEqual(['A & B', 'C']);
    expect(titles(await get('/gbk'))).toEqual(['冬季保养优惠']);
  });

  it('calls a web page not a feed', async () => {
    expect(titles(await get('/html'))).toBe('not_a_feed');
  });

  it('cuts a 50 MB answer at the limit while it streams', async () => {
    const started = Date.now();
    const o = await get('/huge');
    expect(o).toMatchObject({ kind: 'failed', reason: 'too_large' });
    expect(bigBytesSent).toBeLessThan(50 * 1024 * 1024);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await get('/huge-declared')).toMatchObject({ kind: 'failed', reason: 'too_large' });
  });

  it('gives up on a server that never answers', async () => {
    const started = Date.now();
    expect(await get('/slow', { timeoutMs: 300 })).toMatchObject({
      kind: 'failed',
      reason: 'timeout',
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('sends the validators back and takes a 304', async () => {
    const first = await get('/conditional');
    expect(first).toMatchObject({
      kind: 'ok',
      etag: '"v1"',
      lastModified: 'Mon, 30 Nov 2026 00:00:00 GMT',
    });
    expect(await get('/conditional', { etag: '"v1"' })).toMatchObject({ kind: 'not_modified' });
  });

  it('follows redirects, a bounded number of them, each checked again', async () => {
    expect(await get('/redirect')).toMatchObject({ kind: 'ok', finalUrl: `${base}/rss` });
    expect(await get('/loop')).toMatchObject({ kind: 'failed', reason: 'too_many_redirects' });
    expect(await get('/to-private')).toMatchObject({ kind: 'failed', reason: 'blocked_address' });
    expect(await get('/to-metadata')).toMatchObject({ kind: 'failed', reason: 'blocked_address' });
    expect(await get('/to-ftp')).toMatchObject({ kind: 'failed', reason: 'invalid_url' });
  });

  it('records HTTP errors with Retry-After', async () => {
    expect(await get('/missing')).toMatchObject({
      kind: 'failed',
      reason: 'http_status',
      httpStatus: 404,
    });
    expect(await get('/busy')).toMatchObject({
      reason: 'http_status',
      httpStatus: 429,
      retryAfterMs: 600_000,
    });
  });

  it('refuses private and loopback addresses by default', async () => {
    const port = (server.address() as AddressInfo).port;
    for (const url of [
      `http://127.0.0.1:${port}/rss`,
      `http://10.0.0.1:${port}/rss`,
      'http://169.254.169.254/latest/meta-data/',
      `http://[::1]:${port}/rss`,
      `http://[::ffff:127.0.0.1]:${port}/rss`,
      `http://localhost:${port}/rss`,
    ])
      expect([url, await fetchFeed({ url, allowPrivate: false })]).toMatchObject([
        url,
        { kind: 'failed', reason: 'blocked_address' },
      ]);
    // The installation setting lets them through (tests, development).
    expect(
      await fetchFeed({ url: `http://localhost:${port}/rss`, allowPrivate: true }),
    ).toMatchObject({
      kind: 'ok',
    });
  });

  it('records a name that does not resolve, and a URL that is not http(s)', async () => {
    const o = await fetchFeed({
      url: 'http://no-such-host.invalid/feed',
      allowPrivate: false,
      timeoutMs: 5000,
    });
    expect(o.kind === 'failed' && ['dns', 'timeout'].includes(o.reason)).toBe(true);
    expect(await fetchFeed({ url: 'file:///etc/passwd', allowPrivate: true })).toMatchObject({
      reason: 'invalid_url',
    });
  });
});
