// An advisor's day at the counter, counted in clicks: sign in, land on today's workbench, open an
// order for a walk-in member found by phone, price it from the price list (小保养 by its
// initials), finish it, take payment partly in stored value and points and the rest by WeChat,
// and book the car's next visit — at most 12 clicks, typing aside. Then the order records every
// part of the payment, the day's till report agrees with the ledger, and the booking is there.
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const { product, browser, shot } = useProduct();

const ADVISOR = '13800000002';

interface Customer {
  id: string;
  name: string | null;
  phone: string;
  vehicles: { id: string }[];
}
interface Summary {
  points: { available: number };
  storedValue: { balanceFen: number };
}

describe('an advisor’s day', () => {
  it('runs from sign-in to a paid order and a booked next visit in at most 12 clicks', async () => {
    const url = product().url;
    const advisor = await staffApi(url, ADVISOR);
    const owner = await staffApi(url, 'owner@demo.liuke.dev');
    // A member with a car, stored value and points (topped up and credited beforehand if the
    // demo's first members have none: that happened on earlier visits, not today).
    const list = await advisor.get<{ items: Customer[] }>('/api/v1/staff/customers?limit=50');
    const member = list.items.find((c) => c.name && c.vehicles.length === 1)!;
    expect(member).toBeTruthy();
    const before = await advisor.get<Summary>(`/api/v1/staff/customers/${member.id}/loyalty`);
    if (before.storedValue.balanceFen < 20_000)
      await owner.post(`/api/v1/staff/customers/${member.id}/loyalty/adjustments`, {
        account: 'stored_value_principal',
        amount: 20_000,
        reason: '老卡余额迁入',
      });
    if (before.points.available < 5_000)
      await owner.post(`/api/v1/staff/customers/${member.id}/loyalty/adjustments`, {
        account: 'points',
        amount: 5_000,
        reason: '老会员积分迁入',
      });
    const wallet = await advisor.get<Summary>(`/api/v1/staff/customers/${member.id}/loyalty`);
    const catalog = await advisor.get<{ items: { id: string; name: string }[] }>(
      '/api/v1/staff/catalog/items?q=xby',
    );
    const small = catalog.items.find((i) => i.name === '小保养')!;
    expect(small).toBeTruthy();

    let clicks = 0;
    const click = async (target: Locator) => {
      clicks += 1;
      await target.click(WAIT);
    };
    const page = await browser().newPage({ viewport: { width: 1366, height: 900 } });
    const id = (testId: string) => page.getByTestId(testId);

    // ---- sign in: the desk lands on today ----
    await page.goto(`${url}/console/`, { waitUntil: 'networkidle', timeout: 90_000 });
    await expect.poll(() => id('signin-tenant').inputValue(), WAIT).toBe('demo');
    await id('signin-login').fill(ADVISOR);
    await id('signin-password').fill('Liuke@2026');
    await click(id('signin-submit'));
    await id('workbench').waitFor({ timeout: 90_000 });

    // ---- a walk-in member, found by phone: the order opens on their car ----
    await click(id('new-order-button'));
    await id('walkin-search').locator('input').fill(member.phone);
    await click(
      page
        .locator('.ant-select-item-option')
        .filter({ hasText: member.phone.slice(-4) })
        .first(),
    );
    await click(id('walkin-submit'));
    await page.waitForURL(/\/console\/service-orders\/[0-9a-f-]{36}$/, WAIT);
    const orderId = page.url().split('/').pop()!;

    // ---- priced from the price list: the package's lines at the store's prices ----
    await id('catalog-line-search').fill('xby');
    await click(id(`catalog-option-${small.id}`));
    await expect.poll(() => id('order-item-row').count(), WAIT).toBeGreaterThan(1);
    const priced = await advisor.get<{ items: { unitPriceFen: number }[]; amountDueFen: number }>(
      `/api/v1/staff/service-orders/${orderId}`,
    );
    expect(priced.items.every((i) => i.unitPriceFen > 0)).toBe(true);
    const due = priced.amountDueFen;

    // ---- finished, then paid: points (the most allowed), ¥100 of stored value, the rest WeChat ----
    await click(id('order-complete'));
    await expect.poll(() => id('order-status').textContent(), WAIT).toBe('已完工');
    await click(id('order-pay'));
    await expect.poll(() => id('pay-points-max').isEnabled(), WAIT).toBe(true);
    await click(id('pay-points-max'));
    await id('pay-stored-value').fill('100');
    await expect.poll(() => id('pay-remaining').textContent(), WAIT).toContain('一致');
    await page.screenshot({ path: shot('advisor-day-pay') });
    await click(id('pay-confirm'));
    await expect.poll(() => id('order-status').textContent(), WAIT).toBe('已付款');
    await expect.poll(() => id('order-payments').textContent(), WAIT).toContain('积分');

    // ---- the next visit booked: the car's next due day, its first free slot ----
    await click(id('order-book-next'));
    await expect.poll(() => id('booking-submit').isEnabled(), WAIT).toBe(true);
    const booking = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/staff/appointments') && r.request().method() === 'POST',
    );
    await click(id('booking-submit'));
    const appointment = (await (await booking).json()) as {
      customer: { id: string };
      vehicle: { id: string } | null;
      status: string;
      createdByType: string;
    };
    await id('booking-submit').waitFor({ state: 'hidden', ...WAIT });
    await page.screenshot({ path: shot('advisor-day-done') });

    expect(clicks).toBeLessThanOrEqual(12);

    // The order records every part; the wallet and points moved by exactly those parts.
    const paid = await advisor.get<{
      status: string;
      paidFen: number;
      payments: { method: string; amountFen: number; points: number | null }[];
    }>(`/api/v1/staff/service-orders/${orderId}`);
    expect(paid.status).toBe('paid');
    expect(paid.payments.map((p) => p.method).sort()).toEqual([
      'points',
      'stored_value',
      'wechat_pay',
    ]);
    expect(paid.payments.reduce((s, p) => s + p.amountFen, 0)).toBe(due);
    const part = (m: string) => paid.payments.find((p) => p.method === m)!;
    expect(part('stored_value').amountFen).toBe(10_000);
    const after = await advisor.get<Summary>(`/api/v1/staff/customers/${member.id}/loyalty`);
    expect(after.storedValue.balanceFen).toBe(wallet.storedValue.balanceFen - 10_000);
    expect(after.points.available).toBe(wallet.points.available - part('points').points!);

    // The till report of the day agrees with the ledger.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
      new Date(),
    );
    const till = await advisor.get<{ matchesLedger: { storedValue: boolean; points: boolean } }>(
      `/api/v1/staff/reports/till?date=${today}`,
    );
    expect(till.matchesLedger).toEqual({ storedValue: true, points: true });

    // The next visit is booked for the member's car, confirmed (staff booked it).
    expect(appointment).toMatchObject({
      customer: { id: member.id },
      vehicle: { id: member.vehicles[0]!.id },
      status: 'confirmed',
      createdByType: 'staff',
    });
    await page.close();
  });
});
