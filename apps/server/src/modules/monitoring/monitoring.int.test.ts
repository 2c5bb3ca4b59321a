// Monitoring over HTTP and through the fetcher on a real database: bad feed addresses and rules
// refused with their codes, tenants kept apart, and the fetcher against a local HTTP server —
// new items matched by rules and the crisis check (alerts queued once), a 304 on the next fetch,
// a failing feed backed off without stopping the others, a paused feed left alone, the digest.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import {
  createTestEnv,
  fixedClock,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { MINUTE_MS } from './backoff.ts';
import { MONITORING_JOBS } from './monitoring.job-defs.ts';
import { fetchDueFeeds, sendMonitorDigest } from './monitoring.jobs.ts';
import { createFeed } from './monitoring.service.ts';

const clock = fixedClock(new Date('2026-12-01T02:00:00.000Z'));
let env: TestEnv;
let t: TestTenant;
let other: TestTenant;
let owner: Session;
let advisor: Session;
let otherOwner: Session;
let server: http.Server;
let base: string;
let version = 1;

const rss = (items: { id: string; title: string; summary?: string }[]) =>
  `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>${items
    .map(
      (i) =>
        `<item><title>${i.title}</title><guid>${i.id}</guid><link>https://n.example.com/${i.id}</link><description>${i.summary ?? ''}</description></item>`,
    )
    .join('')}</channel></rss>`;

function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  const path = new URL(req.url!, 'http://x').pathname;
  if (path === '/news') {
    const etag = `"v${version}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag });
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag });
    const items: { id: string; title: string; summary?: string }[] = [
      { id: 'n1', title: '驰骋养车保养限时优惠', summary: '机油三件套 6 折' },
      { id: 'n2', title: '驰骋养车招聘技师', summary: '保养优惠待遇面议' },
      { id: 'n3', title: '车主曝光老王汽修乱收费', summary: '已向消协投诉' },
    ];
    if (version > 1) items.push({ id: 'n4', title: '新能源电池检测优惠上线' });
    return res.end(rss(items));
  }
  if (path === '/page') {
    res.writeHead(200, { 'content-type': 'text/html' });
    return res.end('<!doctype html><html><body>not a feed</body></html>');
  }
  res.writeHead(404);
  res.end();
}

beforeAll(async () => {
  server = http.createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  env = await createTestEnv({ clock });
  t = await env.createTenant();
  other = await env.createTenant();
  owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
  advisor = await signInStaff(env.app, t.slug, t.staff.advisor.login);
  otherOwner = await signInStaff(env.app, other.slug, other.staff.owner.login);
}, 120_000);
afterAll(async () => {
  await env?.close();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
});

const call = (s: Session, method: string, url: string, payload?: object) =>
  env.app.inject({
    method: method as 'GET',
    url: `/api/v1/staff/monitoring${url}`,
    headers: s.headers,
    payload,
  });
const errorOf = (res: { json(): { error?: { code: string; field?: string } } }) => {
  const e = res.json().error;
  return { code: e?.code, field: e?.field };
};
const run = () =>
  fetchDueFeeds({
    database: env.database,
    clock,
    log: env.database.kind === 'pglite' ? silentLog() : silentLog(),
    allowPrivate: { extra: ['127.0.0.1'] },
    onlyTenants: [t.id],
  });
function silentLog() {
  const noop = () => {};
  const l = { info: noop, warn: noop, error: noop, debug: noop, child: () => l };
  return l as never;
}
/** A feed on the local test server (saving one requires the allow-private setting). */
const localFeed = (name: string, path: string) =>
  env.inTenant(t.id, (ctx) =>
    createFeed(
      { ...ctx, actor: { type: 'staff', id: t.staff.owner.id } } as never,
      { name, kind: 'competitor', url: `${base}${path}` },
      { allowPrivate: true },
    ),
  );

describe('feeds and rules over HTTP', () => {
  it('refuses bad feed addresses with a code and the field', async () => {
    for (const [url, code, status] of [
      ['ftp://example.com/feed.xml', 'MONITOR_FEED_URL_INVALID', 400],
      ['javascript:alert(1)', 'MONITOR_FEED_URL_INVALID', 400],
      ['not a url', 'MONITOR_FEED_URL_INVALID', 400],
      ['https://user:pw@example.com/feed', 'MONITOR_FEED_URL_INVALID', 400],
      ['http://127.0.0.1/feed', 'MONITOR_FEED_URL_BLOCKED', 422],
      ['http://169.254.169.254/latest', 'MONITOR_FEED_URL_BLOCKED', 422],
      ['http://[::1]/feed', 'MONITOR_FEED_URL_BLOCKED', 422],
    ] as const) {
      const res = await call(owner, 'POST', '/feeds', { name: 'x', kind: 'press', url });
      expect([url, res.statusCode, errorOf(res)]).toEqual([url, status, { code, field: 'url' }]);
    }
    const noName = await call(owner, 'POST', '/feeds', {
      kind: 'press',
      url: 'https://a.example.com/f',
    });
    expect(noName.statusCode).toBe(400);
    const badKind = await call(owner, 'POST', '/feeds', {
      name: 'x',
      kind: 'blog',
      url: 'https://a.example.com/f',
    });
    expect(badKind.statusCode).toBe(400);
  });

  it('adds a feed once, due at once, for owner and manager only', async () => {
    const res = await call(owner, 'POST', '/feeds', {
      name: '<b>行业</b>资讯',
      kind: 'industry',
      url: 'https://news.example.com/feed.xml',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      name: '行业资讯',
      status: 'active',
      lastResult: null,
      nextFetchAt: clock.now().toISOString(),
      itemCount: 0,
    });
    const again = await call(owner, 'POST', '/feeds', {
      name: 'dup',
      kind: 'industry',
      url: 'https://news.example.com/feed.xml',
    });
    expect([again.statusCode, errorOf(again)]).toEqual([
      409,
      { code: 'MONITOR_FEED_EXISTS', field: 'url' },
    ]);
    expect((await call(advisor, 'GET', '/feeds')).statusCode).toBe(403);
    // Another tenant sees nothing of it.
    expect((await call(otherOwner, 'GET', '/feeds')).json().items).toEqual([]);
    const id = res.json().id;
    expect((await call(otherOwner, 'PATCH', `/feeds/${id}`, { status: 'paused' })).statusCode).toBe(
      404,
    );
    const paused = await call(owner, 'PATCH', `/feeds/${id}`, { status: 'paused' });
    expect(paused.json()).toMatchObject({ status: 'paused', nextFetchAt: null });
    expect((await call(owner, 'DELETE', `/feeds/${id}`)).statusCode).toBe(204);
    expect((await call(owner, 'DELETE', `/feeds/${id}`)).statusCode).toBe(404);
  });

  it('refuses rules without usable terms, with an unknown feed or recipient', async () => {
    const empty = await call(owner, 'POST', '/rules', { name: 'r', include: ['  ', '**'] });
    expect([empty.statusCode, errorOf(empty)]).toEqual([
      400,
      { code: 'MONITOR_RULE_TERMS_EMPTY', field: 'include' },
    ]);
    const none = await call(owner, 'POST', '/rules', { name: 'r', include: [] });
    expect(none.statusCode).toBe(400);
    const feed = await call(owner, 'POST', '/rules', {
      name: 'r',
      include: ['a'],
      feedId: '0190a1b2-0000-7000-8000-000000000000',
    });
    expect([feed.statusCode, errorOf(feed)]).toEqual([
      422,
      { code: 'MONITOR_FEED_UNKNOWN', field: 'feedId' },
    ]);
    const who = await call(owner, 'POST', '/rules', {
      name: 'r',
      include: ['a'],
      recipientStaffIds: [other.staff.manager.id],
    });
    expect([who.statusCode, errorOf(who)]).toEqual([
      422,
      { code: 'MONITOR_RECIPIENT_UNKNOWN', field: 'recipientStaffIds' },
    ]);
    const bad = await call(owner, 'POST', '/rules', { name: 'r', include: ['a'], delivery: 'sms' });
    expect(bad.statusCode).toBe(400);
  });

  it('lists who may receive alerts, and refuses oversized settings', async () => {
    const who = (await call(owner, 'GET', '/recipients')).json().items as { role: string }[];
    expect(new Set(who.map((w) => w.role))).toEqual(new Set(['owner', 'manager', 'advisor']));
    const long = await call(owner, 'PUT', '/settings', {
      aliases: ['x'.repeat(61)],
      negativeWords: [],
    });
    expect(long.statusCode).toBe(400);
  });
});

describe('the fetcher', () => {
  let newsId: string;
  let pageId: string;

  it('stores new items, matches rules and the crisis check, and alerts once', async () => {
    const settings = await call(owner, 'PUT', '/settings', {
      aliases: ['老王汽修'],
      negativeWords: ['乱收费'],
    });
    expect(settings.statusCode).toBe(200);
    expect(settings.json().names).toContain(`测试商户 ${t.slug}`);
    const rule = await call(owner, 'POST', '/rules', {
      name: '竞品促销',
      include: ['保养*优惠', '电池'],
      exclude: ['招聘'],
      recipientStaffIds: [t.staff.manager.id],
    });
    expect(rule.statusCode).toBe(201);
    const digestRule = await call(owner, 'POST', '/rules', {
      name: '新能源',
      include: ['新能源'],
      delivery: 'digest',
    });
    expect(digestRule.statusCode).toBe(201);
    newsId = (await localFeed('竞品新闻', '/news')).id;
    pageId = (await localFeed('一个网页', '/page')).id;

    const results = await run();
    expect(results.map((r) => r?.result).sort()).toEqual(['not_a_feed', 'ok']);

    const feeds = (await call(owner, 'GET', '/feeds')).json().items as Record<string, unknown>[];
    expect(feeds.find((f) => f.id === newsId)).toMatchObject({
      lastResult: 'ok',
      itemCount: 3,
      consecutiveFailures: 0,
      nextFetchAt: new Date(clock.now().getTime() + 30 * MINUTE_MS).toISOString(),
    });
    expect(feeds.find((f) => f.id === pageId)).toMatchObject({
      lastResult: 'not_a_feed',
      consecutiveFailures: 1,
      nextFetchAt: new Date(clock.now().getTime() + 10 * MINUTE_MS).toISOString(),
    });

    const matches = (await call(owner, 'GET', '/matches')).json().items as {
      crisis: boolean;
      terms: string[];
      item: { title: string };
      rule: { name: string } | null;
      notifiedAt: string | null;
    }[];
    expect(matches.map((m) => [m.item.title, m.crisis, m.rule?.name ?? null]).sort()).toEqual([
      ['车主曝光老王汽修乱收费', true, null],
      ['驰骋养车保养限时优惠', false, '竞品促销'],
    ]);
    const crisis = await call(owner, 'GET', '/matches?crisis=true');
    expect(crisis.json().items).toHaveLength(1);
    expect(crisis.json().items[0].terms).toEqual(['老王汽修', '投诉', '曝光', '乱收费', '消协']);
    expect(matches.every((m) => m.notifiedAt)).toBe(true);

    const intents = await queryRows<{ dedupe_key: string; to_address: string }>(
      env.database.adminDb,
      sql`select dedupe_key, to_address from message_intents
          where tenant_id = ${t.id}::uuid and dedupe_key like 'monitor-match:%' order by to_address`,
    );
    // The crisis to the owner and the manager; the rule's match to its recipient, the manager.
    expect(intents.map((i) => i.to_address).sort()).toEqual(
      [t.staff.manager.login, t.staff.manager.login, t.staff.owner.login].sort(),
    );
  });

  it('asks again with the validators and takes a 304; new items later match once', async () => {
    clock.advance(31 * MINUTE_MS);
    // The failing page is due again too (10 minutes after its first failure).
    const second = await run();
    expect(second.map((r) => r?.result).sort()).toEqual(['not_a_feed', 'not_modified']);
    version = 2;
    clock.advance(31 * MINUTE_MS);
    await run();
    const matches = (await call(owner, 'GET', '/matches?crisis=false')).json().items;
    expect(matches.map((m: { item: { title: string } }) => m.item.title).sort()).toEqual([
      '新能源电池检测优惠上线',
      '新能源电池检测优惠上线',
      '驰骋养车保养限时优惠',
    ]);
    const [feed] = (await call(owner, 'GET', '/feeds'))
      .json()
      .items.filter((f: { id: string }) => f.id === newsId);
    expect(feed.itemCount).toBe(4);
  });

  it('backs a failing feed off, and leaves a paused one alone', async () => {
    const pageNow = async () =>
      (await call(owner, 'GET', '/feeds'))
        .json()
        .items.find((f: { id: string }) => f.id === pageId);
    // Three failures so far: the next attempt 40 minutes after the last.
    const page = await pageNow();
    expect(page.consecutiveFailures).toBe(3);
    expect(page.nextFetchAt).toBe(new Date(clock.now().getTime() + 40 * MINUTE_MS).toISOString());
    expect(page.lastError).toBeTruthy();
    expect((await call(owner, 'PATCH', `/feeds/${newsId}`, { status: 'paused' })).statusCode).toBe(
      200,
    );
    clock.advance(31 * MINUTE_MS);
    expect(await run()).toEqual([]);
    clock.advance(10 * MINUTE_MS);
    expect((await run()).map((r) => r?.result)).toEqual(['not_a_feed']);
    expect((await pageNow()).consecutiveFailures).toBe(4);
    // "Fetch now" makes it due at once.
    expect((await call(owner, 'POST', `/feeds/${pageId}/fetch`)).json().nextFetchAt).toBe(
      clock.now().toISOString(),
    );
  });

  it('sends the digest once to the owners when the rule names no one', async () => {
    const sent = await env.inTenant(t.id, (ctx) => sendMonitorDigest(ctx));
    expect(sent).toBe(1);
    expect(await env.inTenant(t.id, (ctx) => sendMonitorDigest(ctx))).toBe(0);
    const intents = await queryRows<{ to_address: string }>(
      env.database.adminDb,
      sql`select to_address from message_intents
          where tenant_id = ${t.id}::uuid and dedupe_key like 'monitor-digest:%'`,
    );
    expect(intents.map((i) => i.to_address)).toEqual([t.staff.owner.login]);
  });

  it('purges old unmatched items and keeps matched ones', async () => {
    const count = async () =>
      (
        await queryRows<{ n: number }>(
          env.database.adminDb,
          sql`select count(*)::int as n from monitor_items where tenant_id = ${t.id}::uuid`,
        )
      )[0]!.n;
    expect(await count()).toBe(4);
    clock.advance(181 * 24 * 60 * MINUTE_MS);
    const purge = MONITORING_JOBS.find((j) => j.name === 'monitoring.purge-items')!;
    await purge.handler({}, { database: env.database, clock, log: silentLog() });
    // n2 (excluded by the rule's 招聘) matched nothing; n1, n3 and n4 did.
    expect(await count()).toBe(3);
  });
});
