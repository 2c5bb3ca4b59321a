// The owner brings customers over from a spreadsheet: picks the file, checks it with a dry run
// (the bad rows listed with row, column and problem), imports it for real while the progress
// bar fills, finds an imported customer, and exports the customers back to CSV. A DMS's service
// history without a store column (GBK, as the old system writes it) makes the wizard ask which
// store its records belong to.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { signInConsole, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const { product, browser, shot } = useProduct();

const CSV = [
  '客户编号,姓名,手机号码,性别,生日,标签,所属门店',
  'E2E-1,欧阳娜娜,13977770001,女,1995-06-01,VIP,GZ01',
  'E2E-2,司马光,13977770002,男,,,GZ02',
  'E2E-3,坏号码,1397777,男,,,GZ01',
  'E2E-4,诸葛亮,13977770004,男,1990/2/30,,GZ01',
  'E2E-5,上官婉儿,13977770005,女,,车队|老客户,GZ03',
].join('\r\n');

describe('import and export', () => {
  it('an owner dry-runs a customer CSV, imports it with progress, and exports it back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liuke-import-'));
    const file = path.join(dir, '客户资料.csv');
    fs.writeFileSync(file, `\uFEFF${CSV}\r\n`);

    const page = await browser().newPage({
      viewport: { width: 1366, height: 768 },
      acceptDownloads: true,
    });
    await signInConsole(page, product().url, 'owner@demo.liuke.dev');
    await page.getByTestId('nav-imports').click();

    await page.getByTestId('import-kind').getByText('客户').click();
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-mapping').waitFor();
    // The Chinese headers were recognised: the phone column is mapped.
    await expect
      .poll(() => page.getByTestId('mapping-phone').textContent(), WAIT)
      .toContain('手机号码');

    await page.getByTestId('import-dry-run').click();
    const errors = page.getByTestId('import-errors');
    await errors.waitFor({ timeout: 30_000 });
    const rows = await page.getByTestId('import-error-row').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('4');
    expect(rows[0]).toContain('手机号码');
    expect(rows[1]).toContain('生日');
    await expect
      .poll(() => page.getByTestId('import-count-insertedRows').textContent())
      .toContain('3');
    await page.screenshot({ path: shot('imports-dry-run'), fullPage: true });

    // Nothing was written by the dry run.
    const api = await staffApi(product().url, 'owner@demo.liuke.dev');
    const none = await api.get<{ items: unknown[] }>('/api/v1/staff/customers?q=13977770001');
    expect(none.items).toHaveLength(0);

    await page.getByTestId('import-run').click();
    await expect
      .poll(() => page.getByTestId('import-progress').textContent(), { timeout: 30_000 })
      .toContain('5 / 5');
    await expect
      .poll(() => page.getByTestId('import-status').first().textContent(), { timeout: 30_000 })
      .toBe('已完成');
    await page.getByTestId('import-errors').waitFor();
    await page.screenshot({ path: shot('imports-run'), fullPage: true });

    const found = await api.get<{ items: { name: string; tags: string[] }[] }>(
      '/api/v1/staff/customers?q=13977770005',
    );
    expect(found.items[0]).toMatchObject({ name: '上官婉儿', tags: ['车队', '老客户'] });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-customers').click(),
    ]);
    const saved = path.join(dir, 'export.csv');
    await download.saveAs(saved);
    const exported = fs.readFileSync(saved, 'utf8');
    expect(exported.startsWith('\uFEFF外部编号,姓名,手机号,')).toBe(true);
    expect(exported).toContain('E2E-5,上官婉儿,13977770005,女,,车队|老客户,');
    await page.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('asks which store a DMS history without a store column belongs to', async () => {
    const api = await staffApi(product().url, 'owner@demo.liuke.dev');
    const list = await api.get<{ items: { id: string }[] }>('/api/v1/staff/customers?limit=20');
    let car: { id: string; plate: string | null } | undefined;
    for (const c of list.items) {
      const detail = await api.get<{ vehicles: { id: string; plate: string | null }[] }>(
        `/api/v1/staff/customers/${c.id}`,
      );
      car = detail.vehicles.find((v) => v.plate);
      if (car) break;
    }
    expect(car).toBeTruthy();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liuke-import-'));
    const file = path.join(dir, '维修记录.csv');
    const history = [
      '工单号,车牌号码,进厂日期,维修类别,维修项目,结算金额',
      `E2E-GD-1,${car!.plate},2023/05/06,常规保养,更换机油机滤,￥480.00`,
    ].join('\r\n');
    fs.writeFileSync(file, iconv.encode(`${history}\r\n`, 'gbk'));

    const page = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await signInConsole(page, product().url, 'owner@demo.liuke.dev');
    await page.getByTestId('nav-imports').click();
    await page.getByTestId('import-kind').getByText('维修记录').click();
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-mapping').waitFor();
    await expect.poll(() => page.getByTestId('mapping-openedAt').textContent(), WAIT).toContain('进厂日期'); // prettier-ignore

    // The file cannot say where the work was done: the wizard asks before the dry run.
    await page.getByTestId('import-store-step').waitFor();
    expect(await page.getByTestId('import-dry-run').isDisabled()).toBe(true);
    await page.getByTestId('import-store').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '海珠店' }).click();
    await page.screenshot({ path: shot('imports-store-step'), fullPage: true });
    await page.getByTestId('import-dry-run').click();
    await expect
      .poll(() => page.getByTestId('import-count-insertedRows').textContent(), { timeout: 30_000 })
      .toContain('1');
    await page.getByTestId('import-run').click();
    await expect
      .poll(() => page.getByTestId('import-status').first().textContent(), { timeout: 30_000 })
      .toBe('已完成');

    // The list's first status can still be the earlier import's until this one's row arrives:
    // wait for the order itself.
    type Orders = { items: { number: string; storeName: string; openedAt: string }[] };
    let imported: Orders['items'][number] | undefined;
    await expect
      .poll(async () => {
        const orders = await api.get<Orders>(`/api/v1/staff/vehicles/${car!.id}/service-orders`);
        imported = orders.items.find((o) => o.number === 'E2E-GD-1');
        return imported;
      }, WAIT)
      .toBeTruthy();
    expect(imported).toMatchObject({ openedAt: '2023-05-05T16:00:00.000Z' });
    expect(imported!.storeName).toContain('海珠店');
    await page.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
