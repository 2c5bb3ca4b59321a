import http from 'node:http';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { phoneContext, useProduct, WAIT } from './fixture.ts';

const { product, browser, shot } = useProduct();

/** The Content-Encoding of every script and style sheet the page loads, by path. */
function assetEncodings(page: Page): () => Promise<Map<string, string>> {
  const seen: Promise<[string, string]>[] = [];
  page.on('response', (response) => {
    const type = response.request().resourceType();
    if (type !== 'script' && type !== 'stylesheet') return;
    seen.push(
      response
        .allHeaders()
        .then((h) => [new URL(response.url()).pathname, h['content-encoding'] ?? 'none']),
    );
  });
  return async () => new Map(await Promise.all(seen));
}

/** A GET through node:http, which sends no Accept-Encoding unless told to. */
function rawGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

describe('compressed web assets', () => {
  it('the console shows its sign-in from scripts sent compressed', async () => {
    const page = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    const loaded = assetEncodings(page);
    await page.goto(`${product().url}/console/`, { waitUntil: 'networkidle', timeout: 90_000 });
    await page.getByTestId('signin-submit').waitFor(WAIT);
    await page.screenshot({ path: shot('compressed-console') });
    const encodings = await loaded();

    const assets = [...encodings.keys()];
    // Scripts only: antd styles itself from script, and the console's one small style sheet
    // belongs to a page that loads on demand.
    expect(assets.filter((p) => p.endsWith('.js')).length).toBeGreaterThan(3);
    for (const [asset, encoding] of encodings) {
      // A file under 1 KB (the module loader) is not worth compressing and comes as it is.
      if (encoding === 'none') {
        const plain = await rawGet(`${product().url}${asset}`);
        expect(plain.body.length, asset).toBeLessThan(1024);
      } else expect(['br', 'gzip'], asset).toContain(encoding);
    }
    await page.close();
  });

  it('the app shows its sign-in and keeps its shell for offline starts', async () => {
    const context = await phoneContext(browser());
    const page = await context.newPage();
    const loaded = assetEncodings(page);
    await page.goto(`${product().url}/app/`, { waitUntil: 'networkidle' });
    await page.getByTestId('phone-input').waitFor(WAIT);
    await page.screenshot({ path: shot('compressed-app') });
    const encodings = await loaded();

    const compressed = [...encodings].filter(([, e]) => e === 'br' || e === 'gzip');
    expect(compressed.some(([p]) => p.endsWith('.js'))).toBe(true);
    expect(compressed.some(([p]) => p.endsWith('.css'))).toBe(true);

    // The service worker caches the shell's scripts as they decode, whatever came on the wire.
    const entry = [...encodings.keys()].find((p) => /\/assets\/index-.*\.js$/.test(p))!;
    // (Browser code as text: the tests are type-checked without the DOM's types.)
    const cached = await page.evaluate<number>(`(async () => {
      await navigator.serviceWorker.ready;
      for (let i = 0; i < 100; i++) {
        const hit = await caches.match(${JSON.stringify(entry)});
        if (hit) return (await hit.text()).length;
        await new Promise((r) => setTimeout(r, 200));
      }
      return 0;
    })()`);
    const plain = await rawGet(`${product().url}${entry}`);
    expect(cached).toBe(plain.body.toString('utf8').length);
    await context.close();
  });

  it('a client without Accept-Encoding gets plain files, one with it the brotli copy', async () => {
    const url = product().url;
    const shell = await rawGet(`${url}/console/`);
    expect(shell.headers['content-encoding']).toBeUndefined();
    expect(shell.headers['cache-control']).toBe('no-cache');
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(shell.body.toString())![1]!;

    const plain = await rawGet(url + script);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(plain.body.length);
    expect(plain.body.toString('utf8', 0, 200)).toMatch(/import|function|const|var/);

    const br = await rawGet(url + script, { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.body.length).toBeLessThan(plain.body.length / 2);

    // A client-side route falls back to the shell, compressed too, never cached.
    const route = await rawGet(`${url}/app/vehicles`, { 'accept-encoding': 'gzip' });
    expect(route.status).toBe(200);
    expect(route.headers['content-encoding']).toBe('gzip');
    expect(route.headers['content-type']).toMatch(/^text\/html/);
    expect(route.headers['cache-control']).toBe('no-cache');
  });
});
