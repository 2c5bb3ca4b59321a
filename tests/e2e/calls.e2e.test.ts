// The front desk opens the call list (电话清单), logs a call's outcome with a note — it shows as
// the row's last contact — then snoozes the car, which leaves the list.
import { describe, expect, it } from 'vitest';
import { useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const { product, browser, shot } = useProduct();

interface CallList {
  items: {
    vehicleId: string;
    status: string;
    lastContact: { type: string; outcome: string | null; note: string | null } | null;
  }[];
}

describe('call list in the console', () => {
  it('logs a call on a row and snoozes the car off the list', async () => {
    const staff = await staffApi(product().url, 'owner@demo.liuke.dev');
    const page = await browser().newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${product().url}/console/`, { waitUntil: 'networkidle' });
    const tenantInput = page.getByTestId('signin-tenant');
    await expect.poll(() => tenantInput.inputValue(), WAIT).toBe('demo');
    await page.getByTestId('signin-login').fill('owner@demo.liuke.dev');
    await page.getByTestId('signin-password').fill('Liuke@2026');
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('nav-calls').click();

    const list = await staff.get<CallList>('/api/v1/staff/call-list?limit=20');
    const target = list.items.find((r) => r.status === 'to_call')!;
    expect(target).toBeTruthy();
    const row = page.getByTestId(`call-row-${target.vehicleId}`);
    await row.waitFor(WAIT);
    await page.screenshot({ path: shot('calls-console-list') });

    // Log a call: no answer, with a note.
    await page.getByTestId(`call-log-${target.vehicleId}`).click();
    const form = page.getByTestId('call-log-form');
    await form.waitFor(WAIT);
    await form.getByText('无人接听').click();
    await page.getByTestId('call-note').fill('响了很久没人接，明早再打');
    await page.getByTestId('call-log-save').click();
    await expect
      .poll(async () => (await row.textContent()) ?? '', WAIT)
      .toContain('响了很久没人接，明早再打');
    const after = await staff.get<CallList>('/api/v1/staff/call-list?limit=100');
    expect(after.items.find((r) => r.vehicleId === target.vehicleId)?.lastContact).toMatchObject({
      type: 'call',
      outcome: 'no_answer',
    });
    await page.screenshot({ path: shot('calls-console-logged') });

    // Snooze a week (the dialog's default day): the car leaves the open list.
    await page.getByTestId(`call-snooze-${target.vehicleId}`).click();
    await page.getByTestId('call-snooze-save').click();
    await expect.poll(() => row.count(), WAIT).toBe(0);
    const snoozed = await staff.get<CallList>('/api/v1/staff/call-list?status=snoozed&limit=100');
    expect(snoozed.items.map((r) => r.vehicleId)).toContain(target.vehicleId);
    await page.close();
  });
});
