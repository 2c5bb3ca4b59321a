// Loyalty at the counter, end to end in the console: a manager tops up ¥500 (+¥50 bonus) for a
// customer, sees the new stored-value balance and the ledger line with its running balance;
// then opens and takes payment for an order and sees the customer's points pending. The
// settings and liability pages are opened and photographed too. Last, the car owner opens
// the ledger history in the app from the home member card in one tap.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { phoneContext, signInConsole, signInOwner, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const { product, browser, shot } = useProduct();

interface Summary {
  points: { available: number; pending: number };
  storedValue: { balanceFen: number; principalFen: number; bonusFen: number };
}

const yuan = (fen: number) =>
  `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

describe('loyalty in the console', () => {
  it('tops up at the counter, shows the ledger line, and a paid order earns pending points', async () => {
    const staff = await staffApi(product().url, 'owner@demo.liuke.dev');
    // A named customer with a car and room under the ¥5,000 cap.
    const list = await staff.get<{ items: { id: string; name: string | null }[] }>(
      '/api/v1/staff/customers?limit=50',
    );
    let customer: { id: string; name: string | null } | undefined;
    let before: Summary | undefined;
    for (const c of list.items) {
      if (!c.name) continue;
      const detail = await staff.get<{ vehicles: unknown[] }>(`/api/v1/staff/customers/${c.id}`);
      if (detail.vehicles.length === 0) continue;
      const s = await staff.get<Summary>(`/api/v1/staff/customers/${c.id}/loyalty`);
      if (s.storedValue.balanceFen <= 400_000) {
        customer = c;
        before = s;
        break;
      }
    }
    expect(customer).toBeTruthy();
    const expected = before!.storedValue.balanceFen + 55_000;

    const page = await browser().newPage({ viewport: { width: 1366, height: 900 } });
    await signInConsole(page, product().url, 'manager1@demo.liuke.dev');
    await page.getByTestId('nav-loyalty-settings').waitFor(WAIT);

    // ---- top-up at the counter ----
    await page.goto(`${product().url}/console/customers/${customer!.id}`, {
      waitUntil: 'networkidle',
    });
    const panel = page.getByTestId('customer-loyalty');
    await panel.waitFor(WAIT);
    await expect
      .poll(() => page.getByTestId('loyalty-stored-value').textContent(), WAIT)
      .toContain(yuan(before!.storedValue.balanceFen));
    await page.getByTestId('loyalty-topup').click();
    await page.getByTestId('topup-pay').fill('500');
    await page.getByTestId('topup-bonus').fill('50');
    await expect
      .poll(() => page.getByTestId('topup-preview').textContent(), WAIT)
      .toContain('¥550.00');
    await page.screenshot({ path: shot('loyalty-console-topup') });
    await page.getByTestId('topup-confirm').click();
    await page.getByTestId('topup-confirm').waitFor({ state: 'hidden', ...WAIT });

    await expect
      .poll(() => page.getByTestId('loyalty-stored-value').textContent(), WAIT)
      .toContain(yuan(expected));
    // Newest first: the bonus line and the principal line of the top-up, with running balances.
    const amounts = page.getByTestId('ledger-table').getByTestId('ledger-amount');
    await expect.poll(() => amounts.allTextContents(), WAIT).toContain('+¥500.00');
    expect(await amounts.allTextContents()).toContain('+¥50.00');
    const rows = page.getByTestId('ledger-table').locator('tbody tr');
    const principalRow = rows.filter({ hasText: '+¥500.00' }).first();
    expect(await principalRow.getByTestId('ledger-balance').textContent()).toBe(
      yuan(before!.storedValue.principalFen + 50_000),
    );
    const bonusRow = rows.filter({ hasText: '+¥50.00' }).first();
    expect(await bonusRow.getByTestId('ledger-balance').textContent()).toBe(
      yuan(before!.storedValue.bonusFen + 5_000),
    );
    await page.screenshot({ path: shot('loyalty-console-customer'), fullPage: true });

    // ---- a manual adjustment needs a reason ----
    const available = async () =>
      Number(
        (
          (await page
            .getByTestId('loyalty-points')
            .locator('.ant-statistic-content')
            .textContent()) ?? ''
        ).replace(/,/g, ''),
      );
    await page.getByTestId('loyalty-adjust').click();
    await page.getByTestId('adjust-amount').fill('20');
    await page.getByTestId('adjust-confirm').click();
    await expect
      .poll(() => page.getByText('请填写原因(至少 2 个字)').count(), WAIT)
      .toBeGreaterThan(0);
    await page.getByTestId('adjust-reason').fill('补录线下活动积分');
    await page.getByTestId('adjust-confirm').click();
    await page.getByTestId('adjust-confirm').waitFor({ state: 'hidden', ...WAIT });
    await expect.poll(available, WAIT).toBe(before!.points.available + 20);

    // ---- an order paid: points pending ----
    await page.getByTestId('order-open').first().click();
    await page.getByTestId('order-open-submit').click();
    await page.waitForURL(/\/console\/service-orders\/[0-9a-f-]{36}$/, WAIT);
    await page.getByTestId('item-add').click();
    await page.getByTestId('item-description').fill('精洗');
    await page.getByTestId('item-quantity').fill('1');
    await page.getByTestId('item-price').fill('200');
    await page.getByTestId('item-save').click();
    await page.getByTestId('item-save').waitFor({ state: 'hidden', ...WAIT });
    await page.getByTestId('order-complete').click();
    await expect.poll(() => page.getByTestId('order-status').textContent(), WAIT).toBe('已完工');
    await page.getByTestId('order-pay').click();
    await page.getByTestId('pay-confirm').click();
    await page.getByTestId('pay-confirm').waitFor({ state: 'hidden', ...WAIT });
    await expect.poll(() => page.getByTestId('order-status').textContent(), WAIT).toBe('已付款');

    await page.goto(`${product().url}/console/customers/${customer!.id}`, {
      waitUntil: 'networkidle',
    });
    await page.getByTestId('customer-loyalty').waitFor(WAIT);
    const pendingAfter = async () => {
      const text = (await page.getByTestId('loyalty-points-pending').textContent()) ?? '';
      return Number(/(\d[\d,]*)/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
    };
    await expect.poll(pendingAfter, WAIT).toBeGreaterThan(before!.points.pending);
    await page.getByTestId('ledger-view').getByText('积分', { exact: true }).click();
    await expect
      .poll(() => page.getByTestId('ledger-table').textContent(), WAIT)
      .toContain('待生效积分');
    await page.getByTestId('customer-loyalty').screenshot({ path: shot('loyalty-console-points') });

    // ---- a service package sold and one visit used ----
    await page.getByTestId('loyalty-sell').click();
    await page.getByTestId('sell-product').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '洗车 10 次卡' }).click();
    // The choice is in the field before the sale is confirmed (the list loads as it opens).
    await expect
      .poll(
        () =>
          page
            .locator('.ant-modal')
            .getByText(/洗车 10 次卡/)
            .count(),
        WAIT,
      )
      .toBeGreaterThan(0);
    await page.getByTestId('sell-confirm').click();
    await page.getByTestId('sell-confirm').waitFor({ state: 'hidden', ...WAIT });
    await page.getByRole('tab', { name: /计次卡/ }).click();
    const remaining = page.getByTestId('package-remaining').first();
    await expect.poll(() => remaining.textContent(), WAIT).toBe('10 / 10');
    await page.getByTestId('package-use').first().click();
    await expect.poll(() => remaining.textContent(), WAIT).toBe('9 / 10');

    // ---- the wallet refunded: principal back, bonus forfeited (the demo's rule) ----
    await page.getByTestId('loyalty-refund').click();
    await page.getByLabel('原因').fill('客户退卡');
    await page.getByTestId('refund-confirm').click();
    await expect
      .poll(() => page.getByTestId('refund-cash').textContent(), WAIT)
      .toBe(yuan(before!.storedValue.principalFen + 50_000));
    await page.getByTestId('refund-confirm').click();
    await expect
      .poll(() => page.getByTestId('loyalty-stored-value').textContent(), WAIT)
      .toContain('¥0.00');

    // ---- settings and liability pages ----
    await page.getByTestId('nav-loyalty-settings').click();
    await page.getByTestId('rules-save').waitFor(WAIT);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: shot('loyalty-console-settings'), fullPage: true });
    // Each part saves what it loaded unchanged (the form round-trips the API's settings).
    for (const part of ['rules', 'topups', 'tiers']) {
      const saved = page.getByText('已保存');
      const count = await saved.count();
      await page.getByTestId(`${part}-save`).click();
      await expect.poll(() => saved.count(), WAIT).toBeGreaterThan(count);
    }
    expect(await page.getByTestId('loyalty-settings').locator('.ant-alert-error').count()).toBe(0);
    await page.getByTestId('nav-loyalty-liability').click();
    await expect
      .poll(() => page.getByTestId('liability-total').textContent(), WAIT)
      .toMatch(/^¥[\d,]+\.\d\d$/);
    await page.screenshot({ path: shot('loyalty-console-liability'), fullPage: true });
    // The CSV holds the same figures: one line per store, then the total.
    const total = (await page.getByTestId('liability-total').textContent())!;
    const [download] = await Promise.all([
      page.waitForEvent('download', WAIT),
      page.getByTestId('liability-csv').click(),
    ]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    const lines = csv
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toContain('应付客户合计');
    expect(lines[0]).toContain('待生效积分');
    expect(lines.at(-1)).toMatch(/^合计,/);
    const owed = lines[0]!.split(',').indexOf('应付客户合计');
    expect(lines.at(-1)!.split(',')[owed]).toBe(total.replace(/[¥,]/g, ''));

    // The customer panel in English, for a person to look at.
    await page.getByTestId('lang-switch').click();
    await page.goto(`${product().url}/console/customers/${customer!.id}`, {
      waitUntil: 'networkidle',
    });
    await expect
      .poll(() => page.getByTestId('customer-loyalty').textContent(), WAIT)
      .toContain('Loyalty & wallet');
    await page.getByTestId('ledger-view').getByText('All', { exact: true }).click();
    await page.waitForLoadState('networkidle');
    await page.getByTestId('customer-loyalty').screenshot({ path: shot('loyalty-console-en') });
    await page.getByTestId('lang-switch').click();
    await page.close();
  });

  it('shows the owner the ledger history one tap from the home member card', async () => {
    const staff = await staffApi(product().url, 'owner@demo.liuke.dev');
    const phone = '13900000001';
    const found = await staff.get<{ items: { id: string }[] }>(
      `/api/v1/staff/customers?q=${phone}`,
    );
    const summary = await staff.get<Summary>(
      `/api/v1/staff/customers/${found.items[0]!.id}/loyalty`,
    );
    const context = await phoneContext(browser());
    const app = await context.newPage();
    await signInOwner(app, product().url, staff, phone);
    await expect
      .poll(() => app.getByTestId('member-stored-value').textContent(), WAIT)
      .toMatch(/¥/);
    await app.screenshot({ path: shot('loyalty-app-home') });
    await app.getByTestId('member-stored-value').click();
    await app.getByTestId('ledger-page').waitFor(WAIT);
    const balances = app.getByTestId('ledger-balance');
    if (summary.storedValue.balanceFen > 0) {
      // The newest line's balance is the owner's whole stored value now (principal + bonus).
      await expect.poll(() => app.getByTestId('ledger-line').count(), WAIT).toBeGreaterThan(0);
      const first = (await balances.first().textContent()) ?? '';
      expect(first.replace(/^余额 /, '')).toBe(yuan(summary.storedValue.balanceFen));
      // Dates carry the year.
      expect(await app.locator('.ledger-meta').first().textContent()).toMatch(/\d{4}/);
    }
    await app.waitForLoadState('networkidle');
    await app.screenshot({ path: shot('loyalty-app-ledger') });
    await app.getByText('积分', { exact: true }).click();
    await app
      .locator('[data-testid="ledger-line"], [data-testid="ledger-empty"]')
      .first()
      .waitFor(WAIT);
    await app.waitForTimeout(400); // the tab underline's slide, for the photo only
    // Points becoming available is no line of the owner's, and every kind has a word.
    const pointsText = (await app.getByTestId('ledger-page').textContent()) ?? '';
    expect(pointsText).not.toContain('积分生效');
    expect(pointsText).not.toMatch(/\b(reward|earn|settle|adjust)\b/);
    await app.screenshot({ path: shot('loyalty-app-ledger-points') });
    await context.close();
  });
});
