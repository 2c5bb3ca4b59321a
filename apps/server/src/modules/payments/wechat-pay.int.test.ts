// WeChat Pay v3 end to end against a local double that checks our request signatures and signs
// its answers: paying a top-up and an order from the app, every notification path (valid,
// tampered, wrong serial, stale, probe, GCM tag failure, duplicate, late, never arriving), a
// different amount held, provider failures, and refunds; paying inside WeChat (JSAPI) for the
// openid bound to the customer.
import { createVerify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, fixedClock } from '../../kernel/clock.ts';
import {
  createTestEnv,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { setWechatBinding } from '../channel-settings/index.ts';
import { checkInvariants, completedOrder } from '../loyalty/testing/helpers.ts';
import { queryDuePayments } from './payments.jobs.ts';
import { startWechatDouble, wechatTradeResource, type WechatDouble } from './testing/doubles.ts';
import {
  appMember,
  configure,
  notify,
  sellTopUps,
  startPay,
  TOP_UP,
  walletFen,
} from './testing/setup.ts';

let env: TestEnv;
let tenant: TestTenant;
let owner: Session;
let wx: WechatDouble;

beforeAll(async () => {
  env = await createTestEnv({ clock: systemClock });
  tenant = await env.createTenant();
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  wx = await startWechatDouble(() => new Date());
  await configure(env, owner, 'wechat', wx.config(), wx.secrets());
  await sellTopUps(env, tenant);
});
afterAll(async () => {
  await wx?.close();
  await env?.close();
});

const topUpBody = { kind: 'top_up', subjectId: TOP_UP.id, provider: 'wechat', channel: 'h5' };

async function pendingTopUp() {
  const m = await appMember(env, tenant, owner);
  const res = await startPay(env, m.session, topUpBody);
  expect(res.statusCode, res.body).toBe(201);
  return {
    m,
    payment: res.json() as {
      id: string;
      number: string;
      status: string;
      action: Record<string, string>;
    },
  };
}

const payment = async (id: string) =>
  (
    await env.app.inject({
      method: 'GET',
      url: `/api/v1/staff/payments/${id}`,
      headers: owner.headers,
    })
  ).json() as {
    status: string;
    heldReason: string | null;
    timeline: { type: string }[];
    refundedFen: number;
  };

const paidNotice = (number: string, over: Parameters<WechatDouble['notification']>[1] = {}) =>
  wx.notification(wechatTradeResource(wx.pay(number), wx.mchid), over);

describe('paying a top-up', () => {
  it('fixes the amount on the server, signs the request, and the return page changes nothing', async () => {
    const { m, payment: p } = await pendingTopUp();
    expect(p.status).toBe('pending');
    expect(p.action.redirectUrl).toContain('redirect_url=');
    const created = wx.requests.find(
      (r) => r.path === '/v3/pay/transactions/h5' && r.body.includes(p.number),
    );
    expect(created?.signed).toBe(true);
    expect(JSON.parse(created!.body).amount.total).toBe(TOP_UP.payFen);
    const again = await env.app.inject({
      method: 'GET',
      url: `/api/v1/app/payments/${p.id}`,
      headers: m.session.headers,
    });
    expect(again.json().status).toBe('pending');
    expect(await walletFen(env, tenant.id, m.customerId)).toBe(0);
  });

  it('a valid notification credits principal and bonus once; a duplicate changes nothing', async () => {
    const { m, payment: p } = await pendingTopUp();
    const n = paidNotice(p.number);
    const first = await notify(env, tenant.id, 'wechat', n);
    expect(first.statusCode, first.body).toBe(204);
    expect(await walletFen(env, tenant.id, m.customerId)).toBe(TOP_UP.payFen + TOP_UP.bonusFen);
    const dup = await notify(env, tenant.id, 'wechat', paidNotice(p.number));
    expect(dup.statusCode).toBe(204);
    const replay = await notify(env, tenant.id, 'wechat', n);
    expect(replay.statusCode).toBe(204);
    expect(await walletFen(env, tenant.id, m.customerId)).toBe(TOP_UP.payFen + TOP_UP.bonusFen);
    const detail = await payment(p.id);
    expect(detail.status).toBe('paid');
    expect(detail.timeline.filter((e) => e.type === 'paid')).toHaveLength(1);
    expect(detail.timeline.some((e) => e.type === 'duplicate')).toBe(true);
  });

  it.each([
    ['tampered body', { tamper: true }],
    ['wrong serial', { serial: 'PUB_KEY_ID_0000000000000000' }],
    ['unknown certificate serial', { serial: '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C' }],
    ['stale timestamp', { timestampS: Math.floor(Date.now() / 1000) - 30 * 60 }],
    ['timestamp from the future', { timestampS: Math.floor(Date.now() / 1000) + 30 * 60 }],
    ['signature probe', { signature: 'WECHATPAY/SIGNTEST/AAAAAAAAAAAAAAAAAAAA' }],
    ['GCM tag failure', { badTag: true }],
    ['another API v3 key', { key: 'k'.repeat(32) }],
  ] as const)('refuses a notification with a %s and credits nothing', async (_name, breakage) => {
    const { m, payment: p } = await pendingTopUp();
    const res = await notify(env, tenant.id, 'wechat', paidNotice(p.number, breakage));
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({
      code: 'FAIL',
      message: 'PAYMENT_NOTIFICATION_INVALID',
      error: { code: 'PAYMENT_NOTIFICATION_INVALID' },
    });
    expect(await walletFen(env, tenant.id, m.customerId)).toBe(0);
    expect((await payment(p.id)).status).toBe('pending');
  });

  it('holds a payment whose amount differs from the one created, crediting nothing', async () => {
    const { m, payment: p } = await pendingTopUp();
    const t = wx.pay(p.number, TOP_UP.payFen - 1);
    const res = await notify(
      env,
      tenant.id,
      'wechat',
      wx.notification(wechatTradeResource(t, wx.mchid)),
    );
    expect(res.statusCode).toBe(204);
    const d = await payment(p.id);
    expect(d.status).toBe('held');
    expect(d.heldReason).toBe('amount_mismatch');
    expect(await walletFen(env, tenant.id, m.customerId)).toBe(0);
  });

  it('a notification that never arrives: the query job settles it, once', async () => {
    const { m, payment: p } = await pendingTopUp();
    const job = {
      database: env.database,
      log: env.app.log as never,
      clock: fixedClock(new Date(Date.now() + 2 * 60_000)),
    };
    await queryDuePayments(job, { tenantId: tenant.id });
    expect((await payment(p.id)).status).toBe('pending');
    wx.pay(p.number);
    await queryDuePayments(
      { ...job, clock: fixedClock(new Date(Date.now() + 10 * 60_000)) },
      { tenantId: tenant.id },
    );
    expect((await payment(p.id)).status).toBe('paid');
    // The notification arriving late, after the query, changes nothing.
    const late = await notify(env, tenant.id, 'wechat', paidNotice(p.number));
    expect(late.statusCode).toBe(204);
    expect(await walletFen(env, tenant.id, m.customerId)).toBe(TOP_UP.payFen + TOP_UP.bonusFen);
  });

  it('the result page asks the provider (a verified query), never trusting the return', async () => {
    const { m, payment: p } = await pendingTopUp();
    const check = () =>
      env.app.inject({
        method: 'POST',
        url: `/api/v1/app/payments/${p.id}/check`,
        headers: m.session.headers,
      });
    expect((await check()).json().status).toBe('pending');
    wx.pay(p.number);
    expect((await check()).json().status).toBe('paid');
    expect(await walletFen(env, tenant.id, m.customerId)).toBe(TOP_UP.payFen + TOP_UP.bonusFen);
  });

  it('a second tap while a payment is open answers the same payment', async () => {
    const { m, payment: p } = await pendingTopUp();
    const again = await startPay(env, m.session, topUpBody);
    expect(again.json().id).toBe(p.id);
  });

  it('a notification for a number this tenant does not have is refused', async () => {
    const t = {
      number: 'L20261201000000NOSUCHPAY',
      amountFen: 100,
      state: 'SUCCESS' as const,
      transactionId: '42000',
    };
    const res = await notify(
      env,
      tenant.id,
      'wechat',
      wx.notification(wechatTradeResource(t, wx.mchid)),
    );
    expect(res.statusCode).toBe(401);
  });
});

describe('paying inside WeChat (JSAPI)', () => {
  const jsapiBody = { ...topUpBody, channel: 'jsapi' };
  const jsapiRequests = () => wx.requests.filter((r) => r.path === '/v3/pay/transactions/jsapi');

  it('gives the bridge its signed parameters, for the openid bound to the customer', async () => {
    const m = await appMember(env, tenant, owner);
    const bound = `oBound_${m.customerId.slice(0, 8)}`;
    await env.inTenant(tenant.id, (ctx) => setWechatBinding(ctx, m.customerId, bound));
    // The client names someone else: the bound openid is the payer all the same.
    const res = await startPay(env, m.session, { ...jsapiBody, openid: 'oSomeoneElse' });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json() as { number: string; action: Record<string, string> };
    const a = p.action;
    expect(a).toMatchObject({
      appId: 'wx8888888888888888',
      package: 'prepay_id=wx201410272009395522657a690389285100',
      signType: 'RSA',
    });
    expect(a.timeStamp).toMatch(/^\d{10}$/u);
    expect(Math.abs(Number(a.timeStamp) - Date.now() / 1000)).toBeLessThan(120);
    expect(a.nonceStr).toMatch(/^[0-9a-f]{32}$/u);
    const signed = `${a.appId}\n${a.timeStamp}\n${a.nonceStr}\n${a.package}\n`;
    const verifies = (message: string) =>
      createVerify('RSA-SHA256')
        .update(message, 'utf8')
        .verify(wx.merchant.publicPem, a.paySign ?? '', 'base64');
    expect(verifies(signed)).toBe(true);
    expect(verifies(signed.slice(0, -1))).toBe(false);
    const created = jsapiRequests().find((r) => r.body.includes(p.number));
    expect(created?.signed).toBe(true);
    expect(JSON.parse(created!.body).payer.openid).toBe(bound);
  });

  it('refuses a customer with no WeChat binding without asking WeChat Pay', async () => {
    const m = await appMember(env, tenant, owner);
    const before = jsapiRequests().length;
    const res = await startPay(env, m.session, { ...jsapiBody, openid: 'oClaimedByClient' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('PAYMENT_WECHAT_NOT_BOUND');
    expect(jsapiRequests()).toHaveLength(before);
  });
});

describe('provider failures', () => {
  it('retries a 5xx, then answers 503 when the provider keeps failing', async () => {
    const m = await appMember(env, tenant, owner);
    wx.failNext(500, 1);
    const retried = await startPay(env, m.session, topUpBody);
    expect(retried.statusCode, retried.body).toBe(201);
    const m2 = await appMember(env, tenant, owner);
    wx.failNext(502, 3);
    const down = await startPay(env, m2.session, topUpBody);
    expect(down.statusCode).toBe(503);
    expect(down.json().error.code).toBe('PAYMENT_PROVIDER_UNAVAILABLE');
  });

  it('a 4xx fails clearly, with nothing created', async () => {
    const m = await appMember(env, tenant, owner);
    wx.failNext(400, 1);
    const res = await startPay(env, m.session, topUpBody);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('PAYMENT_PROVIDER_REFUSED');
    const mine = await env.app.inject({
      method: 'GET',
      url: '/api/v1/app/payments',
      headers: m.session.headers,
    });
    expect(mine.json().items).toEqual([]);
  });
});

describe('paying an order from the app', () => {
  it('pays the completed order once; paying it again is refused', async () => {
    const m = await appMember(env, tenant, owner);
    const orderId = await completedOrder(env, tenant, owner, m, [
      { category: 'oil_change', unitPriceFen: 38_800 },
    ]);
    await env.inTenant(tenant.id, (ctx) =>
      setWechatBinding(ctx, m.customerId, `oOrder_${m.customerId.slice(0, 8)}`),
    );
    const body = { kind: 'order', subjectId: orderId, provider: 'wechat', channel: 'jsapi' };
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/app/payments',
      headers: m.session.headers,
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().amountFen).toBe(38_800);
    expect(res.json().action.prepayId).toBeTruthy();
    expect((await notify(env, tenant.id, 'wechat', paidNotice(res.json().number))).statusCode).toBe(
      204,
    );
    const order = await env.app.inject({
      method: 'GET',
      url: `/api/v1/staff/service-orders/${orderId}`,
      headers: owner.headers,
    });
    expect(order.json().status).toBe('paid');
    expect(order.json().paymentMethod).toBe('wechat_pay');
    const again = await env.app.inject({
      method: 'POST',
      url: '/api/v1/app/payments',
      headers: m.session.headers,
      payload: body,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('PAYMENT_ALREADY_PAID');
  });

  it('someone else’s order is not found', async () => {
    const a = await appMember(env, tenant, owner);
    const b = await appMember(env, tenant, owner);
    const orderId = await completedOrder(env, tenant, owner, a, [
      { category: 'wash', unitPriceFen: 5_000 },
    ]);
    const res = await startPay(env, b.session, {
      kind: 'order',
      subjectId: orderId,
      provider: 'wechat',
      channel: 'h5',
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('refunds', () => {
  async function paidTopUp() {
    const { m, payment: p } = await pendingTopUp();
    expect((await notify(env, tenant.id, 'wechat', paidNotice(p.number))).statusCode).toBe(204);
    return { m, p };
  }
  const refund = (id: string, body: Record<string, unknown>) =>
    env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/payments/${id}/refunds`,
      headers: owner.headers,
      payload: body,
    });

  it('refunds in part, idempotent by refund number, never beyond what was paid', async () => {
    const { m, p } = await paidTopUp();
    const first = await refund(p.id, {
      amountFen: 10_000,
      reason: '客户申请',
      refundNumber: 'RTEST0001A',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().status).toBe('succeeded');
    const same = await refund(p.id, {
      amountFen: 10_000,
      reason: '客户申请',
      refundNumber: 'RTEST0001A',
    });
    expect(same.json().id).toBe(first.json().id);
    const reused = await refund(p.id, {
      amountFen: 20_000,
      reason: '客户申请',
      refundNumber: 'RTEST0001A',
    });
    expect(reused.json().error.code).toBe('PAYMENT_REFUND_NUMBER_REUSED');
    expect(wx.refunds.size).toBeGreaterThan(0);
    const over = await refund(p.id, {
      amountFen: 40_001,
      reason: '多退',
      refundNumber: 'RTEST0001B',
    });
    expect(over.statusCode).toBe(422);
    expect(over.json().error.code).toBe('PAYMENT_REFUND_EXCEEDS_PAID');
    const d = await payment(p.id);
    expect(d.status).toBe('partially_refunded');
    expect(d.refundedFen).toBe(10_000);
    // Principal 10,000 went back to the owner; the bonus is forfeited per the refund rule.
    expect(await walletFen(env, tenant.id, m.customerId)).toBeLessThan(
      TOP_UP.payFen + TOP_UP.bonusFen - 10_000 + 1,
    );
  });

  it('a refund the provider is still processing settles by its notification', async () => {
    const { p } = await paidTopUp();
    wx.refundAnswer = 'PROCESSING';
    try {
      const r = await refund(p.id, {
        amountFen: TOP_UP.payFen,
        reason: '全额退款',
        refundNumber: 'RTEST0002A',
      });
      expect(r.json().status).toBe('pending');
      const n = wx.notification(
        {
          mchid: wx.mchid,
          out_trade_no: p.number,
          out_refund_no: 'RTEST0002A',
          refund_id: '50300',
          refund_status: 'SUCCESS',
          amount: { total: TOP_UP.payFen, refund: TOP_UP.payFen },
        },
        { eventType: 'REFUND.SUCCESS' },
      );
      expect((await notify(env, tenant.id, 'wechat', n)).statusCode).toBe(204);
      expect((await payment(p.id)).status).toBe('refunded');
    } finally {
      wx.refundAnswer = 'SUCCESS';
    }
  });

  it('a pending payment cannot be refunded', async () => {
    const { payment: p } = await pendingTopUp();
    const r = await refund(p.id, { amountFen: 100, reason: '误操作', refundNumber: 'RTEST0003A' });
    expect(r.json().error.code).toBe('PAYMENT_NOT_REFUNDABLE');
  });

  it('the ledger balances after all of the above', async () => {
    await checkInvariants(env.database.adminDb, tenant.id);
  });
});
