// Inspection templates in the console: the owner, on a 1366-wide screen, opens the standard
// check, adds a wiper point read in percent, lowers the front pads' amber threshold, moves the
// brake fluid up one place; a red threshold on the wrong side of amber shows under its field and
// nothing is saved; once it is right the template saves, the API serves it and an inspection
// opened afterwards walks the points in the new order. A technician reads it without a save.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { signInConsole, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const { product, browser, shot } = useProduct();
const OWNER = 'owner@demo.liuke.dev';
/** 罗永强, the demo's technician at GZ01. */
const TECHNICIAN = '13800000008';

interface Point {
  key: string;
  label: string;
  measurement: string;
  amberAt?: number | null;
  redAt?: number | null;
  higherIsWorse?: boolean;
}
interface Template {
  id: string;
  name: string;
  points: Point[];
}

async function pick(page: Page, select: Locator, option: string) {
  await select.click();
  await page
    .locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`)
    .click();
}

const field = (card: Locator, label: string) =>
  card.locator('.ant-form-item').filter({ has: card.page().getByText(label, { exact: true }) });

describe('inspection templates', () => {
  it('the owner edits the standard check; a bad threshold is refused in the form', async () => {
    const url = product().url;
    const owner = await staffApi(url, OWNER);
    const before = (await owner.get<{ items: Template[] }>('/api/v1/staff/inspection-templates'))
      .items[0]!;
    const keysBefore = before.points.map((p) => p.key);
    const fluidAt = keysBefore.indexOf('brake_fluid');
    expect(fluidAt).toBeGreaterThan(0);

    const page = await browser().newPage({ viewport: { width: 1366, height: 900 } });
    await signInConsole(page, url, OWNER);
    await page.getByTestId('nav-inspection-templates').click();
    const row = page.getByTestId('template-row').filter({ hasText: before.name });
    await expect
      .poll(() => row.getByTestId('template-point-count').textContent(), WAIT)
      .toBe(`${before.points.length} 项`);
    await page.screenshot({ path: shot('inspection-templates') });
    await row.getByTestId('template-link').click();
    await page.getByTestId('template-form').waitFor(WAIT);

    // A new point: 雨刮胶条, read in percent, amber at 60 %, red at 30 % (lower is worse).
    await page.getByTestId('template-add-point').click();
    const added = page.getByTestId(`template-point-point_${before.points.length + 1}`);
    await added.getByTestId('point-section').fill('雨刮');
    await added.getByTestId('point-label').fill('雨刮胶条');
    await pick(page, field(added, '测量方式').locator('.ant-select'), '百分比');
    await added.getByTestId('point-min').fill('0');
    await added.getByTestId('point-max').fill('100');
    await added.getByTestId('point-amberAt').fill('60');
    await added.getByTestId('point-redAt').fill('30');
    await added.getByTestId('point-why').fill('胶条老化后刮不干净，雨天看不清路。');

    // The front pads: amber at 5 mm instead of 4; the brake fluid one place up.
    const pads = page.getByTestId('template-point-pads_front');
    await pads.getByTestId('point-amberAt').fill('5');
    await page.getByTestId('template-point-brake_fluid').getByTestId('point-up').click();

    // Red at 6 mm is not worse than amber at 5 when lower is worse: shown, nothing saved.
    await pads.getByTestId('point-redAt').fill('6');
    await page.getByTestId('template-save').click();
    const padsRed = field(pads, '红色阈值');
    await expect
      .poll(() => padsRed.locator('.ant-form-item-explain-error').textContent(), WAIT)
      .toContain('红色阈值须低于黄色阈值');
    await pads.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('inspection-template-error') });
    const unchanged = (await owner.get<{ items: Template[] }>('/api/v1/staff/inspection-templates'))
      .items[0]!;
    expect(unchanged.points.map((p) => p.key)).toEqual(keysBefore);

    await pads.getByTestId('point-redAt').fill('2.5');
    await page.getByTestId('template-save').click();
    await page.locator('.ant-message-success').first().waitFor(WAIT);
    await page.screenshot({ path: shot('inspection-template-saved') });

    const after = (await owner.get<{ items: Template[] }>('/api/v1/staff/inspection-templates'))
      .items[0]!;
    expect(after.id).toBe(before.id);
    const keys = after.points.map((p) => p.key);
    expect(keys.slice(fluidAt - 1, fluidAt + 1)).toEqual(['brake_fluid', keysBefore[fluidAt - 1]]);
    expect(after.points.find((p) => p.key === 'pads_front')).toMatchObject({
      amberAt: 5,
      redAt: 2.5,
    });
    expect(after.points.at(-1)).toMatchObject({
      label: '雨刮胶条',
      measurement: 'percent',
      amberAt: 60,
      redAt: 30,
      higherIsWorse: false,
    });

    // An inspection opened now walks the new order, the wiper point last.
    const stores = await owner.get<{ items: { id: string }[] }>('/api/v1/staff/stores');
    const suffix = String(Date.now()).slice(-4);
    const customer = await owner.post<{ id: string }>('/api/v1/staff/customers', {
      name: '模板车主',
      phone: `1376789${suffix}`,
    });
    const car = await owner.post<{ id: string }>(
      `/api/v1/staff/customers/${customer.id}/vehicles`,
      { plate: `粤AT${suffix}`, make: '本田', model: '雅阁' },
    );
    const order = await owner.post<{ id: string }>('/api/v1/staff/service-orders', {
      customerId: customer.id,
      vehicleId: car.id,
      storeId: stores.items[0]!.id,
      mileageKm: 30100,
      items: [
        { kind: 'labour', category: 'oil_change', description: '小保养工时', unitPriceFen: 10000 },
      ],
    });
    const insp = await owner.post<{ items: { key: string }[] }>(
      `/api/v1/staff/service-orders/${order.id}/inspections`,
      {},
    );
    expect(insp.items.map((i) => i.key)).toEqual(keys);

    // A copy without the first point, named 快检, chosen on the order when opening an inspection.
    await page.getByTestId('nav-inspection-templates').click();
    await page
      .getByTestId('template-row')
      .filter({ hasText: before.name })
      .getByTestId('template-copy')
      .click();
    await page.waitForURL(/\/console\/inspections\/templates\/[0-9a-f-]{36}$/, WAIT);
    await page.getByTestId('template-name').fill('快检');
    await page.getByTestId(`template-point-${keys[0]}`).getByTestId('point-remove').click();
    await page.getByTestId('template-save').click();
    await expect.poll(() => page.locator('.ant-message-success').count(), WAIT).toBeGreaterThan(0);
    await expect
      .poll(async () => {
        const all = await owner.get<{ items: Template[] }>('/api/v1/staff/inspection-templates');
        return all.items.find((x) => x.name === '快检')?.points.length;
      }, WAIT)
      .toBe(keys.length - 1);
    await page.goto(`${url}/console/service-orders/${order.id}`);
    await pick(page, page.getByTestId('inspection-template-choice'), '快检');
    await page.getByTestId('inspection-open').click();
    await page.waitForURL(/\/console\/inspections\/[0-9a-f-]{36}$/, WAIT);
    const quick = await owner.get<{ items: { key: string }[] }>(
      `/api/v1/staff/inspections/${page.url().split('/').pop()!}`,
    );
    expect(quick.items.map((i) => i.key)).toEqual(keys.slice(1));
    await page.close();

    // A technician reads the template; there is nothing to save.
    const tech = await browser().newPage({ viewport: { width: 1366, height: 900 } });
    await signInConsole(tech, url, TECHNICIAN);
    await tech.goto(`${url}/console/inspections/templates/${after.id}`);
    await tech.getByTestId('template-form').waitFor(WAIT);
    await expect.poll(() => tech.getByTestId('template-save').count(), WAIT).toBe(0);
    expect(await tech.getByTestId('template-add-point').count()).toBe(0);
    await tech.close();
  });
});
