// Technicians in the console: an advisor opens a walk-in order in one dialog (a new customer and
// car), gives it to a technician and prices a labour line with its hours; the technician finds
// it under 我的工单; the owner sees the technician's hours for the month.
import { describe, expect, it } from 'vitest';
import { signInConsole, useProduct, WAIT } from './fixture.ts';

const { product, browser, shot } = useProduct();
/** 罗永强, the demo's technician at GZ01 (staff[7]). */
const TECHNICIAN = '罗永强';
const TECHNICIAN_LOGIN = '13800000008';

describe('technicians', () => {
  it('walk-in order, assigned and timed, shows in the technician’s jobs and the owner’s hours', async () => {
    const suffix = String(Date.now()).slice(-4);
    const phone = `1371234${suffix}`;
    const plate = `粤AT${suffix}`;

    // ---- the advisor: a walk-in ----
    const page = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await signInConsole(page, product().url, '13800000002');
    await page.getByTestId('nav-service-orders').click();
    // The workbench has a 新建工单 too: click the list's once the list is there (pages load on
    // demand, and the workbench stays until the list's code has come).
    await page.waitForURL(/\/console\/service-orders$/, WAIT);
    await page.getByTestId('order-row').first().waitFor(WAIT);
    await page.getByTestId('new-order-button').click();
    await page.getByTestId('walkin-search').waitFor(WAIT);
    await page.getByTestId('walkin-create-customer').click();
    await page.getByTestId('walkin-name').fill('步行客户');
    await page.getByTestId('walkin-phone').fill(phone);
    await page.getByTestId('walkin-plate').fill(plate);
    await page.getByTestId('walkin-make').fill('丰田');
    await page.getByTestId('walkin-model').fill('卡罗拉');
    await page.screenshot({ path: shot('walkin-dialog') });
    await page.getByTestId('walkin-submit').click();
    await page.waitForURL(/\/console\/service-orders\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    await expect.poll(() => page.getByTestId('order-status').textContent(), WAIT).toBe('进行中');

    // The lead technician.
    await page.getByTestId('order-technician-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: TECHNICIAN }).first().click();
    await expect
      .poll(() => page.getByTestId('order-technician-select').textContent(), WAIT)
      .toContain(TECHNICIAN);

    // A labour line of 1.5 hours.
    await page.getByTestId('item-add').click();
    await page.getByTestId('item-description').fill('更换刹车片工时');
    await page.getByTestId('item-price').fill('120');
    await page.getByTestId('item-labour-hours-input').fill('1.5');
    await page.getByTestId('item-save').click();
    await page.getByTestId('item-save').waitFor({ state: 'hidden', ...WAIT });
    await expect
      .poll(() => page.getByTestId('item-labour-hours').first().textContent(), WAIT)
      .toBe('1.5 小时');
    await page.screenshot({ path: shot('order-technician') });

    // The order list, filtered by the technician: every row is theirs, the new one on top.
    await page.getByTestId('nav-service-orders').click();
    await page.getByTestId('order-filter-technician').click();
    await page.locator('.ant-select-item-option').filter({ hasText: TECHNICIAN }).first().click();
    await expect.poll(() => page.url(), WAIT).toContain('technician=');
    await expect
      .poll(() => page.getByTestId('order-row').first().textContent(), WAIT)
      .toContain(plate);
    // The newest order tops the list with or without the filter: wait for the filtered answer,
    // in which every row is the technician's.
    await expect
      .poll(async () => {
        const rows = await page.getByTestId('order-row').allTextContents();
        return rows.length > 1 && rows.every((row) => row.includes(TECHNICIAN));
      }, WAIT)
      .toBe(true);
    await page.close();

    // ---- the technician: 我的工单 ----
    const tech = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await signInConsole(tech, product().url, TECHNICIAN_LOGIN);
    await tech.getByTestId('nav-my-jobs').click();
    const card = tech.getByTestId('job-card').filter({ hasText: plate });
    await card.first().waitFor(WAIT);
    const text = await card.first().textContent();
    expect(text).toContain('更换刹车片工时');
    expect(text).toContain('1.5 小时');
    expect(text).toContain('步行客户');
    // No phone number in a job.
    expect(text).not.toContain(phone.slice(-4) + phone.slice(0, 3));
    expect(await tech.getByTestId('technician-hours').count()).toBe(0);
    await tech.screenshot({ path: shot('my-jobs') });
    await tech.close();

    // ---- the owner: the technician's hours this month ----
    const owner = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await signInConsole(owner, product().url, 'owner@demo.liuke.dev');
    await owner.getByTestId('nav-my-jobs').click();
    await owner.getByTestId('technician-hours').waitFor(WAIT);
    await owner.getByTestId('hours-technician').click();
    await owner.locator('.ant-select-item-option').filter({ hasText: TECHNICIAN }).first().click();
    await expect
      .poll(() => owner.getByTestId('technician-hours').textContent(), WAIT)
      .toContain(plate);
    expect(await owner.getByTestId('hours-total').textContent()).toMatch(/^[1-9][\d.]* 小时$/);
    await owner.screenshot({ path: shot('technician-hours') });
    await owner.close();
  });
});
