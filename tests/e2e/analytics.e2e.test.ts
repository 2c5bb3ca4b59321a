// The dashboards end to end: the owner opens 数据看板 on the demo tenant; a panel's chart, table
// and CSV (UTF-8 with BOM, for Excel) show the same figures the API answers; the marketing tab
// has cost per conversion by channel; the owner sets what an SMS costs and the panel counts it.
import { describe, expect, it } from 'vitest';
import { signInConsole, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const { product, browser, shot } = useProduct();

interface Panel {
  rows: Record<string, string | number | null>[];
  headline: { key: string; value: number | null }[];
}

describe('dashboards', () => {
  it('show each figure alike in chart, table and CSV, and count what the owner says an SMS costs', async () => {
    const url = product().url;
    const staff = await staffApi(url, 'owner@demo.liuke.dev');
    const page = await browser().newPage({ viewport: { width: 1440, height: 900 } });
    await signInConsole(page, url, 'owner@demo.liuke.dev');
    await page.goto(`${url}/console/analytics`, { waitUntil: 'networkidle' });

    // ---- active customers: chart, table, CSV ----
    const active = page.getByTestId('panel-active-customers');
    await active.locator('canvas').first().waitFor(WAIT);
    const href = (await page.getByTestId('panel-csv-active-customers').getAttribute('href'))!;
    const query = href.split('?')[1]!;
    const answer = await staff.get<Panel>(
      `/api/v1/staff/analytics/panels/active-customers?${query}`,
    );
    expect(answer.rows.length).toBeGreaterThanOrEqual(12);
    const latest = answer.rows.at(-1)!;
    expect(Number(latest.d365)).toBeGreaterThan(0);
    // The table's last month reads as the API's.
    const lastRow = active.locator('.ant-table-tbody tr').filter({ hasText: String(latest.month) });
    await expect
      .poll(() => lastRow.textContent(), WAIT)
      .toContain(Number(latest.d365).toLocaleString('zh-CN'));
    await page.getByTestId('panel-definition-active-customers').waitFor(WAIT);

    const csv = await page.request.get(`${url}${href}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split(/\r?\n/);
    expect(lines[0]).toContain('月份');
    expect(lines).toHaveLength(answer.rows.length + 1);
    const csvLast = lines.at(-1)!.split(',');
    expect(csvLast[0]).toBe(String(latest.month));
    expect(csvLast.slice(1).map(Number)).toEqual(
      [latest.d90, latest.d180, latest.d365].map(Number),
    );
    await page.screenshot({ path: shot('analytics-customers') });

    // ---- marketing: cost per conversion by channel, priced by the owner ----
    await page.getByRole('tab', { name: '营销' }).click();
    const cost = page.getByTestId('panel-channel-cost');
    await cost.locator('canvas').first().waitFor(WAIT);
    const costQuery = (await page
      .getByTestId('panel-csv-channel-cost')
      .getAttribute('href'))!.split('?')[1]!;
    const before = await staff.get<Panel>(
      `/api/v1/staff/analytics/panels/channel-cost?${costQuery}`,
    );
    const sms = (p: Panel) => p.rows.find((r) => r.key === 'sms')!;
    // The demo's reminders and campaigns went out by SMS too.
    expect(Number(sms(before).segments)).toBeGreaterThan(0);

    await page.getByTestId('analytics-settings').click();
    const form = page.getByTestId('analytics-settings-form');
    await form.waitFor(WAIT);
    const smsCost = form.locator('#smsSegmentFen');
    await smsCost.fill('12');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await form.waitFor({ state: 'hidden', ...WAIT });
    const settings = await staff.get<{ smsSegmentFen: number }>('/api/v1/staff/analytics/settings');
    expect(settings.smsSegmentFen).toBe(12);
    const after = await staff.get<Panel>(
      `/api/v1/staff/analytics/panels/channel-cost?${costQuery}`,
    );
    expect(Number(sms(after).costFen)).toBe(Number(sms(after).segments) * 12);
    await page.screenshot({ path: shot('analytics-marketing'), fullPage: false });
    await page.close();
  });
});
