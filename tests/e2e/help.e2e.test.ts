import { describe, expect, it } from 'vitest';
import { phoneContext, signInConsole, signInOwner, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

// The demo's first car owner.
const OWNER_PHONE = '13900000001';
const { product, browser, shot } = useProduct();

describe('帮助 on a phone', () => {
  it('the owner asks in their own words, opens the answer and says it helped; staff see it', async () => {
    const staff = await staffApi(product().url, 'owner@demo.liuke.dev');
    const context = await phoneContext(browser());
    const app = await context.newPage();
    await signInOwner(app, product().url, staff, OWNER_PHONE);

    // From home: tap 1 我的, tap 2 帮助中心.
    await app.getByTestId('tab-me').click();
    await app.getByTestId('help-link').click();
    // Traditional characters and a colloquial phrasing still find the oil-change entry first.
    await app.getByTestId('help-search').locator('input').fill('機油要多久換一次');
    const first = app.getByTestId('help-hit').first();
    await first.waitFor(WAIT);
    await expect.poll(() => first.textContent(), WAIT).toContain('多久换一次机油');
    const overflow = await app.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await app.screenshot({ path: shot('help-search-phone'), fullPage: true });

    await first.click();
    await expect
      .poll(() => app.getByTestId('help-entry-answer').textContent(), WAIT)
      .toContain('5000');
    await app.getByTestId('help-vote-yes').click();
    await app.screenshot({ path: shot('help-entry-phone'), fullPage: true });
    await context.close();

    // The console's help center counts the vote and tries the same search.
    const entries = await staff.get<{ items: { questionZh: string; helpfulYes: number }[] }>(
      '/api/v1/staff/help/entries',
    );
    const oil = entries.items.find((e) => e.questionZh === '多久换一次机油？');
    expect(oil?.helpfulYes).toBeGreaterThan(0);
    const page = await browser().newPage({ viewport: { width: 1440, height: 900 } });
    await signInConsole(page, product().url, 'owner@demo.liuke.dev');
    await page.goto(`${product().url}/console/help-center`);
    await page.getByTestId('help-entries-table').waitFor(WAIT);
    await page.getByTestId('help-try-search').locator('input').fill('刹车片多久换');
    await expect
      .poll(() => page.getByTestId('help-try-hits').textContent(), WAIT)
      .toContain('刹车片多久换一次');
    await page.screenshot({ path: shot('console-help-center') });
    await page.close();
  });
});
