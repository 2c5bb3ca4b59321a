// Partner alliance over HTTP on a real database: partners and their bad input, portal accounts
// that reach only the portal and only their own partner, the validation reasons (scope first,
// nothing shown of another partner's coupon, another tenant's code unknown), redemption once
// under racing counters and replay by Idempotency-Key, the messages, issuing to a phone, the
// settlement statement across a period boundary both ways, and its CSV.
import type { LightMyRequestResponse } from 'fastify';
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
import { publishOutbox } from '../../jobs/outbox.ts';
import { createLogger } from '../../kernel/logger.ts';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.ts';
import { codeFromScan } from './portal.service.ts';
import { maskName, totalsOf } from './statement.ts';

// 10:00 in Shanghai.
const clock = fixedClock(new Date('2026-11-22T02:00:00.000Z'));
const DAY = 24 * 60 * 60 * 1000;
const PASSWORD = 'Portal-pass-2026';

let env: TestEnv;
let t: TestTenant;
let other: TestTenant;
let owner: Session;
let advisor: Session;
let otherOwner: Session;
let seq = 0;

function call(
  s: Session,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return env.app.inject({
    method,
    url,
    headers: { ...s.headers, 'accept-language': 'en', ...headers },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

async function ok<T = Record<string, unknown>>(res: Promise<LightMyRequestResponse>, status = 200) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}

async function fails(res: Promise<LightMyRequestResponse>, status: number, code: string) {
  const r = await res;
  expect({ status: r.statusCode, code: r.json().error?.code }, r.body).toEqual({ status, code });
  return r.json().error as { field?: string };
}

interface Partner {
  id: string;
  name: string;
  status: string;
  accounts: { id: string; name: string; email: string }[];
}
interface Coupon {
  id: string;
  code: string;
  status: string;
}
interface Line {
  couponId: string;
  code: string;
  direction: string;
  settlementFen: number;
  customerName: string;
  storeName: string | null;
  redeemedAt: string;
}
interface Statement {
  lines: Line[];
  totals: Record<string, number>;
}

async function partner(as: Session, name: string, email: string | null = null) {
  return ok<Partner>(
    call(as, 'POST', '/api/v1/staff/partners', {
      name,
      kind: 'car_wash',
      contactName: '联系人',
      contactPhone: '13912345678',
      email,
    }),
    201,
  );
}

async function portalAccount(p: Partner, tenant: TestTenant, as = owner) {
  seq++;
  const email = `portal${seq}-${tenant.slug}@example.com`;
  await ok(
    call(as, 'POST', `/api/v1/staff/partners/${p.id}/accounts`, {
      name: `门户${seq}`,
      email,
      password: PASSWORD,
    }),
    201,
  );
  return { ...(await signInStaff(env.app, tenant.slug, email, PASSWORD)), login: email, tenant };
}

/** Sessions last 12 hours: a test that moves the clock far signs in again at the new time. */
const again = (s: { login: string; tenant: TestTenant }) =>
  signInStaff(env.app, s.tenant.slug, s.login, PASSWORD);

async function customer(as = owner) {
  seq++;
  const phone = `1370000${String(1000 + seq).padStart(4, '0')}`;
  const c = await ok<{ id: string }>(
    call(as, 'POST', '/api/v1/staff/customers', { name: `王车主${seq}`, phone }),
    201,
  );
  return { id: c.id, phone };
}

const template = (body: Record<string, unknown>, as = owner) =>
  ok<{ id: string; partnerDirection: string | null; settlementFen: number }>(
    call(as, 'POST', '/api/v1/staff/coupon-templates', body),
    201,
  );

async function issue(templateId: string, customerId: string, as = owner) {
  const r = await ok<{ coupons: Coupon[] }>(
    call(as, 'POST', `/api/v1/staff/coupon-templates/${templateId}/issue`, {
      customerIds: [customerId],
    }),
    201,
  );
  return r.coupons[0]!;
}

const validate = (s: Session, code: string) =>
  ok<{
    valid: boolean;
    reason: string | null;
    message: string | null;
    coupon: Record<string, unknown> | null;
  }>(call(s, 'GET', `/api/v1/staff/portal/coupons/${encodeURIComponent(code)}`));

const redeem = (s: Session, code: string, key?: string) =>
  call(
    s,
    'POST',
    `/api/v1/staff/portal/coupons/${encodeURIComponent(code)}/redeem`,
    undefined,
    key ? { 'idempotency-key': key } : {},
  );

const WASH = { name: '合作洗车', kind: 'amount_off', amountOffFen: 3000, validDays: 30 };

let wash: Partner;
let cafe: Partner;
let washPortal: Session & { login: string; tenant: TestTenant };
let cafePortal: Session;

beforeAll(async () => {
  env = await createTestEnv({ clock });
  t = await env.createTenant();
  other = await env.createTenant();
  owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
  advisor = await signInStaff(env.app, t.slug, t.staff.advisor.login);
  otherOwner = await signInStaff(env.app, other.slug, other.staff.owner.login);
  wash = await partner(owner, '洁途洗车', 'wash@example.com');
  cafe = await partner(owner, '街角咖啡');
  washPortal = await portalAccount(wash, t);
  cafePortal = await portalAccount(cafe, t);
});
afterAll(() => env.close());

describe('partners (the business side)', () => {
  it('creates, lists, reads and changes partners, with an audit trail', async () => {
    const p = await partner(owner, '平安车险', 'Ins@Example.com');
    expect(p).toMatchObject({ name: '平安车险', status: 'active', email: 'ins@example.com' });
    expect(p.accounts).toEqual([]);
    const changed = await ok<Partner>(
      call(owner, 'PATCH', `/api/v1/staff/partners/${p.id}`, {
        status: 'suspended',
        note: '续约中',
      }),
    );
    expect(changed).toMatchObject({ status: 'suspended', note: '续约中' });
    const list = await ok<{ items: Partner[] }>(call(owner, 'GET', '/api/v1/staff/partners'));
    expect(list.items.map((x) => x.name)).toEqual(expect.arrayContaining(['洁途洗车', '平安车险']));
    expect(list.items.find((x) => x.id === wash.id)!.accounts).toHaveLength(1);
    const audit = await queryRows<{ action: string }>(
      env.database.adminDb,
      sql`select action from audit_log where tenant_id = ${t.id} and entity_id = ${p.id} order by at, id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['partner.created', 'partner.suspended']);
  });

  it('refuses bad input with the field, other roles, and unknown or foreign partners', async () => {
    const base = { name: '某店', kind: 'cafe', contactName: '甲', contactPhone: '13912345678' };
    for (const [body, field] of [
      [{ ...base, kind: 'bank' }, 'kind'],
      [{ ...base, name: '' }, 'name'],
      [{ ...base, email: 'not-an-email' }, 'email'],
      [{ ...base, contactPhone: '1' }, 'contactPhone'],
    ] as const) {
      const e = await fails(
        call(owner, 'POST', '/api/v1/staff/partners', body),
        400,
        'VALIDATION_FAILED',
      );
      expect(e.field).toBe(field);
    }
    await fails(call(advisor, 'GET', '/api/v1/staff/partners'), 403, 'FORBIDDEN');
    await fails(call(advisor, 'POST', '/api/v1/staff/partners', base), 403, 'FORBIDDEN');
    await fails(call(otherOwner, 'GET', `/api/v1/staff/partners/${wash.id}`), 404, 'NOT_FOUND');
    await fails(
      call(otherOwner, 'POST', `/api/v1/staff/partners/${wash.id}/accounts`, {
        name: 'x',
        email: 'x@example.com',
        password: PASSWORD,
      }),
      404,
      'NOT_FOUND',
    );
    await fails(
      call(owner, 'POST', `/api/v1/staff/partners/${wash.id}/accounts`, {
        name: '重复',
        email: wash.accounts[0]?.email ?? t.staff.advisor.login,
        password: PASSWORD,
      }),
      409,
      'STAFF_LOGIN_TAKEN',
    );
    const short = await fails(
      call(owner, 'POST', `/api/v1/staff/partners/${wash.id}/accounts`, {
        name: '短',
        email: 'short@example.com',
        password: 'x',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(short.field).toBe('password');
  });

  it('adds partner fields to coupon templates and checks them', async () => {
    const tp = await template({ ...WASH, partnerId: wash.id, settlementFen: 1500 });
    expect(tp).toMatchObject({ partnerDirection: 'redeem_at_partner', settlementFen: 1500 });
    const biz = await template({
      ...WASH,
      partnerId: wash.id,
      partnerDirection: 'redeem_at_business',
    });
    expect(biz.partnerDirection).toBe('redeem_at_business');
    const plain = await template(WASH);
    expect(plain).toMatchObject({ partnerDirection: null, settlementFen: 0 });
    const e1 = await fails(
      call(owner, 'POST', '/api/v1/staff/coupon-templates', {
        ...WASH,
        partnerDirection: 'redeem_at_partner',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(e1.field).toBe('partnerDirection');
    const e2 = await fails(
      call(owner, 'POST', '/api/v1/staff/coupon-templates', { ...WASH, settlementFen: 100 }),
      400,
      'VALIDATION_FAILED',
    );
    expect(e2.field).toBe('settlementFen');
    const e3 = await fails(
      call(otherOwner, 'POST', '/api/v1/staff/coupon-templates', { ...WASH, partnerId: wash.id }),
      404,
      'NOT_FOUND',
    );
    expect(e3.field).toBe('partnerId');
    await fails(
      call(owner, 'POST', '/api/v1/staff/coupon-templates', {
        ...WASH,
        settlementFen: -1,
        partnerId: wash.id,
      }),
      400,
      'VALIDATION_FAILED',
    );
    // Once issued, the partner and direction stay (statements depend on them).
    const c = await customer();
    await issue(tp.id, c.id);
    await fails(
      call(owner, 'PATCH', `/api/v1/staff/coupon-templates/${tp.id}`, { partnerId: cafe.id }),
      409,
      'PARTNER_FIELDS_LOCKED',
    );
    await fails(
      call(owner, 'PATCH', `/api/v1/staff/coupon-templates/${tp.id}`, {
        partnerDirection: 'redeem_at_business',
      }),
      409,
      'PARTNER_FIELDS_LOCKED',
    );
    await ok(
      call(owner, 'PATCH', `/api/v1/staff/coupon-templates/${tp.id}`, { settlementFen: 1800 }),
    );
  });
});

describe('partner accounts', () => {
  it('sign in, see their partner, and reach nothing else', async () => {
    const me = await ok<{ staff: { role: string; partnerId: string } }>(
      call(washPortal, 'GET', '/api/v1/staff/me'),
    );
    expect(me.staff).toMatchObject({ role: 'partner', partnerId: wash.id });
    const portalMe = await ok<{ partner: { id: string; name: string }; account: { name: string } }>(
      call(washPortal, 'GET', '/api/v1/staff/portal/me'),
    );
    expect(portalMe.partner).toMatchObject({ id: wash.id, name: '洁途洗车' });
    expect(portalMe.partner).not.toHaveProperty('accounts');
    for (const url of [
      '/api/v1/staff/customers',
      '/api/v1/staff/partners',
      `/api/v1/staff/partners/${wash.id}/statement?from=2026-11-01&to=2026-11-30`,
      '/api/v1/staff/coupons',
      '/api/v1/staff/coupon-templates',
      '/api/v1/staff/service-orders',
    ])
      await fails(call(washPortal, 'GET', url), 403, 'FORBIDDEN');
    await fails(
      call(washPortal, 'POST', '/api/v1/staff/coupons/validate', {
        code: 'ABCDEFGH',
        storeId: t.storeId,
      }),
      403,
      'FORBIDDEN',
    );
    // The portal is for partner accounts only; an account bound to no partner cannot use it.
    await fails(call(owner, 'GET', '/api/v1/staff/portal/me'), 403, 'FORBIDDEN');
    await fails(call(advisor, 'GET', '/api/v1/staff/portal/coupons/ABCDEFGH'), 403, 'FORBIDDEN');
    const unbound = await signInStaff(env.app, t.slug, t.staff.partner.login);
    await fails(call(unbound, 'GET', '/api/v1/staff/portal/me'), 403, 'PARTNER_NOT_LINKED');
  });
});

describe('taking a portal sign-in away', () => {
  it('disables the account at once, only under its own partner', async () => {
    const p = await partner(owner, '将停用的店');
    const s = await portalAccount(p, t);
    const [account] = (await ok<Partner>(call(owner, 'GET', `/api/v1/staff/partners/${p.id}`)))
      .accounts;
    await fails(
      call(owner, 'DELETE', `/api/v1/staff/partners/${wash.id}/accounts/${account!.id}`),
      404,
      'NOT_FOUND',
    );
    await fails(
      call(advisor, 'DELETE', `/api/v1/staff/partners/${p.id}/accounts/${account!.id}`),
      403,
      'FORBIDDEN',
    );
    const gone = await call(
      owner,
      'DELETE',
      `/api/v1/staff/partners/${p.id}/accounts/${account!.id}`,
    );
    expect(gone.statusCode, gone.body).toBe(204);
    await fails(call(s, 'GET', '/api/v1/staff/portal/me'), 401, 'AUTH_REQUIRED');
    const r = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/auth/sign-in',
      payload: { tenant: t.slug, login: s.login, password: PASSWORD },
    });
    expect(r.statusCode).toBe(401);
    expect(
      (await ok<Partner>(call(owner, 'GET', `/api/v1/staff/partners/${p.id}`))).accounts,
    ).toEqual([]);
    await fails(
      call(owner, 'DELETE', `/api/v1/staff/partners/${p.id}/accounts/${account!.id}`),
      404,
      'NOT_FOUND',
    );
  });
});

describe('checking and redeeming at the partner', () => {
  it('gives the precise reason, and nothing about coupons outside its scope', async () => {
    const c = await customer();
    const atWash = await template({ ...WASH, partnerId: wash.id, settlementFen: 2500 });
    const atCafe = await template({ ...WASH, partnerId: cafe.id, settlementFen: 1000 });
    const business = await template(WASH);
    const washIssued = await template({
      ...WASH,
      partnerId: wash.id,
      partnerDirection: 'redeem_at_business',
    });
    const later = await template({
      ...WASH,
      validDays: null,
      partnerId: wash.id,
      validFrom: new Date(clock.now().getTime() + 2 * DAY).toISOString(),
      validUntil: new Date(clock.now().getTime() + 9 * DAY).toISOString(),
    });
    const short = await template({ ...WASH, validDays: 1, partnerId: wash.id });

    const good = await issue(atWash.id, c.id);
    const v = await validate(washPortal, good.code.toLowerCase());
    expect(v).toMatchObject({
      valid: true,
      reason: null,
      coupon: { code: good.code, status: 'issued', settlementFen: 2500, valueText: '¥30 off' },
    });
    expect(v.coupon!.customerName).toMatch(/^王\*+$/);
    expect((await validate(washPortal, `LKCP:${good.code}`)).valid).toBe(true);

    for (const [tp, s] of [
      [atCafe, washPortal],
      [business, washPortal],
      [washIssued, washPortal],
      [atWash, cafePortal],
    ] as const) {
      const coupon = await issue(tp.id, c.id);
      expect(await validate(s, coupon.code)).toMatchObject({
        valid: false,
        reason: 'COUPON_OUT_OF_SCOPE',
        coupon: null,
      });
      await fails(redeem(s, coupon.code), 422, 'COUPON_OUT_OF_SCOPE');
    }

    const voided = await issue(atWash.id, c.id);
    await ok(call(owner, 'POST', `/api/v1/staff/coupons/${voided.id}/void`, { reason: '发错' }));
    expect(await validate(washPortal, voided.code)).toMatchObject({
      valid: false,
      reason: 'COUPON_VOIDED',
      coupon: { status: 'voided' },
    });
    await fails(redeem(washPortal, voided.code), 409, 'COUPON_VOIDED');

    const notYet = await issue(later.id, c.id);
    expect((await validate(washPortal, notYet.code)).reason).toBe('COUPON_NOT_YET_VALID');
    await fails(redeem(washPortal, notYet.code), 422, 'COUPON_NOT_YET_VALID');

    const expiring = await issue(short.id, c.id);
    clock.advance(DAY + 1000);
    try {
      const later = await again(washPortal);
      expect(await validate(later, expiring.code)).toMatchObject({
        valid: false,
        reason: 'COUPON_EXPIRED',
        message: 'The coupon has expired',
      });
      await fails(redeem(later, expiring.code), 422, 'COUPON_EXPIRED');
    } finally {
      clock.advance(-(DAY + 1000));
    }

    // Another tenant's coupon, and a code nobody has, are unknown.
    const otherPartner = await partner(otherOwner, '别家洗车');
    const foreignTp = await template({ ...WASH, partnerId: otherPartner.id }, otherOwner);
    const foreign = await issue(foreignTp.id, (await customer(otherOwner)).id, otherOwner);
    for (const code of [foreign.code, 'ZZZZZZZZ']) {
      expect(await validate(washPortal, code)).toMatchObject({
        valid: false,
        reason: 'COUPON_NOT_FOUND',
        coupon: null,
      });
      await fails(redeem(washPortal, code), 404, 'NOT_FOUND');
    }
    // The foreign coupon is untouched.
    const after = await ok<Coupon>(call(otherOwner, 'GET', `/api/v1/staff/coupons/${foreign.id}`));
    expect(after.status).toBe('issued');
  });

  it('redeems once, replays a retry, tells the customer and e-mails the partner', async () => {
    const c = await customer();
    const tp = await template({
      ...WASH,
      name: '免费精洗',
      partnerId: wash.id,
      settlementFen: 2500,
    });
    const coupon = await issue(tp.id, c.id);
    const first = await redeem(washPortal, coupon.code, 'redeem-1');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().redemption).toMatchObject({
      couponId: coupon.id,
      code: coupon.code,
      templateName: '免费精洗',
      settlementFen: 2500,
      redeemedAt: clock.now().toISOString(),
    });
    const retry = await redeem(washPortal, coupon.code, 'redeem-1');
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    await fails(redeem(washPortal, coupon.code, 'redeem-2'), 409, 'COUPON_ALREADY_REDEEMED');
    expect(await validate(washPortal, coupon.code)).toMatchObject({
      reason: 'COUPON_ALREADY_REDEEMED',
      coupon: { status: 'redeemed' },
    });
    const staffView = await ok<Coupon & { redemptionNote: string }>(
      call(owner, 'GET', `/api/v1/staff/coupons/${coupon.id}`),
    );
    expect(staffView).toMatchObject({
      status: 'redeemed',
      redemptionNote: '合作商家核销：洁途洗车',
    });

    const intents = await queryRows<{
      template_key: string;
      customer_id: string | null;
      to_address: string | null;
    }>(
      env.database.adminDb,
      sql`select template_key, customer_id, to_address from message_intents
           where tenant_id = ${t.id} and dedupe_key like ${`%${coupon.id}`} order by template_key`,
    );
    expect(intents).toEqual([
      { template_key: 'partner.couponRedeemed', customer_id: c.id, to_address: null },
      {
        template_key: 'partner.redemptionNotice',
        customer_id: null,
        to_address: 'wash@example.com',
      },
    ]);
    const outbox = await ok<{ items: { to: string; subject: string; body: string }[] }>(
      call(owner, 'GET', '/api/v1/staff/dev/outbox'),
    );
    const mail = outbox.items.find((m) => m.to === 'wash@example.com')!;
    expect(mail.body).toContain(coupon.code);
    expect(mail.body).toContain('¥25.00');
    const audit = await queryRows<{ action: string; actor_id: string }>(
      env.database.adminDb,
      sql`select action, actor_id from audit_log where tenant_id = ${t.id} and entity_id = ${coupon.id} and action = 'coupon.redeemed'`,
    );
    expect(audit).toHaveLength(1);
  });

  it('does not redeem or issue for a suspended partner', async () => {
    const p = await partner(owner, '暂停的店');
    const s = await portalAccount(p, t);
    const tp = await template({ ...WASH, partnerId: p.id });
    const coupon = await issue(tp.id, (await customer()).id);
    await ok(call(owner, 'PATCH', `/api/v1/staff/partners/${p.id}`, { status: 'suspended' }));
    await fails(redeem(s, coupon.code), 403, 'PARTNER_SUSPENDED');
    expect((await validate(s, coupon.code)).valid).toBe(true);
  });

  it('redeems at most once when eight counters redeem the same code at once', async () => {
    const tp = await template({ ...WASH, partnerId: wash.id, settlementFen: 2500 });
    const coupon = await issue(tp.id, (await customer()).id);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        redeem(washPortal, coupon.code, `race-${coupon.id}-${i}`),
      ),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(r.json().error.code).toBe('COUPON_ALREADY_REDEEMED');
    const rows = await queryRows<{ n: number }>(
      env.database.adminDb,
      sql`select count(*)::int as n from message_intents where tenant_id = ${t.id} and dedupe_key = ${`partner.couponRedeemed:${coupon.id}`}`,
    );
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it('answers concurrent retries with one key once, the others replayed', async () => {
    const tp = await template({ ...WASH, partnerId: wash.id, settlementFen: 2500 });
    const coupon = await issue(tp.id, (await customer()).id);
    const results = await Promise.all(
      Array.from({ length: 4 }, () => redeem(washPortal, coupon.code, `same-${coupon.id}`)),
    );
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(3);
    expect(new Set(results.map((r) => r.body)).size).toBe(1);
  });
});

describe('bad input at the portal', () => {
  it('answers 4xx with a code, never 5xx, to odd codes, bodies and periods', async () => {
    const odd = [
      '%00%ff',
      'x'.repeat(300),
      '<script>',
      "'; drop table coupons; --",
      '编码编码',
      'LKCP:',
    ];
    const cases: { method: 'GET' | 'POST'; url: string; payload?: unknown }[] = [];
    for (const code of odd) {
      const c = code.startsWith('%') ? code : encodeURIComponent(code);
      cases.push({ method: 'GET', url: `/api/v1/staff/portal/coupons/${c}` });
      cases.push({ method: 'POST', url: `/api/v1/staff/portal/coupons/${c}/redeem` });
    }
    for (const q of ['from=2026-13-01', 'to=yesterday', 'from=2026-11-02&to=2026-11-01', 'from=1'])
      for (const path of ['statement', 'statement.csv', 'redemptions'])
        cases.push({ method: 'GET', url: `/api/v1/staff/portal/${path}?${q}` });
    for (const payload of [{}, { templateId: 'x', phone: '1' }, { templateId: null }, [], 'text'])
      cases.push({ method: 'POST', url: '/api/v1/staff/portal/issue', payload });
    for (const c of cases) {
      const r = await env.app.inject({
        method: c.method,
        url: c.url,
        headers: { ...washPortal.headers, 'content-type': 'application/json' },
        ...(c.payload !== undefined ? { payload: JSON.stringify(c.payload) } : {}),
      });
      const where = `${c.method} ${c.url.slice(0, 80)} → ${r.body.slice(0, 200)}`;
      // Checking an odd code is a clear "no such coupon", not an error.
      if (r.statusCode === 200 && c.url.startsWith('/api/v1/staff/portal/coupons/')) {
        expect(r.json(), where).toMatchObject({ valid: false, reason: 'COUPON_NOT_FOUND' });
        continue;
      }
      expect(r.statusCode, where).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, where).toBeLessThan(500);
      expect(r.json().error.code, where).toMatch(/^[A-Z_]+$/);
    }
  });
});

describe('issuing at the partner', () => {
  it('gives its redeem_at_business coupon to an existing or a new customer by phone', async () => {
    const tp = await template({
      ...WASH,
      name: '洁途会员保养券',
      partnerId: wash.id,
      partnerDirection: 'redeem_at_business',
      settlementFen: 3000,
    });
    const known = await customer();
    const r1 = await ok<{ code: string; customerName: string; newCustomer: boolean }>(
      call(washPortal, 'POST', '/api/v1/staff/portal/issue', {
        templateId: tp.id,
        phone: known.phone,
      }),
      201,
    );
    expect(r1).toMatchObject({ newCustomer: false, templateName: '洁途会员保养券' });
    expect(r1.customerName).toMatch(/^王\*+$/);
    const mine = await ok<{ items: { code: string }[] }>(
      call(owner, 'GET', `/api/v1/staff/coupons?customerId=${known.id}`),
    );
    expect(mine.items.map((x) => x.code)).toContain(r1.code);

    const r2 = await ok<{ code: string; customerName: string; newCustomer: boolean }>(
      call(washPortal, 'POST', '/api/v1/staff/portal/issue', {
        templateId: tp.id,
        phone: '137 9999 0001',
      }),
      201,
    );
    expect(r2).toMatchObject({ newCustomer: true, customerName: '137****0001' });
    const created = await queryRows<{ source: string; consents: number }>(
      env.database.adminDb,
      sql`select source, (select count(*)::int from customer_consents k where k.tenant_id = c.tenant_id and k.customer_id = c.id) as consents
            from customers c where c.tenant_id = ${t.id} and c.phone = '+8613799990001'`,
    );
    expect(created).toEqual([{ source: 'partner', consents: 0 }]);

    // The business redeems it at its till; the partner cannot redeem it itself.
    await fails(redeem(washPortal, r2.code), 422, 'COUPON_OUT_OF_SCOPE');
    const check = await ok<{ valid: boolean }>(
      call(advisor, 'POST', '/api/v1/staff/coupons/validate', {
        code: r2.code,
        storeId: t.storeId,
        amountFen: 40000,
      }),
    );
    expect(check.valid).toBe(true);
  });

  it('refuses templates it may not issue and bad phones', async () => {
    const atPartner = await template({ ...WASH, partnerId: wash.id });
    const cafes = await template({
      ...WASH,
      partnerId: cafe.id,
      partnerDirection: 'redeem_at_business',
    });
    const business = await template(WASH);
    const phone = '13799990002';
    await fails(
      call(washPortal, 'POST', '/api/v1/staff/portal/issue', { templateId: atPartner.id, phone }),
      422,
      'PARTNER_TEMPLATE_NOT_ISSUABLE',
    );
    for (const tp of [cafes, business])
      await fails(
        call(washPortal, 'POST', '/api/v1/staff/portal/issue', { templateId: tp.id, phone }),
        404,
        'NOT_FOUND',
      );
    const own = await template({
      ...WASH,
      partnerId: wash.id,
      partnerDirection: 'redeem_at_business',
    });
    const e = await fails(
      call(washPortal, 'POST', '/api/v1/staff/portal/issue', {
        templateId: own.id,
        phone: '12345',
      }),
      400,
      'PHONE_INVALID',
    );
    expect(e.field).toBe('phone');
    const n = await queryRows<{ n: number }>(
      env.database.adminDb,
      sql`select count(*)::int as n from customers where tenant_id = ${t.id} and phone = ${`+86${phone}`}`,
    );
    expect(Number(n[0]!.n)).toBe(0);
    const templates = await ok<{ items: { id: string; direction: string }[] }>(
      call(washPortal, 'GET', '/api/v1/staff/portal/templates'),
    );
    expect(templates.items.map((x) => x.id)).toEqual(
      expect.arrayContaining([atPartner.id, own.id]),
    );
    expect(templates.items.map((x) => x.id)).not.toContain(cafes.id);
  });
});

describe('settlement statement', () => {
  it('adds both ways up for the period in the tenant’s time zone, and exports CSV', async () => {
    const p = await partner(owner, '对账商家');
    const s = await portalAccount(p, t);
    const atPartner = await template({
      ...WASH,
      partnerId: p.id,
      settlementFen: 2500,
      validDays: 365,
    });
    const atBusiness = await template({
      ...WASH,
      partnerId: p.id,
      partnerDirection: 'redeem_at_business',
      settlementFen: 4000,
      validDays: 365,
    });
    const c = await customer();
    const car = await ok<{ id: string }>(
      call(owner, 'POST', `/api/v1/staff/customers/${c.id}/vehicles`, { plate: '粤A7P001' }),
      201,
    );
    const start = clock.now();
    const partnerCoupons: Coupon[] = [];
    const businessCoupons: Coupon[] = [];
    for (let i = 0; i < 4; i++) partnerCoupons.push(await issue(atPartner.id, c.id));
    for (let i = 0; i < 3; i++) businessCoupons.push(await issue(atBusiness.id, c.id));
    let till = advisor;
    let counter: Session = s;
    const at = async (iso: string, fn: () => Promise<unknown>) => {
      clock.set(new Date(iso));
      try {
        counter = await again(s);
        till = await signInStaff(env.app, t.slug, t.staff.advisor.login);
        await fn();
      } finally {
        clock.set(start);
      }
    };
    const atTill = async (code: string) => {
      const o = await ok<{ id: string }>(
        call(till, 'POST', '/api/v1/staff/service-orders', {
          customerId: c.id,
          vehicleId: car.id,
          storeId: t.storeId,
          items: [
            { kind: 'labour', category: 'oil_change', description: '保养', unitPriceFen: 40000 },
          ],
        }),
        201,
      );
      await ok(call(till, 'POST', `/api/v1/staff/service-orders/${o.id}/coupons`, { code }));
      orders.push(o.id);
    };
    const orders: string[] = [];
    // Shanghai is UTC+8: 15:59:59Z is 23:59:59 local on the 30th, 16:00Z is midnight of the 1st.
    await at('2026-12-30T15:59:59Z', async () => ok(redeem(counter, partnerCoupons[0]!.code)));
    await at('2026-12-31T16:00:00Z', async () => ok(redeem(counter, partnerCoupons[1]!.code)));
    await at('2026-12-02T03:00:00Z', async () => ok(redeem(counter, partnerCoupons[2]!.code)));
    await at('2026-11-30T16:00:00Z', async () => atTill(businessCoupons[0]!.code));
    await at('2026-11-30T15:59:00Z', async () => atTill(businessCoupons[1]!.code));
    // partnerCoupons[3] and businessCoupons[2] stay unused.
    // A later change of the template's settlement does not rewrite past redemptions.
    await ok(
      call(owner, 'PATCH', `/api/v1/staff/coupon-templates/${atPartner.id}`, {
        settlementFen: 9900,
      }),
    );

    const december = await ok<Statement>(
      call(owner, 'GET', `/api/v1/staff/partners/${p.id}/statement?from=2026-12-01&to=2026-12-31`),
    );
    expect(december.lines.map((l) => [l.code, l.direction, l.settlementFen])).toEqual([
      [businessCoupons[0]!.code, 'redeem_at_business', 4000],
      [partnerCoupons[2]!.code, 'redeem_at_partner', 2500],
      [partnerCoupons[0]!.code, 'redeem_at_partner', 2500],
    ]);
    expect(december.lines[0]!.storeName).toBe('一号店');
    expect(december.lines[1]!.storeName).toBeNull();
    expect(december.totals).toEqual({
      redemptionsAtPartner: 2,
      redemptionsAtBusiness: 1,
      businessOwesPartnerFen: 5000,
      partnerOwesBusinessFen: 4000,
      netFen: 1000,
    });
    const november = await ok<Statement>(
      call(owner, 'GET', `/api/v1/staff/partners/${p.id}/statement?from=2026-11-01&to=2026-11-30`),
    );
    expect(november.lines.map((l) => l.code)).toEqual([businessCoupons[1]!.code]);
    expect(november.totals.netFen).toBe(-4000);
    const january = await ok<Statement>(
      call(owner, 'GET', `/api/v1/staff/partners/${p.id}/statement?from=2027-01-01&to=2027-01-31`),
    );
    expect(january.lines.map((l) => l.code)).toEqual([partnerCoupons[1]!.code]);

    // The portal sees the same statement for its own partner, and only its own redemptions.
    const mine = await ok<Statement>(
      call(s, 'GET', '/api/v1/staff/portal/statement?from=2026-12-01&to=2026-12-31'),
    );
    expect(mine).toEqual(december);
    const list = await ok<{ items: Line[] }>(
      call(s, 'GET', '/api/v1/staff/portal/redemptions?from=2026-11-01&to=2027-01-31'),
    );
    expect(list.items).toHaveLength(5);
    expect(list.items[0]!.code).toBe(partnerCoupons[1]!.code);
    const washList = await ok<{ items: Line[] }>(
      call(washPortal, 'GET', '/api/v1/staff/portal/redemptions?from=2026-11-01&to=2027-01-31'),
    );
    expect(washList.items.map((l) => l.couponId)).not.toContain(partnerCoupons[0]!.id);

    const csv = await env.app.inject({
      url: `/api/v1/staff/partners/${p.id}/statement.csv?from=2026-12-01&to=2026-12-31`,
      headers: owner.headers,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = csv.body.split('\n');
    expect(rows[0]).toBe('\uFEFF核销时间,券码,券名称,核销方,客户,门店,结算金额（元）');
    expect(rows[1]).toMatch(
      new RegExp(
        `^2026-12-01 00:00,${businessCoupons[0]!.code},合作洗车,本店核销,王\\*+,一号店,40.00$`,
      ),
    );
    expect(rows[3]).toMatch(
      new RegExp(`^2026-12-30 23:59,${partnerCoupons[0]!.code},合作洗车,合作商家核销,`),
    );
    expect(csv.body).toContain('净额（元，正数为本店应付）,10.00');
    const portalCsv = await env.app.inject({
      url: '/api/v1/staff/portal/statement.csv?from=2026-12-01&to=2026-12-31',
      headers: { ...s.headers, 'accept-language': 'en' },
    });
    expect(
      portalCsv.body.startsWith(
        '\uFEFFRedeemed at,Code,Coupon,Redeemed by,Customer,Store,Settlement (CNY)',
      ),
    ).toBe(true);

    // A cancelled order gives its coupon back: the redemption leaves the statement.
    await ok(
      call(advisor, 'POST', `/api/v1/staff/service-orders/${orders[0]}/cancel`, { reason: '取消' }),
    );
    // On a shared PostgreSQL another test file's publisher may have taken the event: wait for it.
    const statement = async () => {
      await publishOutbox(env.database.adminDb, createLogger('silent'));
      return ok<Statement>(
        call(
          owner,
          'GET',
          `/api/v1/staff/partners/${p.id}/statement?from=2026-12-01&to=2026-12-31`,
        ),
      );
    };
    await expect.poll(async () => (await statement()).lines.length, { timeout: 15_000 }).toBe(2);
    const afterCancel = await statement();
    expect(afterCancel.lines.map((l) => l.code)).toEqual([
      partnerCoupons[2]!.code,
      partnerCoupons[0]!.code,
    ]);
    expect(afterCancel.totals).toMatchObject({ partnerOwesBusinessFen: 0, netFen: 5000 });

    // Without a period: the month so far, in the tenant's dates.
    const current = await ok<Statement & { from: string; to: string }>(
      call(owner, 'GET', `/api/v1/staff/partners/${p.id}/statement`),
    );
    expect([current.from, current.to]).toEqual(['2026-11-01', '2026-11-22']);
    // Bad periods: backwards, too long, not a date.
    await fails(
      call(owner, 'GET', `/api/v1/staff/partners/${p.id}/statement?from=2026-12-31&to=2026-12-01`),
      400,
      'VALIDATION_FAILED',
    );
    await fails(
      call(owner, 'GET', `/api/v1/staff/partners/${p.id}/statement?from=2025-01-01&to=2026-12-31`),
      400,
      'VALIDATION_FAILED',
    );
    await fails(
      call(owner, 'GET', `/api/v1/staff/partners/${p.id}/statement?from=2026-02-30&to=2026-03-01`),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('totals and masks by hand', () => {
    const l = (direction: string, settlementFen: number) =>
      ({ direction, settlementFen }) as Parameters<typeof totalsOf>[0][number];
    expect(
      totalsOf([
        l('redeem_at_partner', 100),
        l('redeem_at_business', 250),
        l('redeem_at_partner', 5),
      ]),
    ).toEqual({
      redemptionsAtPartner: 2,
      redemptionsAtBusiness: 1,
      businessOwesPartnerFen: 105,
      partnerOwesBusinessFen: 250,
      netFen: -145,
    });
    expect(maskName('王小明', '+8613700001111')).toBe('王**');
    expect(maskName('欧阳', '+8613700001111')).toBe('欧*');
    expect(maskName(null, '+8613700001111')).toBe('137****1111');
    expect(codeFromScan(' lkcp:ab2c-3d4e ')).toBe('AB2C3D4E');
    expect(codeFromScan('https://x.example/c?code=ab2c3d4e')).toBe('AB2C3D4E');
  });
});

describe('demo partners', () => {
  it('seed partners whose portal accounts sign in, redeem, and see it on the statement', async () => {
    const slug = `demo-p-${Math.random().toString(36).slice(2, 8)}`;
    const summary = await seedDemo({
      db: env.database.db,
      log: createLogger('silent'),
      clock,
      customers: 40,
      slug,
    });
    expect(summary.counts).toMatchObject({ partners: 3 });
    expect(summary.counts.partnerRedemptions).toBeGreaterThan(20);
    const logins = summary.staffSignIns.filter((s) => s.role === 'partner').map((s) => s.login);
    expect(logins).toEqual([
      'partner1@demo.liuke.dev',
      'partner2@demo.liuke.dev',
      'partner3@demo.liuke.dev',
    ]);
    const wash = await signInStaff(env.app, slug, logins[0]!, DEMO_PASSWORD);
    const me = await ok<{ partner: { name: string }; account: { name: string } }>(
      call(wash, 'GET', '/api/v1/staff/portal/me'),
    );
    expect(me).toMatchObject({
      partner: { name: '洁途洗车·天河北店' },
      account: { name: '周美玲' },
    });
    const period = '?from=2026-09-01&to=2026-11-22';
    const before = await ok<Statement>(
      call(wash, 'GET', `/api/v1/staff/portal/statement${period}`),
    );
    expect(before.totals.redemptionsAtPartner).toBeGreaterThan(5);
    expect(before.totals.redemptionsAtBusiness).toBeGreaterThan(3);
    expect(before.totals.netFen).toBe(
      before.totals.businessOwesPartnerFen! - before.totals.partnerOwesBusinessFen!,
    );
    const [unused] = await queryRows<{ code: string }>(
      env.database.adminDb,
      sql`select c.code from coupons c
            join coupon_templates t on t.tenant_id = c.tenant_id and t.id = c.template_id
            join partners p on p.tenant_id = t.tenant_id and p.id = t.partner_id
           where p.name = '洁途洗车·天河北店' and t.partner_direction = 'redeem_at_partner'
             and c.status = 'issued' and c.tenant_id = (select tenant_id from tenants where slug = ${slug})
           limit 1`,
    );
    expect((await validate(wash, unused!.code)).valid).toBe(true);
    await ok(redeem(wash, unused!.code));
    const after = await ok<Statement>(call(wash, 'GET', `/api/v1/staff/portal/statement${period}`));
    expect(after.totals.redemptionsAtPartner).toBe(before.totals.redemptionsAtPartner! + 1);
    expect(after.lines.at(-1)!.code).toBe(unused!.code);
  }, 120_000);
});
