// The public pages as a phone, a crawler or a link preview sees them: server-rendered HTML with
// Open Graph tags, canonical and feed links, escaped everywhere, 404 pages (HTML, never JSON, never
// a 500), and conditional GET.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPicture, saveImage } from '../media/index.ts';
import { createTestEnv, type TestEnv, type TestTenant } from '../../testing/harness.ts';
import { unescapeHtml } from './testing/feed-checks.ts';
import { fixtureArticle, fixtureEdit } from './testing/site-fixtures.ts';

let env: TestEnv;
let tenant: TestTenant;
let site: string;
let root: string;
let evilId: string;
let coverUrl: string;

const ORIGIN = 'https://shop.example.cn';
const EVIL = 'Oil "><script>alert(1)</script> & <b>tips</b>';
const EVIL_SUMMARY = 'x" onload="alert(2)';
const PUBLISHED = new Date('2026-11-02T08:30:00Z');

beforeAll(async () => {
  env = await createTestEnv({ config: { publicUrl: ORIGIN } });
  tenant = await env.createTenant();
  site = `/site/${tenant.slug}`;
  root = `${ORIGIN}${site}/`;
  await env.inTenant(tenant.id, async (ctx) => {
    const cover = await saveImage(ctx, await demoPicture(5, 600, 400), { system: true }, 'general');
    coverUrl = cover.url;
    evilId = await fixtureArticle(ctx, {
      slug: 'evil',
      title: EVIL,
      summary: EVIL_SUMMARY,
      html: '<p>Body</p><script>alert(3)</script><img src="/x.png" onerror="alert(4)"><a href="javascript:alert(5)">x</a>',
      author: {
        slug: 'wang',
        displayName: '王师傅',
        kind: 'staff',
        staffUserId: tenant.staff.technician.id,
        storeId: tenant.storeId,
        bio: '十年经验的技师',
      },
      tags: [{ slug: 'tyres', name: '轮胎' }],
      publishedAt: PUBLISHED,
      coverImageId: cover.id,
      readingMinutes: 4,
    });
    await fixtureArticle(ctx, {
      slug: 'hidden',
      title: '草稿',
      html: '<p>x</p>',
      author: { slug: 'shop', displayName: '本店' },
      tags: [{ slug: 'draft-only', name: '只在草稿' }],
      publishedAt: PUBLISHED,
      status: 'draft',
    });
  });
});
afterAll(() => env.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  env.app.inject({ method: 'GET', url, headers });

/** The content of a meta tag, decoded; undefined when absent. */
function meta(html: string, key: string): string | undefined {
  const m = new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)">`).exec(html);
  return m ? unescapeHtml(m[1]!) : undefined;
}

const scripts = (html: string) => [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);

describe('the article page', () => {
  it('has the Open Graph and Twitter tags, canonical and feed links, escaped', async () => {
    const res = await get(`${site}/articles/evil`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.body;
    expect(meta(html, 'og:title')).toBe(EVIL);
    expect(meta(html, 'og:description')).toBe(EVIL_SUMMARY);
    expect(meta(html, 'og:type')).toBe('article');
    expect(meta(html, 'og:url')).toBe(`${root}articles/evil`);
    expect(meta(html, 'og:image')).toBe(`${ORIGIN}${coverUrl}`);
    expect(meta(html, 'article:published_time')).toBe(PUBLISHED.toISOString());
    expect(meta(html, 'twitter:card')).toBe('summary_large_image');
    expect(meta(html, 'twitter:title')).toBe(EVIL);
    expect(html).toContain(`<link rel="canonical" href="${root}articles/evil">`);
    for (const [type, file] of [
      ['application/rss+xml', 'feed.xml'],
      ['application/atom+xml', 'atom.xml'],
      ['application/feed+json', 'feed.json'],
    ] as const)
      expect(html).toMatch(
        new RegExp(
          `<link rel="alternate" type="${type.replace('+', '\\+')}" title="[^"]*" href="${root}${file}">`,
        ),
      );
    // The title never leaves its attribute or its element.
    expect(html).toContain(
      '<title>Oil &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;tips&lt;/b&gt;</title>',
    );
    expect(html).not.toMatch(/alert\([1-5]\)<\/script>|onerror|onload="|javascript:/);
    // One script only: interests' reading script.
    expect(scripts(html)).toEqual([
      `<script src="/reading.js" data-subject-type="article" data-subject-id="${evilId}" defer>`,
    ]);
  });

  it('shows the byline with its kind and store, the date, reading time, cover, body and tags', async () => {
    const html = (await get(`${site}/articles/evil`)).body;
    expect(html).toContain(
      `<a href="${root}authors/wang" rel="author">王师傅</a>（技师 · 一号店）`,
    );
    expect(html).toContain(`<time datetime="${PUBLISHED.toISOString()}">2026年11月2日</time>`);
    expect(html).toContain('4 分钟读完');
    expect(html).toContain(`<img class="cover" src="${coverUrl}"`);
    expect(html).toContain('<p>Body</p>');
    expect(html).toContain(`<a href="${root}tags/tyres" rel="tag">轮胎</a>`);
  });

  it('answers conditional GET: 200, 304 with no body, 200 after an edit', async () => {
    const url = `${site}/articles/evil`;
    const first = await get(url);
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    expect(first.headers['last-modified']).toBe(PUBLISHED.toUTCString());
    const etag = String(first.headers.etag);
    const cached = await get(url, { 'if-none-match': etag });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe('');
    expect((await get(url, { 'if-modified-since': PUBLISHED.toUTCString() })).statusCode).toBe(304);
    const at = new Date('2026-11-03T00:00:00Z');
    await env.inTenant(tenant.id, (ctx) =>
      fixtureEdit(ctx, evilId, { html: '<p>New body</p>', at }),
    );
    const changed = await get(url, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toContain('<p>New body</p>');
    expect(changed.headers['last-modified']).toBe(at.toUTCString());
    expect(meta(changed.body, 'article:modified_time')).toBe(at.toISOString());
  });
});

describe('the tenant home, tag and author pages', () => {
  it('lists the latest articles with covers, tags, authors and feed links', async () => {
    const res = await get(`${site}/`);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain(`<a class="card" href="${root}articles/evil">`);
    expect(html).toContain(`<strong>Oil &quot;&gt;&lt;script&gt;`);
    expect(html).toContain(`<a href="${root}tags/tyres" rel="tag">轮胎</a>`);
    expect(html).toContain(`<a href="${root}authors/wang" rel="author">王师傅</a>`);
    expect(html).not.toContain('草稿');
    // Tags nobody published under stay off the home page.
    expect(html).not.toContain('/tags/draft-only');
    expect(meta(html, 'og:type')).toBe('website');
    expect(meta(html, 'og:url')).toBe(root);
    expect(scripts(html)).toEqual([]);
    // Without the trailing slash, the same page.
    expect((await get(site)).body).toBe(html);
  });

  it('shows a tag and an author with their own feeds', async () => {
    const tag = await get(`${site}/tags/tyres`);
    expect(tag.statusCode).toBe(200);
    expect(tag.body).toContain(`href="${root}tags/tyres/feed.xml"`);
    expect(tag.body).toContain(`${root}articles/evil`);
    const author = await get(`${site}/authors/wang`);
    expect(author.statusCode).toBe(200);
    expect(author.body).toContain('十年经验的技师');
    expect(author.body).toContain(`href="${root}authors/wang/atom.xml"`);
    expect(meta(author.body, 'og:type')).toBe('profile');
  });
});

describe('not found', () => {
  it('is an HTML 404 page for an unknown tenant, article, tag, author or path — never JSON', async () => {
    for (const url of [
      `${site}/articles/nope`,
      `${site}/articles/hidden`,
      `${site}/tags/nope`,
      `${site}/authors/nope`,
      `${site}/authors/shop`,
      `${site}/what/ever`,
      '/site/no-such-shop/',
      '/site/no-such-shop/articles/evil',
      '/site/NOT%20A%20SLUG/',
      `/site/${'x'.repeat(300)}/`,
      `${site}/articles/${encodeURIComponent('"><script>alert(1)</script>')}`,
      `${site}/articles/a%00b`,
      `/site/a%00b/`,
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(res.body, url).toContain('页面不存在');
      expect(res.body, url).not.toContain('<script>alert');
    }
  });
});
