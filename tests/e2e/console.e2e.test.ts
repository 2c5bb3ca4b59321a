import { describe, expect, it } from 'vitest';
import { signInConsole, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const { product, browser, shot } = useProduct();

describe('staff console', () => {
  it('an advisor signs in and finds a customer by partial plate', async () => {
    // Pick a real demo car and type its plate as staff do: without the province, partially.
    const api = await staffApi(product().url, 'owner@demo.liuke.dev');
    const found = await api.get<{
      items: { name: string; vehicles: { plate: string | null }[] }[];
    }>('/api/v1/staff/customers?q=13900000001');
    const customer = found.items[0]!;
    const plate = customer.vehicles.find((v) => v.plate)!.plate!;
    const partial = plate.slice(1, 5); // "粤A547C6" → "A547"

    const page = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await signInConsole(page, product().url, '13800000002');
    // The desk lands on today's workbench; the customer list is one click away.
    await page.getByTestId('workbench').waitFor();
    await page.getByTestId('nav-customers').click();

    await page.getByTestId('customer-search').fill(partial);
    const row = page.getByTestId('customer-row').filter({ hasText: customer.name });
    await row.first().waitFor(WAIT);
    await page.screenshot({ path: shot('console-search') });
    const rows = await page.getByTestId('customer-row').allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    for (const text of rows) expect(text.toUpperCase()).toContain(partial);

    await row.first().click();
    await page.getByTestId('customer-detail').waitFor();
    await expect
      .poll(() => page.getByTestId('vehicle-plate').allTextContents(), WAIT)
      .toContain(plate);
    await page.screenshot({ path: shot('console-customer') });
    await page.close();
  });
});
