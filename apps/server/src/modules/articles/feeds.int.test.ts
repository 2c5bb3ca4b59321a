// The feeds, read back by an independent parser of each format (feedsmith) and checked field
// by field: stable ids, dates with their zone, absolute links (inside the content too), self
// links, escaped markup, authors, categories; well-formed XML; and conditional GET.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { demoPicture, saveImage } from '../media/index.ts';
import { createTestEnv, type TestEnv, type TestTenant } from '../../testing/harness.ts';
import { unescapeHtml, wellFormedXml } from './testing/feed-checks.ts';
import { fixtureArchive, fixtureArticle, fixtureEdit } from './testing/site-fixtures.ts';

let env: TestEnv;
let tenant: TestTenant;
let empty: TestTenant;
let site: string;
let root: string;
let tyresId: string;
let oilId: string;

const ORIGIN = 'https://shop.example.cn';
const PUBLISHED = new Date('2026-11-02T08:30:00Z');
const EDITED = new Date('2026-11-20T02:00:00Z');
const OIL_AT = new Date('2026-11-10T00:00:00Z');
const TRICKY = '<b>&" ]]> 冬季轮胎';
const SUMMARY = 'Summary with <i>markup</i> & ampersand';
const AUTHOR = '店家 <官方> & "朋友"';
const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

beforeAll(async () => {
  env = await createTestEnv({ config: { publicUrl: `${ORIGIN}/` } });
  tenant = await env.createTenant();
  empty = await env.createTenant();
  site = `/site/${tenant.slug}/`;
  root = `${ORIGIN}${site}`;
  await env.inTenant(tenant.id, async (ctx) => {
    const cover = await saveImage(ctx, await demoPicture(3, 600, 400), { system: true }, 'general');
    const shop = { slug: 'shop', displayName: AUTHOR };
    tyresId = await fixtureArticle(ctx, {
      slug: 'winter-tyres',
      title: TRICKY,
      summary: SUMMARY,
      html: `<p>Read <a href="/site/${tenant.slug}/articles/oil?a=1&amp;b=2">the oil note</a>, <a href="guide">a relative one</a> and see <img src="${cover.url}" alt="x"></p><script>alert(1)</script><img src="x" onerror="alert(2)">`,
      author: shop,
      tags: [
        { slug: 'tyres', name: '轮胎' },
        { slug: 'winter', name: '冬季用车' },
      ],
      publishedAt: PUBLISHED,
      contentUpdatedAt: EDITED,
      coverImageId: cover.id,
    });
    oilId = await fixtureArticle(ctx, {
      slug: 'oil',
      title: '换机油的周期',
      summary: '多久换一次机油？',
      html: '<p>每 5000 公里。</p>',
      author: { slug: 'li-gong', displayName: '李工' },
      tags: [{ slug: 'maintenance', name: '保养' }],
      publishedAt: OIL_AT,
    });
    for (const status of ['draft', 'archived'] as const)
      await fixtureArticle(ctx, {
        slug: `not-${status}`,
        title: `不应出现 ${status}`,
        html: '<p>x</p>',
        author: shop,
        tags: [{ slug: 'tyres', name: '轮胎' }],
        publishedAt: new Date('2026-10-01T00:00:00Z'),
        updatedAt: new Date('2026-10-05T00:00:00Z'),
        status,
      });
  });
});
afterAll(() => env.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  env.app.inject({ method: 'GET', url, headers });

async function fetchFeed(path: string, type: string) {
  const res = await get(path);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe(`${type}; charset=utf-8`);
  return res;
}

/** The body's links, as the feed reader will follow them. */
const linksIn = (html: string) => [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);

function expectAbsoluteContent(html: string) {
  expect(html).not.toMatch(/<script|onerror|alert\(/);
  const links = linksIn(html);
  expect(links).toEqual([
    `${root}articles/oil?a=1&amp;b=2`,
    `${root}articles/guide`,
    expect.stringMatching(
      new RegExp(`^${ORIGIN}/api/v1/public/media/${tenant.id}/images/[0-9a-f-]{36}/display$`),
    ),
    `${root}articles/x`,
  ]);
}

describe('RSS 2.0', () => {
  it('is well-formed and says everything in its own terms', async () => {
    const res = await fetchFeed(`${site}feed.xml`, 'application/rss+xml');
    expect(await wellFormedXml(env, res.body)).toBe(true);
    expect(await wellFormedXml(env, '<rss><channel></rss>'), 'the check can fail').toBe(false);
    const feed = parseRssFeed(res.body);
    expect(feed.title).toBe(`测试商户 ${tenant.slug}`);
    expect(feed.link).toBe(root);
    expect(feed.language).toBe('zh-CN');
    expect(feed.atom?.links).toEqual([
      { href: `${root}feed.xml`, rel: 'self', type: 'application/rss+xml' },
    ]);
    // The newest change: the edit of the tyres article.
    expect(feed.lastBuildDate).toMatch(RFC822);
    expect(new Date(feed.lastBuildDate!)).toEqual(EDITED);
    const items = feed.items ?? [];
    expect(items.map((i) => i.link)).toEqual([
      `${root}articles/oil`,
      `${root}articles/winter-tyres`,
    ]);
    const tyres = items.find((i) => i.link?.endsWith('winter-tyres'))!;
    expect(tyres.title).toBe(TRICKY);
    expect(unescapeHtml(tyres.description!)).toBe(SUMMARY);
    expect(tyres.guid).toEqual({ value: `${root}articles/winter-tyres`, isPermaLink: false });
    expect(tyres.pubDate).toMatch(RFC822);
    expect(new Date(tyres.pubDate!)).toEqual(PUBLISHED);
    expect(tyres.dc?.creators).toEqual([AUTHOR]);
    expect(tyres.categories?.map((c) => [c.name, c.domain])).toEqual([
      ['冬季用车', `${root}tags/winter`],
      ['轮胎', `${root}tags/tyres`],
    ]);
    expectAbsoluteContent(tyres.content!.encoded!);
  });
});

describe('Atom 1.0', () => {
  it('is well-formed, with ids, dates, authors and categories', async () => {
    const res = await fetchFeed(`${site}atom.xml`, 'application/atom+xml');
    expect(await wellFormedXml(env, res.body)).toBe(true);
    const feed = parseAtomFeed(res.body);
    expect(feed.id).toBe(root);
    expect(feed.title?.value).toBe(`测试商户 ${tenant.slug}`);
    expect(feed.links).toEqual([
      { href: root, rel: 'alternate' },
      { href: `${root}atom.xml`, rel: 'self' },
    ]);
    expect(feed.updated).toMatch(RFC3339);
    expect(new Date(feed.updated!)).toEqual(EDITED);
    const entries = feed.entries ?? [];
    expect(entries.map((e) => e.id)).toEqual([
      `${root}articles/oil`,
      `${root}articles/winter-tyres`,
    ]);
    const tyres = entries[1]!;
    // type="html": the text is escaped HTML, and reads back as the plain title.
    expect(tyres.title?.type).toBe('html');
    expect(unescapeHtml(tyres.title!.value!)).toBe(TRICKY);
    expect(unescapeHtml(tyres.summary!.value!)).toBe(SUMMARY);
    expect(tyres.published).toMatch(RFC3339);
    expect(new Date(tyres.published!)).toEqual(PUBLISHED);
    expect(new Date(tyres.updated!)).toEqual(EDITED);
    expect(tyres.links).toEqual([{ href: `${root}articles/winter-tyres` }]);
    expect(tyres.authors).toEqual([{ name: AUTHOR, uri: `${root}authors/shop` }]);
    expect(tyres.categories).toEqual([
      { term: 'winter', scheme: `${root}tags/`, label: '冬季用车' },
      { term: 'tyres', scheme: `${root}tags/`, label: '轮胎' },
    ]);
    expect(tyres.content?.type).toBe('html');
    expectAbsoluteContent(tyres.content!.value!);
  });
});

describe('JSON Feed 1.1', () => {
  it('has the 1.1 fields: authors, language, dates with their zone', async () => {
    const res = await fetchFeed(`${site}feed.json`, 'application/feed+json');
    const raw = JSON.parse(res.body) as { version: string };
    expect(raw.version).toBe('https://jsonfeed.org/version/1.1');
    const feed = parseJsonFeed(res.body);
    expect(feed.feed_url).toBe(`${root}feed.json`);
    expect(feed.home_page_url).toBe(root);
    expect(feed.language).toBe('zh-CN');
    const items = feed.items ?? [];
    expect(items.map((i) => i.id)).toEqual([`${root}articles/oil`, `${root}articles/winter-tyres`]);
    const tyres = items[1]!;
    expect(tyres.url).toBe(`${root}articles/winter-tyres`);
    expect(tyres.title).toBe(TRICKY);
    expect(tyres.summary).toBe(SUMMARY);
    expect(tyres.date_published).toMatch(RFC3339);
    expect(new Date(tyres.date_published!)).toEqual(PUBLISHED);
    expect(new Date(tyres.date_modified!)).toEqual(EDITED);
    expect(tyres.authors).toEqual([{ name: AUTHOR, url: `${root}authors/shop` }]);
    expect(tyres.tags).toEqual(['冬季用车', '轮胎']);
    expect(tyres.image).toMatch(new RegExp(`^${ORIGIN}/api/v1/public/media/`));
    expectAbsoluteContent(tyres.content_html!);
  });
});

describe('feeds per tag and per author', () => {
  it('list only their articles, with their own self links', async () => {
    const tag = parseRssFeed(
      (await fetchFeed(`${site}tags/tyres/feed.xml`, 'application/rss+xml')).body,
    );
    expect(tag.items?.map((i) => i.link)).toEqual([`${root}articles/winter-tyres`]);
    expect(tag.atom?.links?.[0]?.href).toBe(`${root}tags/tyres/feed.xml`);
    expect(tag.title).toBe(`测试商户 ${tenant.slug} · 轮胎`);
    const author = parseAtomFeed(
      (await fetchFeed(`${site}authors/li-gong/atom.xml`, 'application/atom+xml')).body,
    );
    expect(author.entries?.map((e) => e.id)).toEqual([`${root}articles/oil`]);
    expect(author.links?.find((l) => l.rel === 'self')?.href).toBe(
      `${root}authors/li-gong/atom.xml`,
    );
    const json = parseJsonFeed(
      (await fetchFeed(`${site}tags/maintenance/feed.json`, 'application/feed+json')).body,
    );
    expect(json.feed_url).toBe(`${root}tags/maintenance/feed.json`);
    expect(json.items?.map((i) => i.id)).toEqual([`${root}articles/oil`]);
  });

  it('answer 404 for an unknown tenant, tag or author', async () => {
    for (const url of [
      `/site/no-such-shop/feed.xml`,
      `${site}tags/nope/feed.xml`,
      `${site}authors/nope/feed.json`,
      `${site}tags/nope/atom.xml`,
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
  });

  it('are valid with nothing published (no Last-Modified to claim)', async () => {
    const res = await fetchFeed(`/site/${empty.slug}/atom.xml`, 'application/atom+xml');
    expect(await wellFormedXml(env, res.body)).toBe(true);
    expect(res.headers['last-modified']).toBeUndefined();
    expect(parseAtomFeed(res.body).entries ?? []).toEqual([]);
    const rss = await fetchFeed(`/site/${empty.slug}/feed.xml`, 'application/rss+xml');
    expect(await wellFormedXml(env, rss.body)).toBe(true);
  });
});

describe('conditional GET', () => {
  it('answers 200, then 304 with no body, then 200 again after a change', async () => {
    for (const file of ['feed.xml', 'atom.xml', 'feed.json']) {
      const url = `${site}${file}`;
      const first = await get(url);
      const again = await get(url);
      expect(again.body, 'the same bytes twice: stable ids and dates').toBe(first.body);
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^"[^"]+"$/); // strong
      expect(first.headers['cache-control']).toBe('public, max-age=300');
      expect(first.headers['last-modified']).toBe(EDITED.toUTCString());
      const byTag = await get(url, { 'if-none-match': etag });
      expect(byTag.statusCode).toBe(304);
      expect(byTag.body).toBe('');
      const byDate = await get(url, { 'if-modified-since': EDITED.toUTCString() });
      expect(byDate.statusCode).toBe(304);
      expect(byDate.body).toBe('');
      const older = await get(url, {
        'if-modified-since': new Date(EDITED.getTime() - 1000).toUTCString(),
      });
      expect(older.statusCode).toBe(200);
      // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).
      const stale = await get(url, {
        'if-none-match': '"other"',
        'if-modified-since': EDITED.toUTCString(),
      });
      expect(stale.statusCode).toBe(200);
    }
    const before = await get(`${site}feed.xml`);
    const later = new Date('2026-11-25T09:00:00Z');
    await env.inTenant(tenant.id, (ctx) =>
      fixtureEdit(ctx, tyresId, { title: '冬季轮胎（更新）', at: later }),
    );
    const after = await get(`${site}feed.xml`, { 'if-none-match': String(before.headers.etag) });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.headers['last-modified']).toBe(later.toUTCString());
    const edited = parseRssFeed(after.body).items?.find((x) => x.title === '冬季轮胎（更新）');
    // The id did not move with the edit.
    expect(edited?.guid?.value).toBe(`${root}articles/winter-tyres`);
  });

  it('moves Last-Modified when an article is taken down', async () => {
    const before = await get(`${site}authors/li-gong/feed.json`);
    expect(before.statusCode).toBe(200);
    const down = new Date('2026-11-28T00:00:00Z');
    await env.inTenant(tenant.id, (ctx) => fixtureArchive(ctx, oilId, down));
    const after = await get(`${site}feed.json`, {
      'if-modified-since': String(before.headers['last-modified']),
    });
    expect(after.statusCode).toBe(200);
    expect(after.headers['last-modified']).toBe(down.toUTCString());
    expect(parseJsonFeed(after.body).items?.map((i) => i.id)).toEqual([
      `${root}articles/winter-tyres`,
    ]);
  });
});
