// The e-magazine over HTTP on a real database: staff build an issue; an owner contributes to an
// open call and the contribution waits in moderation's queue; accepted, placed and published,
// its author is credited with the call's points once (publishing again pays nothing); rejection
// with a reason, a muted owner, a keyword hold, bad input; subscribers told of an issue once,
// their marketing consent respected by messaging.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { createLogger } from '../../kernel/logger.ts';
import { recordConsents } from '../customers/index.ts';
import { demoPicture, saveImage } from '../media/index.ts';
import { drainMessages } from '../messaging/index.ts';
import {
  createTestEnv,
  fixedClock,
  signInCustomer,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { contributionKey, magazineContentTags } from './index.ts';

const DAY = 24 * 60 * 60 * 1000;
const start = new Date('2026-12-01T02:00:00.000Z');
const clock = fixedClock(start);
const inDays = (d: number) => new Date(start.getTime() + d * DAY).toISOString();
const log = createLogger('silent');

let env: TestEnv;
let t: TestTenant;
let owner: Session;
let advisor: Session;
const people: Record<string, { s: Session; id: string }> = {};

async function person(phone: string) {
  const s = await signInCustomer(env, t, phone);
  const me = await env.app.inject({ url: '/api/v1/app/me', headers: s.headers });
  return { s, id: me.json().customer.id as string };
}

const inT = <T>(fn: (ctx: Ctx) => Promise<T>) => env.inTenant(t.id, fn);
const staff = (s: Session, method: string, url: string, payload?: object) =>
  env.app.inject({
    method: method as 'GET',
    url: `/api/v1/staff/magazine${url}`,
    headers: s.headers,
    ...(payload ? { payload } : {}),
  });
const app = (who: string, method: string, url: string, payload?: object) =>
  env.app.inject({
    method: method as 'GET',
    url: `/api/v1/app/magazine${url}`,
    headers: people[who]!.s.headers,
    ...(payload ? { payload } : {}),
  });

async function photoOf(who: string, seed = 1): Promise<string> {
  const bytes = await demoPicture(seed, 320, 240);
  return inT(
    async (ctx) => (await saveImage(ctx, bytes, { customerId: people[who]!.id }, 'magazine')).id,
  );
}

async function points(who: string): Promise<number> {
  const res = await env.app.inject({
    url: '/api/v1/app/me/loyalty',
    headers: people[who]!.s.headers,
  });
  return res.json().points.available as number;
}

async function queueItem(subjectId: string) {
  const res = await env.app.inject({
    url: '/api/v1/staff/moderation/queue?kind=magazine_contribution',
    headers: owner.headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { subjectId: string; reasons: string[] }[]).find(
    (i) => i.subjectId === subjectId,
  );
}

let issueId: string;
let sectionIds: string[];
let callId: string;

beforeAll(async () => {
  env = await createTestEnv({ clock });
  t = await env.createTenant();
  owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
  advisor = await signInStaff(env.app, t.slug, t.staff.advisor.login);
  for (const [i, name] of ['a', 'b', 'c', 'd', 'e'].entries())
    people[name] = await person(`1371234000${i}`);
  const created = await staff(owner, 'POST', '/issues', {
    title: '《留客车友》<b>冬季刊</b>',
    summary: '冬日故事<script>alert(1)</script>',
  });
  expect(created.statusCode, created.body).toBe(201);
  issueId = created.json().id;
  expect(created.json()).toMatchObject({
    title: '《留客车友》冬季刊',
    summary: '冬日故事',
    status: 'draft',
  });
  for (const title of ['封面故事', '读者来稿'])
    await staff(owner, 'POST', `/issues/${issueId}/sections`, { title });
  const issue = (await staff(owner, 'GET', `/issues/${issueId}`)).json();
  sectionIds = issue.sections.map((s: { id: string }) => s.id);
  const call = await staff(owner, 'POST', '/calls', {
    theme: '我的冬季自驾',
    deadline: inDays(10),
    sectionId: sectionIds[1],
    points: 200,
  });
  expect(call.statusCode, call.body).toBe(201);
  callId = call.json().id;
}, 120_000);
afterAll(() => env?.close());

describe('magazine: staff edit issues', () => {
  it('adds a page with its rich text sanitised and reorders, advisors may only read', async () => {
    const res = await staff(owner, 'POST', `/issues/${issueId}/pages`, {
      sectionId: sectionIds[0],
      title: '一起过个暖冬',
      bodyHtml:
        '<p onclick="x()">暖冬<script>alert(1)</script><a href="javascript:alert(1)">链接</a></p>',
      layout: 'cover',
    });
    expect(res.statusCode, res.body).toBe(201);
    const page = res.json().sections[0].pages[0];
    expect(page.bodyHtml).toBe(
      '<p>暖冬<a rel="noopener noreferrer nofollow" target="_blank">链接</a></p>',
    );
    const second = await staff(owner, 'POST', `/issues/${issueId}/pages`, {
      sectionId: sectionIds[0],
      title: '编者按',
      bodyHtml: '<p>编者的话</p>',
    });
    const pages = second.json().sections[0].pages.map((p: { id: string }) => p.id);
    const reordered = await staff(owner, 'PUT', `/issues/${issueId}/order`, {
      sections: [
        { id: sectionIds[0], pageIds: [pages[1], pages[0]] },
        { id: sectionIds[1], pageIds: [] },
      ],
    });
    expect(reordered.statusCode, reordered.body).toBe(200);
    expect(reordered.json().sections[0].pages.map((p: { title: string }) => p.title)).toEqual([
      '编者按',
      '一起过个暖冬',
    ]);
    const bad = await staff(owner, 'PUT', `/issues/${issueId}/order`, {
      sections: [{ id: sectionIds[0], pageIds: [pages[0]] }],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('MAGAZINE_ORDER_INVALID');
    expect(
      (await staff(advisor, 'POST', `/issues/${issueId}/sections`, { title: 'x' })).statusCode,
    ).toBe(403);
    expect((await staff(advisor, 'GET', `/issues/${issueId}`)).statusCode).toBe(200);
  });

  it('refuses another owner’s photo on a page and keeps a draft out of the app', async () => {
    const foreign = await photoOf('a');
    const res = await staff(owner, 'POST', `/issues/${issueId}/pages`, {
      sectionId: sectionIds[0],
      title: '照片',
      imageIds: [foreign],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'MEDIA_NOT_FOUND', field: 'imageIds.0' });
    expect((await app('a', 'GET', `/issues/${issueId}`)).statusCode).toBe(404);
    expect((await app('a', 'GET', '/latest')).json().error.code).toBe('MAGAZINE_NONE');
  });
});

describe('magazine: contributions', () => {
  let contributionId: string;

  it('an owner contributes text and photos; it waits in moderation’s queue', async () => {
    const calls = (await app('a', 'GET', '/calls')).json().items;
    expect(calls.map((c: { id: string }) => c.id)).toContain(callId);
    const photo = await photoOf('a', 2);
    const res = await app('a', 'POST', `/calls/${callId}/contributions`, {
      title: '雪后的<i>千岛湖</i>',
      text: '十二月初<script>x</script>开车去了千岛湖。\n湖边的雾很美。',
      imageIds: [photo],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      title: '雪后的千岛湖',
      text: '十二月初开车去了千岛湖。\n湖边的雾很美。',
      status: 'pending',
    });
    contributionId = res.json().id;
    expect(await queueItem(contributionId)).toMatchObject({ reasons: ['image'] });
    const mine = (await app('a', 'GET', '/contributions')).json().items;
    expect(mine[0]).toMatchObject({ id: contributionId, status: 'pending' });
  });

  it('refuses bad input with a code and a field', async () => {
    const cases: [object, number, string, string | undefined][] = [
      [{ text: '字'.repeat(2001) }, 400, 'MAGAZINE_TEXT_TOO_LONG', 'text'],
      [{ text: '<b></b>' }, 400, 'MAGAZINE_TEXT_EMPTY', 'text'],
      [
        { text: '照片太多', imageIds: Array.from({ length: 10 }, () => crypto.randomUUID()) },
        400,
        'MAGAZINE_TOO_MANY_PHOTOS',
        'imageIds',
      ],
      [
        { text: '别人的照片', imageIds: [await photoOf('b')] },
        422,
        'MEDIA_NOT_FOUND',
        'imageIds.0',
      ],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await app('a', 'POST', `/calls/${callId}/contributions`, body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error).toMatchObject({ code, ...(field ? { field } : {}) });
    }
  });

  it('refuses a closed or expired call', async () => {
    const closed = await staff(owner, 'POST', '/calls', {
      theme: '已结束',
      deadline: inDays(-1),
      sectionId: sectionIds[1],
    });
    const res = await app('b', 'POST', `/calls/${closed.json().id}/contributions`, {
      text: '晚了',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'MAGAZINE_CALL_CLOSED', field: 'callId' });
    const other = await staff(owner, 'POST', '/calls', {
      theme: '关闭的',
      deadline: inDays(5),
      sectionId: sectionIds[1],
    });
    await staff(owner, 'PATCH', `/calls/${other.json().id}`, { status: 'closed' });
    const res2 = await app('b', 'POST', `/calls/${other.json().id}/contributions`, {
      text: '关了',
    });
    expect(res2.json().error.code).toBe('MAGAZINE_CALL_CLOSED');
  });

  it('a muted owner is refused; a keyword is named in the queue', async () => {
    const mute = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/moderation/mutes',
      headers: owner.headers,
      payload: { customerId: people.c!.id, days: 7, reason: '广告' },
    });
    expect(mute.statusCode, mute.body).toBe(201);
    const muted = await app('c', 'POST', `/calls/${callId}/contributions`, { text: '我的故事' });
    expect(muted.statusCode).toBe(403);
    expect(muted.json().error.code).toBe('MEMBER_MUTED');

    const kw = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/moderation/keywords',
      headers: owner.headers,
      payload: { word: '加微信' },
    });
    expect(kw.statusCode, kw.body).toBe(201);
    const held = await app('d', 'POST', `/calls/${callId}/contributions`, { text: '详情加 微 信' });
    expect(held.statusCode).toBe(201);
    expect(await queueItem(held.json().id)).toMatchObject({ reasons: ['keyword'] });
  });

  it('rejects with a reason (closing the queue item); approving through moderation accepts', async () => {
    const c = await app('b', 'POST', `/calls/${callId}/contributions`, { text: '一次普通的保养' });
    const id = c.json().id;
    const noReason = await staff(owner, 'POST', `/contributions/${id}/reject`, { reason: ' ' });
    expect(noReason.json().error).toMatchObject({
      code: 'MODERATION_REASON_REQUIRED',
      field: 'reason',
    });
    const rejected = await staff(owner, 'POST', `/contributions/${id}/reject`, {
      reason: '与主题无关',
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectReason: '与主题无关' });
    expect(await queueItem(id)).toBeUndefined();
    const mine = (await app('b', 'GET', '/contributions')).json().items;
    expect(mine.find((x: { id: string }) => x.id === id)).toMatchObject({
      status: 'rejected',
      rejectReason: '与主题无关',
    });
    const place = await staff(owner, 'POST', `/contributions/${id}/place`, {});
    expect(place.json().error.code).toBe('MAGAZINE_CONTRIBUTION_STATUS');
    // The moderation console's approve accepts it after all.
    const decided = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/moderation/decisions',
      headers: owner.headers,
      payload: { kind: 'magazine_contribution', subjectId: id, action: 'approve' },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const after = (
      await staff(owner, 'GET', `/contributions?callId=${callId}&status=accepted`)
    ).json();
    expect(after.items.map((x: { id: string }) => x.id)).toContain(id);
  });

  it('approve → place → publish credits the author once; publishing again pays nothing', async () => {
    const approved = await staff(owner, 'POST', `/contributions/${contributionId}/approve`);
    expect(approved.json()).toMatchObject({ status: 'accepted' });
    expect(await queueItem(contributionId)).toBeUndefined();
    const placed = await staff(owner, 'POST', `/contributions/${contributionId}/place`, {});
    expect(placed.json()).toMatchObject({ status: 'placed', issueId });
    const again = await staff(owner, 'POST', `/contributions/${contributionId}/place`, {});
    expect(again.json().error.code).toBe('MAGAZINE_CONTRIBUTION_STATUS');

    const before = await points('a');
    const published = await staff(owner, 'POST', `/issues/${issueId}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ credited: 1, pointsGranted: 200 });
    expect(await points('a')).toBe(before + 200);

    const reader = (await app('e', 'GET', `/issues/${issueId}`)).json();
    const page = reader.sections[1].pages[0];
    expect(page).toMatchObject({
      title: '雪后的千岛湖',
      bodyHtml: '<p>十二月初开车去了千岛湖。</p><p>湖边的雾很美。</p>',
      layout: 'photo_story',
      credit: { customerId: people.a!.id, label: '读者投稿' },
    });
    expect(page.images).toHaveLength(1);

    const twice = await staff(owner, 'POST', `/issues/${issueId}/publish`);
    expect(twice.json().error.code).toBe('MAGAZINE_STATUS_INVALID');
    await staff(owner, 'POST', `/issues/${issueId}/archive`);
    expect((await app('e', 'GET', `/issues/${issueId}`)).statusCode).toBe(404);
    const republished = await staff(owner, 'POST', `/issues/${issueId}/publish`);
    expect(republished.json()).toMatchObject({ credited: 0, pointsGranted: 0 });
    expect(await points('a')).toBe(before + 200);
    const [ledger] = await queryRows<{ n: number }>(
      env.database.adminDb,
      sql`select count(*)::int as n from ledger_transfers where idempotency_key = ${contributionKey(contributionId)}`,
    );
    expect(ledger!.n).toBe(1);
    const [inbox] = await queryRows<{ n: number }>(
      env.database.adminDb,
      sql`select count(*)::int as n from message_intents
          where template_key = 'magazine.contribution.published' and customer_id = ${people.a!.id}::uuid`,
    );
    expect(inbox!.n).toBe(1);
    const mine = (await app('a', 'GET', '/contributions')).json().items;
    expect(mine.find((x: { id: string }) => x.id === contributionId)).toMatchObject({
      status: 'published',
      pointsGranted: 200,
    });
    const latest = (await app('a', 'GET', '/latest')).json();
    expect(latest).toMatchObject({ id: issueId, openCalls: 1 });
  });

  it('placed into a published issue, a contribution is credited at once', async () => {
    const c = await app('e', 'POST', `/calls/${callId}/contributions`, {
      text: '第一次自己换雨刮',
    });
    const id = c.json().id;
    await staff(owner, 'POST', `/contributions/${id}/approve`);
    const before = await points('e');
    const placed = await staff(owner, 'POST', `/contributions/${id}/place`, {});
    expect(placed.json()).toMatchObject({ status: 'published', pointsGranted: 200 });
    expect(await points('e')).toBe(before + 200);
  });
});

describe('magazine: subscribers', () => {
  it('tells each subscriber of an issue once, and messaging respects marketing consent', async () => {
    expect((await app('a', 'PUT', '/subscription')).json()).toEqual({ subscribed: true });
    expect((await app('a', 'PUT', '/subscription')).json()).toEqual({ subscribed: true });
    await app('b', 'PUT', '/subscription');
    expect((await app('e', 'DELETE', '/subscription')).json().error.code).toBe(
      'MAGAZINE_NOT_SUBSCRIBED',
    );
    await inT((ctx) =>
      recordConsents(
        ctx,
        people.a!.id,
        [{ channel: 'sms', purpose: 'marketing', granted: true }],
        'staff',
      ),
    );
    const spring = await staff(owner, 'POST', '/issues', { title: '春季刊' });
    const springId = spring.json().id;
    const draftAnnounce = await staff(owner, 'POST', `/issues/${springId}/announce`);
    expect(draftAnnounce.json().error).toMatchObject({
      code: 'MAGAZINE_STATUS_INVALID',
      field: 'issueId',
    });
    expect((await staff(owner, 'POST', `/issues/${springId}/publish`)).json().error.code).toBe(
      'MAGAZINE_ISSUE_EMPTY',
    );
    const s = (
      await staff(owner, 'POST', `/issues/${springId}/sections`, { title: '开春' })
    ).json();
    await staff(owner, 'POST', `/issues/${springId}/pages`, {
      sectionId: s.sections[0].id,
      title: '开春保养',
    });
    const published = await staff(owner, 'POST', `/issues/${springId}/publish`);
    expect(published.json().announced).toBe(2);
    expect((await staff(owner, 'POST', `/issues/${springId}/announce`)).json()).toEqual({
      announced: 0,
    });
    await drainMessages({ adminDb: env.database.adminDb, log, clock, onlyTenants: [t.id] });
    const intents = await queryRows<{ customer_id: string; status: string; reason: string | null }>(
      env.database.adminDb,
      sql`select customer_id, status, reason from message_intents
          where template_key = 'magazine.issue.published' and source_id = ${springId}`,
    );
    expect(intents).toHaveLength(2);
    const byCustomer = new Map(intents.map((i) => [i.customer_id, i]));
    expect(byCustomer.get(people.a!.id)?.status).not.toBe('suppressed');
    expect(byCustomer.get(people.b!.id)).toMatchObject({
      status: 'suppressed',
      reason: 'no_consent',
    });
    const list = (await staff(owner, 'GET', '/issues')).json();
    expect(list.subscribers).toBe(2);
  });
});

describe('magazine: content tags', () => {
  it('knows published issues (no tags yet) and leaves drafts, unknown ids and other types out', async () => {
    const draft = (await staff(owner, 'POST', '/issues', { title: '草稿' })).json().id as string;
    const tags = await inT((ctx) =>
      magazineContentTags(ctx, [
        { type: 'magazine_issue', id: issueId },
        { type: 'magazine_issue', id: draft },
        { type: 'magazine_issue', id: 'not-a-uuid' },
        { type: 'article', id: issueId },
      ]),
    );
    expect([...tags]).toEqual([[`magazine_issue:${issueId}`, []]]);
  });
});
