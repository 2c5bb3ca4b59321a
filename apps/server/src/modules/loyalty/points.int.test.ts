// Points through the API: pending on payment, settled after the return window by the job,
// redeemed oldest lot first, expired by lot with an "expiring soon" event, reversed on refund
// (including points already spent: shortfall or debt per the tenant's rule), action awards,
// manual adjustment with audit, tiers upgrading on payment.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../kernel/clock.ts';
import {
  createTestEnv,
  signInCustomer,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { runLoyaltyJobs } from './loyalty.jobs.ts';
import { grantReward, reverseReward } from './loyalty.service.ts';
import { checkInvariants, completedOrder, createMember, pay, summary } from './testing/helpers.ts';

const DAY = 24 * 60 * 60 * 1000;
const clock = fixedClock(new Date('2026-03-01T02:00:00Z'));
let env: TestEnv;
let tenant: TestTenant;
let owner: Session;
const jobs = () => runLoyaltyJobs({ database: env.database, clock, log: env.app.log as never });
/** Moves time on; staff sessions time out, so the owner signs in again. */
async function advance(ms: number) {
  clock.advance(ms);
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
}

beforeAll(async () => {
  env = await createTestEnv({ clock });
  tenant = await env.createTenant();
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
});
afterAll(() => env.close());

async function putSettings(points: Record<string, unknown>) {
  const current = (
    await env.app.inject({ url: '/api/v1/staff/loyalty/settings', headers: owner.headers })
  ).json();
  const res = await env.app.inject({
    method: 'PUT',
    url: '/api/v1/staff/loyalty/settings',
    headers: owner.headers,
    payload: { ...current, points: { ...current.points, ...points } },
  });
  expect(res.statusCode, res.body).toBe(200);
}

describe('points', () => {
  it('earns pending points on payment, settles them after the return window', async () => {
    await putSettings({ pointsPerYuan: 1, categoryMultipliers: { wash: 2 }, returnWindowDays: 7 });
    const m = await createMember(env, owner, { phone: '13900000101' });
    const orderId = await completedOrder(env, tenant, owner, m, [
      { category: 'oil_change', unitPriceFen: 40000 },
      { category: 'wash', unitPriceFen: 5000 },
    ]);
    const paid = await pay(env, owner, orderId, { paidFen: 45000 });
    expect(paid.statusCode, paid.body).toBe(200);
    // ¥400 oil change ×1 + ¥50 wash ×2 = 500 points, pending.
    let s = await summary(env, owner, m.customerId);
    expect(s.points).toEqual({ available: 0, pending: 500, expiringSoon: null });

    await advance(6 * DAY);
    await jobs();
    expect((await summary(env, owner, m.customerId)).points.pending).toBe(500);
    await advance(1 * DAY + 1000);
    expect((await jobs()).settled).toBeGreaterThanOrEqual(1);
    s = await summary(env, owner, m.customerId);
    expect(s.points).toMatchObject({ available: 500, pending: 0 });
    // A second run settles nothing more.
    await jobs();
    expect((await summary(env, owner, m.customerId)).points.available).toBe(500);

    const history = await env.app.inject({
      url: `/api/v1/staff/customers/${m.customerId}/ledger?view=points`,
      headers: owner.headers,
    });
    expect(
      history
        .json()
        .items.map((l: { account: string; kind: string; amount: number; balanceAfter: number }) => [
          l.account,
          l.kind,
          l.amount,
          l.balanceAfter,
        ]),
    ).toEqual([
      ['points_available', 'settle', 500, 500],
      ['points_pending', 'settle', -500, 0],
      ['points_pending', 'earn', 500, 500],
    ]);
    await checkInvariants(env.database.adminDb, tenant.id);
  });

  it('redeems oldest-expiring lots first and refuses more than available', async () => {
    const m = await createMember(env, owner, { phone: '13900000102' });
    for (const [i, amount] of [300, 200].entries()) {
      const res = await env.app.inject({
        method: 'POST',
        url: `/api/v1/staff/customers/${m.customerId}/loyalty/adjustments`,
        headers: { ...owner.headers, 'idempotency-key': `adj-${m.customerId}-${i}` },
        payload: { account: 'points', amount, reason: '线下活动补录' },
      });
      expect(res.statusCode, res.body).toBe(201);
      await advance(DAY);
    }
    const tooMuch = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/customers/${m.customerId}/points/redemptions`,
      headers: owner.headers,
      payload: { points: 501, note: '兑换' },
    });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().error).toMatchObject({ code: 'POINTS_INSUFFICIENT', field: 'points' });
    const ok = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/customers/${m.customerId}/points/redemptions`,
      headers: owner.headers,
      payload: { points: 350, note: '兑换洗车' },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().points.available).toBe(150);
    const lots = await queryRows<{ amount: number; remaining: number }>(
      env.database.adminDb,
      sql`select amount::int, remaining::int from points_lots where customer_id = ${m.customerId}::uuid order by earned_at`,
    );
    expect(lots).toEqual([
      { amount: 300, remaining: 0 },
      { amount: 200, remaining: 150 },
    ]);
    const audit = await queryRows<{ action: string }>(
      env.database.adminDb,
      sql`select action from audit_log where entity_id = ${m.customerId}::uuid and action = 'loyalty.adjusted'`,
    );
    expect(audit).toHaveLength(2);
    await checkInvariants(env.database.adminDb, tenant.id);
  });

  it('expires lots after the expiry period and announces them 30 days ahead', async () => {
    await putSettings({ expiryMonths: 1 });
    const m = await createMember(env, owner, { phone: '13900000103' });
    await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/customers/${m.customerId}/points/awards`,
      headers: owner.headers,
      payload: { action: 'review', referenceId: 'review-1' },
    });
    // The same review twice awards once.
    const again = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/customers/${m.customerId}/points/awards`,
      headers: owner.headers,
      payload: { action: 'review', referenceId: 'review-1' },
    });
    expect(again.json().points.available).toBe(50);
    expect(again.json().points.expiringSoon).toBeNull();
    await advance(5 * DAY);
    expect((await summary(env, owner, m.customerId)).points.expiringSoon).toMatchObject({
      amount: 50,
    });
    await jobs();
    const events = await queryRows<{ payload: { amount: number } }>(
      env.database.adminDb,
      sql`select payload from outbox_events where type = 'loyalty.pointsExpiring' and aggregate_id = ${m.customerId}::uuid`,
    );
    expect(events.map((e) => e.payload.amount)).toEqual([50]);
    await advance(32 * DAY);
    await jobs();
    expect((await summary(env, owner, m.customerId)).points.available).toBe(0);
    await putSettings({ expiryMonths: 24 });
    await checkInvariants(env.database.adminDb, tenant.id);
  });

  it('reverses points on refund: pending at once; spent points as a shortfall or as debt', async () => {
    await putSettings({
      pointsPerYuan: 1,
      categoryMultipliers: {},
      returnWindowDays: 7,
      allowNegativeOnReversal: false,
    });
    const m = await createMember(env, owner, { phone: '13900000104' });
    // Pending reversal.
    const o1 = await completedOrder(env, tenant, owner, m, [
      { category: 'tyres', unitPriceFen: 20000 },
    ]);
    await pay(env, owner, o1, { paidFen: 20000 });
    const refund1 = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/service-orders/${o1}/refund`,
      headers: owner.headers,
      payload: { reason: '客户退款' },
    });
    expect(refund1.statusCode, refund1.body).toBe(200);
    expect(refund1.json().status).toBe('refunded');
    expect((await summary(env, owner, m.customerId)).points).toMatchObject({
      available: 0,
      pending: 0,
    });

    // Settled, 150 of 200 spent: 50 taken back, 150 shortfall recorded.
    const o2 = await completedOrder(env, tenant, owner, m, [
      { category: 'tyres', unitPriceFen: 20000 },
    ]);
    await pay(env, owner, o2, { paidFen: 20000 });
    await advance(8 * DAY);
    await jobs();
    await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/customers/${m.customerId}/points/redemptions`,
      headers: owner.headers,
      payload: { points: 150, note: '兑换' },
    });
    await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/service-orders/${o2}/refund`,
      headers: owner.headers,
      payload: { reason: '客户退款' },
    });
    expect((await summary(env, owner, m.customerId)).points.available).toBe(0);
    const [rev] = await queryRows<{ earned: number; reversed: number; shortfall: number }>(
      env.database.adminDb,
      sql`select earned::int, reversed::int, shortfall::int from points_reversals where reference_id = ${o2}`,
    );
    expect(rev).toEqual({ earned: 200, reversed: 50, shortfall: 150 });

    // Where the tenant allows it, the spent part becomes debt, paid off by later earnings.
    await putSettings({ allowNegativeOnReversal: true });
    const o3 = await completedOrder(env, tenant, owner, m, [
      { category: 'tyres', unitPriceFen: 10000 },
    ]);
    await pay(env, owner, o3, { paidFen: 10000 });
    await advance(8 * DAY);
    await jobs();
    await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/customers/${m.customerId}/points/redemptions`,
      headers: owner.headers,
      payload: { points: 100, note: '兑换' },
    });
    await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/service-orders/${o3}/refund`,
      headers: owner.headers,
      payload: { reason: '客户退款' },
    });
    expect((await summary(env, owner, m.customerId)).points.available).toBe(-100);
    await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/customers/${m.customerId}/loyalty/adjustments`,
      headers: owner.headers,
      payload: { account: 'points', amount: 130, reason: '补偿' },
    });
    expect((await summary(env, owner, m.customerId)).points.available).toBe(30);
    await putSettings({ allowNegativeOnReversal: false });
    await checkInvariants(env.database.adminDb, tenant.id);
  });

  it('upgrades the tier at once when spend crosses a threshold', async () => {
    const m = await createMember(env, owner, { phone: '13900000105' });
    expect((await summary(env, owner, m.customerId)).tier).toMatchObject({
      code: 'normal',
      nextTierName: '银卡会员',
      progress: { metric: 'spend', value: 0, nextThreshold: 300000 },
    });
    const o = await completedOrder(env, tenant, owner, m, [
      { category: 'brakes', unitPriceFen: 320000, kind: 'part' },
    ]);
    await pay(env, owner, o, { paidFen: 320000 });
    expect((await summary(env, owner, m.customerId)).tier).toMatchObject({
      code: 'silver',
      name: '银卡会员',
    });
    const events = await queryRows<{ payload: { to: string; direction: string } }>(
      env.database.adminDb,
      sql`select payload from outbox_events where type = 'loyalty.tierChanged' and aggregate_id = ${m.customerId}::uuid`,
    );
    expect(events.map((e) => [e.payload.to, e.payload.direction])).toEqual([['silver', 'up']]);
    // The refund drops the spend; the review schedules a downgrade with notice, then does it.
    await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/service-orders/${o}/refund`,
      headers: owner.headers,
      payload: { reason: '退款' },
    });
    await jobs();
    expect((await summary(env, owner, m.customerId)).tier.code).toBe('silver');
    await advance(31 * DAY);
    await jobs();
    expect((await summary(env, owner, m.customerId)).tier.code).toBe('normal');
  });

  it('shows the member their own summary and ledger in the app', async () => {
    const phone = '13900000106';
    const m = await createMember(env, owner, { phone });
    await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/customers/${m.customerId}/loyalty/adjustments`,
      headers: owner.headers,
      payload: { account: 'points', amount: 88, reason: '开卡礼' },
    });
    const me = await signInCustomer(env, tenant, phone);
    const s = await env.app.inject({ url: '/api/v1/app/me/loyalty', headers: me.headers });
    expect(s.statusCode).toBe(200);
    expect(s.json().points.available).toBe(88);
    const l = await env.app.inject({
      url: '/api/v1/app/me/ledger?view=points&limit=1',
      headers: me.headers,
    });
    expect(l.json().items).toHaveLength(1);
    expect(l.json().items[0]).toMatchObject({ amount: 88, balanceAfter: 88, kind: 'adjust' });
  });

  it('grants and reverses rewards for other modules, once per key and reference', async () => {
    const m = await createMember(env, owner, { phone: '13900000108' });
    const reference = { type: 'referral', id: 'ref-42' };
    const grant = (kind: 'points' | 'stored_value', amount: number, key: string) =>
      env.inTenant(tenant.id, (ctx) =>
        grantReward(ctx, {
          customerId: m.customerId,
          kind,
          amount,
          reason: '推荐好友',
          reference,
          idempotencyKey: key,
        }),
      );
    expect((await grant('points', 200, 'rw-1')).replayed).toBe(false);
    expect((await grant('points', 200, 'rw-1')).replayed).toBe(true);
    await expect(grant('points', 300, 'rw-1')).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    await grant('stored_value', 1000, 'rw-2');
    let s = await summary(env, owner, m.customerId);
    expect([s.points.available, s.storedValue.bonusFen]).toEqual([200, 1000]);
    const reversed = await env.inTenant(tenant.id, (ctx) => reverseReward(ctx, { reference }));
    expect(reversed).toMatchObject({
      points: { earned: 200, reversed: 200, shortfall: 0 },
      storedValue: { reversed: 1000, shortfall: 0 },
    });
    // Twice is once.
    const again = await env.inTenant(tenant.id, (ctx) => reverseReward(ctx, { reference }));
    expect(again.points.replayed).toBe(true);
    expect(again.storedValue).toEqual({ reversed: 0, shortfall: 0 });
    s = await summary(env, owner, m.customerId);
    expect([s.points.available, s.storedValue.bonusFen]).toEqual([0, 0]);
    await checkInvariants(env.database.adminDb, tenant.id);
  });

  it('validates tier and top-up settings as a whole', async () => {
    const tiers = (
      await env.app.inject({ url: '/api/v1/staff/loyalty/tiers', headers: owner.headers })
    ).json();
    expect(tiers.levels.map((l: { code: string }) => l.code)).toEqual([
      'normal',
      'silver',
      'gold',
      'diamond',
    ]);
    const put = (url: string, payload: object) =>
      env.app.inject({ method: 'PUT', url, headers: owner.headers, payload });
    const descending = await put('/api/v1/staff/loyalty/tiers', {
      ...tiers,
      levels: [tiers.levels[0], tiers.levels[2], tiers.levels[1]],
    });
    expect([descending.statusCode, descending.json().error.field]).toEqual([
      400,
      'levels.2.threshold',
    ]);
    const noBase = await put('/api/v1/staff/loyalty/tiers', {
      ...tiers,
      levels: tiers.levels.slice(1),
    });
    expect(noBase.json().error.field).toBe('levels.0.threshold');
    const id = '0190d7a0-0000-7000-8000-0000000000aa';
    const dup = await put('/api/v1/staff/loyalty/top-up-packages', {
      items: [
        { id, name: 'A', payFen: 100, bonusFen: 0, active: true },
        { id, name: 'B', payFen: 200, bonusFen: 0, active: true },
      ],
    });
    expect(dup.statusCode).toBe(400);
    const ok = await put('/api/v1/staff/loyalty/tiers', { ...tiers, noticeDays: 14 });
    expect(ok.json().noticeDays).toBe(14);
    // Saving one part keeps the others.
    const settings = await env.app.inject({
      url: '/api/v1/staff/loyalty/settings',
      headers: owner.headers,
    });
    expect(settings.json().points.returnWindowDays).toBe(7);
    await put('/api/v1/staff/loyalty/tiers', tiers);
  });

  it('refuses bad adjustments with a clear code', async () => {
    const m = await createMember(env, owner, { phone: '13900000107' });
    const cases = [
      [{ account: 'points', amount: 0, reason: '零' }, 400, 'VALIDATION_FAILED'],
      [{ account: 'points', amount: 1.5, reason: '小数' }, 400, 'VALIDATION_FAILED'],
      [{ account: 'points', amount: -1, reason: '扣减' }, 422, 'POINTS_INSUFFICIENT'],
      [
        { account: 'stored_value_bonus', amount: -1, reason: '扣减' },
        422,
        'STORED_VALUE_INSUFFICIENT',
      ],
    ] as const;
    for (const [payload, status, code] of cases) {
      const res = await env.app.inject({
        method: 'POST',
        url: `/api/v1/staff/customers/${m.customerId}/loyalty/adjustments`,
        headers: owner.headers,
        payload,
      });
      expect([res.statusCode, res.json().error?.code], JSON.stringify(payload)).toEqual([
        status,
        code,
      ]);
    }
    const advisor = await signInStaff(env.app, tenant.slug, tenant.staff.advisor.login);
    const forbidden = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/customers/${m.customerId}/loyalty/adjustments`,
      headers: advisor.headers,
      payload: { account: 'points', amount: 5, reason: '试试' },
    });
    expect(forbidden.statusCode).toBe(403);
    await checkInvariants(env.database.adminDb, tenant.id);
  });
});
