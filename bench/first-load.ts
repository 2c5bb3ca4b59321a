// The first load of the web apps: the bytes a browser with an empty cache moves to show the
// staff console's sign-in page (/console/) and the car owner's app (/app/), split by JS, CSS,
// the API and the rest (HTML, manifest, icons). Each page is loaded three times in Debian's
// Chromium, each in a fresh context, asking the server for one encoding: `identity` (no
// compression: what the server sent before it served the precompressed files, the baseline
// of the same run), `gzip`, and Chromium's own `Accept-Encoding` (brotli). Bytes are those of
// the response bodies on the wire (CDP `Network.loadingFinished` minus the response headers),
// beside what they decode to. See BENCHMARKS.md.
//
//   npm run build:web && node bench/first-load.ts [--url http://127.0.0.1:3000]
//
// Without --url it starts the product as the browser tests do (`liuke serve
// --seed-demo-if-empty` on a fresh embedded database, tests/e2e/server.ts). Service workers
// are blocked so that only the page's own requests count (the app's worker, on its first
// install, fetches the shell again for offline use).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../tests/e2e/browser.ts';
import { startProduct, type RunningProduct } from '../tests/e2e/server.ts';
import { deadline, fmt, intOption } from './lib/db.ts';

const USAGE = `node bench/first-load.ts [options]
  --url URL          a running product (default: start one on a fresh embedded database)
  --max-seconds N    stop after N seconds whatever happens (default 600)`;

const PAGES = [
  { name: 'console', path: '/console/', ready: 'signin-submit' },
  { name: 'app', path: '/app/', ready: 'phone-input' },
] as const;

/** What the browser asks for; `null` keeps Chromium's own header (gzip, deflate, br, zstd). */
const ENCODINGS = [
  { name: 'identity', header: 'identity' },
  { name: 'gzip', header: 'gzip' },
  { name: 'br', header: null },
] as const;

const KINDS = ['js', 'css', 'api', 'other'] as const;
type Kind = (typeof KINDS)[number];

interface Bytes {
  requests: number;
  wire: number;
  decoded: number;
}

interface Measure {
  page: string;
  encoding: string;
  /** Content-Encoding of each response, counted ("none" for a plain body). */
  encodings: Record<string, number>;
  kinds: Record<Kind | 'total', Bytes>;
}

interface Request {
  kind: Kind;
  headerBytes: number;
  wire: number;
  decoded: number;
  encoding: string;
}

function kindOf(url: string, type: string): Kind {
  if (new URL(url).pathname.startsWith('/api/')) return 'api';
  if (type === 'Script') return 'js';
  if (type === 'Stylesheet') return 'css';
  return 'other';
}

/** Follows every request of the page through the DevTools protocol until `done()`. */
async function recordNetwork(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const requests = new Map<string, Request>();
  cdp.on('Network.responseReceived', (e) => {
    const encoding = Object.entries(e.response.headers).find(
      ([k]) => k.toLowerCase() === 'content-encoding',
    )?.[1];
    requests.set(e.requestId, {
      kind: kindOf(e.response.url, e.type),
      headerBytes: e.response.encodedDataLength,
      wire: 0,
      decoded: 0,
      encoding: encoding ?? 'none',
    });
  });
  cdp.on('Network.dataReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.decoded += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.wire = e.encodedDataLength - r.headerBytes;
  });
  await cdp.send('Network.enable');
  return {
    done: async (): Promise<Request[]> => {
      await cdp.detach();
      return [...requests.values()];
    },
  };
}

function summarize(page: string, encoding: string, requests: Request[]): Measure {
  const empty = (): Bytes => ({ requests: 0, wire: 0, decoded: 0 });
  const kinds = { js: empty(), css: empty(), api: empty(), other: empty(), total: empty() };
  const encodings: Record<string, number> = {};
  for (const r of requests) {
    for (const k of [kinds[r.kind], kinds.total]) {
      k.requests += 1;
      k.wire += r.wire;
      k.decoded += r.decoded;
    }
    encodings[r.encoding] = (encodings[r.encoding] ?? 0) + 1;
  }
  return { page, encoding, encodings, kinds };
}

async function firstLoad(
  browser: Browser,
  url: string,
  target: (typeof PAGES)[number],
  header: string | null,
): Promise<Request[]> {
  const context = await browser.newContext({
    serviceWorkers: 'block',
    extraHTTPHeaders: header ? { 'accept-encoding': header } : {},
  });
  try {
    const page = await context.newPage();
    const network = await recordNetwork(page);
    await page.goto(url + target.path, { waitUntil: 'networkidle' });
    await page.getByTestId(target.ready).waitFor({ timeout: 30_000 });
    return await network.done();
  } finally {
    await context.close();
  }
}

const kb = (n: number) => (n / 1024).toFixed(1);

function printTable(measures: Measure[]): void {
  const head = [
    'page',
    'asked',
    'served as',
    ...KINDS.map((k) => `${k} KB`),
    'total KB',
    'decoded',
  ];
  const rows = measures.map((m) => [
    m.page,
    m.encoding,
    Object.entries(m.encodings)
      .map(([e, n]) => `${e}×${n}`)
      .join(' '),
    ...KINDS.map((k) => `${kb(m.kinds[k].wire)} (${m.kinds[k].requests})`),
    kb(m.kinds.total.wire),
    kb(m.kinds.total.decoded),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(head));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
  console.log('KB on the wire (response bodies), requests in brackets; "decoded": after decoding.');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      'max-seconds': { type: 'string', default: '600' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  deadline(intOption('max-seconds', values['max-seconds'], 1), 'first-load');
  let product: RunningProduct | undefined;
  let browser: Browser | undefined;
  try {
    if (!values.url) console.log('starting the product on a fresh embedded database…');
    product = values.url ? undefined : await startProduct();
    const url = values.url ?? product!.url;
    browser = await launchChromium();
    const measures: Measure[] = [];
    for (const target of PAGES) {
      for (const encoding of ENCODINGS) {
        const requests = await firstLoad(browser, url, target, encoding.header);
        measures.push(summarize(target.name, encoding.name, requests));
      }
    }
    printTable(measures);
    for (const target of PAGES) {
      const [before, after] = ['identity', 'br'].map(
        (e) => measures.find((m) => m.page === target.name && m.encoding === e)!.kinds.total.wire,
      );
      console.log(
        `${target.name}: ${fmt(before!)} → ${fmt(after!)} bytes on the wire (${((after! / before!) * 100).toFixed(1)}%)`,
      );
    }
    const summary = { at: new Date().toISOString(), loadAverage: os.loadavg(), measures };
    console.log(JSON.stringify(summary));
    const out = path.join(import.meta.dirname, 'out');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(
      path.join(out, `first-load-${Date.now()}.json`),
      JSON.stringify(summary, null, 2),
    );
  } finally {
    await browser?.close();
    await product?.stop();
  }
}

await main();
