// Paper records: an advisor files a car's old odometer reading and an old visit from the car
// panel with their real dates; a reading the others contradict is refused under its field.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signInConsole, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const OWNER_PHONE = '13900000001';
const { product, browser, shot } = useProduct();

async function pickDate(page: Page, testId: string, date: string) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

describe('paper records on the car panel', () => {
  it('an advisor files a past reading and a past visit with their dates', async () => {
    const staff = await staffApi(product().url, 'owner@demo.liuke.dev');
    const found = await staff.get<{ items: { id: string; name: string }[] }>(
      `/api/v1/staff/customers?q=${OWNER_PHONE}`,
    );
    const customer = found.items[0]!;
    const detail = await staff.get<{ vehicles: { id: string; plate: string | null }[] }>(
      `/api/v1/staff/customers/${customer.id}`,
    );
    const car = detail.vehicles.find((v) => v.plate)!;

    const page = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await signInConsole(page, product().url, '13800000002');
    // The desk lands on today's workbench; customers are one click away.
    await page.getByTestId('nav-customers').click();
    await page.getByTestId('customer-search').fill(OWNER_PHONE);
    const row = page.getByTestId('customer-row').filter({ hasText: customer.name });
    await row.first().waitFor(WAIT);
    await row.first().click();
    await page.getByTestId('customer-detail').waitFor();
    const card = page.getByTestId('vehicle-card').filter({ hasText: car.plate! });

    // A reading from years before the car's first visit here.
    await card.getByTestId('past-reading-open').click();
    await pickDate(page, 'past-reading-date', '2015-01-15');
    await page.getByTestId('past-reading-mileage').fill('1200');
    await page.getByTestId('past-reading-save').click();
    await page.getByTestId('past-reading-form').waitFor({ state: 'detached', timeout: 30_000 });

    // One that the reading just filed contradicts is refused, the reason under the mileage.
    await card.getByTestId('past-reading-open').click();
    await pickDate(page, 'past-reading-date', '2015-03-01');
    await page.getByTestId('past-reading-mileage').fill('900');
    await page.getByTestId('past-reading-save').click();
    await expect
      .poll(() => page.getByTestId('past-reading-form').textContent(), WAIT)
      .toContain('里程低于 2015-01-15 的记录（1,200 km）');
    await page.screenshot({ path: shot('past-reading-refused') });
    await page.keyboard.press('Escape');
    await page.getByTestId('past-reading-form').waitFor({ state: 'detached' });

    // A visit from the paper card: an oil change in June 2015.
    await card.getByTestId('past-visit-open').click();
    await pickDate(page, 'past-visit-date', '2015-06-01');
    await page.getByTestId('past-visit-mileage').fill('3500');
    await page.getByTestId('past-visit-description').fill('更换机油机滤（纸质记录）');
    await page.getByTestId('past-visit-amount').fill('380');
    await page.screenshot({ path: shot('past-visit-form') });
    await page.getByTestId('past-visit-save').click();
    await page.getByTestId('past-visit-form').waitFor({ state: 'detached', timeout: 30_000 });

    const orders = await staff.get<{
      items: { summary: string; openedAt: string; status: string; totalFen: number }[];
    }>(`/api/v1/staff/vehicles/${car.id}/service-orders`);
    const visit = orders.items.find((o) => o.summary.includes('纸质记录'));
    expect(visit).toMatchObject({
      openedAt: '2015-06-01T04:00:00.000Z',
      status: 'closed',
      totalFen: 38000,
    });
    const readings = await staff.get<{ items: { readAt: string; mileageKm: number }[] }>(
      `/api/v1/staff/vehicles/${car.id}/odometer`,
    );
    expect(readings.items.map((r) => [r.readAt, r.mileageKm])).toEqual(
      expect.arrayContaining([
        ['2015-01-15T04:00:00.000Z', 1200],
        ['2015-06-01T04:00:00.000Z', 3500],
      ]),
    );
    await page.close();
  });
});
