import { describe, expect, it } from 'vitest';
import { phoneContext, signInConsole, signInOwner, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const OWNER_PHONE = '13900000001';
const { product, browser, shot } = useProduct();

interface Booked {
  id: string;
  startsAt: string;
  store: { id: string; name: string; timeZone: string };
  vehicle: { plate: string | null } | null;
  serviceCategory: string | null;
  notes: string | null;
}

/** "2026-11-24" and "09:30" of an instant in the store's timezone. */
function local(iso: string, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}

describe('booking a service', () => {
  it('the car owner books a slot in three taps; an advisor sees it on the day board', async () => {
    const staff = await staffApi(product().url, 'owner@demo.liuke.dev');
    const found = await staff.get<{ items: { name: string }[] }>(
      `/api/v1/staff/customers?q=${OWNER_PHONE}`,
    );
    const customerName = found.items[0]!.name;

    // ---- the car owner, on a phone ----
    const context = await phoneContext(browser());
    const page = await context.newPage();
    await signInOwner(page, product().url, staff, OWNER_PHONE);

    // From home to a booked slot: entry, slot, confirm.
    let taps = 0;
    await page.getByTestId('book-entry').click();
    taps++;
    await page.getByTestId('book-slot').first().waitFor(WAIT);
    // Any free slot of the open day; one that does not start within minutes, so that it cannot
    // pass while the test runs.
    const starts = await page
      .getByTestId('book-slot')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-starts-at') ?? ''));
    const soon = Date.now() + 10 * 60_000;
    const index = Math.max(
      0,
      starts.findIndex((s) => Date.parse(s) > soon),
    );
    const slot = page.getByTestId('book-slot').nth(index);
    // The car and the store are preselected; a day with free places is open.
    await expect.poll(() => page.getByTestId('book-day').count(), WAIT).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="book-car"][aria-checked="true"]').count()).toBe(1);
    expect(await page.locator('[data-testid="book-store"][aria-checked="true"]').count()).toBe(1);
    const startsAt = await slot.getAttribute('data-starts-at');
    await slot.click();
    taps++;
    // Saying what the visit is for is optional (not one of the three taps): tyres, with a note.
    await page.locator('[data-testid="book-service"][data-service="tyres"]').click();
    await page.getByTestId('book-note').locator('textarea:visible').fill('左前轮有点慢撒气');
    expect(await page.getByTestId('book-confirm').isEnabled()).toBe(true);
    await page.screenshot({ path: shot('booking-app-slot') });
    const response = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/app/appointments') && r.request().method() === 'POST',
    );
    await page.getByTestId('book-confirm').click();
    taps++;
    const booked = (await (await response).json()) as Booked;
    await page.getByTestId('booking-success').waitFor(WAIT);
    expect(taps).toBeLessThanOrEqual(3);
    expect(booked.startsAt).toBe(startsAt);
    expect([booked.serviceCategory, booked.notes]).toEqual(['tyres', '左前轮有点慢撒气']);
    const when = local(booked.startsAt, booked.store.timeZone);
    expect(await page.getByTestId('booking-success').textContent()).toContain(when.time);
    expect(await page.getByTestId('add-to-calendar').getAttribute('href')).toBe(
      `/api/v1/app/me/appointments/${booked.id}/ics`,
    );
    await page.screenshot({ path: shot('booking-app-success') });

    // The .ics download works with the owner's session.
    const ics = await page.evaluate(async (id) => {
      const r = await fetch(`/api/v1/app/me/appointments/${id}/ics`);
      return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
    }, booked.id);
    expect(ics.status).toBe(200);
    expect(ics.type).toContain('text/calendar');
    expect(ics.text).toContain('BEGIN:VCALENDAR');
    expect(ics.text).toContain(`UID:${booked.id}`);

    // The booking is in 我的预约, with cancel.
    await page.getByTestId('my-appointments-link').click();
    const row = page.getByTestId('my-appointment').first();
    await row.waitFor(WAIT);
    const rowText = await row.textContent();
    expect(rowText).toContain(when.time);
    expect(rowText).toContain(booked.store.name);
    expect(await row.getByTestId('my-appointment-cancel').count()).toBe(1);
    await page.screenshot({ path: shot('booking-app-mine') });
    await context.close();

    // ---- an advisor, at the counter ----
    const desk = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await signInConsole(desk, product().url, '13800000002');
    await desk.getByTestId('nav-appointments').click();
    await desk.getByTestId('appointments-page').waitFor();

    // The board of the booked store (chosen in the header) and the booked day (date picker).
    const switcher = desk.getByTestId('store-switcher');
    if (!((await switcher.textContent()) ?? '').includes(booked.store.name)) {
      await switcher.click();
      await desk.locator('.ant-select-item-option', { hasText: booked.store.name }).click();
    }
    const date = desk.getByTestId('board-date');
    await date.click();
    await date.fill(when.date);
    await date.press('Enter');
    const boardRow = desk
      .getByTestId('board-appointment')
      .filter({ hasText: customerName })
      .filter({ hasText: when.time });
    await boardRow.first().waitFor(WAIT);
    expect(await date.inputValue()).toBe(when.date);
    if (booked.vehicle?.plate)
      expect(await boardRow.first().textContent()).toContain(booked.vehicle.plate);
    expect(await boardRow.first().getAttribute('data-status')).toBe('booked');
    // What the owner asked for is on the advisor's board.
    expect(await boardRow.first().textContent()).toContain('轮胎');
    expect(await boardRow.first().textContent()).toContain('左前轮有点慢撒气');

    // Confirming it moves it on.
    await boardRow.first().getByTestId('appt-confirm').click();
    await expect.poll(() => boardRow.first().getAttribute('data-status'), WAIT).toBe('confirmed');
    await desk.screenshot({ path: shot('booking-console-board') });
    await desk.close();
  });
});
