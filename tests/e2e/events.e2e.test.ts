// Events end to end: the shop owner creates and publishes an event in the console; the car owner
// finds it on the app's home page (390×844), signs up in the popup and opens the ticket; staff
// paste the ticket's code into the event's check-in (as a scanner would type it); the attendance
// points then show in the owner's points ledger, and a second scan grants nothing more.
import { describe, expect, it } from 'vitest';
import { phoneContext, signInConsole, signInOwner, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const OWNER_PHONE = '13900000001';
const TITLE = '冬季车友夜骑';
const { product, browser, shot } = useProduct();

/** The "2026-12-09T10:00" a datetime input holds, `days` from now in Beijing time. */
function beijingInput(days: number, hour: number): string {
  const d = new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000);
  return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;
}

describe('events', () => {
  it('an owner signs up on the phone, is checked in by ticket, and gets the points', async () => {
    const staff = await staffApi(product().url, 'owner@demo.liuke.dev');

    // ---- the shop owner creates and publishes the event ----
    const page = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await signInConsole(page, product().url, 'owner@demo.liuke.dev');
    // 活动 sits in the community group (车友社区) of the menu.
    await page.locator('.ant-menu-submenu-title', { hasText: '车友社区' }).click();
    await page.getByTestId('nav-events').click();
    await page.getByTestId('event-new').click();
    const form = page.getByTestId('event-form');
    await form.waitFor(WAIT);
    await page.getByTestId('event-title').fill(TITLE);
    await page.getByTestId('event-place').fill('一号店门口');
    await page.getByTestId('event-starts').fill(beijingInput(2, 19));
    await page.getByTestId('event-ends').fill(beijingInput(2, 22));
    await page.getByTestId('event-deadline').fill(beijingInput(1, 20));
    await page.getByTestId('event-capacity').fill('12');
    await page.getByTestId('event-points').fill('66');
    await page.getByTestId('event-save').click();
    await page.waitForURL(/\/console\/events\/[0-9a-f-]{36}$/, WAIT);
    const eventId = page.url().split('/').pop()!;
    await page.getByTestId('event-publish').click();
    const published = page.waitForResponse(
      (r) => r.url().endsWith(`/activities/${eventId}/publish`) && r.request().method() === 'POST',
      WAIT,
    );
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    expect((await published).status()).toBe(200);
    await expect.poll(() => page.getByTestId('event-status').textContent(), WAIT).toBe('已发布');

    // ---- the car owner signs up on the phone ----
    const context = await phoneContext(browser());
    const app = await context.newPage();
    await signInOwner(app, product().url, staff, OWNER_PHONE);
    const item = app
      .getByTestId('home-events')
      .getByTestId('event-item')
      .filter({ hasText: TITLE });
    await item.waitFor(WAIT);
    await app.screenshot({ path: shot('events-app-home') });
    await item.click(); // tap 1
    await app.getByTestId('event-detail').waitFor(WAIT);
    await app.getByTestId('event-signup').click(); // tap 2
    await app.getByTestId('event-signup-form').waitFor(WAIT);
    await app.waitForTimeout(400); // the sheet's slide, for the photo only
    await app.screenshot({ path: shot('events-app-signup') });
    await app.getByTestId('event-signup-submit').click(); // tap 3
    await app.getByTestId('event-state-confirmed').waitFor(WAIT);
    await app.getByTestId('event-show-ticket').click();
    const code = app.getByTestId('event-ticket-code');
    await code.waitFor(WAIT);
    await expect.poll(() => app.getByTestId('event-ticket-qr').count(), WAIT).toBe(1);
    const payload = (await code.getAttribute('data-payload'))!;
    expect(payload).toMatch(/^LKEV:[\w-]{20}$/);
    await app.screenshot({ path: shot('events-app-ticket') });

    // ---- staff check the owner in by pasting the scanned code ----
    await page.reload({ waitUntil: 'networkidle' });
    const input = page.getByTestId('event-checkin-input').locator('input');
    await input.waitFor(WAIT);
    await input.fill(payload);
    await input.press('Enter');
    const result = page.getByTestId('event-checkin-result');
    await result.waitFor(WAIT);
    expect(await result.textContent()).toContain('66');
    await expect
      .poll(() => page.getByTestId('event-stat-checked-in').textContent(), WAIT)
      .toContain('1');
    await page.screenshot({ path: shot('events-console-checked-in') });
    // A second scan answers the first check-in and grants nothing.
    await input.fill(payload);
    await input.press('Enter');
    await expect.poll(() => result.textContent(), WAIT).toContain('已签到过');

    // ---- the points arrive in the owner's app ----
    await app.goto(`${product().url}/app/ledger?view=points`, { waitUntil: 'networkidle' });
    const first = app.getByTestId('ledger-line').first();
    await first.waitFor(WAIT);
    expect(await first.getByTestId('ledger-amount').textContent()).toContain('66');
    const lines = await app.getByTestId('ledger-amount').allTextContents();
    expect(lines.filter((l) => l.includes('+66')).length).toBe(1);
    await app.screenshot({ path: shot('events-app-points') });
    // 我的 → 我的活动: the event shows as checked in.
    await app.getByTestId('tab-me').click();
    await app.getByTestId('me-events').click();
    const mine = app
      .getByTestId('my-events-list')
      .getByTestId('event-item')
      .filter({ hasText: TITLE });
    await expect.poll(() => mine.textContent(), WAIT).toContain('已签到');
    const signups = await staff.get<{ items: { pointsGranted: number; checkedInAt: string }[] }>(
      `/api/v1/staff/activities/${eventId}/signups`,
    );
    expect(signups.items).toHaveLength(1);
    expect(signups.items[0]!.pointsGranted).toBe(66);
    await context.close();
  });
});
