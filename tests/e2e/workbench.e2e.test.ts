// A store manager signs in and lands on today's workbench: the figures the server answers, today's
// bookings by hour (checking a car in from there), and an open order one click from its page.
import { describe, expect, it } from 'vitest';
import { planToday } from '../../apps/server/src/modules/demo/today-plan.ts';
import { signInConsole, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const { product, browser, shot } = useProduct();

interface Workbench {
  figures: { revenueFen: number; openOrders: number; completedOrders: number };
  bookings: { items: { id: string; canCheckIn: boolean }[] }[];
  orders: { open: { id: string; number: string }[] };
}

describe('workbench', () => {
  it('is where the desk lands: today’s figures, check-in from the bookings, orders a click away', async () => {
    const staff = await staffApi(product().url, 'manager1@demo.liuke.dev');
    const today = await staff.get<Workbench>('/api/v1/staff/workbench');

    const page = await browser().newPage({ viewport: { width: 1366, height: 900 } });
    await signInConsole(page, product().url, 'manager1@demo.liuke.dev');
    await page.getByTestId('workbench').waitFor(WAIT);
    expect(new URL(page.url()).pathname).toMatch(/^\/console\/?$/);
    const yuan = (today.figures.revenueFen / 100).toLocaleString('zh-CN', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    // The demo's day so far, as it was seeded: just after midnight nothing is paid yet.
    const DAY = 86_400_000;
    const SHANGHAI = 8 * 3_600_000; // the demo's time zone, without daylight saving
    const seeded = product().seededAt.getTime();
    const midnight = Math.floor((seeded + SHANGHAI) / DAY) * DAY - SHANGHAI;
    const plan = planToday(new Date(midnight), product().seededAt);
    const paid = plan.past.filter((p) => p.paidAt).length + plan.walkIns.length;
    if (paid > 0) expect(today.figures.revenueFen).toBeGreaterThan(0);
    else expect(today.figures.revenueFen).toBe(0);
    await expect
      .poll(() => page.getByTestId('workbench-revenue').textContent(), WAIT)
      .toBe(`¥${yuan}`);
    expect(await page.getByTestId('workbench-open-orders').textContent()).toBe(
      String(today.figures.openOrders + today.figures.completedOrders),
    );
    await page.screenshot({ path: shot('workbench'), fullPage: true });

    // Every booking of today is on the board; one still to come is checked in from here.
    const bookings = today.bookings.flatMap((h) => h.items);
    expect(bookings.length).toBeGreaterThan(0);
    for (const b of bookings) await page.getByTestId(`workbench-booking-${b.id}`).waitFor(WAIT);
    const due = bookings.find((b) => b.canCheckIn);
    expect(due).toBeTruthy();
    await page.getByTestId(`workbench-checkin-${due!.id}`).click();
    await page.getByTestId(`workbench-checkin-${due!.id}`).waitFor({ state: 'detached', ...WAIT });
    const after = await staff.get<Workbench>('/api/v1/staff/workbench');
    const now = after.bookings.flatMap((h) => h.items).find((b) => b.id === due!.id);
    expect(now?.canCheckIn).toBe(false);

    // An open order opens its page.
    const order = today.orders.open[0];
    expect(order).toBeTruthy();
    await page.getByTestId(`workbench-order-${order!.id}`).click();
    await page.getByTestId('service-order').waitFor(WAIT);
    expect(page.url()).toContain(`/service-orders/${order!.id}`);

    // The menu's first entry leads back to today.
    await page.getByTestId('nav-today').click();
    await page.getByTestId('workbench').waitFor(WAIT);
    await page.close();
  });
});
