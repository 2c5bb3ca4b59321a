// Alipay and Stripe against local doubles (signed answers, signed notifications, tampered and
// stale ones refused), the development provider end to end, reconciliation of a clean day and of
// a day with a planted difference, write-only settings.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../kernel/clock.ts';
import {
  createTestEnv,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { checkInvariants } from '../loyalty/testing/helpers.ts';
import {
  startAlipayDouble,
  startStripeDouble,
  type AlipayDouble,
  type StripeDouble,
} from './testing/doubles.ts';
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
let ali: AlipayDouble;
let stripe: StripeDouble;

beforeAll(async () => {
  env = await createTestEnv({ clock: systemClock });
  tenant = await env.createTenant();
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  ali = await startAlipayDouble();
  stripe = await startStripeDouble();
  await configure(env, owner, 'alipay', ali.config(), ali.secrets());
  await configure(env, owner, 'stripe', stripe.config(), stripe.secrets());
  await configure(env, owner, 'dev', {}, {});
  await sellTopUps(env, tenant);
});
afterAll(async () => {
  await ali?.close();
  await stripe?.close();
  await env?.close();
});

const topUp = (provider: string, channel: string) => ({
  kind: 'top_up',
  subjectId: TOP_UP.id,
  provider,
  channel,
});
const FULL = TOP_UP.payFen + TOP_UP.bonusFen;

describe('settings', () => {
  it('never shows a secret, only whether it is set', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: '/api/v1/staff/payment-settings',
      headers: owner.headers,
    });
    expect(res.body).not.toContain('PRIVATE KEY');
    expect(res.body).not.toContain(stripe.secretKey);
    const s = (
      res.json().items as { provider: string; secretsSet: Record<string, boolean> }[]
    ).find((i) => i.provider === 'stripe');
    expect(s?.secretsSet).toEqual({ secretKey: true, webhookSecret: true });
    const [row] = await env.database.adminDb
      .execute(
        sql`select secrets::text as s from payment_settings where provider = 'alipay' and tenant_id = ${tenant.id}::uuid`,
      )
      .then((r) => (r as unknown as { rows: { s: string }[] }).rows);
    expect(row?.s).not.toContain('PRIVATE KEY');
  });

  it('refuses to turn a provider on without its secrets', async () => {
    const res = await env.app.inject({
      method: 'PUT',
      url: '/api/v1/staff/payment-settings',
      headers: owner.headers,
      payload: { provider: 'wechat', enabled: true, config: { mchid: '1' } },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('PAYMENT_SETTING_REQUIRED');
  });
});

describe('Alipay', () => {
  async function qrPayment() {
    const m = await appMember(env, tenant, owner);
    const res = await startPay(env, m.session, topUp('alipay', 'qr'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().action.qrCode).toContain('qr.alipay.com');
    expect(ali.requests.at(-1)?.signed).toBe(true);
    return { m, p: res.json() as { id: string; number: string } };
  }
  const paidParams = (number: string, amount = '500.00') => ({
    out_trade_no: number,
    trade_no: '2026120122001400000000000001',
    trade_status: 'TRADE_SUCCESS',
    total_amount: amount,
    gmt_payment: '2026-12-01 10:00:00',
  });
  const post = (body: string) =>
    notify(env, tenant.id, 'alipay', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });

  it('a signed notification credits once and is answered with the literal success', async () => {
    const { m, p } = await qrPayment();
    const body = ali.notification(paidParams(p.number));
    const res = await post(body);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('success');
    expect((await post(body)).body).toBe('success');
    expect(await walletFen(env, tenant.id, m.customerId)).toBe(FULL);
  });

  it('a tampered notification is refused', async () => {
    const { m, p } = await qrPayment();
    const res = await post(ali.notification(paidParams(p.number), { tamper: true }));
    expect(res.statusCode).toBe(401);
    expect(res.body).not.toBe('success');
    expect(await walletFen(env, tenant.id, m.customerId)).toBe(0);
  });

  it('a query finds the trade paid when no notification came', async () => {
    const { m, p } = await qrPayment();
    ali.trades.get(p.number)!.status = 'TRADE_SUCCESS';
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/v1/app/payments/${p.id}/check`,
      headers: m.session.headers,
    });
    expect(res.json().status).toBe('paid');
    expect(await walletFen(env, tenant.id, m.customerId)).toBe(FULL);
  });

  it('mobile web pay is a signed redirect to the gateway', async () => {
    const m = await appMember(env, tenant, owner);
    const res = await startPay(env, m.session, topUp('alipay', 'wap'));
    const url = new URL(res.json().action.redirectUrl);
    expect(url.searchParams.get('method')).toBe('alipay.trade.wap.pay');
    expect(url.searchParams.get('sign')).toBeTruthy();
  });
});

describe('Alipay daily bill', () => {
  // A tenant of its own, so that the day holds only this block's payments.
  let shop: TestTenant;
  let boss: Session;
  let bill: AlipayDouble;
  beforeAll(async () => {
    shop = await env.createTenant();
    boss = await signInStaff(env.app, shop.slug, shop.staff.owner.login);
    bill = await startAlipayDouble();
    await configure(env, boss, 'alipay', bill.config(), bill.secrets());
    await sellTopUps(env, shop);
  });
  afterAll(() => bill?.close());
  const reconcile = () =>
    env.app.inject({
      method: 'GET',
      url: '/api/v1/staff/payments/reconciliation?provider=alipay&date=2026-12-01',
      headers: boss.headers,
    });

  it('reconciles a clean day from the zipped bill, then lists a planted difference', async () => {
    for (let i = 0; i < 2; i++) {
      const m = await appMember(env, shop, boss);
      const p = (await startPay(env, m.session, topUp('alipay', 'qr'))).json() as {
        number: string;
      };
      const trade = bill.trades.get(p.number)!;
      trade.status = 'TRADE_SUCCESS';
      const body = bill.notification({
        out_trade_no: p.number,
        trade_no: trade.tradeNo,
        trade_status: 'TRADE_SUCCESS',
        total_amount: '500.00',
        gmt_payment: '2026-12-01 10:00:00',
      });
      const res = await notify(env, shop.id, 'alipay', {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      expect(res.body).toBe('success');
    }
    const clean = await reconcile();
    expect(clean.statusCode, clean.body).toBe(200);
    expect(clean.json()).toMatchObject({
      clean: true,
      ours: { payments: 2, paidFen: 2 * TOP_UP.payFen },
      statement: { payments: 2, paidFen: 2 * TOP_UP.payFen },
    });
    bill.trades.set('LPLANTEDALI1', {
      number: 'LPLANTEDALI1',
      amountFen: 1234,
      status: 'TRADE_SUCCESS',
      tradeNo: '2026120122001499999999999999',
    });
    const planted = await reconcile();
    expect(planted.json().clean).toBe(false);
    expect(planted.json().differences).toEqual([
      {
        type: 'missing_here',
        kind: 'payment',
        number: 'LPLANTEDALI1',
        paymentNumber: 'LPLANTEDALI1',
        ourFen: null,
        providerFen: 1234,
      },
    ]);
  });
});

describe('Stripe', () => {
  async function intent() {
    const m = await appMember(env, tenant, owner);
    const res = await startPay(env, m.session, topUp('stripe', 'intent'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().action.clientSecret).toContain('_secret_');
    return { m, p: res.json() as { id: string; number: string; providerTxnId: string } };
  }
  const succeeded = (p: { number: string; providerTxnId: string }, amount = TOP_UP.payFen) => ({
    id: p.providerTxnId,
    object: 'payment_intent',
    status: 'succeeded',
    amount,
    amount_received: amount,
    created: Math.floor(Date.now() / 1000),
    metadata: { number: p.number },
  });

  it('a signed webhook credits once', async () => {
    const { m, p } = await intent();
    const e = stripe.event('payment_intent.succeeded', succeeded(p));
    expect((await notify(env, tenant.id, 'stripe', e)).statusCode).toBe(200);
    expect((await notify(env, tenant.id, 'stripe', e)).statusCode).toBe(200);
    expect(await walletFen(env, tenant.id, m.customerId)).toBe(FULL);
  });

  it.each([
    ['another secret', { secret: 'whsec_wrong' }],
    ['a timestamp beyond the tolerance', { timestampS: Math.floor(Date.now() / 1000) - 3600 }],
  ])('refuses a webhook signed with %s', async (_n, opts) => {
    const { m, p } = await intent();
    const res = await notify(
      env,
      tenant.id,
      'stripe',
      stripe.event('payment_intent.succeeded', succeeded(p), opts),
    );
    expect(res.statusCode).toBe(401);
    expect(await walletFen(env, tenant.id, m.customerId)).toBe(0);
  });

  it('holds an intent whose amount differs', async () => {
    const { m, p } = await intent();
    await notify(
      env,
      tenant.id,
      'stripe',
      stripe.event('payment_intent.succeeded', succeeded(p, 1)),
    );
    const d = await env.app.inject({
      method: 'GET',
      url: `/api/v1/app/payments/${p.id}`,
      headers: m.session.headers,
    });
    expect(d.json().status).toBe('held');
    expect(await walletFen(env, tenant.id, m.customerId)).toBe(0);
  });
});

describe('development provider and reconciliation', () => {
  const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const reconcile = () =>
    env.app.inject({
      method: 'GET',
      url: `/api/v1/staff/payments/reconciliation?provider=dev&date=${today()}`,
      headers: owner.headers,
    });

  it('pays on a click (marked paid by a query of its books), refunds, and reconciles clean', async () => {
    const m = await appMember(env, tenant, owner);
    const res = await startPay(env, m.session, topUp('dev', 'dev'));
    const p = res.json() as { id: string; number: string };
    const paid = await env.app.inject({
      method: 'POST',
      url: `/api/v1/app/payments/${p.id}/dev-pay`,
      headers: m.session.headers,
    });
    expect(paid.json().status).toBe('paid');
    expect(await walletFen(env, tenant.id, m.customerId)).toBe(FULL);
    const r = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/payments/${p.id}/refunds`,
      headers: owner.headers,
      payload: { amountFen: 5_000, reason: '部分退款', refundNumber: 'RDEV000001' },
    });
    expect(r.json().status).toBe('succeeded');
    const rec = await reconcile();
    expect(rec.statusCode, rec.body).toBe(200);
    expect(rec.json().clean).toBe(true);
    expect(rec.json().ours.paidFen).toBe(TOP_UP.payFen);
    expect(rec.json().statement.refundedFen).toBe(5_000);
  });

  it('lists a planted difference', async () => {
    await env.database.adminDb.execute(
      sql`insert into dev_provider_transactions (tenant_id, number, kind, payment_number, txn_id, amount_fen, status, at)
          values (${tenant.id}::uuid, 'LPLANTED0001', 'payment', 'LPLANTED0001', 'DEVX', 1234, 'paid', now())`,
    );
    const rec = await reconcile();
    expect(rec.json().clean).toBe(false);
    expect(rec.json().differences).toEqual([
      {
        type: 'missing_here',
        kind: 'payment',
        number: 'LPLANTED0001',
        paymentNumber: 'LPLANTED0001',
        ourFen: null,
        providerFen: 1234,
      },
    ]);
  });

  it('the ledger balances', async () => {
    await checkInvariants(env.database.adminDb, tenant.id);
  });
});
