// 员工管理 end to end: the owner adds a staff member by invitation in the console; the invited
// person opens the link, sets their password, lands on the sign-in page with their tenant and
// login filled in, and signs in.
import { describe, expect, it } from 'vitest';
import { signInConsole, useProduct, WAIT } from './fixture.ts';
import { staffWriter } from './staff-writer.ts';
import { totpCode } from '../../apps/server/src/modules/identity/totp.ts';

const { product, browser, shot } = useProduct();

describe('staff admin', () => {
  it('the owner invites a staff member, who sets a password by the link and signs in', async () => {
    const url = product().url;
    const email = `new-advisor-${Date.now()}@demo.liuke.dev`;
    const name = '新顾问小林';

    // ---- the owner adds the person in 员工管理 ----
    const ownerPage = await browser().newPage({ locale: 'zh-CN' });
    await signInConsole(ownerPage, url, 'owner@demo.liuke.dev');
    await ownerPage.getByTestId('nav-staff').click();
    await ownerPage.getByTestId('staff-add').click();
    await ownerPage.getByTestId('staff-name-input').fill(name);
    await ownerPage.getByTestId('staff-email').fill(email);
    await ownerPage.getByTestId('staff-save').click();
    const row = ownerPage.getByTestId('staff-row-name').filter({ hasText: name });
    await row.waitFor(WAIT);
    await expect
      .poll(() => row.locator('xpath=ancestor::tr').innerText(), WAIT)
      .toContain('待设置密码');
    await ownerPage.screenshot({ path: shot('staff-admin-list'), fullPage: true });

    // ---- the invitation, as the dev channel recorded it ----
    const owner = await staffWriter(url, 'owner@demo.liuke.dev');
    let link: string | undefined;
    await expect
      .poll(async () => {
        const outbox = await owner.get<{ items: { to: string; body: string }[] }>(
          '/api/v1/staff/dev/outbox?limit=50',
        );
        link = /(https?:\/\/\S+\/console\/set-password#\S+)/.exec(
          outbox.items.find((m) => m.to === email)?.body ?? '',
        )?.[1];
        return link;
      }, WAIT)
      .toBeTruthy();

    // ---- the person sets their password through the link ----
    const context = await browser().newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(link!.replace(/^https?:\/\/[^/]+/, url), { waitUntil: 'networkidle' });
    await expect.poll(() => page.getByTestId('set-password-who').innerText(), WAIT).toContain(name);
    await page.getByTestId('set-password-new').fill('Lin-pass-2026');
    await page.getByTestId('set-password-confirm').fill('Lin-pass-2026');
    await page.screenshot({ path: shot('staff-admin-set-password'), fullPage: true });
    await page.getByTestId('set-password-submit').click();

    // ---- back at sign-in, tenant and login filled in; they sign in ----
    await page.getByTestId('signin-password-set').waitFor(WAIT);
    expect(await page.getByTestId('signin-tenant').inputValue()).toBe('demo');
    expect(await page.getByTestId('signin-login').inputValue()).toBe(email);
    await page.getByTestId('signin-password').fill('Lin-pass-2026');
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('staff-name').waitFor(WAIT);
    expect(await page.getByTestId('staff-name').innerText()).toBe(name);

    // The link worked once.
    const again = await fetch(`${url}/api/v1/public/staff-password-links/use`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: link!.split('#')[1], password: 'Other-pass-2026' }),
    });
    expect(again.status).toBe(400);
    await context.close();

    // ---- the owner turns on two-step sign-in in 账号安全, then signs in with a code ----
    await ownerPage.getByTestId('nav-account').click();
    await ownerPage.getByTestId('totp-start').click();
    await ownerPage.getByTestId('totp-qr').waitFor(WAIT);
    const secret = (await ownerPage.getByTestId('totp-secret').innerText()).trim();
    await ownerPage.getByTestId('totp-confirm-code').fill(totpCode(secret, Date.now()));
    await ownerPage.getByTestId('totp-confirm').click();
    await ownerPage.getByTestId('recovery-codes').waitFor(WAIT);
    expect((await ownerPage.getByTestId('recovery-codes').innerText()).split(/\s+/)).toHaveLength(
      10,
    );
    await ownerPage.screenshot({ path: shot('staff-admin-totp'), fullPage: true });
    await ownerPage.getByTestId('sign-out').click();
    await ownerPage.getByTestId('signin-login').fill('owner@demo.liuke.dev');
    await ownerPage.getByTestId('signin-password').fill('Liuke@2026');
    await ownerPage.getByTestId('signin-submit').click();
    await ownerPage.getByTestId('signin-totp').waitFor(WAIT);
    // The code of the next step: the one used to confirm cannot be used again.
    await ownerPage.getByTestId('signin-totp').fill(totpCode(secret, Date.now() + 30_000));
    await ownerPage.getByTestId('signin-submit').click();
    await ownerPage.getByTestId('staff-name').waitFor(WAIT);
    await ownerPage.close();
  });
});
