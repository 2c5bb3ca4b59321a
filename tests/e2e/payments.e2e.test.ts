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
});
