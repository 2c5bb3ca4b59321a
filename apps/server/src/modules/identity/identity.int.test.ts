// Identity over HTTP: staff sign-in (e-mail, phone, lockout), sessions and CSRF, roles, API keys,
// and the car owner's sign-in by SMS code. Time is a fixed clock that the tests move.
import type { LightMyRequestResponse } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/audit.tables.ts';
import { createStaffUser } from './index.ts';
import {
  createTestEnv,
  devOutbox,
  fixedClock,
  latestSignInCode,
  signInStaff,
  TEST_PASSWORD,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { PRIVACY_POLICY_VERSION } from '../privacy/index.ts';

const MINUTE = 60 * 1000;
const clock = fixedClock(new Date('2026-03-02T02:00:00.000Z'));

let env: TestEnv;
let t: TestTenant;
let owner: Session;

// ---- helpers ----

type Headers = Record<string, string>;

function call(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  opts: { headers?: Headers; payload?: unknown } = {},
) {
  return env.app.inject({
    method,
    url,
    headers: opts.headers ?? {},
    ...(opts.payload === undefined ? {} : { payload: opts.payload as object }),
  });
}

const signIn = (login: string, password: string, headers: Headers = {}, tenant = t.slug) =>
  call('POST', '/api/v1/staff/auth/sign-in', { payload: { tenant, login, password }, headers });

const requestCode = (phone: string, tenant = t.slug) =>
  call('POST', '/api/v1/app/auth/code', {
    payload: { tenant, phone, privacyPolicyVersion: PRIVACY_POLICY_VERSION },
  });

const signInWithCode = (phone: string, code: string, tenant = t.slug) =>
  call('POST', '/api/v1/app/auth/sign-in', {
    payload: { tenant, phone, code, privacyPolicyVersion: PRIVACY_POLICY_VERSION },
  });

/** Asserts the error envelope and returns its `error` object. */
function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect({ status: res.statusCode, code: res.json().error?.code }).toEqual({ status, code });
  const error = res.json().error as {
    code: string;
    message: string;
    field?: string;
    details?: Record<string, unknown>;
    requestId: string;
  };
  expect(error.message).toBeTruthy();
  expect(error.requestId).toBeTruthy();
  return error;
}

const bearer = (key: string): Headers => ({ authorization: `Bearer ${key}` });

/** Messages the dev channel recorded for a phone, newest first (as the operator sees them). */
async function outboxFor(phone: string) {
  return (await devOutbox(env, t.id)).filter((m) => m.to === phone);
}

async function latestCode(phone: string): Promise<string> {
  return latestSignInCode(env, t.id, phone);
}

const wrongCodeFor = (code: string) => (code === '000000' ? '111111' : '000000');

async function countCustomers(session: Session): Promise<number> {
  const res = await call('GET', '/api/v1/staff/customers?limit=200', { headers: session.headers });
  expect(res.statusCode).toBe(200);
  return res.json().items.length as number;
}

let phoneSeq = 0;
/** A fresh mainland mobile per test, so the per-phone code limits of one test do not touch another. */
const freshPhone = () => `1370000${String(++phoneSeq).padStart(4, '0')}`;
const e164 = (national: string) => `+86${national}`;

beforeAll(async () => {
  env = await createTestEnv({ clock });
  t = await env.createTenant();
  owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
});
afterAll(() => env.close());

// ---- staff sign-in ----

describe('staff sign-in', () => {
  const phonePassword = 'Phone-pass-2026';
  let phoneStaffId: string;

  beforeAll(async () => {
    ({ id: phoneStaffId } = await env.inTenant(t.id, (ctx) =>
      createStaffUser(ctx, {
        name: '前台小李',
        phone: '139 0000 1111',
        email: null,
        password: phonePassword,
        role: 'advisor',
        storeIds: [t.storeId],
      }),
    ));
  });

  it('signs in by e-mail (case-insensitive) and returns the staff member, tenant and stores', async () => {
    const res = await signIn(t.staff.manager.login.toUpperCase(), TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.staff).toMatchObject({
      id: t.staff.manager.id,
      role: 'manager',
      email: t.staff.manager.login,
      tenant: { id: t.id, slug: t.slug },
    });
    expect(body.staff.stores.map((s: { id: string }) => s.id)).toEqual([t.storeId]);
    expect(body.csrfToken).toEqual(expect.any(String));
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(16);
  });

  it('signs in by phone, in any common spelling of the number', async () => {
    for (const login of ['13900001111', '+86 139-0000-1111']) {
      const res = await signIn(login, phonePassword);
      expect(res.statusCode, login).toBe(200);
      expect(res.json().staff).toMatchObject({
        id: phoneStaffId,
        phone: '+8613900001111',
        role: 'advisor',
      });
    }
  });

  it('sets the session as an HTTP-only cookie and never puts the token in the body', async () => {
    const res = await signIn(t.staff.advisor.login, TEST_PASSWORD);
    const cookie = res.cookies.find((c) => c.name === 'lk_staff');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie!.value).toMatch(/^lks_/);
    expect(res.body).not.toContain(cookie!.value);
  });

  it('a wrong password is 401 AUTH_INVALID_CREDENTIALS in zh-CN by default and in English on request', async () => {
    const zh = expectError(
      await signIn(t.staff.advisor.login, 'wrong-password'),
      401,
      'AUTH_INVALID_CREDENTIALS',
    );
    expect(zh.message).toBe('账号或密码错误');
    const en = expectError(
      await signIn(t.staff.advisor.login, 'wrong-password', {
        'accept-language': 'en-US,en;q=0.9',
      }),
      401,
      'AUTH_INVALID_CREDENTIALS',
    );
    expect(en.message).toBe('Wrong account or password');
    // Neither sets a cookie.
    expect((await signIn(t.staff.advisor.login, 'wrong-password')).cookies).toEqual([]);
  });

  it('an unknown login gets the same answer as a wrong password', async () => {
    const err = expectError(
      await signIn('nobody@example.com', TEST_PASSWORD),
      401,
      'AUTH_INVALID_CREDENTIALS',
    );
    expect(err.message).toBe('账号或密码错误');
    expectError(await signIn('13900009999', TEST_PASSWORD), 401, 'AUTH_INVALID_CREDENTIALS');
  });

  it('a staff member of another tenant cannot sign in with this tenant code', async () => {
    const other = await env.createTenant();
    expectError(
      await signIn(other.staff.owner.login, TEST_PASSWORD),
      401,
      'AUTH_INVALID_CREDENTIALS',
    );
    expect((await signIn(other.staff.owner.login, TEST_PASSWORD, {}, other.slug)).statusCode).toBe(
      200,
    );
  });

  it('an unknown tenant code is 404 NOT_FOUND on field tenant', async () => {
    const err = expectError(
      await signIn(t.staff.owner.login, TEST_PASSWORD, {}, 'no-such-tenant-code'),
      404,
      'NOT_FOUND',
    );
    expect(err.field).toBe('tenant');
  });

  it('a missing password is 400 VALIDATION_FAILED naming the field', async () => {
    const res = await call('POST', '/api/v1/staff/auth/sign-in', {
      payload: { tenant: t.slug, login: t.staff.owner.login },
    });
    expect(expectError(res, 400, 'VALIDATION_FAILED').field).toBe('password');
  });
});

describe('staff lockout', () => {
  const login = 'locked@example.com';
  let staffId: string;

  beforeAll(async () => {
    ({ id: staffId } = await env.inTenant(t.id, (ctx) =>
      createStaffUser(ctx, {
        name: '会被锁定',
        email: login,
        password: TEST_PASSWORD,
        role: 'advisor',
        storeIds: [t.storeId],
      }),
    ));
  });

  it('a successful sign-in resets the count of failures', async () => {
    for (let i = 0; i < 4; i++)
      expectError(await signIn(login, 'wrong'), 401, 'AUTH_INVALID_CREDENTIALS');
    expect((await signIn(login, TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++)
      expectError(await signIn(login, 'wrong'), 401, 'AUTH_INVALID_CREDENTIALS');
    expect((await signIn(login, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('five wrong passwords lock the account for 15 minutes, even against the right password', async () => {
    for (let i = 0; i < 5; i++)
      expectError(await signIn(login, `wrong-${i}`), 401, 'AUTH_INVALID_CREDENTIALS');

    const locked = await signIn(login, TEST_PASSWORD);
    const err = expectError(locked, 429, 'AUTH_LOCKED');
    expect(locked.headers['retry-after']).toBe('900');
    expect(err.details).toEqual({ retryAfterSeconds: 900 });
    expect(err.message).toBe('登录失败次数过多，请稍后再试');
    expect(locked.cookies).toEqual([]);

    const en = expectError(
      await signIn(login, TEST_PASSWORD, { 'accept-language': 'en' }),
      429,
      'AUTH_LOCKED',
    );
    expect(en.message).toBe('Too many failed sign-ins; try again later');

    // The lock is recorded in the audit log.
    const audit = await env.inTenant(t.id, (ctx) =>
      ctx.tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'staff.locked'), eq(auditLog.entityId, staffId))),
    );
    expect(audit).toHaveLength(1);

    // Another account is not affected.
    expect((await signIn(t.staff.advisor.login, TEST_PASSWORD)).statusCode).toBe(200);

    clock.advance(15 * MINUTE - 1000);
    const stillLocked = await signIn(login, TEST_PASSWORD);
    expectError(stillLocked, 429, 'AUTH_LOCKED');
    expect(stillLocked.headers['retry-after']).toBe('1');

    clock.advance(1000);
    const res = await signIn(login, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().staff.id).toBe(staffId);
  });
});

// ---- sessions and CSRF ----

describe('staff sessions', () => {
  it('GET /api/v1/staff/me returns the staff member, tenant and stores', async () => {
    const res = await call('GET', '/api/v1/staff/me', { headers: { cookie: owner.cookie } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.staff).toMatchObject({
      id: t.staff.owner.id,
      role: 'owner',
      email: t.staff.owner.login,
      phone: null,
    });
    expect(body.staff.tenant).toMatchObject({
      id: t.id,
      slug: t.slug,
      name: `测试商户 ${t.slug}`,
      timezone: expect.any(String),
    });
    expect(body.staff.stores).toEqual([
      expect.objectContaining({ id: t.storeId, code: 'S01', name: '一号店' }),
    ]);
    expect(body.csrfToken).toBe(owner.csrf);
  });

  it('without a session staff routes are 401 AUTH_REQUIRED', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/staff/me'],
      ['GET', '/api/v1/staff/customers'],
      ['POST', '/api/v1/staff/customers'],
    ] as const) {
      const err = expectError(
        await call(method, url, {
          payload: method === 'POST' ? { name: '某人', phone: '13600000000' } : undefined,
        }),
        401,
        'AUTH_REQUIRED',
      );
      expect(err.message).toBe('请先登录');
    }
    expectError(
      await call('GET', '/api/v1/staff/me', {
        headers: { cookie: 'lk_staff=lks_not-a-real-token' },
      }),
      401,
      'AUTH_REQUIRED',
    );
  });

  it('a cookie-session write needs the right X-CSRF-Token; a refused write changes nothing', async () => {
    const before = await countCustomers(owner);
    const payload = { name: '跨站测试', phone: '13600000001' };

    const missing = expectError(
      await call('POST', '/api/v1/staff/customers', { headers: { cookie: owner.cookie }, payload }),
      403,
      'CSRF_INVALID',
    );
    expect(missing.message).toBe('页面已过期，请刷新后重试');
    expectError(
      await call('POST', '/api/v1/staff/customers', {
        headers: { cookie: owner.cookie, 'x-csrf-token': `${owner.csrf}x` },
        payload,
      }),
      403,
      'CSRF_INVALID',
    );
    // Another session's token is not this session's token.
    const other = await signInStaff(env.app, t.slug, t.staff.manager.login);
    expectError(
      await call('POST', '/api/v1/staff/customers', {
        headers: { cookie: owner.cookie, 'x-csrf-token': other.csrf },
        payload,
      }),
      403,
      'CSRF_INVALID',
    );
    expect(await countCustomers(owner)).toBe(before);

    const ok = await call('POST', '/api/v1/staff/customers', { headers: owner.headers, payload });
    expect(ok.statusCode).toBe(201);
    expect(await countCustomers(owner)).toBe(before + 1);
  });

  it('reads with a cookie session need no CSRF token', async () => {
    expect(
      (await call('GET', '/api/v1/staff/customers', { headers: { cookie: owner.cookie } }))
        .statusCode,
    ).toBe(200);
  });

  it('the session token sent as a bearer token needs no CSRF token', async () => {
    const s = await signInStaff(env.app, t.slug, t.staff.advisor.login);
    const token = s.cookie.slice('lk_staff='.length);
    const res = await call('POST', '/api/v1/staff/customers', {
      headers: bearer(token),
      payload: { name: '令牌客户', phone: '13600000002' },
    });
    expect(res.statusCode).toBe(201);
  });

  it('sign-out ends the session and clears the cookie', async () => {
    const s = await signInStaff(env.app, t.slug, t.staff.advisor.login);
    expect((await call('GET', '/api/v1/staff/me', { headers: s.headers })).statusCode).toBe(200);

    expectError(
      await call('POST', '/api/v1/staff/auth/sign-out', { headers: { cookie: s.cookie } }),
      403,
      'CSRF_INVALID',
    );
    const out = await call('POST', '/api/v1/staff/auth/sign-out', { headers: s.headers });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'lk_staff')?.value).toBe('');

    expectError(
      await call('GET', '/api/v1/staff/me', { headers: s.headers }),
      401,
      'AUTH_REQUIRED',
    );
    expectError(
      await call('POST', '/api/v1/staff/auth/sign-out', { headers: s.headers }),
      401,
      'AUTH_REQUIRED',
    );
    // Other sessions of the tenant stay signed in.
    expect((await call('GET', '/api/v1/staff/me', { headers: owner.headers })).statusCode).toBe(
      200,
    );
  });
});

// ---- roles ----

describe('roles', () => {
  let sessions: Record<'manager' | 'advisor' | 'technician' | 'partner', Session>;

  beforeAll(async () => {
    sessions = {
      manager: await signInStaff(env.app, t.slug, t.staff.manager.login),
      advisor: await signInStaff(env.app, t.slug, t.staff.advisor.login),
      technician: await signInStaff(env.app, t.slug, t.staff.technician.login),
      partner: await signInStaff(env.app, t.slug, t.staff.partner.login),
    };
  });

  it('a technician may list customers but not create one', async () => {
    const before = await countCustomers(owner);
    expect(
      (await call('GET', '/api/v1/staff/customers', { headers: sessions.technician.headers }))
        .statusCode,
    ).toBe(200);
    const res = await call('POST', '/api/v1/staff/customers', {
      headers: sessions.technician.headers,
      payload: { name: '技师建的', phone: '13600000003' },
    });
    const err = expectError(res, 403, 'FORBIDDEN');
    expect(err.message).toBe('没有权限执行此操作');
    expect(await countCustomers(owner)).toBe(before);
  });

  it('an advisor may create customers', async () => {
    const res = await call('POST', '/api/v1/staff/customers', {
      headers: sessions.advisor.headers,
      payload: { name: '顾问建的', phone: '13600000004' },
    });
    expect(res.statusCode).toBe(201);
  });

  it('a partner cannot list customers, but can see who they are', async () => {
    expectError(
      await call('GET', '/api/v1/staff/customers', { headers: sessions.partner.headers }),
      403,
      'FORBIDDEN',
    );
    const me = await call('GET', '/api/v1/staff/me', { headers: sessions.partner.headers });
    expect(me.statusCode).toBe(200);
    expect(me.json().staff.role).toBe('partner');
  });

  it('only the owner manages API keys; the dev outbox is for owner and manager', async () => {
    expectError(
      await call('POST', '/api/v1/staff/api-keys', {
        headers: sessions.manager.headers,
        payload: { name: 'dms' },
      }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await call('GET', '/api/v1/staff/api-keys', { headers: sessions.manager.headers }),
      403,
      'FORBIDDEN',
    );
    expect(
      (await call('GET', '/api/v1/staff/api-keys', { headers: owner.headers })).json().items,
    ).toEqual([]);
    for (const role of ['manager', 'advisor'] as const)
      expectError(
        await call('GET', '/api/v1/staff/dev/outbox', { headers: sessions[role].headers }),
        403,
        'FORBIDDEN',
      );
    expect(
      (await call('GET', '/api/v1/staff/dev/outbox', { headers: owner.headers })).statusCode,
    ).toBe(200);
  });
});

// ---- API keys ----

describe('API keys', () => {
  let key: { id: string; key: string; prefix: string; role: string; name: string };

  it('the owner creates a key; the secret is returned once', async () => {
    const res = await call('POST', '/api/v1/staff/api-keys', {
      headers: owner.headers,
      payload: { name: 'DMS 同步' },
    });
    expect(res.statusCode).toBe(201);
    key = res.json();
    expect(key).toMatchObject({ name: 'DMS 同步', role: 'advisor', id: expect.any(String) });
    expect(key.key).toMatch(/^lk_[0-9a-f]{32}_/);
    expect(key.prefix).toBe(`lk_…${key.key.slice(-6)}`);

    const list = await call('GET', '/api/v1/staff/api-keys', { headers: owner.headers });
    expect(list.json().items).toEqual([
      {
        id: key.id,
        name: 'DMS 同步',
        role: 'advisor',
        prefix: key.prefix,
        createdAt: expect.any(String),
        revokedAt: null,
      },
    ]);
    expect(list.body).not.toContain(key.key);
  });

  it('an owner role cannot be given to a key', async () => {
    const res = await call('POST', '/api/v1/staff/api-keys', {
      headers: owner.headers,
      payload: { name: 'root', role: 'owner' },
    });
    expect(expectError(res, 400, 'VALIDATION_FAILED').field).toBe('role');
  });

  it('the key works on the integration routes without CSRF', async () => {
    const created = await call('POST', '/api/v1/integrations/customers', {
      headers: bearer(key.key),
      payload: { name: '接口客户', phone: '13600000005', source: 'import' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: '接口客户',
      phone: '+8613600000005',
      source: 'import',
    });

    const list = await call('GET', '/api/v1/integrations/customers?q=0005', {
      headers: bearer(key.key),
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((c: { id: string }) => c.id)).toEqual([created.json().id]);

    // Audited as the key.
    const audit = await env.inTenant(t.id, (ctx) =>
      ctx.tx
        .select()
        .from(auditLog)
        .where(
          and(eq(auditLog.action, 'customer.created'), eq(auditLog.entityId, created.json().id)),
        ),
    );
    expect(audit).toMatchObject([{ actorType: 'api_key', actorId: key.id }]);
  });

  it('the key works on staff routes as its role', async () => {
    expect(
      (await call('GET', '/api/v1/staff/customers', { headers: bearer(key.key) })).statusCode,
    ).toBe(200);
    expect(
      (
        await call('POST', '/api/v1/staff/customers', {
          headers: bearer(key.key),
          payload: { name: '接口客户二', phone: '13600000006' },
        })
      ).statusCode,
    ).toBe(201);
    expectError(
      await call('GET', '/api/v1/staff/api-keys', { headers: bearer(key.key) }),
      403,
      'FORBIDDEN',
    );
  });

  it('a technician key may read but not create through the integration routes', async () => {
    const tech = (
      await call('POST', '/api/v1/staff/api-keys', {
        headers: owner.headers,
        payload: { name: '只读', role: 'technician' },
      })
    ).json();
    expect(tech.role).toBe('technician');
    const list = await call('GET', '/api/v1/integrations/customers', { headers: bearer(tech.key) });
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0].phone).toMatch(/^1\d\d\*{4}\d{4}$/);
    const before = await countCustomers(owner);
    expectError(
      await call('POST', '/api/v1/integrations/customers', {
        headers: bearer(tech.key),
        payload: { name: '不该建', phone: '13600000007' },
      }),
      403,
      'FORBIDDEN',
    );
    expect(await countCustomers(owner)).toBe(before);
  });

  it('integration routes accept only API keys', async () => {
    expectError(await call('GET', '/api/v1/integrations/customers'), 401, 'AUTH_REQUIRED');
    expectError(
      await call('GET', '/api/v1/integrations/customers', { headers: { cookie: owner.cookie } }),
      401,
      'AUTH_REQUIRED',
    );
    const sessionToken = owner.cookie.slice('lk_staff='.length);
    expectError(
      await call('GET', '/api/v1/integrations/customers', { headers: bearer(sessionToken) }),
      401,
      'API_KEY_INVALID',
    );
  });

  it('a garbage bearer is 401', async () => {
    const err = expectError(
      await call('GET', '/api/v1/integrations/customers', { headers: bearer('not-a-key') }),
      401,
      'API_KEY_INVALID',
    );
    expect(err.message).toBe('API 密钥无效');
    // Well-formed but unknown.
    const forged = `lk_${t.id.replaceAll('-', '')}_${'A'.repeat(43)}`;
    expectError(
      await call('GET', '/api/v1/integrations/customers', { headers: bearer(forged) }),
      401,
      'API_KEY_INVALID',
    );
    expectError(
      await call('GET', '/api/v1/staff/customers', { headers: bearer('garbage') }),
      401,
      'AUTH_REQUIRED',
    );
  });

  it('a revoked key stops working at once', async () => {
    expect(
      (await call('DELETE', `/api/v1/staff/api-keys/${key.id}`, { headers: owner.headers }))
        .statusCode,
    ).toBe(204);

    const err = expectError(
      await call('GET', '/api/v1/integrations/customers', { headers: bearer(key.key) }),
      401,
      'API_KEY_INVALID',
    );
    expect(err.message).toBe('API 密钥无效');
    expectError(
      await call('POST', '/api/v1/integrations/customers', {
        headers: bearer(key.key),
        payload: { name: '吊销后', phone: '13600000008' },
      }),
      401,
      'API_KEY_INVALID',
    );
    expectError(
      await call('GET', '/api/v1/staff/customers', { headers: bearer(key.key) }),
      401,
      'API_KEY_INVALID',
    );

    const listed = (await call('GET', '/api/v1/staff/api-keys', { headers: owner.headers }))
      .json()
      .items.find((k: { id: string }) => k.id === key.id);
    expect(listed.revokedAt).toEqual(expect.any(String));
    // Revoking again: there is no active key with that id.
    expectError(
      await call('DELETE', `/api/v1/staff/api-keys/${key.id}`, { headers: owner.headers }),
      404,
      'NOT_FOUND',
    );
  });
});

// ---- car owners ----

describe('car-owner sign-in code', () => {
  it('an invalid phone is 400 PHONE_INVALID on field phone, and no code is sent', async () => {
    for (const phone of ['12345', '1381234567', '23812345678', 'abc-def-ghij']) {
      const err = expectError(await requestCode(phone), 400, 'PHONE_INVALID');
      expect(err.field, phone).toBe('phone');
    }
    const en = expectError(
      await call('POST', '/api/v1/app/auth/code', {
        payload: { tenant: t.slug, phone: '12345', privacyPolicyVersion: PRIVACY_POLICY_VERSION },
        headers: { 'accept-language': 'en' },
      }),
      400,
      'PHONE_INVALID',
    );
    expect(en.message).toBe('The phone number is not valid');
  });

  it('an unknown tenant code is 404', async () => {
    expectError(await requestCode(freshPhone(), 'no-such-tenant-code'), 404, 'NOT_FOUND');
  });

  it('a valid phone gets a code by SMS (dev outbox)', async () => {
    const phone = freshPhone();
    const res = await requestCode(phone);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ expiresInSeconds: 300, resendAfterSeconds: 60 });
    const messages = await outboxFor(e164(phone));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ channel: 'sms', purpose: 'auth' });
    expect(messages[0]!.body).toMatch(/验证码是 \d{6}/);
  });

  it('asking again within 60 s is 429 OTP_RATE_LIMITED with the seconds to wait', async () => {
    const phone = freshPhone();
    expect((await requestCode(phone)).statusCode).toBe(202);

    const again = await requestCode(phone);
    const err = expectError(again, 429, 'OTP_RATE_LIMITED');
    expect(err.details).toEqual({ retryAfterSeconds: 60 });
    expect(again.headers['retry-after']).toBe('60');

    clock.advance(45 * 1000);
    expect(expectError(await requestCode(`+86 ${phone}`), 429, 'OTP_RATE_LIMITED').details).toEqual(
      { retryAfterSeconds: 15 },
    );
    expect(await outboxFor(e164(phone))).toHaveLength(1);

    clock.advance(15 * 1000);
    expect((await requestCode(phone)).statusCode).toBe(202);
    expect(await outboxFor(e164(phone))).toHaveLength(2);
  });

  it('at most five codes an hour per phone', async () => {
    const phone = freshPhone();
    for (let i = 0; i < 5; i++) {
      expect((await requestCode(phone)).statusCode).toBe(202);
      clock.advance(61 * 1000);
    }
    // 5 × 61 s after the first code; the first leaves the hour window at 3600 s.
    const err = expectError(await requestCode(phone), 429, 'OTP_RATE_LIMITED');
    expect(err.details).toEqual({ retryAfterSeconds: 3600 - 5 * 61 });
    expect(await outboxFor(e164(phone))).toHaveLength(5);
    // Another phone is not limited.
    expect((await requestCode(freshPhone())).statusCode).toBe(202);
  });

  it('a wrong code is 401 OTP_INVALID on field code', async () => {
    const phone = freshPhone();
    await requestCode(phone);
    const code = await latestCode(e164(phone));
    const err = expectError(await signInWithCode(phone, wrongCodeFor(code)), 401, 'OTP_INVALID');
    expect(err).toMatchObject({ field: 'code', message: '验证码错误' });
    // Still usable after one wrong try.
    expect((await signInWithCode(phone, code)).statusCode).toBe(200);
  });

  it('a phone with no code pending is 401 OTP_INVALID', async () => {
    expectError(await signInWithCode(freshPhone(), '123456'), 401, 'OTP_INVALID');
  });

  it('five wrong codes burn the code: 429 OTP_TOO_MANY_ATTEMPTS, even for the right one', async () => {
    const phone = freshPhone();
    await requestCode(phone);
    const code = await latestCode(e164(phone));
    for (let i = 0; i < 4; i++)
      expectError(await signInWithCode(phone, wrongCodeFor(code)), 401, 'OTP_INVALID');
    expectError(await signInWithCode(phone, wrongCodeFor(code)), 429, 'OTP_TOO_MANY_ATTEMPTS');
    const res = await signInWithCode(phone, code);
    expect(expectError(res, 429, 'OTP_TOO_MANY_ATTEMPTS').field).toBe('code');
    expect(res.cookies).toEqual([]);

    // A new code works.
    clock.advance(61 * 1000);
    expect((await requestCode(phone)).statusCode).toBe(202);
    expect((await signInWithCode(phone, await latestCode(e164(phone)))).statusCode).toBe(200);
  });

  it('a code older than 5 minutes is 410 OTP_EXPIRED', async () => {
    const phone = freshPhone();
    await requestCode(phone);
    const code = await latestCode(e164(phone));
    clock.advance(6 * MINUTE);
    const err = expectError(await signInWithCode(phone, code), 410, 'OTP_EXPIRED');
    expect(err.message).toBe('验证码已过期，请重新获取');
  });

  it('the right code signs in; a new phone becomes a new customer that staff see, with source app', async () => {
    const phone = freshPhone();
    const before = await countCustomers(owner);
    await requestCode(phone);
    const code = await latestCode(e164(phone));

    const res = await signInWithCode(phone, code);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'lk_app');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const body = res.json();
    expect(body.customer).toMatchObject({
      phone: e164(phone),
      name: null,
      memberNo: expect.stringMatching(/^LK\d{8}$/),
      tenant: { slug: t.slug },
    });
    expect(body.csrfToken).toEqual(expect.any(String));

    expect(await countCustomers(owner)).toBe(before + 1);
    const found = await call('GET', `/api/v1/staff/customers?q=${phone}`, {
      headers: owner.headers,
    });
    expect(found.json().items).toEqual([
      expect.objectContaining({
        id: body.customer.id,
        phone: e164(phone),
        name: null,
        source: 'app',
      }),
    ]);

    // The code is used up.
    expectError(await signInWithCode(phone, code), 401, 'OTP_INVALID');

    const app = { cookie: `lk_app=${cookie!.value}` };
    const me = await call('GET', '/api/v1/app/me', { headers: app });
    expect(me.statusCode).toBe(200);
    expect(me.json().customer).toEqual(body.customer);
    expect(me.json().csrfToken).toBe(body.csrfToken);
  });

  it('a known phone signs in as the existing customer', async () => {
    const phone = freshPhone();
    const created = await call('POST', '/api/v1/staff/customers', {
      headers: owner.headers,
      payload: { name: '老客户', phone },
    });
    expect(created.statusCode).toBe(201);
    const before = await countCustomers(owner);
    await requestCode(phone);
    const res = await signInWithCode(phone, await latestCode(e164(phone)));
    expect(res.json().customer).toMatchObject({
      id: created.json().id,
      name: '老客户',
      memberNo: created.json().memberNo,
    });
    expect(await countCustomers(owner)).toBe(before);
  });
});

describe('car-owner and staff sessions are kept apart', () => {
  let app: { cookie: string; csrf: string };

  beforeAll(async () => {
    const phone = freshPhone();
    await requestCode(phone);
    const res = await signInWithCode(phone, await latestCode(e164(phone)));
    app = {
      cookie: `lk_app=${res.cookies.find((c) => c.name === 'lk_app')!.value}`,
      csrf: res.json().csrfToken,
    };
  });

  it('a customer session cannot call staff routes', async () => {
    expectError(
      await call('GET', '/api/v1/staff/me', { headers: { cookie: app.cookie } }),
      401,
      'AUTH_REQUIRED',
    );
    expectError(
      await call('GET', '/api/v1/staff/customers', { headers: { cookie: app.cookie } }),
      401,
      'AUTH_REQUIRED',
    );
    // Nor with its token as a bearer.
    expectError(
      await call('GET', '/api/v1/staff/customers', {
        headers: bearer(app.cookie.slice('lk_app='.length)),
      }),
      401,
      'AUTH_REQUIRED',
    );
  });

  it('a staff session cannot call car-owner routes', async () => {
    expectError(
      await call('GET', '/api/v1/app/me', { headers: owner.headers }),
      401,
      'AUTH_REQUIRED',
    );
    expectError(
      await call('GET', '/api/v1/app/me', {
        headers: bearer(owner.cookie.slice('lk_staff='.length)),
      }),
      401,
      'AUTH_REQUIRED',
    );
    expectError(await call('GET', '/api/v1/app/me'), 401, 'AUTH_REQUIRED');
  });

  it('car-owner sign-out needs the CSRF token and ends the session', async () => {
    expectError(
      await call('POST', '/api/v1/app/auth/sign-out', { headers: { cookie: app.cookie } }),
      403,
      'CSRF_INVALID',
    );
    expect(
      (await call('GET', '/api/v1/app/me', { headers: { cookie: app.cookie } })).statusCode,
    ).toBe(200);
    const out = await call('POST', '/api/v1/app/auth/sign-out', {
      headers: { cookie: app.cookie, 'x-csrf-token': app.csrf },
    });
    expect(out.statusCode).toBe(204);
    expectError(
      await call('GET', '/api/v1/app/me', { headers: { cookie: app.cookie } }),
      401,
      'AUTH_REQUIRED',
    );
  });
});

// Last: moves the clock by half a day, past every staff session above.
describe('session lifetime', () => {
  it('a staff session ends after 12 hours; a car-owner session lasts longer', async () => {
    const staff = await signInStaff(env.app, t.slug, t.staff.advisor.login);
    const phone = freshPhone();
    await requestCode(phone);
    const res = await signInWithCode(phone, await latestCode(e164(phone)));
    const app = { cookie: `lk_app=${res.cookies.find((c) => c.name === 'lk_app')!.value}` };

    clock.advance(12 * 60 * MINUTE - 1000);
    expect((await call('GET', '/api/v1/staff/me', { headers: staff.headers })).statusCode).toBe(
      200,
    );
    clock.advance(1000);
    expectError(
      await call('GET', '/api/v1/staff/me', { headers: staff.headers }),
      401,
      'AUTH_REQUIRED',
    );
    expect((await call('GET', '/api/v1/app/me', { headers: app })).statusCode).toBe(200);

    clock.advance(30 * 24 * 60 * MINUTE);
    expectError(await call('GET', '/api/v1/app/me', { headers: app }), 401, 'AUTH_REQUIRED');
  });
});
