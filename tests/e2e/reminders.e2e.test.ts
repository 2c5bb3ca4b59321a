// The manager opens the reminders: today's preview lists what will be sent on the demo tenant,
// "run now" queues it (and a second run adds nothing), a rule edit with a template the rule
// cannot fill is refused naming the variable, and the per-rule results table is there.
import { describe, expect, it } from 'vitest';
import { signInConsole, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const { product, browser, shot } = useProduct();

interface Today {
  rules: { willSend: number; decidedToday: number }[];
  items: { status: string }[];
}

describe('reminders in the console', () => {
  it('shows what will be sent today, runs it once, and refuses a rule it cannot fill', async () => {
    const staff = await staffApi(product().url, 'owner@demo.liuke.dev');
    // The worker first takes the demo's events (a car's due-list recomputed changes what is due).
    await product().settled();
    // The worker's daily run may already have decided today's reminders: count both.
    const before = await staff.get<Today>('/api/v1/staff/reminders/today');
    const willSend = before.rules.reduce((n, r) => n + r.willSend, 0);
    const total = willSend + before.rules.reduce((n, r) => n + r.decidedToday, 0);
    expect(total).toBeGreaterThan(0);

    const page = await browser().newPage({ viewport: { width: 1366, height: 900 } });
    await signInConsole(page, product().url, 'owner@demo.liuke.dev');
    await page.getByTestId('nav-reminders').click();
    const statuses = page.getByTestId('reminders-today').getByTestId('reminder-status');
    await expect.poll(() => statuses.count(), WAIT).toBeGreaterThan(0);
    expect(['将发送', '已排队']).toContain(await statuses.first().textContent());
    expect(await page.getByTestId('reminders-summary').textContent()).toMatch(/待发送 \d+ 条/);
    await page.screenshot({ path: shot('reminders-today-before') });

    await page.getByTestId('reminders-run').click();
    await expect
      .poll(async () => (await page.getByTestId('reminders-summary').textContent()) ?? '', WAIT)
      .toContain('待发送 0 条');
    await expect.poll(async () => statuses.first().textContent(), WAIT).toBe('已排队');
    await page.screenshot({ path: shot('reminders-today-after') });
    const after = await staff.get<Today>('/api/v1/staff/reminders/today');
    const decided = after.rules.reduce((n, r) => n + r.decidedToday, 0);
    expect(decided).toBeGreaterThanOrEqual(total);
    expect(after.rules.reduce((n, r) => n + r.willSend, 0)).toBe(0);
    // Running again sends nothing new.
    await page.getByTestId('reminders-run').click();
    await page.waitForLoadState('networkidle');
    const again = await staff.get<Today>('/api/v1/staff/reminders/today');
    expect(again.rules.reduce((n, r) => n + r.decidedToday, 0)).toBe(decided);

    // Rules: a template the maintenance rule cannot fill is refused, naming the variable.
    await page.getByRole('tab', { name: '规则' }).click();
    await page.getByTestId('rule-edit-maintenance').click();
    const form = page.getByTestId('reminder-rule-form');
    await form.waitFor(WAIT);
    await form.getByTestId('rule-template').click();
    // Templates are listed by name (优惠券到期提醒 is reminder.coupon_expiring), never by key.
    await page.locator('.ant-select-item-option[title="优惠券到期提醒"]').click();
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(async () => (await form.textContent()) ?? '', WAIT).toContain('coupon.name');
    await page.screenshot({ path: shot('reminders-rule-refused') });
    // Close the dialog without saving (its Cancel button) and wait until it is gone: under load
    // an Escape could land before the dialog took the focus and leave it open over the tabs.
    await page.locator('.ant-modal-footer .ant-btn').first().click();
    await form.waitFor({ state: 'hidden', ...WAIT });

    await page.getByRole('tab', { name: '效果' }).click();
    await expect
      .poll(
        () => page.getByTestId('reminders-dashboard').locator('tbody tr.ant-table-row').count(),
        WAIT,
      )
      .toBe(12);
    await page.screenshot({ path: shot('reminders-dashboard') });
    await page.close();
  });
});
