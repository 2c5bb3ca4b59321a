import { describe, expect, it } from 'vitest';
import { phoneContext, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const OWNER_PHONE = '13900000001';
const { product, browser, shot } = useProduct();

describe('customer app', () => {
  it('a car owner signs in by phone code on a phone-sized screen and sees their car', async () => {
    const staff = await staffApi(product().url, 'owner@demo.liuke.dev');
    const known = await staff.get<{ items: { vehicles: { plate: string | null }[] }[] }>(
      `/api/v1/staff/customers?q=${OWNER_PHONE}`,
    );
    const plates = known.items[0]!.vehicles.map((v) => v.plate).filter(Boolean);

    const context = await phoneContext(browser());
    const page = await context.newPage();
    await page.goto(`${product().url}/app/`, { waitUntil: 'networkidle' });
    await page.getByTestId('phone-input').fill(OWNER_PHONE);
    // No code without the privacy policy accepted: the box asks for the tick.
    await page.getByTestId('send-code').click();
    await page.getByTestId('consent-error').waitFor(WAIT);
    await page.screenshot({ path: shot('app-sign-in-consent') });
    // The shop's policy is one tap away, and back.
    await page.getByTestId('privacy-link').click();
    await page.getByTestId('privacy-policy-page').waitFor(WAIT);
    await expect
      .poll(() => page.getByTestId('privacy-policy-page').textContent(), WAIT)
      .toContain('手机号码');
    await page.screenshot({ path: shot('app-privacy-policy') });
    await page.goBack();
    await page.getByTestId('phone-input').fill(OWNER_PHONE);
    await page.getByTestId('privacy-consent').locator('.adm-checkbox-icon').click();
    await page.getByTestId('send-code').click();

    // The development channel records the SMS; staff read it in the dev outbox.
    let code: string | undefined;
    await expect
      .poll(async () => {
        const outbox = await staff.get<{ items: { to: string; body: string }[] }>(
          '/api/v1/staff/dev/outbox',
        );
        code = /验证码是 (\d{6})/.exec(
          outbox.items.find((m) => m.to === `+86${OWNER_PHONE}`)?.body ?? '',
        )?.[1];
        return code;
      }, WAIT)
      .toMatch(/^\d{6}$/);
    await page.getByTestId('code-input').fill(code!);
    await page.getByTestId('sign-in').click();

    await page.getByTestId('member-card').waitFor(WAIT);
    await expect
      .poll(() => page.getByTestId('vehicle-plate').allTextContents(), WAIT)
      .toEqual(expect.arrayContaining(plates as string[]));
    await page.screenshot({ path: shot('app-home') });

    // The car's maintenance record is one tap away.
    await page.getByTestId('vehicle-card').first().click();
    await page.getByTestId('service-order').first().waitFor(WAIT);
    await page.screenshot({ path: shot('app-vehicle') });

    // Installed, the app carries the shop's name and opens on the shop; owners may zoom.
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBe('/api/v1/public/tenants/demo/manifest.webmanifest');
    const manifest = await (await fetch(`${product().url}${href}`)).json();
    const shop = (await (await fetch(`${product().url}/api/v1/public/tenants/demo`)).json()) as {
      name: string;
    };
    expect(manifest).toMatchObject({
      name: shop.name,
      start_url: '/app/?t=demo',
      display: 'standalone',
    });
    const viewport = await page.locator('meta[name="viewport"]').getAttribute('content');
    expect(viewport).not.toMatch(/user-scalable=no|maximum-scale/);
    await context.close();
  });
});
