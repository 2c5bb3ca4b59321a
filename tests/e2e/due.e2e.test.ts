// The owner, on a phone, opens their car, reads what it needs next and why, reports a mileage
// 8,000 km above what was predicted, and sees the oil change move earlier at once.
import { describe, expect, it } from 'vitest';
import { phoneContext, signInOwner, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const OWNER_PHONE = '13900000001';
const OIL = 'due-item-maintenance:oil_change';
const { product, browser, shot } = useProduct();

interface Due {
  mileage: { predictedKmToday: number | null } | null;
  items: { key: string; dueDate: string; why: string }[];
}

describe('due-list in the app', () => {
  it('shows why, and a higher reported mileage moves the oil change earlier', async () => {
    const staff = await staffApi(product().url, 'owner@demo.liuke.dev');
    const context = await phoneContext(browser());
    const app = await context.newPage();
    await signInOwner(app, product().url, staff, OWNER_PHONE);

    // Home → car: the due list is on the car page (two taps at most).
    await app.getByTestId('vehicle-card').first().click();
    const oil = app.getByTestId(OIL);
    await oil.waitFor(WAIT);
    const vehicleId = /\/vehicles\/([0-9a-f-]{36})/.exec(app.url())?.[1];
    expect(vehicleId).toBeTruthy();
    const before = await staff.get<Due>(`/api/v1/staff/vehicles/${vehicleId}/due`);
    const oilBefore = before.items.find((i) => i.key === 'maintenance:oil_change')!;
    expect(await oil.getByTestId('due-date').textContent()).toBe(oilBefore.dueDate);
    const why = (await oil.getByTestId('due-why').textContent()) ?? '';
    expect(why).toMatch(/上次 \d{4}-\d{2}-\d{2} 在 [\d,]+ km 做过/);
    await expect.poll(() => app.getByTestId('due-mileage').isVisible(), WAIT).toBe(true);
    await app.screenshot({ path: shot('due-app-before'), fullPage: true });

    // Report 8,000 km more than predicted for today: number pad, submit.
    const next = (before.mileage?.predictedKmToday ?? 0) + 8000;
    await app.getByTestId('mileage-report').click();
    const keypad = app.locator('.keypad');
    await keypad.waitFor();
    for (const d of String(next))
      await keypad.getByRole('button', { name: d, exact: true }).click();
    await app.getByTestId('mileage-submit').click();
    await app.getByTestId('mileage-value').waitFor({ state: 'detached', ...WAIT });

    // The oil change comes earlier on the same page, without leaving it.
    await expect
      .poll(async () => {
        const date = (await oil.getByTestId('due-date').textContent()) ?? '';
        return date !== '' && date < oilBefore.dueDate;
      }, WAIT)
      .toBe(true);
    const after = await staff.get<Due>(`/api/v1/staff/vehicles/${vehicleId}/due`);
    expect(await oil.getByTestId('due-date').textContent()).toBe(
      after.items.find((i) => i.key === 'maintenance:oil_change')!.dueDate,
    );
    await app.screenshot({ path: shot('due-app-after'), fullPage: true });
    await context.close();
  });

  it('the console lists today’s due items and the car’s due panel', async () => {
    const page = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${product().url}/console/`, { waitUntil: 'networkidle' });
    // The demo tenant code is filled in by the console itself once its config arrives.
    const tenantInput = page.getByTestId('signin-tenant');
    await expect.poll(() => tenantInput.inputValue(), WAIT).toBe('demo');
    await page.getByTestId('signin-login').fill('owner@demo.liuke.dev');
    await page.getByTestId('signin-password').fill('Liuke@2026');
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('nav-due').click();
    await expect
      .poll(
        async () => page.getByTestId('due-table').locator('[data-testid="due-date"]').count(),
        WAIT,
      )
      .toBeGreaterThan(0);
    await page.screenshot({ path: shot('due-console-list') });
    await page.getByTestId('due-table').locator('a').first().click();
    await expect
      .poll(async () => page.getByTestId('due-panel').first().getByTestId('due-why').count(), WAIT)
      .toBeGreaterThan(0);
    await page.screenshot({ path: shot('due-console-customer'), fullPage: true });
    await page.close();
  });
});
