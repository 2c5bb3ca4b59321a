// Opening shops: the operator's admin API (off without a token; the token is checked) and the
// self-service sign-up (off by default; validated and rate-limited when on).
import type { LightMyRequestResponse } from 'fastify';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordedMessages } from '../../channels/channels.tables.ts';
import { auditLog } from '../audit/audit.tables.ts';
import { createTestEnv, devOutbox, signInStaff, type TestEnv } from '../../testing/harness.ts';
import { newId } from '../../kernel/ids.ts';

const OPERATOR_TOKEN = 'operator-token-for-tests-0123456789';

let off: TestEnv; // the defaults: no operator token, no sign-up
let on: TestEnv; // operator token set, sign-up on, three sign-ups an hour

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect({ status: res.statusCode, code: res.json().error?.code }).toEqual({ status, code });
  return res.json().error as { field?: string };
}

const slug = () => `shop-${newId().slice(-10)}`;

const createTenant = (env: TestEnv, body: unknown, token: string | null = OPERATOR_TOKEN) =>
  env.app.inject({
    method: 'POST',
    url: '/api/v1/admin/tenants',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    payload: body as object,
  });

const signUp = (env: TestEnv, body: unknown) =>
  env.app.inject({ method: 'POST', url: '/api/v1/public/sign-up', payload: body as object });

beforeAll(async () => {
  off = await createTestEnv();
  on = await createTestEnv({
    config: { operatorToken: OPERATOR_TOKEN, signUp: true, signUpPerHour: 3 },
  });
});
afterAll(async () => {
  await off.close();
  await on.close();
});

describe('operator admin API', () => {
  it('does not exist while no operator token is configured', async () => {
    const res = await createTenant(off, {
      slug: slug(),
      name: '某店',
      owner: { name: '老板', email: 'a@example.com', password: 'Owner-pass-2026' },
    });
    expectError(res, 404, 'NOT_FOUND');
  });

  it('refuses a missing, wrong or staff credential', async () => {
    const body = {
      slug: slug(),
      name: '某店',
      owner: { name: '老板', email: 'b@example.com', password: 'Owner-pass-2026' },
    };
    expectError(await createTenant(on, body, null), 401, 'OPERATOR_TOKEN_INVALID');
    expectError(await createTenant(on, body, `${OPERATOR_TOKEN}x`), 401, 'OPERATOR_TOKEN_INVALID');
    expectError(await createTenant(on, body, 'short'), 401, 'OPERATOR_TOKEN_INVALID');
    const t = await on.createTenant();
    const staff = await signInStaff(on.app, t.slug, t.staff.owner.login);
    const withCookie = await on.app.inject({
      method: 'POST',
      url: '/api/v1/admin/tenants',
      headers: staff.headers,
      payload: body,
    });
    expectError(withCookie, 401, 'OPERATOR_TOKEN_INVALID');
    const lookup = await on.app.inject({
      method: 'GET',
      url: `/api/v1/admin/tenants/${body.slug}`,
      headers: { authorization: `Bearer ${OPERATOR_TOKEN}` },
    });
    expectError(lookup, 404, 'NOT_FOUND'); // nothing was created
  });

  it('creates a tenant, its first store and owner, audited', async () => {
    const code = slug();
    const res = await createTenant(on, {
      slug: code.toUpperCase(),
      name: '安驰汽修',
      timezone: 'Asia/Shanghai',
      storeName: '天河店',
      owner: { name: '王老板', phone: '13800138000', password: 'Owner-pass-2026' },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ slug: code, invitation: null });
    const owner = await signInStaff(on.app, code, '13800138000', 'Owner-pass-2026');
    const me = await on.app.inject({
      method: 'GET',
      url: '/api/v1/staff/me',
      headers: owner.headers,
    });
    expect(me.json().staff).toMatchObject({ role: 'owner', name: '王老板' });
    expect(me.json().staff.stores).toMatchObject([{ name: '天河店' }]);
    const audit = await on.inTenant(created.tenantId, (ctx) =>
      ctx.tx.select().from(auditLog).where(eq(auditLog.action, 'tenant.created')),
    );
    expect(audit).toMatchObject([{ actorType: 'system', changes: { via: 'operator' } }]);

    const lookup = await on.app.inject({
      method: 'GET',
      url: `/api/v1/admin/tenants/${code}`,
      headers: { authorization: `Bearer ${OPERATOR_TOKEN}` },
    });
    expect(lookup.json()).toMatchObject({ tenantId: created.tenantId, name: '安驰汽修' });

    const again = await createTenant(on, {
      slug: code,
      name: '别家',
      owner: { name: '李', email: 'li@example.com', password: 'Other-pass-2026' },
    });
    expect(expectError(again, 409, 'TENANT_SLUG_TAKEN').field).toBe('slug');
  });

  it('invites an owner given without a password', async () => {
    const code = slug();
    const res = await createTenant(on, {
      slug: code,
      name: '邀请店',
      owner: { name: '赵老板', email: 'zhao@example.com' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().invitation).toMatchObject({ channel: 'email', to: 'zhao@example.com' });
    const messages = (await devOutbox(on, res.json().tenantId)).filter(
      (m) => m.to === 'zhao@example.com',
    );
    // Staff see the link masked; only the operator's view opens it.
    expect(
      (await on.inTenant(res.json().tenantId, (ctx) => ctx.tx.select().from(recordedMessages)))
        .map((m) => m.body)
        .join(),
    ).not.toContain('lkp_');
    const token = /set-password#(\S+)/.exec(messages[0]?.body ?? '')?.[1];
    expect(token).toMatch(/^lkp_/);
    const used = await on.app.inject({
      method: 'POST',
      url: '/api/v1/public/staff-password-links/use',
      payload: { token, password: 'Zhao-pass-2026' },
    });
    expect(used.json()).toEqual({ tenant: code, login: 'zhao@example.com' });
    await signInStaff(on.app, code, 'zhao@example.com', 'Zhao-pass-2026');
  });

  it('validates the request', async () => {
    const base = { name: '店', owner: { name: '老板', email: 'x@example.com' } };
    for (const body of [
      { ...base, slug: 'a' },
      { ...base, slug: 'has space' },
      { ...base, slug: slug(), timezone: 'Mars/Olympus' },
      { ...base, slug: slug(), owner: { name: '老板' } },
      { ...base, slug: slug(), owner: { ...base.owner, password: 'short' } },
    ])
      expectError(await createTenant(on, body), 400, 'VALIDATION_FAILED');
  });
});

describe('self-service sign-up', () => {
  const valid = () => ({
    shopName: '新开车行',
    slug: slug(),
    ownerName: '钱老板',
    email: `qian-${newId().slice(-8)}@example.com`,
    password: 'Qian-pass-2026',
  });

  it('is off by default', async () => {
    expectError(await signUp(off, valid()), 404, 'SIGN_UP_DISABLED');
    const config = await off.app.inject({ method: 'GET', url: '/api/v1/public/app-config' });
    expect(config.json().signUp).toBe(false);
  });

  it('when on: validates, opens the shop, signs the owner in; then the limit applies', async () => {
    const config = await on.app.inject({ method: 'GET', url: '/api/v1/public/app-config' });
    expect(config.json().signUp).toBe(true);

    // 1: a reserved code.
    expectError(await signUp(on, { ...valid(), slug: 'admin' }), 400, 'VALIDATION_FAILED');
    // 2: a new shop.
    const body = valid();
    const res = await signUp(on, body);
    expect(res.statusCode).toBe(201);
    expect(res.json().staff).toMatchObject({ role: 'owner', tenant: { slug: body.slug } });
    const cookie = res.cookies.find((c) => c.name === 'lk_staff');
    expect(cookie).toBeDefined();
    const me = await on.app.inject({
      method: 'GET',
      url: '/api/v1/staff/me',
      headers: { cookie: `lk_staff=${cookie!.value}` },
    });
    expect(me.json().staff.tenant.name).toBe('新开车行');
    const audit = await on.inTenant(res.json().staff.tenant.id, (ctx) =>
      ctx.tx.select().from(auditLog).where(eq(auditLog.action, 'tenant.created')),
    );
    expect(audit).toMatchObject([{ changes: { via: 'sign-up' } }]);
    // 3: the same code again.
    expectError(await signUp(on, { ...valid(), slug: body.slug }), 409, 'TENANT_SLUG_TAKEN');
    // 4: over the hourly limit.
    const limited = await signUp(on, valid());
    expectError(limited, 429, 'RATE_LIMITED');
    expect(limited.headers['retry-after']).toBeDefined();
  });
});
