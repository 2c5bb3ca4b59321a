// Group deals end to end: staff open a deal; the demo car owner goes from home to the deal in two
// taps and joins with the third (the price held from stored value), sees their hold; staff see
// the owner on the deal's page as its leader; the owner leaves and the money is back. The demo's
// three deals (open, happened, did not happen) are on the console's board.
import { describe, expect, it } from 'vitest';
import { phoneContext, signInConsole, signInOwner, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const OWNER_PHONE = '13900000001';
const { product, browser, shot } = useProduct();

describe('group deals', () => {
  it('an owner joins a deal in three taps from home, staff see them lead it, leaving gives the money back', async () => {
    const staff = await staffApi(product().url, 'owner@demo.liuke.dev');
    const found = await staff.get<{ items: { id: string }[] }>(
      `/api/v1/staff/customers?q=${OWNER_PHONE}`,
    );
    const customerId = found.items[0]!.id;
    await staff.post(`/api/v1/staff/customers/${customerId}/stored-value/top-ups`, {
      payFen: 10_000,
      method: 'cash',
    });
    const products = await staff.get<{ items: { id: string; name: string }[] }>(
      '/api/v1/staff/loyalty/package-products',
    );
    const deal = await staff.post<{ id: string }>('/api/v1/staff/deals', {
      title: '四轮定位拼团',
      description: '四轮定位一次，3 人成团',
      rewardKind: 'package',
      packageProductId: products.items[0]!.id,
      priceFen: 5_800,
      originalPriceFen: 12_800,
      minJoiners: 3,
      deadlineAt: new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString(),
    });
    await staff.post(`/api/v1/staff/deals/${deal.id}/publish`, {});

    // ---- the owner: home → 拼团 → the deal → join ----
    const context = await phoneContext(browser());
    const app = await context.newPage();
    await signInOwner(app, product().url, staff, OWNER_PHONE);
    await app.getByTestId('deals-entry').click();
    const card = app.getByTestId('deal-card').filter({ hasText: '四轮定位拼团' });
    await card.waitFor(WAIT);
    await app.screenshot({ path: shot('deals-app-list') });
    await card.click();
    await expect.poll(() => app.getByTestId('deal-price').textContent(), WAIT).toBe('¥58');
    expect(await app.getByTestId('deal-progress').textContent()).toContain('0 / 3');
    await expect.poll(() => app.getByTestId('deal-countdown').textContent(), WAIT).toMatch(/天/);
    await app.getByTestId('deal-join').click();
    const mine = app.getByTestId('deal-mine');
    await expect.poll(() => mine.getAttribute('data-status'), WAIT).toBe('holding');
    expect(await mine.textContent()).toContain('您是团长');
    expect(await app.getByTestId('deal-progress').textContent()).toContain('1 / 3');
    await app.screenshot({ path: shot('deals-app-joined') });

    // ---- staff: the board and the deal's page ----
    const page = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await signInConsole(page, product().url, 'owner@demo.liuke.dev');
    await page.goto(`${product().url}/console/deals`);
    const board = page.getByTestId('deals-board');
    await board.waitFor(WAIT);
    await page.getByText('全部', { exact: true }).click();
    await expect
      .poll(() => board.getByTestId('deal-status').allTextContents(), WAIT)
      .toEqual(expect.arrayContaining(['进行中', '已成团', '未成团']));
    await page.screenshot({ path: shot('deals-console-board') });
    await board.getByTestId('deal-link').filter({ hasText: '四轮定位拼团' }).click();
    await page.getByTestId('deal-page').waitFor(WAIT);
    await expect.poll(() => page.getByTestId('deal-leader').count(), WAIT).toBe(1);
    expect(await page.getByTestId('deal-hold').first().textContent()).toBe('已冻结');
    await page.screenshot({ path: shot('deals-console-deal') });

    // ---- the owner leaves: the hold is released ----
    await app.getByTestId('deal-leave').click();
    await app.locator('.adm-dialog-button').filter({ hasText: '退出拼团' }).click();
    await expect.poll(() => mine.getAttribute('data-status'), WAIT).toBe('left');
    await page.reload();
    await expect
      .poll(() => page.getByTestId('deal-hold').first().textContent(), WAIT)
      .toBe('已退出');
    await page.close();
    await context.close();
  });
});
