// Receipts, end to end: an order paid in two parts prints as the A4 service order and as the
// 80 mm till slip (each with every payment part, the total and the car's next service); the car
// owner sees it as an e-receipt in the app and requests an invoice in two taps; the desk marks
// the invoice issued on the order page, and the owner sees 已开票.
import { describe, expect, it } from 'vitest';
import { phoneContext, signInConsole, signInOwner, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const OWNER_PHONE = '13900000001';
const { product, browser, shot } = useProduct();

/** Staff API calls that change things (setup only): signed in with the CSRF token. */
async function staffWriter(url: string, login: string) {
  const res = await fetch(`${url}/api/v1/staff/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: 'demo', login, password: 'Liuke@2026' }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  return async <T>(p: string, body: unknown): Promise<T> => {
    const r = await fetch(`${url}${p}`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${p}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
}

describe('receipts', () => {
  it('print on A4 and 80 mm, show as the owner’s e-receipt, and carry the invoice request', async () => {
    const url = product().url;
    const staff = await staffApi(url, 'owner@demo.liuke.dev');
    const post = await staffWriter(url, 'owner@demo.liuke.dev');
    const found = await staff.get<{ items: { id: string }[] }>(
      `/api/v1/staff/customers?q=${OWNER_PHONE}`,
    );
    const customerId = found.items[0]!.id;
    const detail = await staff.get<{ vehicles: { id: string }[] }>(
      `/api/v1/staff/customers/${customerId}`,
    );
    const me = await staff.get<{ staff: { stores: { id: string }[] } }>('/api/v1/staff/me');
    // A ¥260 order paid ¥100 in cash and ¥160 by WeChat Pay.
    const order = await post<{ id: string }>('/api/v1/staff/service-orders', {
      customerId,
      vehicleId: detail.vehicles[0]!.id,
      storeId: me.staff.stores[0]!.id,
      items: [
        {
          kind: 'labour',
          category: 'oil_change',
          description: '更换机油工时',
          unitPriceFen: 8000,
        },
        {
          kind: 'part',
          category: 'oil_change',
          description: '全合成机油 4L',
          partNumber: 'SN-0W20-4L',
          unitPriceFen: 18000,
        },
      ],
    });
    await post(`/api/v1/staff/service-orders/${order.id}/complete`, {});
    await post(`/api/v1/staff/service-orders/${order.id}/pay`, {
      parts: [
        { method: 'cash', amountFen: 10000 },
        { method: 'wechat_pay', amountFen: 16000 },
      ],
    });

    // ---- the desk prints ----
    const page = await browser().newPage({ viewport: { width: 1366, height: 900 } });
    await signInConsole(page, url, '13800000002');
    await page.goto(`${url}/console/service-orders/${order.id}`);
    await page.getByTestId('print-a4').waitFor(WAIT);
    const a4Href = await page.getByTestId('print-a4').getAttribute('href');
    const thermalHref = await page.getByTestId('print-thermal').getAttribute('href');
    expect(a4Href).toBe(`/console/service-orders/${order.id}/print?layout=a4`);
    expect(thermalHref).toBe(`/console/service-orders/${order.id}/print?layout=thermal`);
    // No invoice asked for yet: no card.
    expect(await page.getByTestId('invoice-request').count()).toBe(0);

    await page.goto(`${url}${a4Href}`);
    const a4 = page.getByTestId('receipt');
    await a4.waitFor(WAIT);
    expect(await a4.getAttribute('data-layout')).toBe('a4');
    // Outside the console's frame: no menu.
    expect(await page.getByTestId('staff-name').count()).toBe(0);
    expect(await page.getByTestId('receipt-total').textContent()).toBe('¥260.00');
    const a4Payments = await page.getByTestId('receipt-payments').textContent();
    expect(a4Payments).toContain('现金');
    expect(a4Payments).toContain('¥100.00');
    expect(a4Payments).toContain('微信支付');
    expect(a4Payments).toContain('¥160.00');
    expect(await page.getByTestId('receipt-line').count()).toBe(2);
    expect(await a4.textContent()).toContain('SN-0W20-4L');
    expect(await page.getByTestId('receipt-next-due').textContent()).toMatch(/\d{4}-\d{2}-\d{2}/);
    await page.screenshot({ path: shot('receipt-a4'), fullPage: true });
    // Printing waits for the button.
    type Printable = { printed: number; print: () => void };
    await page.evaluate(() => {
      const w = globalThis as unknown as Printable;
      w.printed = 0;
      w.print = () => void w.printed++;
    });
    await page.getByTestId('receipt-print').click();
    expect(await page.evaluate(() => (globalThis as unknown as Printable).printed)).toBe(1);

    await page.goto(`${url}${thermalHref}`);
    const slip = page.getByTestId('receipt');
    await slip.waitFor(WAIT);
    expect(await slip.getAttribute('data-layout')).toBe('thermal');
    // 72 mm of content at 96 px an inch.
    const width = (await slip.boundingBox())!.width;
    expect(Math.abs(width - (72 / 25.4) * 96)).toBeLessThan(2);
    expect(await page.getByTestId('receipt-total').textContent()).toBe('¥260.00');
    expect(await page.getByTestId('receipt-payments').textContent()).toContain('微信支付');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: shot('receipt-thermal'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // ---- the owner, in the app ----
    const context = await phoneContext(browser());
    const app = await context.newPage();
    await signInOwner(app, url, staff, OWNER_PHONE);
    await app.goto(`${url}/app/orders/${order.id}`);
    await app.getByTestId('receipt').waitFor(WAIT);
    expect(await app.getByTestId('receipt-shop').textContent()).toBeTruthy();
    const appPayments = await app.getByTestId('receipt-payments').textContent();
    expect(appPayments).toContain('现金');
    expect(appPayments).toContain('微信支付');
    expect(await app.getByTestId('receipt-points').textContent()).toContain('+');
    await app.getByTestId('receipt-next-due').waitFor();
    await app.screenshot({ path: shot('app-e-receipt'), fullPage: true });

    // Tap 1: 申请发票; type the name; tap 2: 提交.
    await app.getByTestId('invoice-open').click();
    await app.getByTestId('invoice-title').locator('input').fill('林先生');
    await app.screenshot({ path: shot('app-invoice-form') });
    await app.getByTestId('invoice-submit').click();
    await expect
      .poll(() => app.getByTestId('invoice-status').getAttribute('data-status'), WAIT)
      .toBe('requested');
    expect(await app.getByTestId('invoice-request').textContent()).toContain('林先生');
    await app.screenshot({ path: shot('app-invoice-requested'), fullPage: true });

    // ---- the desk marks it issued ----
    await page.goto(`${url}/console/service-orders/${order.id}`);
    const card = page.getByTestId('invoice-request');
    await card.waitFor(WAIT);
    expect(await card.textContent()).toContain('林先生');
    await page.getByTestId('invoice-issue').click();
    await page.getByTestId('invoice-number').fill('24442000000012345678');
    await page.getByTestId('invoice-issue-ok').click();
    await expect.poll(() => card.getAttribute('data-status'), WAIT).toBe('issued');
    expect(await card.textContent()).toContain('24442000000012345678');
    await page.screenshot({ path: shot('order-invoice-issued'), fullPage: true });
    await page.close();

    await app.reload();
    await expect.poll(() => app.getByTestId('invoice-status').textContent(), WAIT).toBe('已开票');
    expect(await app.getByTestId('invoice-open').count()).toBe(0);
    await app.screenshot({ path: shot('app-invoice-issued'), fullPage: true });
    await context.close();
  });
});
