// A day at the front desk, end to end: an advisor finds a customer, opens a service order for
// their car, prices labour and a part, completes it, takes payment and closes it; the car owner
// then finds that visit at the top of the car's maintenance record in the app, with its amount.
import { describe, expect, it } from 'vitest';
import { phoneContext, signInConsole, signInOwner, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const OWNER_PHONE = '13900000001';
const { product, browser, shot } = useProduct();
/** Polls wait this long: the machine may be busy. */

interface Car {
  id: string;
  plate: string | null;
  vin: string | null;
  lastMileageKm: number | null;
}

describe('service order', () => {
  it('is opened, priced, paid and closed in the console, and the owner sees it in the app', async () => {
    const staff = await staffApi(product().url, 'owner@demo.liuke.dev');
    const found = await staff.get<{ items: { id: string; name: string }[] }>(
      `/api/v1/staff/customers?q=${OWNER_PHONE}`,
    );
    const customer = found.items[0]!;
    const detail = await staff.get<{ vehicles: Car[]; homeStoreId: string | null }>(
      `/api/v1/staff/customers/${customer.id}`,
    );
    const car = detail.vehicles[0]!;
    const stores = await staff.get<{ items: { id: string; name: string }[] }>(
      '/api/v1/staff/stores',
    );
    const homeStore = stores.items.find((s) => s.id === detail.homeStoreId);
    const mileage = (car.lastMileageKm ?? 0) + 1234;

    // ---- the advisor, at the desk ----
    const page = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await signInConsole(page, product().url, '13800000002');
    // The desk lands on today's workbench; the customer list is one click away.
    await page.getByTestId('workbench').waitFor();
    await page.getByTestId('nav-customers').click();

    const row = page.getByTestId('customer-row').filter({ hasText: customer.name });
    // Found by the end of a VIN, the row says so (it shows plates only).
    if (car.vin) {
      await page.getByTestId('customer-search').fill(car.vin.slice(-7));
      await row.first().waitFor(WAIT);
      expect(await row.first().getByTestId('customer-vin-match').textContent()).toContain(car.vin);
    }
    await page.getByTestId('customer-search').fill(OWNER_PHONE);
    await row.first().waitFor(WAIT);
    // Found by phone (once the list follows the new search), the row names no VIN.
    await expect.poll(() => page.getByTestId('customer-vin-match').count(), WAIT).toBe(0);
    await row.first().click();
    await page.getByTestId('customer-detail').waitFor();
    // The home store by its name, whichever stores the advisor works in.
    if (homeStore)
      await expect
        .poll(() => page.getByTestId('customer-home-store').textContent(), WAIT)
        .toBe(homeStore.name);

    // 开单 is among the page's header actions (a car picked by plate when there are several).
    await page.getByTestId('customer-order-open').click();
    if (detail.vehicles.length > 1)
      await page
        .locator('.ant-dropdown-menu-item', { hasText: car.plate ?? '' })
        .first()
        .click();
    await page.getByTestId('order-mileage').fill(String(mileage));
    await page.screenshot({ path: shot('order-open') });
    await page.getByTestId('order-open-submit').click();
    await page.waitForURL(/\/console\/service-orders\/[0-9a-f-]{36}$/, WAIT);
    await expect.poll(() => page.getByTestId('order-status').textContent(), WAIT).toBe('进行中');
    expect(await page.getByTestId('order-mileage-value').textContent()).toContain(
      mileage.toLocaleString('en-US'),
    );

    // A labour line: ¥80.00.
    await page.getByTestId('item-add').click();
    await page.getByTestId('item-description').fill('更换机油工时');
    await page.getByTestId('item-quantity').fill('1');
    await page.getByTestId('item-price').fill('80');
    await page.getByTestId('item-save').click();
    await page.getByTestId('item-save').waitFor({ state: 'hidden', ...WAIT });
    await expect.poll(() => page.getByTestId('order-total').textContent(), WAIT).toBe('¥80.00');

    // A part with its number: 2 × ¥45.50.
    await page.getByTestId('item-add').click();
    await page.getByTestId('item-kind').getByText('配件').click();
    await page.getByTestId('item-category').click();
    await page.locator('.ant-select-item-option[title="机油保养"]').click();
    await page.getByTestId('item-description').fill('机油滤清器');
    await page.getByTestId('item-part-number').fill('06L115562B');
    await page.getByTestId('item-quantity').fill('2');
    await page.getByTestId('item-price').fill('45.50');
    await page.getByTestId('item-save').click();
    await page.getByTestId('item-save').waitFor({ state: 'hidden', ...WAIT });
    await expect.poll(() => page.getByTestId('order-total').textContent(), WAIT).toBe('¥171.00');
    await expect.poll(() => page.getByTestId('order-item-row').count(), WAIT).toBe(2);
    await page.screenshot({ path: shot('order-items') });

    await page.getByTestId('order-complete').click();
    await expect.poll(() => page.getByTestId('order-status').textContent(), WAIT).toBe('已完工');
    // Completed: the items are locked.
    expect(await page.getByTestId('item-add').count()).toBe(0);

    await page.getByTestId('order-pay').click();
    await expect.poll(() => page.getByTestId('pay-amount').inputValue(), WAIT).toBe('171.00');
    await page.screenshot({ path: shot('order-pay') });
    await page.getByTestId('pay-confirm').click();
    await page.getByTestId('pay-confirm').waitFor({ state: 'hidden', ...WAIT });
    await expect.poll(() => page.getByTestId('order-status').textContent(), WAIT).toBe('已付款');

    await page.getByTestId('order-close').click();
    await expect.poll(() => page.getByTestId('order-status').textContent(), WAIT).toBe('已结单');
    const number = (await page.getByTestId('order-number').textContent())!.replace(/^工单\s*/, '');
    expect(number).toMatch(/^[A-Z0-9]+-\d{8}-\d{4}$/);
    await page.screenshot({ path: shot('order-closed') });

    // The order list shows it on top of today's.
    await page.getByTestId('nav-service-orders').click();
    await page.getByTestId('order-row').first().waitFor(WAIT);
    expect(await page.getByTestId('order-row').first().textContent()).toContain(number);
    await page.screenshot({ path: shot('order-list') });
    await page.close();

    // ---- the car owner, on their phone ----
    const context = await phoneContext(browser());
    const app = await context.newPage();
    await signInOwner(app, product().url, staff, OWNER_PHONE);

    // Tap 1: the car; its record has the new visit on top with the amount paid.
    const card = app.getByTestId('vehicle-card').filter({ hasText: car.plate ?? '' });
    await card.first().click();
    const top = app.getByTestId('service-order').first();
    await top.waitFor(WAIT);
    expect(await top.textContent()).toContain(number);
    expect(await top.getByTestId('service-order-amount').textContent()).toBe('¥171.00');
    await app.screenshot({ path: shot('app-record') });

    // Tap 2: the visit, with its lines, the part number and the amounts.
    await top.click();
    await expect.poll(() => app.getByTestId('order-item').count(), WAIT).toBe(2);
    const lines = await app.getByTestId('order-item').allTextContents();
    expect(lines[0]).toContain('更换机油工时');
    expect(lines[0]).toContain('¥80.00');
    expect(lines[1]).toContain('机油滤清器');
    expect(lines[1]).toContain('06L115562B');
    expect(lines[1]).toContain('¥91.00');
    expect(await app.getByTestId('order-detail-total').textContent()).toBe('¥171.00');
    await app.screenshot({ path: shot('app-order'), fullPage: true });
    await context.close();
  });
});
