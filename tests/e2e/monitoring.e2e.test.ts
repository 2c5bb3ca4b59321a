// A manager's monitoring page on the demo: the crisis alert stands out among the matches, the
// feeds show their health, a feed address that is not http(s) is refused under its field and a
// good one is added waiting for its first fetch, and the rules read as terms.
import { describe, expect, it } from 'vitest';
import { signInConsole, useProduct, WAIT } from './fixture.ts';

const { product, browser, shot } = useProduct();

describe('monitoring in the console', () => {
  it('shows the crisis alert, the feeds’ health, and adds a feed', async () => {
    const page = await browser().newPage({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
    });
    await signInConsole(page, product().url, 'owner@demo.liuke.dev');
    await page.getByText('内容', { exact: true }).click();
    await page.getByTestId('nav-monitoring').click();

    await page.getByTestId('crisis-banner').waitFor(WAIT);
    await page.getByTestId('crisis-match').first().waitFor(WAIT);
    expect(await page.getByTestId('crisis-match').first().textContent()).toContain('安途汽车');
    await expect.poll(() => page.getByTestId('rule-match').count(), WAIT).toBeGreaterThan(1);
    await page.screenshot({ path: shot('monitoring-matches'), fullPage: true });

    await page.getByRole('tab', { name: '订阅源' }).click();
    const names = page.getByTestId('feed-row-name');
    await names.filter({ hasText: '驰骋养车·新闻动态' }).waitFor(WAIT);
    await expect.poll(() => names.count(), WAIT).toBe(2);
    await page.getByTestId('feed-add').click();
    await page.getByTestId('feed-name').fill('监管动态');
    await page.getByTestId('feed-url').fill('ftp://example.com/feed.xml');
    await page.getByTestId('feed-save').click();
    await page.getByText('订阅源地址须为 http:// 或 https:// 开头的链接').waitFor(WAIT);
    await page.getByTestId('feed-url').fill('https://regulator.example.gov/feed.xml');
    await page.getByTestId('feed-save').click();
    await names.filter({ hasText: '监管动态' }).waitFor(WAIT);
    await page.getByText('等待首次抓取').waitFor(WAIT);
    await page.screenshot({ path: shot('monitoring-feeds'), fullPage: true });

    await page.getByRole('tab', { name: '规则' }).click();
    await page.getByText('竞品促销', { exact: true }).last().waitFor(WAIT);
    await page.screenshot({ path: shot('monitoring-rules'), fullPage: true });
    await page.getByRole('tab', { name: '预警设置' }).click();
    await page.getByText('内置负面词').waitFor(WAIT);
    await page.screenshot({ path: shot('monitoring-settings'), fullPage: true });
    await page.close();
  });
});
