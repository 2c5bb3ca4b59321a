import { describe, expect, it } from 'vitest';
import { phoneContext, signInConsole, signInOwner, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

// The demo's first car owner: a reader of the demo's content, following their favourite tag.
const OWNER_PHONE = '13900000001';
const { product, browser, shot } = useProduct();

describe('我的兴趣 on a phone', () => {
  it('the owner sees their interests and switches personalisation off; staff see it is off', async () => {
    const staff = await staffApi(product().url, 'owner@demo.liuke.dev');
    const context = await phoneContext(browser());
    const app = await context.newPage();
    await signInOwner(app, product().url, staff, OWNER_PHONE);

    // From home: tap 1 我的, tap 2 我的兴趣.
    await app.getByTestId('tab-me').click();
    await app.getByTestId('my-interests-link').click();
    const sw = app.getByTestId('interests-switch');
    await sw.waitFor(WAIT);
    await expect.poll(() => sw.getAttribute('aria-checked')).toBe('true');
    await expect
      .poll(() => app.locator('[data-testid^="interest-"]').count(), WAIT)
      .toBeGreaterThan(0);
    const overflow = await app.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await app.screenshot({ path: shot('my-interests-phone'), fullPage: true });

    // Off: a confirmation says what is deleted; then no interests are shown.
    await sw.click();
    await app.locator('.adm-dialog-button').filter({ hasText: '关闭并删除' }).click();
    await expect.poll(() => sw.getAttribute('aria-checked'), WAIT).toBe('false');
    await app.getByTestId('interests-empty').waitFor(WAIT);
    expect(await app.locator('[data-testid^="interest-"]').count()).toBe(0);
    await app.screenshot({ path: shot('my-interests-off'), fullPage: true });
    await context.close();

    // The customer page's 兴趣 card says personalisation is off.
    const found = await staff.get<{ items: { id: string }[] }>(
      `/api/v1/staff/customers?q=${OWNER_PHONE}`,
    );
    const page = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await signInConsole(page, product().url, 'owner@demo.liuke.dev');
    await page.goto(`${product().url}/console/customers/${found.items[0]!.id}`);
    await page.getByTestId('interest-card-off').waitFor(WAIT);
    await page.screenshot({ path: shot('console-interest-card-off') });
    await page.close();
  });
});
