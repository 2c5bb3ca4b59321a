import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../kernel/clock.ts';
import { createLogger } from '../../kernel/logger.ts';
import {
  createTestEnv,
  signInCustomer,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { checkInvariants, completedOrder, pay, summary } from '../loyalty/testing/helpers.ts';
import { drainMessages, sendToAddress, sendToCustomer } from '../messaging/index.ts';
import { PRIVACY_POLICY_VERSION } from './index.ts';

// Wednesday 2026-12-02, 10:00 in Asia/Shanghai.
const clock = fixedClock(new Date('2026-12-02T02:00:00Z'));
const log = createLogger('silent');
let env: TestEnv;
let tenant: TestTenant;
let other: TestTenant;
let owner: Session;
let manager: Session;
let advisor: Session;
let technician: Session;

const PHONE = '13800000001';
const OTHER_PHONE = '13800000002';

interface Person {
  session: Session;
  customerId: string;
  vehicleId: string;
  plate: string;
  orderId: string;
}
let me: Person;
let neighbour: Person;
let elsewhere: Session;

const call = (
  s: Session,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  url: string,
  payload?: object,
) => env.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

async function person(phone: string, plate: string, note: string): Promise<Person> {
  const session = await signInCustomer(env, tenant, phone);
  const customerId = (await call(session, 'GET', '/api/v1/app/me')).json().customer.id as string;
  const car = await call(advisor, 'POST', `/api/v1/staff/customers/${customerId}/vehicles`, {
    plate,
    make: '丰田',
  });
  expect(car.statusCode, car.body).toBe(201);
  const vehicleId = car.json().id as string;
  const orderId = await completedOrder(env, tenant, advisor, { customerId, vehicleId }, [
    { category: 'oil_change', unitPriceFen: 38_000 },
  ]);
  await env.database.adminDb.execute(
    sql`update service_orders set notes = ${note} where id = ${orderId}::uuid`,
  );
  const paid = await pay(env, advisor, orderId, { paidFen: 38_000 });
  expect(paid.statusCode, paid.body).toBe(200);
  const chat = await call(session, 'POST', '/api/v1/app/me/conversation/messages', {
    body: `我的车牌是${plate}，请回电`,
  });
  expect(chat.statusCode, chat.body).toBe(201);
  return { session, customerId, vehicleId, plate, orderId };
}

beforeAll(async () => {
  env = await createTestEnv({ clock });
  tenant = await env.createTenant();
  other = await env.createTenant();
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  manager = await signInStaff(env.app, tenant.slug, tenant.staff.manager.login);
  advisor = await signInStaff(env.app, tenant.slug, tenant.staff.advisor.login);
  technician = await signInStaff(env.app, tenant.slug, tenant.staff.technician.login);
  me = await person(PHONE, '粤A12345', '车主王先生说左前轮异响');
  neighbour = await person(OTHER_PHONE, '粤B67890', '李女士的车');
  // The same phone at another business is another customer of another controller.
  elsewhere = await signInCustomer(env, other, PHONE);
}, 60_000);
afterAll(() => env.close());

describe('my data (copy)', () => {
  it('has every section, with my data only', async () => {
    const res = await call(me.session, 'GET', '/api/v1/app/me/data');
    expect(res.statusCode, res.body).toBe(200);
    const data = res.json();
    for (const section of [
      'profile',
      'consents',
      'personalisation',
      'cars',
      'carOwnerships',
      'serviceHistory',
      'declinedRecommendations',
      'appointments',
      'loyalty',
      'coupons',
      'messages',
      'referrals',
      'events',
      'dataRequests',
    ])
      expect(data, section).toHaveProperty(section);
    expect(data.profile.phone).toBe('+8613800000001');
    expect(data.consents.history.length).toBeGreaterThan(0);
    expect(data.cars.map((c: { plate: string }) => c.plate)).toEqual(['粤A12345']);
    expect(data.serviceHistory).toHaveLength(1);
    expect(data.serviceHistory[0]).toMatchObject({ totalFen: 38_000, status: 'paid' });
    expect(data.serviceHistory[0].items[0]).toMatchObject({ category: 'oil_change' });
    expect(data.loyalty.statement.length).toBeGreaterThan(0);
    expect(data.messages.conversation[0].body).toContain('粤A12345');
    // The sign-in code went to an address, not to the customer: it is not a customer message.
    expect(Array.isArray(data.messages.sent)).toBe(true);
    const text = res.body;
    expect(text).not.toContain('13800000002');
    expect(text).not.toContain('粤B67890');
    expect(text).not.toContain('李女士');
    expect(text).not.toContain(neighbour.customerId);
  });

  it('downloads as a JSON file, recorded as an answered copy request', async () => {
    const res = await call(me.session, 'GET', '/api/v1/app/me/data/download');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(
      /attachment; filename="my-data-2026-12-02\.json"/u,
    );
    expect(res.json().profile.memberNo).toBeTypeOf('number');
    const mine = (await call(me.session, 'GET', '/api/v1/app/me/data-requests')).json().items;
    expect(mine[0]).toMatchObject({
      kind: 'export',
      status: 'completed',
      resolution: 'self_service',
    });
  });

  it('is not served to staff roles below manager', async () => {
    const url = `/api/v1/staff/customers/${me.customerId}/data-export`;
    expect((await call(advisor, 'GET', url)).statusCode).toBe(403);
    const res = await call(manager, 'GET', url);
    expect(res.statusCode).toBe(200);
    expect(res.json().profile.phone).toBe('+8613800000001');
  });
});

describe('correction', () => {
  it('applies the owner’s corrections and audits before and after', async () => {
    const res = await call(me.session, 'PATCH', '/api/v1/app/me/profile', {
      name: '王小明',
      email: 'Wang@Example.com',
      address: '广州市天河区体育西路 1 号',
      birthday: '1990-05-06',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().changed.sort()).toEqual(['address', 'birthday', 'email', 'name']);
    const staffView = (
      await call(advisor, 'GET', `/api/v1/staff/customers/${me.customerId}`)
    ).json();
    expect(staffView).toMatchObject({
      name: '王小明',
      email: 'wang@example.com',
      address: '广州市天河区体育西路 1 号',
      birthday: '1990-05-06',
    });
    const audit = (
      await call(
        owner,
        'GET',
        `/api/v1/staff/audit-log?action=customer.corrected&entityId=${me.customerId}`,
      )
    ).json().items;
    expect(audit).toHaveLength(1);
    expect(audit[0].before).toMatchObject({ name: null, email: null });
    expect(audit[0].after).toMatchObject({ name: '王小明', email: 'wang@example.com' });
    expect(audit[0].actor).toMatchObject({ type: 'customer', id: me.customerId });
    // Nothing changed: no new request.
    const again = await call(me.session, 'PATCH', '/api/v1/app/me/profile', { name: '王小明' });
    expect(again.json().changed).toEqual([]);
    const kinds = (await call(me.session, 'GET', '/api/v1/app/me/data-requests'))
      .json()
      .items.map((r: { kind: string }) => r.kind);
    expect(kinds.filter((k: string) => k === 'correction')).toHaveLength(1);
  });

  it('refuses a bad e-mail with the field named', async () => {
    const res = await call(me.session, 'PATCH', '/api/v1/app/me/profile', { email: 'not-mail' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'email' });
  });
});

describe('personalised marketing off', () => {
  const segment = (filter: object) =>
    call(owner, 'POST', '/api/v1/staff/segments/preview', { filter });
  const ids = async (filter: object) => {
    const res = await segment(filter);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().sample as { id: string }[]).map((s) => s.id);
  };
  // Three ways a segment statement starts: customers, car owners, statistics.
  const filters = [
    { kind: 'rule', field: 'customer.source', op: 'in', value: ['app'] },
    { kind: 'rule', field: 'vehicle.make', op: 'in', value: ['丰田'] },
    { kind: 'rule', field: 'visit.count', op: 'gte', value: 1 },
  ];

  it('leaves the owner out of every segment, and the choice has a history', async () => {
    for (const f of filters) expect(await ids(f)).toContain(me.customerId);
    const off = await call(me.session, 'PUT', '/api/v1/app/me/personalisation', {
      personalisedMarketing: false,
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ personalisedMarketing: false });
    expect(off.json().history[0]).toMatchObject({ granted: false, method: 'app' });
    for (const f of filters) {
      const got = await ids(f);
      expect(got).not.toContain(me.customerId);
      expect(got).toContain(neighbour.customerId);
    }
    const on = await call(me.session, 'PUT', '/api/v1/app/me/personalisation', {
      personalisedMarketing: true,
    });
    expect(on.json().history.map((h: { granted: boolean }) => h.granted)).toEqual([true, false]);
    for (const f of filters) expect(await ids(f)).toContain(me.customerId);
    // Off again for the rest of the file: erasure must keep it off.
    await call(me.session, 'PUT', '/api/v1/app/me/personalisation', {
      personalisedMarketing: false,
    });
    const copy = (await call(me.session, 'GET', '/api/v1/app/me/data')).json();
    expect(copy.personalisation.personalisedMarketing).toBe(false);
    expect(copy.personalisation.history).toHaveLength(3);
  });
});

describe('deadline setting', () => {
  it('is the owner’s to change and sets the due date of new requests', async () => {
    expect((await call(manager, 'GET', '/api/v1/staff/privacy/settings')).json()).toEqual({
      deadlineWorkingDays: 15,
    });
    expect(
      (await call(manager, 'PUT', '/api/v1/staff/privacy/settings', { deadlineWorkingDays: 10 }))
        .statusCode,
    ).toBe(403);
    const bad = await call(owner, 'PUT', '/api/v1/staff/privacy/settings', {
      deadlineWorkingDays: 0,
    });
    expect(bad.statusCode).toBe(400);
    const res = await call(owner, 'PUT', '/api/v1/staff/privacy/settings', {
      deadlineWorkingDays: 10,
    });
    expect(res.json()).toEqual({ deadlineWorkingDays: 10 });
    const r = await call(
      advisor,
      'POST',
      `/api/v1/staff/customers/${neighbour.customerId}/data-requests`,
      {
        kind: 'correction',
        message: '电话里说车型登记错了',
      },
    );
    expect(r.statusCode, r.body).toBe(201);
    // Wednesday + 10 working days = the Wednesday two weeks later.
    expect(r.json()).toMatchObject({ dueOn: '2026-12-16', daysLeft: 14, channel: 'staff' });
    await call(owner, 'PUT', '/api/v1/staff/privacy/settings', { deadlineWorkingDays: 15 });
    const done = await call(
      manager,
      'POST',
      `/api/v1/staff/data-requests/${r.json().id}/complete`,
      {
        resolution: '已更正车型',
      },
    );
    expect(done.json()).toMatchObject({ status: 'completed', resolution: '已更正车型' });
    const twice = await call(
      manager,
      'POST',
      `/api/v1/staff/data-requests/${r.json().id}/complete`,
      {},
    );
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('DATA_REQUEST_NOT_OPEN');
  });
});

describe('deletion', () => {
  let requestId: string;
  let balancesBefore: unknown;

  it('is asked for in the app and listed for staff with its deadline', async () => {
    const res = await call(me.session, 'POST', '/api/v1/app/me/data-requests', {
      kind: 'deletion',
      message: '请删除我的个人信息',
    });
    expect(res.statusCode, res.body).toBe(201);
    // 15 working days from Wednesday 2026-12-02.
    expect(res.json()).toMatchObject({ kind: 'deletion', status: 'open', dueOn: '2026-12-23' });
    requestId = res.json().id;
    const dup = await call(me.session, 'POST', '/api/v1/app/me/data-requests', {
      kind: 'deletion',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DATA_REQUEST_ALREADY_OPEN');

    expect((await call(advisor, 'GET', '/api/v1/staff/data-requests')).statusCode).toBe(403);
    const list = (await call(manager, 'GET', '/api/v1/staff/data-requests?status=open')).json();
    const row = list.items.find((r: { id: string }) => r.id === requestId);
    expect(row).toMatchObject({
      kind: 'deletion',
      dueOn: '2026-12-23',
      daysLeft: 21,
      overdue: false,
      customer: { name: '王小明', phoneMasked: '138****0001', erased: false },
    });
    // The other tenant's staff never see it.
    const otherOwner = await signInStaff(env.app, other.slug, other.staff.owner.login);
    const theirs = (await call(otherOwner, 'GET', '/api/v1/staff/data-requests')).json();
    expect(theirs.items).toEqual([]);
    expect((await call(manager, 'GET', '/api/v1/staff/data-requests/due-count')).json()).toEqual({
      count: 0,
    });
  });

  it('erases: rows anonymised, amounts and ledger kept and balanced', async () => {
    balancesBefore = await summary(env, owner, me.customerId);
    await checkInvariants(env.database.adminDb, tenant.id);
    expect(
      (await call(advisor, 'POST', `/api/v1/staff/data-requests/${requestId}/erase`, {}))
        .statusCode,
    ).toBe(403);
    const res = await call(manager, 'POST', `/api/v1/staff/data-requests/${requestId}/erase`, {
      resolution: '已按要求删除',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'completed',
      customer: { name: null, erased: true },
    });

    const db = env.database.adminDb;
    const [c] = await queryRows<Record<string, unknown>>(
      db,
      sql`select name, phone, phone_digits, email, address, birthday, notes, erased_at from customers where id = ${me.customerId}::uuid`,
    );
    expect(c).toMatchObject({
      name: null,
      phone: `erased:${me.customerId}`,
      phone_digits: '',
      email: null,
      address: null,
      birthday: null,
      notes: null,
    });
    expect(c!.erased_at).not.toBeNull();
    const [car] = await queryRows<{ plate: string | null; vin: string | null; make: string }>(
      db,
      sql`select plate, vin, make from vehicles where id = ${me.vehicleId}::uuid`,
    );
    expect(car).toEqual({ plate: null, vin: null, make: '丰田' });
    const [order] = await queryRows<{ notes: string | null; total_fen: string; paid_fen: string }>(
      db,
      sql`select notes, total_fen, paid_fen from service_orders where id = ${me.orderId}::uuid`,
    );
    expect(order!.notes).toBeNull();
    expect(Number(order!.total_fen)).toBe(38_000);
    expect(Number(order!.paid_fen)).toBe(38_000);
    const chats = await queryRows<{ body: string }>(
      db,
      sql`select m.body from conversation_messages m join conversations c on c.tenant_id = m.tenant_id and c.id = m.conversation_id
          where c.customer_id = ${me.customerId}::uuid`,
    );
    expect(chats.length).toBeGreaterThan(0);
    for (const m of chats) expect(m.body).toBe('');
    const leftovers = await queryRows<{ n: number }>(
      db,
      sql`select (select count(*) from recorded_messages where tenant_id = ${tenant.id}::uuid and recipient = '+8613800000001')::int
           + (select count(*) from message_intents where tenant_id = ${tenant.id}::uuid and to_address = '+8613800000001')::int
           + (select count(*) from message_deliveries where tenant_id = ${tenant.id}::uuid and address = '+8613800000001')::int
           + (select count(*) from sessions where tenant_id = ${tenant.id}::uuid and subject_id = ${me.customerId}::uuid)::int as n`,
    );
    expect(leftovers[0]!.n).toBe(0);
    // The neighbour and the other business keep theirs.
    const kept = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from customers
          where tenant_id in (${tenant.id}::uuid, ${other.id}::uuid) and phone in ('+8613800000002', '+8613800000001')`,
    );
    expect(kept[0]!.n).toBe(2);

    // Amounts stay, the ledger still balances.
    const after = await summary(env, owner, me.customerId);
    expect(after).toEqual(balancesBefore);
    await checkInvariants(env.database.adminDb, tenant.id);

    // Audit: the erasure is recorded without personal data.
    const audit = (
      await call(
        owner,
        'GET',
        `/api/v1/staff/audit-log?action=customer.erased&entityId=${me.customerId}`,
      )
    ).json().items;
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).not.toContain('13800000001');
  });

  it('cannot sign in again, and the old session is gone', async () => {
    expect((await call(me.session, 'GET', '/api/v1/app/me')).statusCode).toBe(401);
    const code = await env.app.inject({
      method: 'POST',
      url: '/api/v1/app/auth/code',
      payload: { tenant: tenant.slug, phone: PHONE, privacyPolicyVersion: PRIVACY_POLICY_VERSION },
    });
    expect(code.statusCode).toBe(403);
    expect(code.json().error).toMatchObject({ code: 'CUSTOMER_ERASED', field: 'phone' });
    const signIn = await env.app.inject({
      method: 'POST',
      url: '/api/v1/app/auth/sign-in',
      payload: {
        tenant: tenant.slug,
        phone: PHONE,
        code: '123456',
        privacyPolicyVersion: PRIVACY_POLICY_VERSION,
      },
    });
    expect(signIn.statusCode).toBe(403);
    // Another business's customer with the same phone is not affected.
    expect((await call(elsewhere, 'GET', '/api/v1/app/me')).statusCode).toBe(200);
  });

  it('is never messaged again, whatever the purpose', async () => {
    const intentId = await env.inTenant(
      tenant.id,
      async (ctx) =>
        (
          await sendToCustomer(ctx, {
            customerId: me.customerId,
            templateKey: 'service.message',
            data: { message: { text: '您的车已修好' } },
            dedupeKey: 'after-erasure',
            priority: 'transactional',
            purpose: 'transactional',
          })
        ).intentId,
    );
    await drainMessages({ adminDb: env.database.adminDb, log, clock, onlyTenants: [tenant.id] });
    const [intent] = await queryRows<{ status: string; reason: string }>(
      env.database.adminDb,
      sql`select status, reason from message_intents where id = ${intentId}::uuid`,
    );
    expect(intent).toEqual({ status: 'suppressed', reason: 'customer_erased' });
    const sent = await queryRows<{ n: number }>(
      env.database.adminDb,
      sql`select count(*)::int as n from message_deliveries where intent_id = ${intentId}::uuid and status <> 'suppressed'`,
    );
    expect(sent[0]!.n).toBe(0);

    // Nor by their phone number as a bare address (the dev recorder would record it at once).
    const byAddress = await env.inTenant(
      tenant.id,
      async (ctx) =>
        (
          await sendToAddress(ctx, {
            channel: 'sms',
            to: '+8613800000001',
            templateKey: 'system.text',
            data: { message: { text: '欢迎回来', subject: '' } },
            purpose: 'transactional',
          })
        ).intentId,
    );
    const [viaAddress] = await queryRows<{ status: string; reason: string }>(
      env.database.adminDb,
      sql`select status, reason from message_intents where id = ${byAddress}::uuid`,
    );
    expect(viaAddress).toEqual({ status: 'suppressed', reason: 'customer_erased' });
    const recorded = await queryRows<{ n: number }>(
      env.database.adminDb,
      sql`select count(*)::int as n from recorded_messages where tenant_id = ${tenant.id}::uuid and recipient = '+8613800000001'`,
    );
    expect(recorded[0]!.n).toBe(0);
  });

  it('stays out of segments and cannot be edited or merged back', async () => {
    const res = await call(owner, 'POST', '/api/v1/staff/segments/preview', {
      filter: { kind: 'rule', field: 'visit.count', op: 'gte', value: 1 },
    });
    expect(res.json().sample.map((s: { id: string }) => s.id)).not.toContain(me.customerId);
    const edit = await call(advisor, 'PATCH', `/api/v1/staff/customers/${me.customerId}`, {
      name: '又回来了',
    });
    expect(edit.statusCode).toBe(404);
    const merge = await call(
      owner,
      'POST',
      `/api/v1/staff/customers/${neighbour.customerId}/merge`,
      {
        duplicateId: me.customerId,
      },
    );
    expect(merge.statusCode).toBe(404);
  });
});

describe('audit log', () => {
  it('is browsed and filtered by owners and managers only', async () => {
    expect((await call(advisor, 'GET', '/api/v1/staff/audit-log')).statusCode).toBe(403);
    expect((await call(technician, 'GET', '/api/v1/staff/audit-log')).statusCode).toBe(403);
    const all = await call(manager, 'GET', '/api/v1/staff/audit-log?limit=5');
    expect(all.statusCode).toBe(200);
    expect(all.json().items).toHaveLength(5);
    const ats = all.json().items.map((i: { at: string }) => i.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    // Paging reaches further entries without repeating any.
    const next = await call(
      manager,
      'GET',
      `/api/v1/staff/audit-log?limit=5&cursor=${all.json().nextCursor}`,
    );
    const seen = new Set(all.json().items.map((i: { id: string }) => i.id));
    for (const i of next.json().items) expect(seen.has(i.id)).toBe(false);

    const byPrefix = (
      await call(owner, 'GET', '/api/v1/staff/audit-log?action=dataRequest.&limit=200')
    ).json();
    expect(byPrefix.items.length).toBeGreaterThanOrEqual(3);
    for (const i of byPrefix.items) expect(i.action.startsWith('dataRequest.')).toBe(true);

    const byActor = (
      await call(
        owner,
        'GET',
        `/api/v1/staff/audit-log?actorId=${tenant.staff.manager.id}&limit=200`,
      )
    ).json();
    expect(byActor.items.length).toBeGreaterThan(0);
    for (const i of byActor.items)
      expect(i.actor).toMatchObject({
        id: tenant.staff.manager.id,
        role: 'manager',
        name: 'manager1',
      });

    const future = (
      await call(owner, 'GET', '/api/v1/staff/audit-log?from=2027-01-01T00:00:00Z')
    ).json();
    expect(future.items).toEqual([]);
    const bad = await call(owner, 'GET', '/api/v1/staff/audit-log?from=yesterday');
    expect(bad.statusCode).toBe(400);
  });

  it('exports the filtered entries as CSV with a BOM', async () => {
    const res = await call(owner, 'GET', '/api/v1/staff/audit-log.csv?action=dataRequest.');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/u);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body
      .replace(/^\uFEFF/u, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('时间,操作人类型,操作人,角色,操作,对象类型,对象ID,修改前,修改后,请求ID');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const l of lines.slice(1)) expect(l).toContain('dataRequest.');
    const en = await env.app.inject({
      url: '/api/v1/staff/audit-log.csv?action=dataRequest.',
      headers: { ...owner.headers, 'accept-language': 'en' },
    });
    expect(en.body.replace(/^\uFEFF/u, '').split('\n')[0]).toMatch(/^Time,Actor type,Actor,/u);
    expect((await call(advisor, 'GET', '/api/v1/staff/audit-log.csv')).statusCode).toBe(403);
  });

  it('records every "show number" of a role that sees phones masked', async () => {
    const masked = (
      await call(technician, 'GET', `/api/v1/staff/customers/${neighbour.customerId}`)
    ).json();
    expect(masked.phone).toBe('138****0002');
    const shown = await call(
      technician,
      'POST',
      `/api/v1/staff/customers/${neighbour.customerId}/reveal-phone`,
    );
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toEqual({ phone: '+8613800000002' });
    const audit = (
      await call(
        owner,
        'GET',
        `/api/v1/staff/audit-log?action=customer.phoneRevealed&entityId=${neighbour.customerId}`,
      )
    ).json().items;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: { type: 'staff', id: tenant.staff.technician.id, role: 'technician' },
      entityType: 'customer',
      after: { role: 'technician', maskedForRole: true },
    });
    const erased = await call(
      technician,
      'POST',
      `/api/v1/staff/customers/${me.customerId}/reveal-phone`,
    );
    expect(erased.statusCode).toBe(404);
  });
});
