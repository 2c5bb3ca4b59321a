// Articles over HTTP on a real database: tags (in use → 409), authors and KOL nominations,
// writing with revisions and a stale save refused, publishing roles, the sanitiser's payloads,
// scheduled publishing by the job, the KOL review flow in the app and the 资讯 list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import {
  createTestEnv,
  fixedClock,
  signInCustomer,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { demoPicture, saveImage } from '../media/index.ts';
import { publishDueArticles } from './articles.jobs.ts';
import { articleContentTags, setInterestScores } from './interests-port.ts';
import { getPublishedArticle } from './index.ts';

const start = new Date('2026-12-01T02:00:00.000Z');
const clock = fixedClock(start);

let env: TestEnv;
let t: TestTenant;
let other: TestTenant;
let owner: Session;
let manager: Session;
let advisor: Session;
let technician: Session;
let kol: { s: Session; id: string };
let reader: { s: Session; id: string };

async function person(tenant: TestTenant, phone: string) {
  const s = await signInCustomer(env, tenant, phone);
  const me = await env.app.inject({ url: '/api/v1/app/me', headers: s.headers });
  return { s, id: me.json().customer.id as string };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const call = (s: Session, method: Method, url: string, payload?: object) =>
  env.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
const staff = (s: Session, method: Method, url: string, payload?: object) =>
  call(s, method, `/api/v1/staff${url}`, payload);
const app = (s: Session, method: Method, url: string, payload?: object) =>
  call(s, method, `/api/v1/app${url}`, payload);

function ok<T = Record<string, unknown>>(res: LightMyRequestResponse, status = 200): T {
  expect(res.statusCode, res.body).toBe(status);
  return (res.body ? res.json() : undefined) as T;
}
function fails(res: LightMyRequestResponse, status: number, code: string, field?: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json().error ?? res.json();
  expect(body.code).toBe(code);
  if (field) expect(body.field).toBe(field);
}

interface Article {
  id: string;
  slug: string;
  title: string;
  html: string;
  status: string;
  version: number;
  readingMinutes: number;
  tagSlugs: string[];
  publishedAt: string | null;
  publicPath: string;
  reviewNote: string | null;
}

const write = (s: Session, body: object) =>
  staff(s, 'POST', '/articles', { title: '冬季胎压', html: '<p>天冷了</p>', ...body });

beforeAll(async () => {
  env = await createTestEnv({ clock });
  t = await env.createTenant();
  other = await env.createTenant();
  owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
  manager = await signInStaff(env.app, t.slug, t.staff.manager.login);
  advisor = await signInStaff(env.app, t.slug, t.staff.advisor.login);
  technician = await signInStaff(env.app, t.slug, t.staff.technician.login);
  kol = await person(t, '13733330001');
  reader = await person(t, '13733330002');
  for (const [slug, name] of [
    ['tyres', '轮胎'],
    ['winter', '冬季用车'],
    ['ev', '新能源'],
  ])
    ok(await staff(owner, 'POST', '/article-tags', { slug, name }), 201);
}, 120_000);
afterAll(() => env?.close());

describe('tags', () => {
  it('creates with a pinyin slug, refuses duplicates, renames, deletes only unused', async () => {
    const tag = ok<{ id: string; slug: string }>(
      await staff(owner, 'POST', '/article-tags', { name: '省钱窍门' }),
      201,
    );
    expect(tag.slug).toBe('sheng-qian-qiao-men');
    fails(
      await staff(owner, 'POST', '/article-tags', { name: '省钱窍门' }),
      409,
      'TAG_TAKEN',
      'name',
    );
    fails(
      await staff(owner, 'POST', '/article-tags', { name: 'x', slug: 'Bad Slug' }),
      400,
      'VALIDATION_FAILED',
      'slug',
    );
    fails(await staff(advisor, 'POST', '/article-tags', { name: '别的' }), 403, 'FORBIDDEN');
    const renamed = ok<{ slug: string; name: string }>(
      await staff(manager, 'PATCH', `/article-tags/${tag.id}`, { name: '省钱' }),
    );
    expect(renamed).toMatchObject({ slug: 'sheng-qian-qiao-men', name: '省钱' });
    ok(await write(owner, { title: '省钱文章', tagSlugs: ['sheng-qian-qiao-men'] }), 201);
    fails(await staff(owner, 'DELETE', `/article-tags/${tag.id}`), 409, 'TAG_IN_USE');
    const unused = ok<{ id: string }>(
      await staff(owner, 'POST', '/article-tags', { name: '临时' }),
      201,
    );
    ok(await staff(owner, 'DELETE', `/article-tags/${unused.id}`), 204);
  });

  it('refuses an unknown tag on an article with its field', async () => {
    fails(
      await write(owner, { tagSlugs: ['tyres', 'nope'] }),
      422,
      'ARTICLE_TAG_UNKNOWN',
      'tagSlugs.1',
    );
  });
});

describe('writing and publishing', () => {
  it('computes reading time and a slug, keeps every save as a revision, refuses stale saves', async () => {
    const a = ok<Article>(
      await write(owner, { html: `<p>${'字'.repeat(900)}</p>`, tagSlugs: ['tyres', 'winter'] }),
      201,
    );
    expect(a).toMatchObject({ status: 'draft', version: 1, readingMinutes: 3 });
    expect(a.slug).toMatch(/^dong-ji-tai-ya/);
    expect(a.tagSlugs).toEqual(['tyres', 'winter']);
    const saved = ok<Article>(
      await staff(manager, 'PUT', `/articles/${a.id}`, {
        title: '冬季胎压怎么看',
        html: '<p>第二版</p>',
        tagSlugs: ['tyres'],
        version: 1,
      }),
    );
    expect(saved).toMatchObject({
      version: 2,
      slug: 'dong-ji-tai-ya-zen-me-kan',
      readingMinutes: 1,
    });
    fails(
      await staff(owner, 'PUT', `/articles/${a.id}`, { title: '旧版本', html: '', version: 1 }),
      409,
      'ARTICLE_VERSION_STALE',
      'version',
    );
    const revs = ok<{ items: { version: number; title: string }[] }>(
      await staff(owner, 'GET', `/articles/${a.id}/revisions`),
    );
    expect(revs.items.map((r) => r.version)).toEqual([2, 1]);
    const restored = ok<Article>(
      await staff(owner, 'POST', `/articles/${a.id}/revisions/1/restore`, { version: 2 }),
    );
    expect(restored).toMatchObject({
      version: 3,
      title: '冬季胎压',
      tagSlugs: ['tyres', 'winter'],
    });
    fails(
      await staff(owner, 'POST', `/articles/${a.id}/revisions/9/restore`, { version: 3 }),
      404,
      'ARTICLE_REVISION_UNKNOWN',
    );
    // Published: the slug stays whatever the title becomes.
    const pub = ok<Article>(await staff(owner, 'POST', `/articles/${a.id}/publish`));
    expect(pub.status).toBe('published');
    expect(pub.publicPath).toBe(`/site/${t.slug}/articles/${pub.slug}`);
    const edited = ok<Article>(
      await staff(owner, 'PUT', `/articles/${a.id}`, {
        title: '全新标题',
        html: '<p>x</p>',
        version: 3,
      }),
    );
    expect(edited.slug).toBe(pub.slug);
    fails(await staff(owner, 'POST', `/articles/${a.id}/publish`), 409, 'ARTICLE_STATUS_INVALID');
    const off = ok<Article>(await staff(owner, 'POST', `/articles/${a.id}/unpublish`));
    expect(off.status).toBe('archived');
  });

  it('sanitises the body: scripts, handlers, javascript: links and foreign images go', async () => {
    const mine = await env.inTenant(t.id, async (ctx) =>
      saveImage(ctx, await demoPicture(3, 240, 160), { staffUserId: t.staff.owner.id }, 'article'),
    );
    const theirs = await env.inTenant(other.id, async (ctx) =>
      saveImage(ctx, await demoPicture(4, 240, 160), { system: true }, 'article'),
    );
    const a = ok<Article>(
      await write(owner, {
        title: '<b>标题</b><script>x</script>',
        html: [
          '<h2>小标题</h2><script>alert(1)</script>',
          '<p onclick="x()">点<img src="x" onerror="alert(1)"></p>',
          '<a href="javascript:alert(1)">坏链接</a><a href="https://example.com/a">好链接</a>',
          `<img src="${mine.url}" alt="ok"><img src="https://evil.example/t.png">`,
          `<img src="${theirs.url}"><blockquote>引用</blockquote><iframe src="https://x"></iframe>`,
        ].join(''),
      }),
      201,
    );
    expect(a.title).toBe('标题');
    expect(a.html).not.toMatch(/script|onerror|onclick|javascript:|evil|iframe/);
    expect(a.html).not.toContain(theirs.id);
    expect(a.html).toContain(`<img src="${mine.url}" alt="ok" />`.replace(' />', ''));
    expect(a.html).toContain('rel="noopener noreferrer nofollow"');
    expect(a.html).toContain('<h2>小标题</h2>');
    expect(a.html).toContain('<blockquote>引用</blockquote>');
  });

  it('answers bad input with 4xx codes', async () => {
    fails(await write(owner, { title: '   ' }), 422, 'ARTICLE_TITLE_EMPTY', 'title');
    fails(await write(owner, { title: 5 }), 400, 'VALIDATION_FAILED');
    fails(
      await write(owner, { coverImageId: '00000000-0000-4000-8000-000000000000' }),
      422,
      'MEDIA_NOT_FOUND',
      'coverImageId',
    );
    fails(
      await write(owner, { authorId: '00000000-0000-4000-8000-000000000000' }),
      422,
      'ARTICLE_AUTHOR_UNKNOWN',
      'authorId',
    );
    fails(
      await staff(owner, 'GET', '/articles/00000000-0000-4000-8000-000000000000'),
      404,
      'NOT_FOUND',
    );
    const a = ok<Article>(await write(owner, {}), 201);
    fails(
      await staff(owner, 'POST', `/articles/${a.id}/schedule`, { publishAt: 'tomorrow' }),
      400,
      'VALIDATION_FAILED',
    );
    fails(
      await staff(owner, 'POST', `/articles/${a.id}/schedule`, {
        publishAt: new Date(start.getTime() - 1000).toISOString(),
      }),
      422,
      'ARTICLE_PUBLISH_AT_PAST',
      'publishAt',
    );
    // Another tenant sees nothing.
    const otherOwner = await signInStaff(env.app, other.slug, other.staff.owner.login);
    fails(await staff(otherOwner, 'GET', `/articles/${a.id}`), 404, 'NOT_FOUND');
  });

  it('lets staff authors write drafts of their own but not publish', async () => {
    fails(await write(technician, {}), 403, 'ARTICLE_NOT_AUTHOR');
    ok(
      await staff(owner, 'POST', '/article-authors', {
        kind: 'staff',
        staffUserId: t.staff.technician.id,
        bio: '十年技师',
      }),
      201,
    );
    fails(
      await staff(owner, 'POST', '/article-authors', {
        kind: 'staff',
        staffUserId: t.staff.technician.id,
      }),
      409,
      'ARTICLE_AUTHOR_EXISTS',
    );
    const mine = ok<Article>(await write(technician, { title: '机油怎么选' }), 201);
    ok(
      await staff(technician, 'PUT', `/articles/${mine.id}`, {
        title: '机油怎么选？',
        version: 1,
      }),
    );
    fails(
      await staff(technician, 'POST', `/articles/${mine.id}/publish`),
      403,
      'ARTICLE_PUBLISH_FORBIDDEN',
    );
    const theirs = ok<Article>(await write(owner, { title: '店家文章' }), 201);
    fails(await staff(technician, 'GET', `/articles/${theirs.id}`), 403, 'ARTICLE_NOT_AUTHOR');
    const list = ok<{ items: { id: string }[] }>(await staff(technician, 'GET', '/articles'));
    expect(list.items.map((i) => i.id)).toEqual([mine.id]);
    fails(await write(advisor, {}), 403, 'ARTICLE_NOT_AUTHOR');
    const authors = ok<{ items: { kind: string; staffRole: string | null }[] }>(
      await staff(manager, 'GET', '/article-authors'),
    );
    expect(authors.items.map((a) => a.kind)).toEqual(['business', 'staff']);
    expect(authors.items[1]!.staffRole).toBe('technician');
    ok(await staff(manager, 'POST', `/articles/${mine.id}/publish`));
  });

  it('publishes scheduled articles when their time comes, once', async () => {
    const a = ok<Article>(await write(owner, { title: '定时文章', tagSlugs: ['ev'] }), 201);
    const at = new Date(start.getTime() + 90_000).toISOString();
    const s = ok<Article>(
      await staff(owner, 'POST', `/articles/${a.id}/schedule`, { publishAt: at }),
    );
    expect(s.status).toBe('scheduled');
    expect(await env.inTenant(t.id, publishDueArticles)).toBe(0);
    expect(await env.inTenant(t.id, (ctx) => getPublishedArticle(ctx, a.id))).toBeNull();
    clock.advance(120_000);
    expect(await env.inTenant(t.id, publishDueArticles)).toBe(1);
    expect(await env.inTenant(t.id, publishDueArticles)).toBe(0);
    const pub = await env.inTenant(t.id, (ctx) => getPublishedArticle(ctx, a.id));
    expect(pub?.publishedAt.toISOString()).toBe(at);
    const tags = await env.inTenant(t.id, (ctx) =>
      articleContentTags(ctx, [
        { type: 'article', id: a.id },
        { type: 'magazine_issue', id: a.id },
        { type: 'article', id: '00000000-0000-4000-8000-000000000000' },
      ]),
    );
    expect([...tags]).toEqual([[`article:${a.id}`, ['ev']]]);
  });
});

describe('KOL drafts and review', () => {
  it('refuses a car owner who is not a nominated KOL', async () => {
    fails(
      await app(kol.s, 'POST', '/news/drafts', { title: '我的文章' }),
      403,
      'ARTICLE_NOT_AUTHOR',
    );
    expect(ok<{ kol: boolean }>(await app(kol.s, 'GET', '/news/me')).kol).toBe(false);
  });

  it('writes, submits, is returned with a note, resubmits and is published', async () => {
    const author = ok<{ id: string }>(
      await staff(owner, 'POST', '/article-authors', { kind: 'kol', customerId: kol.id }),
      201,
    );
    expect(ok<{ kol: boolean }>(await app(kol.s, 'GET', '/news/me')).kol).toBe(true);
    const photo = await env.inTenant(t.id, async (ctx) =>
      saveImage(ctx, await demoPicture(5, 240, 160), { customerId: kol.id }, 'article'),
    );
    const other = await env.inTenant(t.id, async (ctx) =>
      saveImage(ctx, await demoPicture(6, 240, 160), { customerId: reader.id }, 'article'),
    );
    fails(
      await app(kol.s, 'POST', '/news/drafts', { title: '借图', imageIds: [other.id] }),
      422,
      'MEDIA_NOT_FOUND',
      'imageIds.0',
    );
    const d = ok<{ id: string; version: number; text: string; images: { id: string }[] }>(
      await app(kol.s, 'POST', '/news/drafts', {
        title: '川西自驾',
        text: '第一天<script>x</script>\n第二天',
        imageIds: [photo.id],
        tagSlugs: ['ev'],
      }),
      201,
    );
    expect(d.text).toBe('第一天<script>x</script>\n第二天');
    expect(d.images.map((i) => i.id)).toEqual([photo.id]);
    // Another owner cannot open it; the reader is no KOL at all.
    fails(await app(reader.s, 'GET', `/news/drafts/${d.id}`), 403, 'ARTICLE_NOT_AUTHOR');
    ok(await app(kol.s, 'POST', `/news/drafts/${d.id}/submit`));
    fails(
      await app(kol.s, 'PUT', `/news/drafts/${d.id}`, { title: '改', version: d.version }),
      409,
      'ARTICLE_IN_REVIEW',
    );
    const inReview = ok<{ items: { id: string }[] }>(
      await staff(manager, 'GET', '/articles?status=in_review'),
    );
    expect(inReview.items.map((i) => i.id)).toContain(d.id);
    fails(
      await staff(manager, 'POST', `/articles/${d.id}/return`, { note: '' }),
      400,
      'VALIDATION_FAILED',
    );
    ok(await staff(manager, 'POST', `/articles/${d.id}/return`, { note: '请补充路线' }));
    const back = ok<{ status: string; reviewNote: string; version: number }>(
      await app(kol.s, 'GET', `/news/drafts/${d.id}`),
    );
    expect(back).toMatchObject({ status: 'draft', reviewNote: '请补充路线' });
    ok(
      await app(kol.s, 'PUT', `/news/drafts/${d.id}`, {
        title: '川西自驾 9 天',
        text: '第一天\n第二天\n路线：318 进 317 出',
        imageIds: [photo.id],
        tagSlugs: ['ev'],
        version: back.version,
      }),
    );
    ok(await app(kol.s, 'POST', `/news/drafts/${d.id}/submit`));
    const pub = ok<Article>(await staff(manager, 'POST', `/articles/${d.id}/publish`));
    expect(pub.status).toBe('published');
    fails(
      await app(kol.s, 'PUT', `/news/drafts/${d.id}`, { title: '再改', version: 9 }),
      409,
      'ARTICLE_STATUS_INVALID',
    );
    // The reader finds it in 资讯 with a KOL byline, by tag too.
    const list = ok<{ items: { slug: string; byline: { kind: string } }[] }>(
      await app(reader.s, 'GET', '/news?tag=ev'),
    );
    expect(list.items.find((i) => i.slug === pub.slug)?.byline.kind).toBe('kol');
    const read = ok<{ html: string; publicPath: string }>(
      await app(reader.s, 'GET', `/news/articles/${pub.slug}`),
    );
    expect(read.html).toContain('318 进 317 出');
    expect(read.html).toContain(photo.url);
    // Withdrawn: no more drafts, the published article stays.
    ok(await staff(owner, 'PATCH', `/article-authors/${author.id}`, { active: false }));
    fails(await app(kol.s, 'GET', '/news/drafts'), 403, 'ARTICLE_NOT_AUTHOR');
    ok(await app(reader.s, 'GET', `/news/articles/${pub.slug}`));
  });

  it('hides drafts, reviews and schedules from the app', async () => {
    const draft = ok<Article>(await write(owner, { title: '草稿不可见' }), 201);
    fails(await app(reader.s, 'GET', `/news/articles/${draft.slug}`), 404, 'NOT_FOUND');
    const list = ok<{ items: { id: string }[] }>(await app(reader.s, 'GET', '/news'));
    expect(list.items.map((i) => i.id)).not.toContain(draft.id);
  });
});

describe('资讯 order and nominees', () => {
  it('orders by the sum of tag scores when interests answer, newest first on a tie', async () => {
    const publish = async (title: string, tagSlugs: string[]) => {
      const a = ok<Article>(await write(owner, { title, tagSlugs }), 201);
      clock.advance(60_000);
      return ok<Article>(await staff(owner, 'POST', `/articles/${a.id}/publish`)).slug;
    };
    const tyre = await publish('轮胎专题', ['tyres']);
    const both = await publish('冬季轮胎', ['tyres', 'winter']);
    const ev = await publish('电车专题', ['ev']);
    const order = async () =>
      ok<{ items: { slug: string }[]; personalised: boolean }>(await app(reader.s, 'GET', '/news'));
    const plain = await order();
    expect(plain.personalised).toBe(false);
    expect(plain.items.slice(0, 3).map((i) => i.slug)).toEqual([ev, both, tyre]);
    setInterestScores(async (_ctx, customerId) =>
      customerId === reader.id
        ? new Map([
            ['tyres', 0.6],
            ['winter', 0.3],
            ['ev', 0.6],
          ])
        : new Map(),
    );
    try {
      const mine = await order();
      expect(mine.personalised).toBe(true);
      expect(mine.items.slice(0, 3).map((i) => i.slug)).toEqual([both, ev, tyre]);
      // Another owner without interests keeps the newest first.
      const them = ok<{ items: { slug: string }[] }>(await app(kol.s, 'GET', '/news'));
      expect(them.items[0]!.slug).toBe(ev);
    } finally {
      setInterestScores(async () => new Map());
    }
  });

  it('offers team members who are not authors yet, for owner and manager only', async () => {
    const res = ok<{ items: { staffUserId: string }[] }>(
      await staff(manager, 'GET', '/article-authors/staff-candidates'),
    );
    const ids = res.items.map((i) => i.staffUserId);
    expect(ids).toContain(t.staff.advisor.id);
    expect(ids).not.toContain(t.staff.technician.id);
    expect(ids).not.toContain(t.staff.partner.id);
    fails(await staff(advisor, 'GET', '/article-authors/staff-candidates'), 403, 'FORBIDDEN');
    ok(await staff(owner, 'GET', '/article-authors/kol-candidates'));
  });
});
