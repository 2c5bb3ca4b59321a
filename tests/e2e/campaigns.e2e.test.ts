// A manager builds a segment (the live count follows the filter), creates a campaign to it with
// a hold-out, launches it and sees the accounting: targeted = held out + pending + sent +
// suppressed + failed.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signInConsole, useProduct, WAIT } from './fixture.ts';

const { product, browser, shot } = useProduct();

async function count(page: Page): Promise<number> {
  const text = (await page.getByTestId('segment-count').textContent()) ?? '';
  return Number(text.replace(/[^\d]/g, ''));
}

async function pick(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page
    .locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`)
    .click();
}

async function stat(page: Page, key: string): Promise<number> {
  const text = (await page.getByTestId(`acc-${key}`).textContent()) ?? '';
  return Number(text.replace(/[^\d]/g, ''));
}

describe('segments and campaigns in the console', () => {
  it('a manager counts the members of a car club, chosen by name from the shop’s clubs', async () => {
    const page = await browser().newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(30_000);
    await signInConsole(page, product().url, 'manager1@demo.liuke.dev');
    await page.getByTestId('nav-segments').click();
    await page.getByTestId('segment-new').click();
    await page.getByTestId('segment-incomplete').waitFor(WAIT);
    // The community fields come last in a long list: typed to find.
    await page.getByTestId('rule-field-filter.children.0').click();
    await page.keyboard.type('车友会');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option[title="车友会（正式成员）"]')
      .click();
    await pick(page, 'rule-value-filter.children.0', '比亚迪车友会');
    await expect.poll(() => count(page), WAIT).toBeGreaterThan(0);
    const members = await count(page);
    // "is none of" the same club: the rest of the shop's customers.
    await pick(page, 'rule-op-filter.children.0', '不属于');
    await pick(page, 'rule-value-filter.children.0', '比亚迪车友会');
    await expect.poll(() => count(page), WAIT).not.toBe(members);
    expect(await count(page)).toBeGreaterThan(members);
    await page.screenshot({ path: shot('segment-club') });
    await page.close();
  });

  it('a manager builds a segment, launches a campaign with a hold-out and sees the accounting', async () => {
    const page = await browser().newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(30_000);
    await signInConsole(page, product().url, 'manager1@demo.liuke.dev');
    await page.screenshot({ path: shot('campaigns-signed-in') });
    await page.getByTestId('nav-segments').click();
    await page.getByTestId('segment-new').click();

    // The new segment starts with an empty condition to choose (nothing is counted yet); once
    // "gender = male" is chosen its count arrives, then follows the value.
    await page.getByTestId('segment-incomplete').waitFor(WAIT);
    await pick(page, 'rule-field-filter.children.0', '性别');
    await pick(page, 'rule-value-filter.children.0', '男');
    await expect.poll(() => count(page), WAIT).toBeGreaterThan(0);
    expect(await page.getByTestId('segment-incomplete').count()).toBe(0);
    const men = await count(page);
    await pick(page, 'rule-value-filter.children.0', '女');
    await expect.poll(() => count(page), WAIT).not.toBe(men);
    const women = await count(page);
    expect(women).toBeGreaterThan(0);
    await page.screenshot({ path: shot('segment-editor') });

    const name = `女性客户 ${Date.now()}`;
    await page.getByTestId('segment-name').fill(name);
    await page.getByTestId('segment-save').click();
    await page.waitForURL(/\/segments\/[0-9a-f-]{36}$/, WAIT);

    await page.getByTestId('nav-campaigns').click();
    await page.getByTestId('campaign-new').click();
    await page.getByTestId('campaign-name').fill(`E2E 回店活动 ${Date.now()}`);
    await pick(page, 'campaign-segment', name);
    await page.getByTestId('campaign-text-a').fill('冬季免费检测，欢迎回店！');
    const holdout = page.getByTestId('campaign-holdout');
    await holdout.fill('20');
    await page.getByTestId('campaign-save').click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/, WAIT);

    await page.getByTestId('campaign-launch').click();
    await page.getByTestId('campaign-launch-confirm').click();
    await expect.poll(() => stat(page, 'targeted'), WAIT).toBe(women);
    const heldOut = await stat(page, 'heldOut');
    expect(heldOut).toBeGreaterThan(0);
    expect(heldOut).toBeLessThan(women);
    const parts = await Promise.all(
      ['heldOut', 'pending', 'sent', 'suppressed', 'failed'].map((k) => stat(page, k)),
    );
    expect(parts.reduce((s, n) => s + n, 0)).toBe(women);
    await expect(page.getByTestId('campaign-accounting').first().textContent()).resolves.toContain(
      `目标 ${women}`,
    );
    // The report table lists the hold-out beside the variant sent.
    await page.locator('.ant-table-row', { hasText: '对照组（不发送）' }).first().waitFor(WAIT);
    await page.screenshot({ path: shot('campaign-accounting'), fullPage: true });
    await page.close();
  });
});
