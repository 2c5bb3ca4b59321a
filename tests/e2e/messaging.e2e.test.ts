// Messaging in the console: a template edit with an unknown variable is refused before saving
// (named in the live preview), a valid edit previews with real data and saves; the message list
// shows what was sent and one message's timeline.
import { describe, expect, it } from 'vitest';
import { phoneContext, signInConsole, signInOwner, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const { product, browser, shot } = useProduct();

describe('messaging console', () => {
  it('templates: live preview names an unknown variable; messages: list and timeline', async () => {
    // A car owner signs in: the sign-in code is a message through the pipeline.
    const staff = await staffApi(product().url, 'owner@demo.liuke.dev');
    // The worker first takes the demo's events, whose messages would push this one down the list.
    await product().settled();
    const phone = await phoneContext(browser());
    await signInOwner(await phone.newPage(), product().url, staff, '13900000077');
    await phone.close();

    const page = await browser().newPage({ viewport: { width: 1366, height: 900 } });
    await signInConsole(page, product().url, 'owner@demo.liuke.dev');
    await page.getByTestId('nav-message-templates').click();
    await page.getByTestId('template-appointment.confirmed').click(WAIT);
    const body = page.getByTestId('template-body');
    await body.waitFor(WAIT);
    await body.fill('{{customer.name}}您好，{{vehicle.plat}} 已预约');
    await expect
      .poll(() => page.getByTestId('template-problem').textContent(), WAIT)
      .toContain('vehicle.plat');
    expect(await page.getByTestId('template-save').isDisabled()).toBe(true);
    await body.fill('{{customer.name}}您好，{{vehicle.plate}} 已预约 {{appointment.time}}');
    await expect
      .poll(() => page.getByTestId('template-preview').textContent(), WAIT)
      .toContain('京A12345');
    await page.screenshot({ path: shot('console-message-template') });

    await page.getByTestId('nav-messages').click();
    const status = page.getByTestId('message-status').first();
    await status.waitFor(WAIT);
    // The owner's sign-in code (sent at once, whatever the hour); the newest row may be a message
    // held by quiet hours.
    await page.locator('.ant-table-row', { hasText: '13900000077' }).first().click(WAIT);
    await page.getByTestId('message-timeline').waitFor(WAIT);
    await expect
      .poll(() => page.getByTestId('message-timeline').textContent(), WAIT)
      .toContain('已送达');
    await page.screenshot({ path: shot('console-message-timeline') });
    await page.close();
  });
});
