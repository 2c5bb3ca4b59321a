// The price list at the desk, end to end: an advisor opens an order for a car, types the pinyin
// initials of a package (xby → 小保养) and adds it with one click — its component lines land on
// the order adding up to the package price — then finds the part sold below its count in red on
// the price list.
import { describe, expect, it } from 'vitest';
import { signInConsole, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const OWNER_PHONE = '13900000001';
const { product, browser, shot } = useProduct();

interface Item {
  id: string;
  name: string;
  effectivePriceFen: number;
  components: { itemId: string }[];
  storePrices: { storeId: string; priceFen: number }[];
}

describe('price list', () => {
  it('prices an order from the list in one click, and shows an oversold part in red', async () => {
    const staff = await staffApi(product().url, 'owner@demo.liuke.dev');
    const packages = await staff.get<{ items: Item[] }>(
      '/api/v1/staff/catalog/items?q=xby&kind=package',
    );
    const small = packages.items.find((i) => i.name === '小保养')!;
    expect(small).toBeDefined();
    const found = await staff.get<{ items: { id: string; name: string }[] }>(
      `/api/v1/staff/customers?q=${OWNER_PHONE}`,
    );
    const customer = found.items[0]!;

    const page = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await signInConsole(page, product().url, '13800000002');
    // The desk lands on today's workbench; customers are one click away.
    await page.getByTestId('nav-customers').click();
    await page.getByTestId('customer-search').fill(OWNER_PHONE);
    const row = page.getByTestId('customer-row').filter({ hasText: customer.name });
    await row.first().waitFor(WAIT);
    await row.first().click();
    await page.getByTestId('customer-detail').waitFor();
    await page.getByTestId('order-open').first().click();
    await page.getByTestId('order-open-submit').click();
    await page.waitForURL(/\/console\/service-orders\/[0-9a-f-]{36}$/, WAIT);

    await page.getByTestId('catalog-line-search').fill('xby');
    await page.getByTestId(`catalog-option-${small.id}`).click(WAIT);
    await expect
      .poll(() => page.getByTestId('order-item-row').count(), WAIT)
      .toBe(small.components.length);
    await expect
      .poll(() => page.getByTestId('order-total').getAttribute('data-fen'), WAIT)
      .toBe(String(small.effectivePriceFen));
    await page.screenshot({ path: shot('order-from-price-list') });

    await page.getByTestId('nav-price-list').click();
    await page.getByTestId('catalog-search').fill('FSC');
    // The part number finds the one part.
    await expect.poll(() => page.getByTestId('catalog-row').count(), WAIT).toBe(1);
    const fuel = page.getByTestId('catalog-row').filter({ hasText: '燃油系统清洗剂' });
    await fuel.first().waitFor(WAIT);
    const stock = fuel.first().getByTestId('catalog-stock');
    expect(Number(await stock.getAttribute('data-stock'))).toBeLessThan(0);
    expect(await stock.getAttribute('class')).toContain('danger');
    await page.screenshot({ path: shot('price-list') });
  });

  it('lets the owner build a package from the list and give a store its own price', async () => {
    const staff = await staffApi(product().url, 'owner@demo.liuke.dev');
    const find = async (q: string) =>
      (await staff.get<{ items: Item[] }>(`/api/v1/staff/catalog/items?q=${encodeURIComponent(q)}`))
        .items;
    const filter = (await find('空调滤芯')).find((i) => i.name === '空调滤芯')!;
    const labour = (await find('更换空调滤芯工时'))[0]!;

    const page = await browser().newPage({ viewport: { width: 1366, height: 900 } });
    await signInConsole(page, product().url, 'owner@demo.liuke.dev');
    await page.goto(`${product().url}/console/price-list`);
    await page.getByTestId('catalog-add').click();
    const form = page.getByTestId('catalog-form');
    await form.locator('.ant-radio-button-wrapper', { hasText: '套餐' }).click();
    await page.getByTestId('catalog-name').fill('空调保养');
    // Initials find the filter (ktlx), then the labour (ghkt).
    await page.getByTestId('catalog-component-search').fill('ktlx');
    await page.getByTestId(`catalog-option-${filter.id}`).click(WAIT);
    await page.getByTestId('catalog-component-search').fill('ghkt');
    await page.getByTestId(`catalog-option-${labour.id}`).click(WAIT);
    await expect.poll(() => page.getByTestId('package-component').count(), WAIT).toBe(2);
    await page.screenshot({ path: shot('price-list-package') });
    await page.getByTestId('catalog-save').click();
    await page.getByTestId('catalog-save').waitFor({ state: 'hidden', ...WAIT });

    let created: Item | undefined;
    await expect
      .poll(async () => (created = (await find('空调保养'))[0])?.components.length, WAIT)
      .toBe(2);
    // No price of its own: the sum of its items.
    expect(created!.effectivePriceFen).toBe(filter.effectivePriceFen + labour.effectivePriceFen);

    await page.getByTestId('catalog-search').fill('空调保养');
    await expect.poll(() => page.getByTestId('catalog-row').count(), WAIT).toBe(1);
    await page.getByTestId('catalog-row').getByTestId('catalog-store-prices').click();
    await page.locator('input[data-testid^="store-price-"]').first().fill('99');
    await page.locator('[data-testid^="store-price-save-"]').first().click();
    await expect
      .poll(async () => (await find('空调保养'))[0]?.storePrices.map((p) => p.priceFen), WAIT)
      .toEqual([9900]);
  });
});
