import { describe, expect, it } from 'vitest';
import { phoneContext, signInConsole, signInOwner, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const OWNER_PHONE = '13900000001';
const { product, browser, shot } = useProduct();

interface StaffVehicle {
  id: string;
  plate: string | null;
  lastMileageKm: number | null;
}

const digits = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));

describe('customer profile and the car in the owner’s hands', () => {
  it('the owner reports a mileage; the advisor sees it and records a marketing SMS consent', async () => {
    const staff = await staffApi(product().url, 'owner@demo.liuke.dev');
    const found = await staff.get<{ items: { id: string; name: string }[] }>(
      `/api/v1/staff/customers?q=${OWNER_PHONE}`,
    );
    const customer = found.items[0]!;

    // The owner, on a phone, opens their first car.
    const context = await phoneContext(browser());
    const app = await context.newPage();
    await signInOwner(app, product().url, staff, OWNER_PHONE);
    await app.getByTestId('vehicle-card').first().click();
    await app.getByTestId('mileage-report').waitFor(WAIT);
    const plate = (await app.locator('.adm-nav-bar-title').textContent())?.trim();

    // The reading in force, as staff see it; the owner reports 1,200 km more.
    const detail = await staff.get<{ vehicles: StaffVehicle[] }>(
      `/api/v1/staff/customers/${customer.id}`,
    );
    const car = detail.vehicles.find((v) => v.plate === plate)!;
    expect(car).toBeTruthy();
    const next = (car.lastMileageKm ?? 0) + 1200;
    expect(digits(await app.getByTestId('vehicle-mileage').textContent())).toBe(
      car.lastMileageKm ?? 0,
    );

    // Tap 1: 上报里程; the number pad; tap 2: 提交.
    await app.getByTestId('mileage-report').click();
    const keypad = app.locator('.keypad');
    await keypad.waitFor();
    for (const d of String(next))
      await keypad.getByRole('button', { name: d, exact: true }).click();
    expect(digits(await app.getByTestId('mileage-value').inputValue())).toBe(next);
    await app.getByTestId('mileage-submit').click();
    await expect
      .poll(async () => digits(await app.getByTestId('vehicle-mileage').textContent()), WAIT)
      .toBe(next);
    await app.getByTestId('mileage-value').waitFor({ state: 'detached' });
    await app.screenshot({ path: shot('profile-app-car') });

    // Home shows it too.
    await app.getByTestId('tab-home').click();
    await expect
      .poll(
        async () => (await app.getByTestId('vehicle-mileage').allTextContents()).map(digits),
        WAIT,
      )
      .toContain(next);
    await context.close();

    // An advisor opens the customer in the console and sees the new reading on the car.
    const page = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await signInConsole(page, product().url, '13800000002');
    // The desk lands on today's workbench; the customer list is one click away.
    await page.getByTestId('workbench').waitFor();
    await page.getByTestId('nav-customers').click();
    await page.getByTestId('customer-search').fill(OWNER_PHONE);
    const row = page.getByTestId('customer-row').filter({ hasText: customer.name });
    await row.first().waitFor(WAIT);
    await row.first().click();
    await page.getByTestId('customer-detail').waitFor();
    const card = page.getByTestId('vehicle-card').filter({ hasText: plate! });
    await expect
      .poll(async () => digits(await card.getByTestId('vehicle-mileage').textContent()), WAIT)
      .toBe(next);
    // The reading is in the car's odometer history, reported by the owner.
    await expect
      .poll(
        () => card.getByTestId('odometer-history').locator('tbody tr').first().textContent(),
        WAIT,
      )
      .toMatch(/车主上报/);

    // Marketing SMS consent: switched on by staff, still on after a reload.
    const smsMarketing = page.locator(
      '[data-testid=consent-switch][data-channel=sms][data-purpose=marketing]',
    );
    await smsMarketing.waitFor();
    if ((await smsMarketing.getAttribute('aria-checked')) === 'true') {
      await smsMarketing.click();
      await expect.poll(() => smsMarketing.getAttribute('aria-checked'), WAIT).toBe('false');
    }
    await smsMarketing.click();
    await expect.poll(() => smsMarketing.getAttribute('aria-checked'), WAIT).toBe('true');
    await page.waitForLoadState('networkidle');
    await page.reload({ waitUntil: 'networkidle' });
    await smsMarketing.waitFor(WAIT);
    expect(await smsMarketing.getAttribute('aria-checked')).toBe('true');
    // Staff recorded it, and it shows how it was given.
    await expect
      .poll(() => smsMarketing.locator('xpath=..').textContent(), WAIT)
      .toContain('员工录入');
    await page.screenshot({ path: shot('profile-console-customer') });

    const stored = await staff.get<{
      consents: { channel: string; purpose: string; granted: boolean; method: string | null }[];
    }>(`/api/v1/staff/customers/${customer.id}`);
    expect(
      stored.consents.find((c) => c.channel === 'sms' && c.purpose === 'marketing'),
    ).toMatchObject({ granted: true, method: 'staff' });
    await page.close();
  });
});
