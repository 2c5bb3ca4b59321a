// Online payments end to end: the demo car owner opens 我的明细, taps 储值充值, buys 充 500 送 50
// through the development provider, the result page says "processing" until the payment is
// verified and then 支付成功, and the balance has grown by principal and bonus. Staff see the
// payment in the console's list.
import { describe, expect, it } from 'vitest';
import { phoneContext, signInConsole, signInOwner, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

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
});
