// Stored value and service packages through the API: top-up packages and caps, paying part of an
// order from the wallet (and the payment failing whole when the wallet is short), refunds of
// orders and of the card per the tenant's rule, the liability report, idempotent retries,
// packages sold, used and expired, and balances moving on customer merge.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../kernel/clock.ts';
import {
  createTestEnv,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { runLoyaltyJobs } from './loyalty.jobs.ts';
import { grantReward } from './loyalty.service.ts';
import { checkInvariants, completedOrder, createMember, pay, summary } from './testing/helpers.ts';

const DAY = 24 * 60 * 60 * 1000;
const PKG = '0190d7a0-0000-7000-8000-000000000001';
const clock = fixedClock(new Date('2026-05-01T02:00:00Z'));
let env: TestEnv;
let tenant: TestTenant;
let owner: Session;

beforeAll(async () => {
  env = await createTestEnv({ clock });
  tenant = await env.createTenant();
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  const res = await env.app.inject({
    method: 'PUT',
    url: '/api/v1/staff/loyalty/top-up-packages',
    headers: owner.headers,
    payload: {
      items: [{ id: PKG, name: '充 500 送 50', payFen: 50000, bonusFen: 5000, active: true }],
    },
  });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(() => env.close());

const topUp = (customerId: string, payload: object, key?: string) =>
  env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/customers/${customerId}/stored-value/top-ups`,
    headers: { ...owner.headers, ...(key ? { 'idempotency-key': key } : {}) },
    payload,
  });

describe('stored value', () => {
  it('tops up with a package, once per idempotency key, within the card cap', async () => {
    const m = await createMember(env, owner, { phone: '13800000201' });
    const first = await topUp(m.customerId, { packageId: PKG, method: 'wechat_pay' }, 'tu-1');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toEqual({ principalFen: 50000, bonusFen: 5000, balanceFen: 55000 });
    const retry = await topUp(m.customerId, { packageId: PKG, method: 'wechat_pay' }, 'tu-1');
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    const reused = await topUp(m.customerId, { payFen: 100, method: 'cash' }, 'tu-1');
    expect([reused.statusCode, reused.json().error.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect((await summary(env, owner, m.customerId)).storedValue).toEqual({
      balanceFen: 55000,
      principalFen: 50000,
      bonusFen: 5000,
    });
    // Registered cap ¥5,000: 55,000 + 8 × 55,000 = 495,000 fits, one more does not.
    for (let i = 0; i < 8; i++)
      expect((await topUp(m.customerId, { packageId: PKG, method: 'cash' })).statusCode).toBe(201);
    const over = await topUp(m.customerId, { packageId: PKG, method: 'cash' });
    expect(over.statusCode).toBe(422);
    expect(over.json().error).toMatchObject({
      code: 'STORED_VALUE_CAP_EXCEEDED',
      details: { capFen: 500000 },
    });
    expect((await summary(env, owner, m.customerId)).storedValue.balanceFen).toBe(495000);
    await checkInvariants(env.database.adminDb, tenant.id);
  });

  it('caps an anonymous card at ¥1,000 and refuses bad amounts', async () => {
    const m = await createMember(env, owner, { phone: '13800000202', name: null });
    expect((await topUp(m.customerId, { payFen: 100001, method: 'cash' })).json().error.code).toBe(
      'STORED_VALUE_CAP_EXCEEDED',
    );
    for (const payFen of [0, -100, 12.5, '100'])
      expect(
        (await topUp(m.customerId, { payFen, method: 'cash' })).statusCode,
        String(payFen),
      ).toBe(400);
    expect((await topUp(m.customerId, { method: 'cash' })).statusCode).toBe(400);
    expect(
      (await topUp(m.customerId, { payFen: 100, packageId: PKG, method: 'cash' })).statusCode,
    ).toBe(400);
    expect(
      (
        await topUp(m.customerId, {
          packageId: '0190d7a0-0000-7000-8000-00000000ffff',
          method: 'cash',
        })
      ).json().error,
    ).toMatchObject({ code: 'NOT_FOUND', field: 'packageId' });
    expect((await summary(env, owner, m.customerId)).storedValue.balanceFen).toBe(0);
  });

  it('pays part of an order from the wallet; a short wallet fails the whole payment', async () => {
    const m = await createMember(env, owner, { phone: '13800000203' });
    await topUp(m.customerId, { packageId: PKG, method: 'cash' });
    const orderId = await completedOrder(env, tenant, owner, m, [
      { category: 'oil_change', unitPriceFen: 60000 },
    ]);
    const short = await pay(env, owner, orderId, {
      paidFen: 60000,
      storedValueFen: 60000,
      method: 'stored_value',
    });
    expect([short.statusCode, short.json().error.code]).toEqual([422, 'STORED_VALUE_INSUFFICIENT']);
    let s = await summary(env, owner, m.customerId);
    expect(s.points.pending).toBe(0);
    expect(s.storedValue.balanceFen).toBe(55000);
    const order = await env.app.inject({
      url: `/api/v1/staff/service-orders/${orderId}`,
      headers: owner.headers,
    });
    expect(order.json().status).toBe('completed');

    const tooMuch = await pay(env, owner, orderId, { paidFen: 60000, storedValueFen: 60001 });
    expect([tooMuch.statusCode, tooMuch.json().error.field]).toEqual([400, 'storedValueFen']);

    const ok = await pay(env, owner, orderId, { paidFen: 60000, storedValueFen: 44000 });
    expect(ok.statusCode, ok.body).toBe(200);
    s = await summary(env, owner, m.customerId);
    // Proportional: 44,000 × 5,000 / 55,000 = 4,000 from bonus.
    expect(s.storedValue).toEqual({ balanceFen: 11000, principalFen: 10000, bonusFen: 1000 });
    expect(s.points.pending).toBe(600);
    const [event] = await queryRows<{ payload: Record<string, unknown> }>(
      env.database.adminDb,
      sql`select payload from outbox_events where type = 'serviceOrder.paid' and aggregate_id = ${orderId}::uuid`,
    );
    expect(event!.payload).toMatchObject({
      customerId: m.customerId,
      paidFen: 60000,
      storedValueFen: 44000,
      categoryTotalsFen: { oil_change: 60000 },
    });

    // Refunding the order returns the wallet payment as it was taken and the points.
    const refund = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/service-orders/${orderId}/refund`,
      headers: owner.headers,
      payload: { reason: '退款' },
    });
    expect(refund.statusCode, refund.body).toBe(200);
    s = await summary(env, owner, m.customerId);
    expect(s.storedValue).toEqual({ balanceFen: 55000, principalFen: 50000, bonusFen: 5000 });
    expect(s.points.pending).toBe(0);
    const again = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/service-orders/${orderId}/refund`,
      headers: owner.headers,
      payload: { reason: '退款' },
    });
    expect(again.statusCode).toBe(409);
    await checkInvariants(env.database.adminDb, tenant.id);
  });

  it('takes the whole amount from the wallet when the method is stored value and no split is given', async () => {
    const m = await createMember(env, owner, { phone: '13800000209' });
    await topUp(m.customerId, { packageId: PKG, method: 'cash' });
    const orderId = await completedOrder(env, tenant, owner, m, [
      { category: 'wash', unitPriceFen: 11000 },
    ]);
    const ok = await pay(env, owner, orderId, { paidFen: 11000, method: 'stored_value' });
    expect(ok.statusCode, ok.body).toBe(200);
    const s = await summary(env, owner, m.customerId);
    expect(s.storedValue.balanceFen).toBe(55000 - 11000);
    await checkInvariants(env.database.adminDb, tenant.id);
  });

  it('refunds the card: principal back, bonus forfeited; or spent bonus deducted', async () => {
    const m = await createMember(env, owner, { phone: '13800000204' });
    await topUp(m.customerId, { packageId: PKG, method: 'cash' });
    const orderId = await completedOrder(env, tenant, owner, m, [
      { category: 'wash', unitPriceFen: 11000 },
    ]);
    await pay(env, owner, orderId, { paidFen: 11000, storedValueFen: 11000 });
    // Wallet now 40,000 principal + 4,000 bonus; 1,000 bonus spent.
    const partial = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/customers/${m.customerId}/stored-value/refunds`,
      headers: owner.headers,
      payload: { principalFen: 20000, reason: '部分退款', method: 'cash' },
    });
    expect(partial.statusCode, partial.body).toBe(201);
    expect(partial.json()).toMatchObject({
      cashFen: 20000,
      bonusForfeit: 2000,
      wallet: { principalFen: 20000, bonusFen: 2000 },
    });

    const settings = (
      await env.app.inject({ url: '/api/v1/staff/loyalty/settings', headers: owner.headers })
    ).json();
    await env.app.inject({
      method: 'PUT',
      url: '/api/v1/staff/loyalty/settings',
      headers: owner.headers,
      payload: {
        ...settings,
        storedValue: { ...settings.storedValue, refundRule: 'deduct_spent_bonus' },
      },
    });
    const partialNow = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/customers/${m.customerId}/stored-value/refunds`,
      headers: owner.headers,
      payload: { principalFen: 100, reason: '部分退款', method: 'cash' },
    });
    expect(partialNow.statusCode).toBe(400);
    const full = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/customers/${m.customerId}/stored-value/refunds`,
      headers: owner.headers,
      payload: { reason: '退卡', method: 'cash' },
    });
    expect(full.json()).toMatchObject({
      cashFen: 19000,
      clawbackFen: 1000,
      bonusForfeit: 2000,
      wallet: { balanceFen: 0 },
    });
    await env.app.inject({
      method: 'PUT',
      url: '/api/v1/staff/loyalty/settings',
      headers: owner.headers,
      payload: settings,
    });
    await checkInvariants(env.database.adminDb, tenant.id);
  });

  it('reports the liability per home store and in total', async () => {
    const m = await createMember(env, owner, { phone: '13800000210' });
    await env.inTenant(tenant.id, async (ctx) => {
      await grantReward(ctx, {
        customerId: m.customerId,
        kind: 'points',
        amount: 77,
        reason: 'test',
        reference: { type: 'test', id: 'liability-available' },
        idempotencyKey: 'liability-available',
      });
      await grantReward(ctx, {
        customerId: m.customerId,
        kind: 'points',
        amount: 123,
        reason: 'test',
        reference: { type: 'test', id: 'liability-pending' },
        idempotencyKey: 'liability-pending',
        pendingUntil: new Date(ctx.clock.now().getTime() + 7 * 86_400_000),
      });
    });
    const res = await env.app.inject({
      url: '/api/v1/staff/loyalty/liability',
      headers: owner.headers,
    });
    expect(res.statusCode).toBe(200);
    const [row] = await queryRows<{ total: number }>(
      env.database.adminDb,
      sql`select coalesce(sum(balance), 0)::int as total from ledger_accounts
          where tenant_id = ${tenant.id}::uuid and kind in ('stored_value_principal', 'stored_value_bonus')`,
    );
    expect(res.json().total.totalFen).toBe(row!.total);
    expect(res.json().total.totalFen).toBeGreaterThan(0);
    expect(
      res.json().stores.reduce((s: number, r: { totalFen: number }) => s + r.totalFen, 0),
    ).toBe(row!.total);
    // Points owed: available and pending, as the accounts hold them.
    const [pts] = await queryRows<{ available: number; pending: number }>(
      env.database.adminDb,
      sql`select coalesce(sum(balance) filter (where kind = 'points_available'), 0)::int as available,
                 coalesce(sum(balance) filter (where kind = 'points_pending'), 0)::int as pending
          from ledger_accounts where tenant_id = ${tenant.id}::uuid and owner_customer_id is not null`,
    );
    expect(res.json().total).toMatchObject({
      pointsAvailable: pts!.available,
      pointsPending: pts!.pending,
    });
    expect(pts!.available).toBeGreaterThanOrEqual(77);
    expect(pts!.pending).toBeGreaterThanOrEqual(123);
    const advisor = await signInStaff(env.app, tenant.slug, tenant.staff.advisor.login);
    expect(
      (await env.app.inject({ url: '/api/v1/staff/loyalty/liability', headers: advisor.headers }))
        .statusCode,
    ).toBe(403);
  });
});

describe('service packages', () => {
  it('sells, uses one per visit, refuses a used-up or expired package', async () => {
    const product = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/loyalty/package-products',
      headers: owner.headers,
      payload: { name: '洗车 3 次卡', uses: 3, validityDays: 30, priceFen: 9000 },
    });
    expect(product.statusCode, product.body).toBe(201);
    const m = await createMember(env, owner, { phone: '13800000205' });
    const sold = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/customers/${m.customerId}/packages`,
      headers: owner.headers,
      payload: { productId: product.json().id, method: 'cash' },
    });
    expect(sold.statusCode, sold.body).toBe(201);
    const packageId = sold.json().id as string;
    const use = (key?: string) =>
      env.app.inject({
        method: 'POST',
        url: `/api/v1/staff/customer-packages/${packageId}/use`,
        headers: { ...owner.headers, ...(key ? { 'idempotency-key': key } : {}) },
        payload: {},
      });
    expect((await use('u1')).json().remaining).toBe(2);
    expect((await use('u1')).json().remaining).toBe(2);
    expect((await use()).json().remaining).toBe(1);
    expect((await summary(env, owner, m.customerId)).packages).toEqual([
      expect.objectContaining({ id: packageId, name: '洗车 3 次卡', remaining: 1, total: 3 }),
    ]);
    const last = await use();
    expect(last.json()).toMatchObject({ remaining: 0, status: 'used_up' });
    expect((await use()).json().error.code).toBe('PACKAGE_NOT_USABLE');

    const second = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/customers/${m.customerId}/packages`,
      headers: owner.headers,
      payload: { productId: product.json().id, method: 'cash' },
    });
    clock.advance(31 * DAY);
    owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
    const jobs = await runLoyaltyJobs({ database: env.database, clock, log: env.app.log as never });
    expect(jobs.packagesExpired).toBeGreaterThanOrEqual(1);
    const expired = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/customer-packages/${second.json().id}/use`,
      headers: owner.headers,
      payload: {},
    });
    expect(expired.json().error.code).toBe('PACKAGE_NOT_USABLE');
    const list = await env.app.inject({
      url: `/api/v1/staff/customers/${m.customerId}/packages`,
      headers: owner.headers,
    });
    expect(
      list.json().items.map((p: { status: string; remaining: number }) => [p.status, p.remaining]),
    ).toEqual([
      ['expired', 0],
      ['used_up', 0],
    ]);
    await checkInvariants(env.database.adminDb, tenant.id);
  });
});

describe('customer merge', () => {
  it('moves points, stored value and packages to the survivor by transfers', async () => {
    const a = await createMember(env, owner, { phone: '13800000206' });
    const b = await createMember(env, owner, { phone: '13800000207' });
    for (const c of [a, b]) {
      await topUp(c.customerId, { payFen: 10000, bonusFen: 1000, method: 'cash' });
      await env.app.inject({
        method: 'POST',
        url: `/api/v1/staff/customers/${c.customerId}/loyalty/adjustments`,
        headers: owner.headers,
        payload: { account: 'points', amount: 100, reason: '开卡礼' },
      });
    }
    const merged = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/customers/${a.customerId}/merge`,
      headers: owner.headers,
      payload: { duplicateId: b.customerId },
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const s = await summary(env, owner, a.customerId);
    expect(s.storedValue).toEqual({ balanceFen: 22000, principalFen: 20000, bonusFen: 2000 });
    expect(s.points.available).toBe(200);
    // Points of the merged lots can still be spent.
    const redeem = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/customers/${a.customerId}/points/redemptions`,
      headers: owner.headers,
      payload: { points: 200, note: '兑换' },
    });
    expect(redeem.statusCode, redeem.body).toBe(201);
    await checkInvariants(env.database.adminDb, tenant.id);
  });
});
