// The help center over HTTP: staff keep categories, entries and synonyms (owner and manager
// write, the team reads), owners read published entries, search them in Chinese and English
// and vote; bad input answers 4xx with a field; another tenant sees none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestEnv,
  signInCustomer,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { seedDemoHelp } from './demo.ts';
import { searchHelp } from './help-read.ts';

let env: TestEnv;
let tenant: TestTenant;
let other: TestTenant;
let owner: Session;
let manager: Session;
let technician: Session;
let carOwner: Session;
let otherOwner: Session;

beforeAll(async () => {
  env = await createTestEnv({ config: { logLevel: 'error' } });
  tenant = await env.createTenant();
  other = await env.createTenant();
  await env.inTenant(tenant.id, (ctx) => seedDemoHelp(ctx, { customerIds: [] }));
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  manager = await signInStaff(env.app, tenant.slug, tenant.staff.manager.login);
  technician = await signInStaff(env.app, tenant.slug, tenant.staff.technician.login);
  carOwner = await signInCustomer(env, tenant, '13900001111');
  otherOwner = await signInStaff(env.app, other.slug, other.staff.owner.login);
});
afterAll(() => env.close());

const call = (s: Session, method: string, url: string, payload?: unknown) =>
  env.app.inject({
    method: method as 'GET',
    url,
    headers: s.headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

describe('staff keep the FAQ', () => {
  it('creates a category, refuses a duplicate name, reorders and deletes it when empty', async () => {
    const made = await call(owner, 'POST', '/api/v1/staff/help/categories', {
      nameZh: '新能源车',
      nameEn: 'Electric cars',
      position: 9,
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as string;
    const dup = await call(manager, 'POST', '/api/v1/staff/help/categories', {
      nameZh: ' 新能源车 ',
    });
    expect(dup.statusCode, dup.body).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'HELP_CATEGORY_NAME_TAKEN', field: 'nameZh' });

    const entry = await call(owner, 'POST', '/api/v1/staff/help/entries', {
      categoryId: id,
      questionZh: '电动车充电桩怎么用？',
      answerZh: '扫码即可充电，按度数计费。',
      status: 'published',
    });
    expect(entry.statusCode, entry.body).toBe(201);
    const busy = await call(owner, 'DELETE', `/api/v1/staff/help/categories/${id}`);
    expect(busy.statusCode, busy.body).toBe(409);
    expect(busy.json().error.code).toBe('HELP_CATEGORY_NOT_EMPTY');

    expect(
      (await call(owner, 'DELETE', `/api/v1/staff/help/entries/${entry.json().id}`)).statusCode,
    ).toBe(204);
    expect((await call(owner, 'DELETE', `/api/v1/staff/help/categories/${id}`)).statusCode).toBe(
      204,
    );
    // An entry into the category just deleted is refused on its field.
    const orphan = await call(owner, 'POST', '/api/v1/staff/help/entries', {
      categoryId: id,
      questionZh: '问题',
      answerZh: '答案',
    });
    expect(orphan.statusCode).toBe(422);
    expect(orphan.json().error).toMatchObject({
      code: 'HELP_CATEGORY_UNKNOWN',
      field: 'categoryId',
    });
  });

  it('needs the English question and answer together', async () => {
    const res = await call(owner, 'POST', '/api/v1/staff/help/entries', {
      questionZh: '问题',
      answerZh: '答案',
      questionEn: 'A question without an answer',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'HELP_ENTRY_TEXT_INCOMPLETE',
      field: 'answerEn',
    });
  });

  it('lets the team read but only the owner and managers write', async () => {
    const list = await call(technician, 'GET', '/api/v1/staff/help/entries');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.length).toBeGreaterThanOrEqual(50);
    const write = await call(technician, 'POST', '/api/v1/staff/help/categories', {
      nameZh: '技师',
    });
    expect(write.statusCode).toBe(403);
  });

  it('keeps synonym groups: two terms at least, a term in one group only, used by search', async () => {
    const few = await call(owner, 'POST', '/api/v1/staff/help/synonyms', {
      terms: ['洗车', ' 洗车 '],
    });
    expect(few.json().error.code).toBe('HELP_SYNONYM_TOO_FEW');
    const taken = await call(owner, 'POST', '/api/v1/staff/help/synonyms', {
      terms: ['机油', '机器'],
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'HELP_SYNONYM_TERM_TAKEN', field: 'terms.0' });

    const before = await call(
      owner,
      'GET',
      `/api/v1/staff/help/search?q=${encodeURIComponent('搓澡')}`,
    );
    expect(before.json().hits.map((h: { question: string }) => h.question)).not.toContain(
      '洗车和打蜡怎么收费？',
    );
    const made = await call(owner, 'POST', '/api/v1/staff/help/synonyms', {
      terms: ['洗车', '搓澡'],
    });
    expect(made.statusCode, made.body).toBe(201);
    const after = await call(
      owner,
      'GET',
      `/api/v1/staff/help/search?q=${encodeURIComponent('搓澡')}`,
    );
    expect(after.json().hits[0].question).toBe('洗车和打蜡怎么收费？');
    expect(after.json().hits[0].score).toBeGreaterThan(0);
  });

  it('finds an edited entry at once, and no longer a draft', async () => {
    const list = (await call(owner, 'GET', '/api/v1/staff/help/entries')).json().items as {
      id: string;
      questionZh: string;
    }[];
    const wipers = list.find((e) => e.questionZh.startsWith('雨刮器'))!;
    const entry = (await call(owner, 'GET', `/api/v1/staff/help/entries/${wipers.id}`)).json();
    const { id: _id, helpfulYes: _y, helpfulNo: _n, updatedAt: _u, ...body } = entry;
    const q = `/api/v1/staff/help/search?q=${encodeURIComponent('雨刮器刮不干净')}`;
    expect((await call(owner, 'GET', q)).json().hits[0].entryId).toBe(wipers.id);
    const draft = await call(owner, 'PUT', `/api/v1/staff/help/entries/${wipers.id}`, {
      ...body,
      status: 'draft',
    });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(
      (await call(owner, 'GET', q)).json().hits.map((h: { entryId: string }) => h.entryId),
    ).not.toContain(wipers.id);
    await call(owner, 'PUT', `/api/v1/staff/help/entries/${wipers.id}`, {
      ...body,
      status: 'published',
    });
  });
});

describe('owners read, search and vote', () => {
  it('lists categories with published entries and opens one in their language', async () => {
    const home = await call(carOwner, 'GET', '/api/v1/app/help');
    expect(home.statusCode).toBe(200);
    const cats = home.json().categories as {
      name: string;
      entries: { id: string; question: string }[];
    }[];
    expect(cats[0]!.name).toBe('门店与预约');
    const all = cats.flatMap((c) => c.entries.map((e) => e.question));
    expect(all).toContain('多久换一次机油？');
    expect(all).not.toContain('维修费用可以分期付款吗？'); // a draft
    const id = cats[0]!.entries[0]!.id;
    const en = await env.app.inject({
      method: 'GET',
      url: `/api/v1/app/help/entries/${id}`,
      headers: { ...carOwner.headers, 'accept-language': 'en' },
    });
    expect(en.json()).toMatchObject({ question: 'What are your opening hours?', myVote: null });
  });

  it('searches Chinese (traditional, typos) and English, best first', async () => {
    const zh = await call(
      carOwner,
      'GET',
      `/api/v1/app/help/search?q=${encodeURIComponent('機油多久換')}`,
    );
    expect(zh.statusCode).toBe(200);
    expect(zh.json().hits[0].question).toBe('多久换一次机油？');
    const en = await call(
      carOwner,
      'GET',
      '/api/v1/app/help/search?q=are%20my%20tyres%20too%20old%20to%20use&language=en',
    );
    expect(en.json().hits[0].question).toBe('When should I replace my tyres?');
  });

  it('answers an empty query with no hits and refuses a 10,000-character one on q', async () => {
    const empty = await call(carOwner, 'GET', '/api/v1/app/help/search?q=%20%20');
    expect(empty.json()).toEqual({ hits: [] });
    const long = await call(carOwner, 'GET', `/api/v1/app/help/search?q=${'机'.repeat(10_000)}`);
    expect(long.statusCode).toBe(400);
    expect(long.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'q' });
    const foreign = await call(
      carOwner,
      'GET',
      `/api/v1/app/help/search?q=${encodeURIComponent('Моторное масло エンジン')}`,
    );
    expect(foreign.statusCode).toBe(200);
  });

  it('records one changeable vote per owner, counted in the console', async () => {
    const home = (await call(carOwner, 'GET', '/api/v1/app/help')).json();
    const id = home.categories[1].entries[0].id as string;
    const url = `/api/v1/app/help/entries/${id}/vote`;
    expect((await call(carOwner, 'PUT', url, { helpful: false })).statusCode).toBe(204);
    expect((await call(carOwner, 'PUT', url, { helpful: true })).statusCode).toBe(204);
    expect((await call(carOwner, 'GET', `/api/v1/app/help/entries/${id}`)).json().myVote).toBe(
      true,
    );
    const staff = (await call(owner, 'GET', `/api/v1/staff/help/entries/${id}`)).json();
    expect(staff).toMatchObject({ helpfulYes: 1, helpfulNo: 0 });
  });

  it('moves a merged duplicate’s votes to the survivor, whose own vote stands', async () => {
    const home = (await call(carOwner, 'GET', '/api/v1/app/help')).json();
    const [a, b] = home.categories[0].entries.map((e: { id: string }) => e.id) as string[];
    const dup = await signInCustomer(env, tenant, '13900002222');
    const vote = (who: Session, id: string, helpful: boolean) =>
      call(who, 'PUT', `/api/v1/app/help/entries/${id}/vote`, { helpful });
    expect((await vote(carOwner, a!, true)).statusCode).toBe(204);
    expect((await vote(dup, a!, false)).statusCode).toBe(204);
    expect((await vote(dup, b!, false)).statusCode).toBe(204);
    const ids = (await call(owner, 'GET', '/api/v1/staff/customers?q=1390000')).json().items as {
      id: string;
      phone: string;
    }[];
    const survivor = ids.find((c) => c.phone.endsWith('1111'))!.id;
    const duplicate = ids.find((c) => c.phone.endsWith('2222'))!.id;
    const merged = await call(owner, 'POST', `/api/v1/staff/customers/${survivor}/merge`, {
      duplicateId: duplicate,
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const mine = (id: string) =>
      call(carOwner, 'GET', `/api/v1/app/help/entries/${id}`).then((r) => r.json().myVote);
    expect(await mine(a!)).toBe(true);
    expect(await mine(b!)).toBe(false);
    const counts = (await call(owner, 'GET', `/api/v1/staff/help/entries/${a}`)).json();
    expect(counts).toMatchObject({ helpfulYes: 1, helpfulNo: 0 });
  });

  it('answers the assistant through searchHelp', async () => {
    const { hits } = await env.inTenant(tenant.id, (ctx) =>
      searchHelp(ctx, { query: '你们几点开门', language: 'zh-CN', limit: 3 }),
    );
    expect(hits[0]).toMatchObject({ question: '门店营业时间是几点到几点？' });
    expect(hits.length).toBeLessThanOrEqual(3);
    const none = await env.inTenant(tenant.id, (ctx) =>
      searchHelp(ctx, { query: '今天天气怎么样', language: 'zh-CN' }),
    );
    expect(none.hits).toEqual([]);
  });
});

describe('tenants', () => {
  it("never see another tenant's FAQ", async () => {
    const list = await call(otherOwner, 'GET', '/api/v1/staff/help/entries');
    expect(list.json().items).toEqual([]);
    const search = await call(
      otherOwner,
      'GET',
      `/api/v1/staff/help/search?q=${encodeURIComponent('机油')}`,
    );
    expect(search.json().hits).toEqual([]);
  });
});
