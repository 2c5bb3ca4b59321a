import { describe, expect, it } from 'vitest';
import { phoneContext, signInConsole, signInOwner, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const OWNER_PHONE = '13900000001';
const { product, browser, shot } = useProduct();

interface Mine {
  id: string;
  startsAt: string;
  status: string;
  notes: string | null;
  store: { name: string; timeZone: string };
}

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

describe('the assistant in the owner’s conversation', () => {
  it('books a service asked in Chinese; the booking is on the staff board and in the transcript', async () => {
    const staff = await staffApi(product().url, 'owner@demo.liuke.dev');
    const found = await staff.get<{ items: { id: string; name: string }[] }>(
      `/api/v1/staff/customers?q=${OWNER_PHONE}`,
    );
    const customer = found.items[0]!;

    // ---- the car owner, on a phone: 消息 → 联系顾问 → ask ----
    const context = await phoneContext(browser());
    const app = await context.newPage();
    await signInOwner(app, product().url, staff, OWNER_PHONE);
    await app.getByTestId('tab-inbox').click();
    await app.getByTestId('contact-advisor').click();
    await app.getByTestId('chat-chips').waitFor(WAIT);
    const before = await app.getByTestId('chat-assistant').count();
    await app.getByRole('textbox', { name: '输入消息…' }).fill('我想后天上午约个保养');
    await app.getByTestId('chat-send').click();
    const lastAnswer = app.getByTestId('chat-assistant').last();
    await expect
      .poll(() => app.getByTestId('chat-assistant').count(), WAIT)
      .toBeGreaterThan(before);
    // The owner may have several cars, and the morning may be full: answer what it asks.
    for (let step = 0; step < 3; step++) {
      const text = (await lastAnswer.textContent()) ?? '';
      if (text.includes('确认预约')) break;
      const n = await app.getByTestId('chat-assistant').count();
      if (text.includes('哪辆车')) {
        await app.getByRole('textbox', { name: '输入消息…' }).fill('1');
        await app.getByTestId('chat-send').click();
      } else await app.getByTestId('chat-chip').first().click();
      await expect.poll(() => app.getByTestId('chat-assistant').count(), WAIT).toBeGreaterThan(n);
    }
    expect(await lastAnswer.textContent()).toContain('确认预约');
    await app.screenshot({ path: shot('assistant-app-confirm') });
    // One tap on the chip confirms.
    const n = await app.getByTestId('chat-assistant').count();
    await app.getByTestId('chat-chip').filter({ hasText: '确认' }).click();
    await expect.poll(() => app.getByTestId('chat-assistant').count(), WAIT).toBeGreaterThan(n);
    expect(await lastAnswer.textContent()).toContain('已为您预约');
    await app.screenshot({ path: shot('assistant-app-booked') });
    const mine = await app.evaluate(async () => {
      const r = await fetch('/api/v1/app/me/appointments');
      return (await r.json()) as { items: Mine[] };
    });
    const booked = mine.items.find((a) => a.notes === '智能助手代客预约' && a.status === 'booked');
    expect(booked).toBeTruthy();
    const when = local(booked!.startsAt, booked!.store.timeZone);

    // ---- an advisor, in the console: the day board, then the assistant's transcript ----
    const desk = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await signInConsole(desk, product().url, '13800000002');
    await desk.getByTestId('nav-appointments').click();
    await desk.getByTestId('appointments-page').waitFor();
    const switcher = desk.getByTestId('store-switcher');
    if (!((await switcher.textContent()) ?? '').includes(booked!.store.name)) {
      await switcher.click();
      await desk.locator('.ant-select-item-option', { hasText: booked!.store.name }).click();
    }
    const date = desk.getByTestId('board-date');
    await date.click();
    await date.fill(when.date);
    await date.press('Enter');
    const boardRow = desk
      .getByTestId('board-appointment')
      .filter({ hasText: customer.name })
      .filter({ hasText: when.time });
    await boardRow.first().waitFor(WAIT);
    expect(await boardRow.first().getAttribute('data-status')).toBe('booked');
    await desk.screenshot({ path: shot('assistant-console-board') });

    // 智能助手 sits in the service desk group (客服) of the menu.
    await desk.locator('.ant-menu-submenu-title', { hasText: '客服' }).click();
    await desk.getByTestId('nav-assistant').click();
    await desk.getByTestId('assistant-transcripts').waitFor(WAIT);
    await desk.getByTestId('assistant-filter').getByText('全部').click();
    await desk
      .getByTestId('assistant-transcript-link')
      .filter({ hasText: customer.name })
      .first()
      .click();
    await desk.getByTestId('assistant-transcript').waitFor(WAIT);
    await expect
      .poll(() => desk.getByTestId('assistant-action').allTextContents(), WAIT)
      .toEqual(expect.arrayContaining([expect.stringContaining(when.time)]));
    expect(await desk.getByTestId('transcript-assistant').count()).toBeGreaterThan(0);
    await desk.screenshot({ path: shot('assistant-console-transcript') });

    // ---- the owner asks for a person: the open console hears of it at once ----
    await app.getByRole('textbox', { name: '输入消息…' }).fill('转人工');
    await app.getByTestId('chat-send').click();
    const alert = desk.getByTestId('alert-open-conversation');
    await alert.waitFor(WAIT);
    await desk.screenshot({ path: shot('assistant-console-handover-alert') });
    await alert.click();
    await desk.waitForURL(new RegExp(`/console/conversations/${customer.id}$`), WAIT);
    await context.close();
    await desk.close();
  });
});
