// Online payments end to end: the demo car owner opens 我的明细, taps 储值充值, buys 充 500 送 50
// through the development provider, the result page says "processing" until the payment is
// verified and then 支付成功, and the balance has grown by principal and bonus. Staff see the
// payment in the console's list. Then by card through Stripe's Payment Element (a fake Stripe.js
// served for js.stripe.com, the provider a local double), and inside WeChat's browser through
// WeixinJSBridge (an injected bridge, WeChat Pay a local double). No real network is reached.
import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  startStripeDouble,
  startWechatDouble,
} from '../../apps/server/src/modules/payments/testing/doubles.ts';
import { phoneContext, signInConsole, signInOwner, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

type StaffApi = Awaited<ReturnType<typeof staffApi>>;

/**
 * Stripe.js as far as the app uses it: `Stripe(pk)`, `elements({ clientSecret })`, a Payment
 * Element that mounts and is ready, and `confirmPayment`, which declines the first time (the app
 * shows Stripe's message) and then asks the test to succeed the intent and follows return_url.
 */
const FAKE_STRIPE_JS = `
window.__stripeSeen = [];
window.Stripe = function (pk) {
  let confirms = 0;
  return {
    elements(opts) {
      window.__stripeSeen.push({ pk, clientSecret: opts.clientSecret, locale: opts.locale });
      return {
        create(type) {
          const handlers = {};
          return {
            mount(el) {
              el.innerHTML = '<label style="display:block;font:14px sans-serif;color:#30313d">Card number<div style="margin-top:6px;padding:12px;border:1px solid #e6e6e6;border-radius:6px">4242 4242 4242 4242 &nbsp; 12/34 &nbsp; 123</div></label>';
              el.setAttribute('data-fake-element', type);
              setTimeout(() => handlers.ready && handlers.ready({ elementType: type }), 0);
            },
            on(event, fn) { handlers[event] = fn; },
            destroy() {},
          };
        },
      };
    },
    async confirmPayment({ elements, confirmParams }) {
      confirms += 1;
      if (confirms === 1) return { error: { type: 'card_error', message: 'Your card was declined.' } };
      const secret = window.__stripeSeen[window.__stripeSeen.length - 1].clientSecret;
      await window.__stripeSucceed(secret);
      const intent = secret.split('_secret_')[0];
      window.location.assign(confirmParams.return_url + '&payment_intent=' + intent + '&redirect_status=succeeded');
      return new Promise(() => {});
    },
  };
};
window.Stripe.version = 'endive';
`;

/**
 * WeChat's browser as far as paying goes: its user agent, and the bridge WeChat injects a moment
 * after the page (then WeixinJSBridgeReady), which records its call and answers that the owner
 * paid — an answer the app must not take as proof.
 */
const FAKE_WECHAT_BRIDGE = `
Object.defineProperty(navigator, 'userAgent', {
  get: () => 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Mobile Safari/537.36 MicroMessenger/8.0.47.2560',
});
window.__bridgeCalls = [];
setTimeout(() => {
  window.WeixinJSBridge = {
    invoke(name, params, cb) {
      window.__bridgeCalls.push({ name, params });
      setTimeout(() => cb({ err_msg: 'get_brand_wcpay_request:ok' }), 50);
    },
  };
  document.dispatchEvent(new Event('WeixinJSBridgeReady'));
}, 300);
`;

/** Nothing leaves the machine: https is refused, except what a test serves itself. */
async function offline(context: BrowserContext) {
  await context.route(/^https:\/\//u, (route) => route.abort('internetdisconnected'));
}

async function customerIdOf(staff: StaffApi, phone: string) {
  const found = await staff.get<{ items: { id: string }[] }>(`/api/v1/staff/customers?q=${phone}`);
  return found.items[0]!.id;
}

const storedValueFen = async (staff: StaffApi, customerId: string) =>
  (
    await staff.get<{ storedValue: { balanceFen: number } }>(
      `/api/v1/staff/customers/${customerId}/loyalty`,
    )
  ).storedValue.balanceFen;

const OWNER_PHONE = '13900000001';
const { product, browser, shot } = useProduct();

describe('online payments', () => {
  it('an owner tops up in the app through the development provider and the balance appears', async () => {
    const staff = await staffApi(product().url, 'owner@demo.liuke.dev');
    const found = await staff.get<{ items: { id: string }[] }>(
      `/api/v1/staff/customers?q=${OWNER_PHONE}`,
    );
    const customerId = found.items[0]!.id;
    const balance = async () =>
      (
        await staff.get<{ storedValue: { balanceFen: number } }>(
          `/api/v1/staff/customers/${customerId}/loyalty`,
        )
      ).storedValue.balanceFen;
    const before = await balance();

    const context = await phoneContext(browser());
    const app = await context.newPage();
    await signInOwner(app, product().url, staff, OWNER_PHONE);
    await app.goto(`${product().url}/app/ledger?view=stored_value`);
    await app.getByTestId('ledger-top-up').click();
    await app.getByTestId('pay-page').waitFor(WAIT);
    await app.getByTestId('pay-top-up').first().click();
    await app.getByTestId('payment-result').waitFor(WAIT);
    await expect
      .poll(() => app.getByTestId('payment-status').textContent(), WAIT)
      .toContain('处理中');
    // The return alone credits nothing.
    expect(await balance()).toBe(before);
    await app.screenshot({ path: shot('payments-app-processing') });
    await app.getByTestId('dev-pay').click();
    await expect.poll(() => app.getByTestId('payment-status').textContent(), WAIT).toBe('支付成功');
    await app.screenshot({ path: shot('payments-app-paid') });
    expect(await balance()).toBe(before + 50_000 + 5_000);

    const page = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await signInConsole(page, product().url, 'owner@demo.liuke.dev');
    await page.goto(`${product().url}/console/payments`);
    await page.getByTestId('payments-table').getByText('储值 充 500 送 50').first().waitFor(WAIT);
    await page.screenshot({ path: shot('payments-console-list') });
  });
  it('an owner short of stored value joins a group deal by paying its price online', async () => {
    const url = product().url;
    const staff = await staffApi(url, 'owner@demo.liuke.dev');
    const products = await staff.get<{ items: { id: string }[] }>(
      '/api/v1/staff/loyalty/package-products',
    );
    const deal = await staff.post<{ id: string }>('/api/v1/staff/deals', {
      title: '四轮定位拼团',
      description: '四轮定位一次，3 人成团',
      rewardKind: 'package',
      packageProductId: products.items[0]!.id,
      priceFen: 5_800,
      originalPriceFen: 12_800,
      minJoiners: 3,
      deadlineAt: new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString(),
    });
    await staff.post(`/api/v1/staff/deals/${deal.id}/publish`, {});
    const context = await phoneContext(browser());
    const app = await context.newPage();
    // A new owner: nothing in the wallet.
    await signInOwner(app, url, staff, '13922226677');
    await app.getByTestId('deals-entry').click();
    const card = app.getByTestId('deal-card').filter({ hasText: '四轮定位拼团' });
    await card.waitFor(WAIT);
    await card.click();
    await app.getByTestId('deal-join').click(); // tap 1
    const offer = app.getByTestId('deal-short');
    await offer.waitFor(WAIT);
    expect(await offer.textContent()).toContain('在线支付');
    await app.screenshot({ path: shot('payments-deal-offer') });
    await app.locator('.adm-dialog-button', { hasText: '在线支付' }).click(); // tap 2
    await app.getByTestId('payment-result').waitFor(WAIT);
    await app.getByTestId('dev-pay').click(); // the provider's page, as the development one is
    await expect.poll(() => app.getByTestId('payment-status').textContent(), WAIT).toBe('支付成功');

    // The price went into the wallet and is held for the deal: the owner is in it.
    const found = await staff.get<{ items: { id: string }[] }>(
      '/api/v1/staff/customers?q=13922226677',
    );
    const loyalty = await staff.get<{ storedValue: { balanceFen: number } }>(
      `/api/v1/staff/customers/${found.items[0]!.id}/loyalty`,
    );
    await app.goto(`${url}/app/deals`);
    await card.click();
    const mine = app.getByTestId('deal-mine');
    await expect.poll(() => mine.getAttribute('data-status'), WAIT).toBe('holding');
    expect(loyalty.storedValue.balanceFen).toBe(0);
    await app.screenshot({ path: shot('payments-deal-joined') });
    await context.close();
  });

  it('an owner tops up by card through Stripe’s Payment Element; a decline shows Stripe’s message', async () => {
    const url = product().url;
    const staff = await staffApi(url, 'owner@demo.liuke.dev');
    const me = await staff.get<{ staff: { tenant: { id: string } } }>('/api/v1/staff/me');
    const stripe = await startStripeDouble();
    // Stripe on: the app prefers it to the development provider.
    await staff.put('/api/v1/staff/payment-settings', {
      provider: 'stripe',
      enabled: true,
      config: stripe.config(),
      secrets: stripe.secrets(),
    });
    const context = await phoneContext(browser());
    try {
      await offline(context);
      const scripts: string[] = [];
      await context.route('https://js.stripe.com/**', (route) => {
        scripts.push(route.request().url());
        return route.fulfill({ contentType: 'text/javascript', body: FAKE_STRIPE_JS });
      });
      // What Stripe would do once the card is confirmed: the intent succeeds and Stripe sends
      // its signed webhook to the product.
      await context.exposeFunction('__stripeSucceed', async (clientSecret: string) => {
        const intent = stripe.intents.get(clientSecret.split('_secret_')[0]!)!;
        intent.status = 'succeeded';
        const e = stripe.event('payment_intent.succeeded', {
          ...intent,
          object: 'payment_intent',
          amount_received: intent.amount,
          created: Math.floor(Date.now() / 1000),
        });
        const res = await fetch(
          `${url}/api/v1/webhooks/payments/stripe?tenant=${me.staff.tenant.id}`,
          { method: 'POST', headers: e.headers, body: e.body },
        );
        expect(res.status).toBe(200);
      });
      const app = await context.newPage();
      // Another owner: the demo owner's sign-in code was sent a moment ago (one a minute).
      const phone = '13922225566';
      await signInOwner(app, url, staff, phone);
      const customerId = await customerIdOf(staff, phone);
      const before = await storedValueFen(staff, customerId);
      await app.goto(`${url}/app/ledger?view=stored_value`);
      await app.getByTestId('ledger-top-up').click();
      await app.getByTestId('pay-page').waitFor(WAIT);
      await app.getByTestId('pay-top-up').first().click();
      await app.getByTestId('stripe-pay').waitFor(WAIT);
      // The client secret reached Stripe.js from the payment, not from the address bar.
      expect(app.url()).not.toContain('secret');
      // Leaving the card page unconfirmed: the result page waits and leads back to it.
      const paymentId = new URL(app.url()).searchParams.get('payment')!;
      await app.goto(`${url}/app/pay/result?payment=${paymentId}`);
      await app.getByTestId('continue-card').click();
      await app.getByTestId('stripe-pay').waitFor(WAIT);
      expect(new URL(app.url()).searchParams.get('payment')).toBe(paymentId);
      await app.locator('[data-fake-element="payment"]').waitFor(WAIT);
      const seen = (await app.evaluate('window.__stripeSeen')) as { pk: string }[];
      expect(seen.at(-1)).toMatchObject({ pk: 'pk_test_x', clientSecret: /^pi_.+_secret_/u });
      expect(scripts[0]).toMatch(/^https:\/\/js\.stripe\.com\//u);
      await expect.poll(() => app.getByTestId('stripe-pay-button').isEnabled(), WAIT).toBe(true);
      await app.screenshot({ path: shot('payments-stripe-element') });

      await app.getByTestId('stripe-pay-button').click();
      await expect
        .poll(() => app.getByTestId('stripe-error').textContent(), WAIT)
        .toBe('Your card was declined.');
      expect(await storedValueFen(staff, customerId)).toBe(before);
      await app.screenshot({ path: shot('payments-stripe-declined') });

      await app.getByTestId('stripe-pay-button').click();
      await app.getByTestId('payment-result').waitFor(WAIT);
      await expect
        .poll(() => app.getByTestId('payment-status').textContent(), WAIT)
        .toBe('支付成功');
      expect(await storedValueFen(staff, customerId)).toBe(before + 50_000 + 5_000);
      await app.screenshot({ path: shot('payments-stripe-paid') });
    } finally {
      await context.close();
      await staff.put('/api/v1/staff/payment-settings', {
        provider: 'stripe',
        enabled: false,
        config: stripe.config(),
      });
      await stripe.close();
    }
  });

  it('inside WeChat an owner pays through WeixinJSBridge with the parameters the server signed', async () => {
    const url = product().url;
    const staff = await staffApi(url, 'owner@demo.liuke.dev');
    const wx = await startWechatDouble(() => new Date());
    await staff.put('/api/v1/staff/payment-settings', {
      provider: 'wechat',
      enabled: true,
      config: wx.config(),
      secrets: wx.secrets(),
    });
    const context = await phoneContext(browser());
    try {
      const phone = '13922228899';
      const app = await context.newPage();
      await signInOwner(app, url, staff, phone);
      const customerId = await customerIdOf(staff, phone);
      await staff.put(`/api/v1/staff/customers/${customerId}/wechat-binding`, {
        openid: 'oE2eBoundOpenid0000000000001',
      });
      await offline(context);
      // From here on the page is WeChat's browser, with its bridge.
      await app.addInitScript(FAKE_WECHAT_BRIDGE);
      await app.goto(`${url}/app/pay`);
      await app.getByTestId('pay-top-up').first().click();
      await app.getByTestId('payment-result').waitFor(WAIT);
      const calls = (await app.evaluate('window.__bridgeCalls')) as {
        name: string;
        params: Record<string, string>;
      }[];
      expect(calls).toHaveLength(1);
      expect(calls[0]!.name).toBe('getBrandWCPayRequest');
      expect(calls[0]!.params).toMatchObject({
        appId: 'wx8888888888888888',
        package: expect.stringMatching(/^prepay_id=/u),
        signType: 'RSA',
      });
      const created = wx.requests.find((r) => r.path === '/v3/pay/transactions/jsapi');
      expect(JSON.parse(created!.body).payer.openid).toBe('oE2eBoundOpenid0000000000001');
      // The bridge said "ok", but nothing is paid until WeChat Pay says so.
      await expect
        .poll(() => app.getByTestId('payment-status').textContent(), WAIT)
        .toContain('处理中');
      const trade = [...wx.trades.values()].at(-1)!;
      wx.pay(trade.number);
      // The result page's own query of WeChat Pay settles it.
      await expect
        .poll(() => app.getByTestId('payment-status').textContent(), WAIT)
        .toBe('支付成功');
      await app.screenshot({ path: shot('payments-wechat-jsapi-paid') });
    } finally {
      await context.close();
      await staff.put('/api/v1/staff/payment-settings', {
        provider: 'wechat',
        enabled: false,
        config: wx.config(),
      });
      await wx.close();
    }
  });
});
