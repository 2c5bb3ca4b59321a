import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { phoneContext, signInConsole, signInOwner, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

// The demo's first car owner: a reader of the demo's content, following their favourite tag.
const OWNER_PHONE = '13900000001';
const { product, browser, shot } = useProduct();

async function count(page: Page): Promise<number> {
  const text = (await page.getByTestId('segment-count').textContent()) ?? '';
  return Number(text.replace(/[^\d]/g, ''));
}

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
    await expect.poll(() => sw.getAttribute('aria-checked'), WAIT).toBe('true');
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

  it('a manager counts the owners interested in tyres, the tag chosen by name', async () => {
    const page = await browser().newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(30_000);
    await signInConsole(page, product().url, 'manager1@demo.liuke.dev');
    await page.getByTestId('nav-segments').click();
    await page.getByTestId('segment-new').click();
    await page.getByTestId('segment-incomplete').waitFor(WAIT);
    await page.getByTestId('rule-field-filter.children.0').click();
    await page.keyboard.type('兴趣度');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option[title^="兴趣度"]')
      .click();
    await page.getByTestId('rule-value-filter.children.0-tag').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option[title="轮胎"]')
      .click();
    await expect.poll(() => count(page), WAIT).toBeGreaterThan(0);
    const keen = await count(page);
    // A lower bar lets more owners in.
    const score = page.getByTestId('rule-value-filter.children.0-score');
    await score.fill('0.1');
    await score.blur();
    await expect.poll(() => count(page), WAIT).toBeGreaterThan(keen);
    await page.screenshot({ path: shot('segment-interest') });
    await page.close();
  });
});
