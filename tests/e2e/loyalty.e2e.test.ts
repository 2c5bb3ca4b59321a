// Member card and coupon at the counter, end to end: the car owner opens the app and shows the
// member card; the advisor pastes its code into "scan member card", lands on the customer, opens
// an order, applies the owner's coupon by code, sees the amount due drop and takes payment; the
// owner's app then lists that coupon as used.
import { describe, expect, it } from 'vitest';
import { phoneContext, signInConsole, signInOwner, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const OWNER_PHONE = '13900000001';
const { product, browser, shot } = useProduct();

interface Coupon {
  id: string;
  code: string;
  templateName: string;
  state: string;
}

describe('member card and coupon', () => {
  it('is scanned at the desk, the coupon applied and paid, and shows as used in the app', async () => {
    const staff = await staffApi(product().url, 'owner@demo.liuke.dev');
    const found = await staff.get<{ items: { id: string; name: string }[] }>(
      `/api/v1/staff/customers?q=${OWNER_PHONE}`,
    );
    const customer = found.items[0]!;
    const coupons = await staff.get<{ items: Coupon[] }>(
      `/api/v1/staff/coupons?customerId=${customer.id}&status=issued`,
    );
    // The demo gives the owner "保养立减 50 元" (oil change, from ¥300).
    const coupon = coupons.items.find((c) => c.templateName === '保养立减 50 元')!;
    expect(coupon).toBeTruthy();

    // ---- the car owner shows the member card ----
    const context = await phoneContext(browser());
    const app = await context.newPage();
    await signInOwner(app, product().url, staff, OWNER_PHONE);
    const qr = app.getByTestId('member-qr');
    await expect.poll(() => qr.getAttribute('data-token'), WAIT).toMatch(/^[\w-]{10,}$/);
    await expect.poll(() => qr.locator('img').count(), WAIT).toBe(1);
    await expect
      .poll(() => app.getByTestId('member-coupons').textContent(), WAIT)
      .toMatch(/优惠券\s*[1-9]/);
    await app.screenshot({ path: shot('loyalty-app-card') });
    // The coupon's detail: its QR code for the counter, the code in words, validity and terms.
    await app.getByTestId('member-coupons').click();
    await app.getByTestId('my-coupon').filter({ hasText: coupon.code }).click();
    const detail = app.getByTestId('coupon-detail');
    await detail.waitFor(WAIT);
    expect(await app.getByTestId('coupon-detail-code').textContent()).toBe(coupon.code);
    await expect.poll(() => app.getByTestId('coupon-qr').count(), WAIT).toBe(1);
    expect(await app.getByTestId('coupon-services').textContent()).toContain('保养');
    expect(await app.getByTestId('coupon-validity').textContent()).toMatch(/\d{4}/);
    await app.waitForTimeout(400); // the sheet's slide, for the photo only
    await app.screenshot({ path: shot('loyalty-app-coupon-detail') });
    await app.locator('.adm-popup-close-icon').click();
    await detail.waitFor({ state: 'hidden', ...WAIT });
    await app.goBack();
    // One tap: the full-screen code with the token in words.
    await qr.click();
    const tokenText = app.getByTestId('member-token');
    await expect.poll(() => tokenText.textContent(), WAIT).toMatch(/^[\w-]{10,}$/);
    const token = (await tokenText.textContent())!;
    await app.screenshot({ path: shot('loyalty-app-code') });

    // ---- the advisor scans (pastes) it ----
    const page = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await signInConsole(page, product().url, '13800000002');
    await page.getByTestId('nav-member-card').click();
    const input = page.getByTestId('member-card-input').locator('input');
    await input.waitFor(WAIT);
    await input.fill(`LKMC:${token}`);
    await input.press('Enter');
    await page.waitForURL(new RegExp(`/console/customers/${customer.id}$`), WAIT);
    await page.getByTestId('customer-coupons').waitFor(WAIT);
    await expect
      .poll(() => page.getByTestId('customer-coupon-code').allTextContents(), WAIT)
      .toContain(coupon.code);

    // An order for the car: oil change labour ¥400.
    await page.getByTestId('order-open').first().click();
    await page.getByTestId('order-open-submit').click();
    await page.waitForURL(/\/console\/service-orders\/[0-9a-f-]{36}$/, WAIT);
    await page.getByTestId('item-add').click();
    await page.getByTestId('item-description').fill('机油保养工时');
    await page.getByTestId('item-quantity').fill('1');
    await page.getByTestId('item-price').fill('400');
    await page.getByTestId('item-save').click();
    await page.getByTestId('item-save').waitFor({ state: 'hidden', ...WAIT });
    await expect.poll(() => page.getByTestId('order-total').textContent(), WAIT).toBe('¥400.00');

    // The coupon, by its code.
    const code = page.getByTestId('coupon-code').locator('input');
    await code.fill(coupon.code.toLowerCase());
    await code.press('Enter');
    await expect
      .poll(() => page.getByTestId('order-amount-due').textContent(), WAIT)
      .toBe('¥350.00');
    expect(await page.getByTestId('order-discount-amount').textContent()).toBe('−¥50.00');
    await page.screenshot({ path: shot('loyalty-order-coupon') });

    await page.getByTestId('order-complete').click();
    await expect.poll(() => page.getByTestId('order-status').textContent(), WAIT).toBe('已完工');
    await page.getByTestId('order-pay').click();
    await expect.poll(() => page.getByTestId('pay-amount').inputValue(), WAIT).toBe('350.00');
    await page.getByTestId('pay-confirm').click();
    await page.getByTestId('pay-confirm').waitFor({ state: 'hidden', ...WAIT });
    await expect.poll(() => page.getByTestId('order-status').textContent(), WAIT).toBe('已付款');
    await page.screenshot({ path: shot('loyalty-order-paid') });
    await page.close();

    // ---- the owner's app: the coupon is used ----
    await app.goBack();
    await app.getByTestId('member-coupons').click();
    await app.getByText('已使用', { exact: true }).click();
    const used = app.getByTestId('my-coupon').filter({ hasText: coupon.code });
    await used.waitFor(WAIT);
    expect(await used.getAttribute('data-state')).toBe('redeemed');
    await app.screenshot({ path: shot('loyalty-app-used') });
    await context.close();
  });
});
