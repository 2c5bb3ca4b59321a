import { describe, expect, it } from 'vitest';
import { phoneContext, signInConsole, signInOwner, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

// The demo's first car owner: two cars and a full service history.
const OWNER_PHONE = '13900000001';
const { product, browser, shot } = useProduct();

describe('我的数据 on a phone', () => {
  it('the owner reads, corrects, opts out and asks for deletion; the owner of the shop sees the deadline', async () => {
    const staff = await staffApi(product().url, 'owner@demo.liuke.dev');
    const context = await phoneContext(browser());
    const app = await context.newPage();
    await signInOwner(app, product().url, staff, OWNER_PHONE);

    // From home: tap 1 我的, tap 2 我的数据.
    await app.getByTestId('tab-me').click();
    await app.getByTestId('my-data-link').click();
    await app.getByTestId('my-data').waitFor(WAIT);
    for (const section of [
      'my-data-profile',
      'my-data-personalisation',
      'my-data-cars',
      'my-data-service',
      'my-data-more',
      'my-data-requests',
    ])
      await expect.poll(() => app.getByTestId(section).count(), WAIT).toBe(1);
    expect(await app.getByTestId('my-data-cars').locator('.adm-list-item').count()).toBe(2);
    expect(
      await app.getByTestId('my-data-service').locator('.adm-list-item').count(),
    ).toBeGreaterThan(0);
    // Nothing is wider than the phone.
    const overflow = await app.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await app.screenshot({ path: shot('my-data-phone'), fullPage: true });

    // Correct the address.
    await app.getByTestId('profile-edit').click();
    await app.getByTestId('profile-address').locator('input').fill('广州市天河区体育西路 1 号');
    await app.getByTestId('profile-save').click();
    await expect
      .poll(() => app.getByTestId('my-data-profile').textContent(), WAIT)
      .toContain('体育西路 1 号');

    // Personalised marketing off.
    const sw = app.getByTestId('personalisation-switch');
    await expect.poll(() => sw.getAttribute('aria-checked'), WAIT).toBe('true');
    await sw.click();
    await expect.poll(() => sw.getAttribute('aria-checked'), WAIT).toBe('false');

    // Ask for deletion: a confirmation first, then the request with its answer date.
    await app.getByTestId('deletion-ask').click();
    await app.locator('.adm-dialog-button').filter({ hasText: '申请删除' }).click();
    await app.getByTestId('deletion-pending').waitFor(WAIT);
    expect(await app.getByTestId('deletion-pending').textContent()).toMatch(/\d{4}-\d{2}-\d{2}/u);
    await app.screenshot({ path: shot('my-data-deletion-asked'), fullPage: true });
    await context.close();

    // The shop's owner sees the request with its deadline in the console.
    const page = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await signInConsole(page, product().url, 'owner@demo.liuke.dev');
    await page.getByTestId('nav-data-requests').click();
    await page.getByTestId('data-requests').waitFor(WAIT);
    const row = page.locator('tr').filter({ hasText: '删除' }).filter({ hasText: '待处理' });
    await row.first().waitFor(WAIT);
    expect(await row.first().getByTestId('request-deadline').textContent()).toMatch(/剩 \d+ 天/u);
    await page.screenshot({ path: shot('console-data-requests') });

    await page.getByTestId('nav-audit-log').click();
    await page.getByTestId('audit-log').waitFor(WAIT);
    await page.getByTestId('audit-filter-action').fill('customer.');
    await page.getByTestId('audit-apply').click();
    await expect
      .poll(() => page.locator('tbody').textContent(), WAIT)
      .toContain('customer.personalisationChanged');
    await page.screenshot({ path: shot('console-audit-log') });
    await page.close();
  });
});
