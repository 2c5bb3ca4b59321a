// Paying an order in parts at the counter: stored value, points at the shop's rate and money in
// one payment, every part recorded on the order; the shop's limits on points; nothing paid when
// a part fails; a refund giving every part back; and the till report agreeing with the ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../kernel/clock.ts';
import {
  createTestEnv,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import {
  checkInvariants,
  completedOrder,
  createMember,
  summary,
} from '../loyalty/testing/helpers.ts';

const PKG = '0190d7a0-0000-7000-8000-000000000001';
// 10:00 in Shanghai: the business day is 2026-05-01.
const clock = fixedClock(new Date('2026-05-01T02:00:00Z'));
let env: TestEnv;
let tenant: TestTenant;
let owner: Session;
let advisor: Session;

beforeAll(async () => {
  env = await createTestEnv({ clock });
  tenant = await env.createTenant();
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  advisor = await signInStaff(env.app, tenant.slug, tenant.staff.advisor.login);
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

/** A member with ¥550 of stored value and 10,000 available points, and a completed ¥600 order. */
async function memberWithOrder() {
  const m = await createMember(env, owner);
  const top = await env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/customers/${m.customerId}/stored-value/top-ups`,
    headers: owner.headers,
    payload: { packageId: PKG, method: 'cash' },
  });
  expect(top.statusCode, top.body).toBe(201);
  const adj = await env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/customers/${m.customerId}/loyalty/adjustments`,
    headers: owner.headers,
    payload: { account: 'points', amount: 10000, reason: '老会员积分迁入' },
  });
  expect(adj.statusCode, adj.body).toBeLessThan(300);
  const orderId = await completedOrder(env, tenant, owner, m, [
    { category: 'oil_change', unitPriceFen: 40000, kind: 'part' },
    { category: 'oil_change', unitPriceFen: 20000 },
  ]);
  return { ...m, orderId };
}

const pay = (orderId: string, payload: object, who: Session = advisor) =>
  env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/service-orders/${orderId}/pay`,
    headers: who.headers,
    payload,
  });

const SPLIT = [
  { method: 'stored_value', amountFen: 20000 },
  { method: 'points', points: 5000 },
  { method: 'wechat_pay', amountFen: 35000 },
];

describe('a payment in parts', () => {
  it('records every part on the order and books stored value and points in the ledger', async () => {
    const m = await memberWithOrder();
    const res = await pay(m.orderId, { parts: SPLIT });
    expect(res.statusCode, res.body).toBe(200);
    const order = res.json();
    expect(order.status).toBe('paid');
    expect(order.paidFen).toBe(60000);
    expect(order.paymentMethod).toBe('wechat_pay');
    expect(order.payments).toEqual([
      { method: 'stored_value', amountFen: 20000, points: null },
      { method: 'points', amountFen: 5000, points: 5000 },
      { method: 'wechat_pay', amountFen: 35000, points: null },
    ]);
    const s = await summary(env, owner, m.customerId);
    expect(s.storedValue.balanceFen).toBe(55000 - 20000);
    expect(s.points.available).toBe(10000 - 5000);
    // Points are earned on the ¥550 paid in money and stored value, not on the points part.
    expect(s.points.pending).toBe(550);
    await checkInvariants(env.database.adminDb, tenant.id);
  });

  it('keeps the single-method form, now with its stored-value part on the order', async () => {
    const m = await memberWithOrder();
    const res = await pay(m.orderId, { method: 'cash', paidFen: 60000, storedValueFen: 10000 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().payments).toEqual([
      { method: 'stored_value', amountFen: 10000, points: null },
      { method: 'cash', amountFen: 50000, points: null },
    ]);
  });

  it('refuses parts outside the rules, with the field, and pays nothing', async () => {
    const m = await memberWithOrder();
    const cases: [object, number, string, string][] = [
      [{ parts: [{ method: 'cash', amountFen: 59999 }] }, 422, 'PAYMENT_AMOUNT_MISMATCH', 'parts'],
      [
        {
          parts: [
            { method: 'cash', amountFen: 30000 },
            { method: 'cash', amountFen: 30000 },
          ],
        },
        400,
        'VALIDATION_FAILED',
        'parts.1.method',
      ],
      [
        {
          parts: [
            { method: 'card', amountFen: 60000 - 99 },
            { method: 'points', points: 99 },
          ],
        },
        422,
        'POINTS_REDEMPTION_LIMIT',
        'parts.points',
      ],
      [
        // Points may pay at most half of the ¥600 due.
        {
          parts: [
            { method: 'card', amountFen: 29000 },
            { method: 'points', points: 31000 },
          ],
        },
        422,
        'POINTS_REDEMPTION_LIMIT',
        'parts.points',
      ],
      [{ parts: [{ method: 'cash' }] }, 400, 'VALIDATION_FAILED', 'parts.0.amountFen'],
      [{}, 400, 'VALIDATION_FAILED', 'parts'],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await pay(m.orderId, body);
      expect([res.statusCode, res.json().error.code, res.json().error.field], res.body).toEqual([
        status,
        code,
        field,
      ]);
    }
    const s = await summary(env, owner, m.customerId);
    expect([s.storedValue.balanceFen, s.points.available, s.points.pending]).toEqual([
      55000, 10000, 0,
    ]);
  });

  it('fails whole when the points are not there: the wallet part is not taken either', async () => {
    const m = await memberWithOrder();
    const res = await pay(m.orderId, {
      parts: [
        { method: 'stored_value', amountFen: 20000 },
        { method: 'points', points: 30000 },
        { method: 'cash', amountFen: 10000 },
      ],
    });
    expect([res.statusCode, res.json().error.code]).toEqual([422, 'POINTS_INSUFFICIENT']);
    const order = await env.app.inject({
      url: `/api/v1/staff/service-orders/${m.orderId}`,
      headers: owner.headers,
    });
    expect([order.json().status, order.json().payments]).toEqual(['completed', []]);
    const s = await summary(env, owner, m.customerId);
    expect([s.storedValue.balanceFen, s.points.available]).toEqual([55000, 10000]);
  });

  it('refuses points when the shop has turned points as payment off', async () => {
    const m = await memberWithOrder();
    const settings = await env.app.inject({
      url: '/api/v1/staff/loyalty/settings',
      headers: owner.headers,
    });
    const body = settings.json();
    const put = (pointsPerYuan: number) =>
      env.app.inject({
        method: 'PUT',
        url: '/api/v1/staff/loyalty/settings',
        headers: owner.headers,
        payload: {
          ...body,
          points: { ...body.points, redemption: { ...body.points.redemption, pointsPerYuan } },
        },
      });
    expect((await put(0)).statusCode).toBe(200);
    const res = await pay(m.orderId, { parts: SPLIT });
    expect([res.statusCode, res.json().error.code, res.json().error.field]).toEqual([
      422,
      'POINTS_REDEMPTION_OFF',
      'parts.1',
    ]);
    expect((await put(100)).statusCode).toBe(200);
  });
});

describe('refund and the till report', () => {
  it('gives every part back and the day’s till report matches the ledger', async () => {
    const fresh = await env.createTenant();
    const boss = await signInStaff(env.app, fresh.slug, fresh.staff.owner.login);
    const put = await env.app.inject({
      method: 'PUT',
      url: '/api/v1/staff/loyalty/top-up-packages',
      headers: boss.headers,
      payload: {
        items: [{ id: PKG, name: '充 500', payFen: 50000, bonusFen: 5000, active: true }],
      },
    });
    expect(put.statusCode).toBe(200);
    const a = await createMember(env, boss);
    const b = await createMember(env, boss);
    for (const m of [a, b]) {
      await env.app.inject({
        method: 'POST',
        url: `/api/v1/staff/customers/${m.customerId}/stored-value/top-ups`,
        headers: boss.headers,
        payload: { packageId: PKG, method: 'cash' },
      });
      await env.app.inject({
        method: 'POST',
        url: `/api/v1/staff/customers/${m.customerId}/loyalty/adjustments`,
        headers: boss.headers,
        payload: { account: 'points', amount: 10000, reason: '迁入' },
      });
    }
    const lines = [{ category: 'oil_change', unitPriceFen: 60000 }];
    const orderA = await completedOrder(env, fresh, boss, a, lines);
    const orderB = await completedOrder(env, fresh, boss, b, lines);
    expect((await pay(orderA, { parts: SPLIT }, boss)).statusCode).toBe(200);
    const payB = await pay(
      orderB,
      {
        parts: [
          { method: 'points', amountFen: 8000 },
          { method: 'cash', amountFen: 52000 },
        ],
      },
      boss,
    );
    expect(payB.statusCode, payB.body).toBe(200);
    const refund = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/service-orders/${orderA}/refund`,
      headers: boss.headers,
      payload: { reason: '客户投诉' },
    });
    expect(refund.statusCode, refund.body).toBe(200);
    const s = await summary(env, boss, a.customerId);
    expect([s.storedValue.balanceFen, s.points.available, s.points.pending]).toEqual([
      55000, 10000, 0,
    ]);

    const till = await env.app.inject({
      url: '/api/v1/staff/reports/till?date=2026-05-01',
      headers: boss.headers,
    });
    expect(till.statusCode, till.body).toBe(200);
    const r = till.json();
    expect(r.paidOrders).toBe(2);
    expect(r.refundedOrders).toBe(1);
    const row = (method: string) => r.methods.find((x: { method: string }) => x.method === method);
    expect(row('stored_value')).toMatchObject({ takenFen: 20000, refundedFen: 20000, netFen: 0 });
    expect(row('points')).toMatchObject({ takenFen: 13000, refundedFen: 5000, points: 8000 });
    expect(row('wechat_pay')).toMatchObject({ takenFen: 35000, refundedFen: 35000 });
    expect(row('cash')).toMatchObject({ takenFen: 52000, refundedFen: 0, netFen: 52000 });
    expect(r.totals).toEqual({ takenFen: 120000, refundedFen: 60000, netFen: 60000 });
    expect(r.ledger).toEqual({
      storedValueSpentFen: 20000,
      storedValueReturnedFen: 20000,
      pointsRedeemed: 13000,
      pointsReturned: 5000,
    });
    expect(r.matchesLedger).toEqual({ storedValue: true, points: true });

    const other = await env.app.inject({
      url: '/api/v1/staff/reports/till?date=2026-05-02',
      headers: boss.headers,
    });
    expect([other.json().paidOrders, other.json().methods]).toEqual([0, []]);
    const bad = await env.app.inject({
      url: '/api/v1/staff/reports/till?date=2026-02-30',
      headers: boss.headers,
    });
    expect([bad.statusCode, bad.json().error.field]).toEqual([400, 'date']);
    await checkInvariants(env.database.adminDb, fresh.id);
  });
});
