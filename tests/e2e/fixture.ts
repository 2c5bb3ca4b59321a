// One running product and one Chromium per browser-test file, with screenshots kept in
// tests/e2e/artifacts for a person to look at.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchChromium } from './browser.ts';
import { startProduct, type RunningProduct, type staffApi } from './server.ts';

type StaffApi = Awaited<ReturnType<typeof staffApi>>;

export const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');

export function useProduct(): {
  product: () => RunningProduct;
  browser: () => Browser;
  shot: (name: string) => string;
} {
  let product: RunningProduct | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    product = await startProduct();
    browser = await launchChromium();
  });
  // A failed step says what the server said meanwhile (CI keeps only the test output).
  afterEach((context) => {
    if (context.task.result?.state === 'fail' && product)
      process.stderr.write(`--- product log (end) ---\n${product.log().slice(-6000)}\n---\n`);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });
  return {
    product: () => product!,
    browser: () => browser!,
    shot: (name) => path.join(ARTIFACTS, `${name}.png`),
  };
}

/** A phone-sized browser context (390×844), as a car owner holds the app. */
export function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
}

/**
 * How long a step may take to show its result: the browser tests run beside the integration
 * suites in CI (several server processes, the bad-input sweep), so a step can wait its turn.
 */
export const WAIT = { timeout: 30_000 };

/** Signs a car owner in to the app by SMS code, read from the dev outbox through staff. */
export async function signInOwner(
  page: Page,
  url: string,
  staff: StaffApi,
  phone: string,
): Promise<void> {
  await page.goto(`${url}/app/`, { waitUntil: 'networkidle' });
  await page.getByTestId('phone-input').fill(phone);
  await page.getByTestId('privacy-consent').locator('.adm-checkbox-icon').click();
  // The code is recorded with the answer to this request: wait for it (a loaded machine can be
  // slow to answer) and fail on its status rather than on an empty outbox.
  const answered = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/app/auth/code') && r.request().method() === 'POST',
    { timeout: 90_000 },
  );
  await page.getByTestId('send-code').click();
  const answer = await answered;
  expect(answer.status(), `code request: ${await answer.text()}`).toBe(202);
  let code: string | undefined;
  await expect
    .poll(async () => {
      const outbox = await staff.get<{ items: { to: string; body: string }[] }>(
        '/api/v1/staff/dev/outbox',
      );
      code = /验证码是 (\d{6})/.exec(
        outbox.items.find((m) => m.to === `+86${phone}`)?.body ?? '',
      )?.[1];
      return code;
    }, WAIT)
    .toMatch(/^\d{6}$/);
  await page.getByTestId('code-input').fill(code!);
  await page.getByTestId('sign-in').click();
  await page.getByTestId('member-card').waitFor({ timeout: 60_000 });
}

/**
 * Signs a staff member in to the console and waits for the signed-in layout. The first sign-in
 * after start meets the worker busy with the fresh demo (outbox events: due-lists, reminders,
 * stats) beside the integration tests in CI, so the first page may take a minute there.
 */
export async function signInConsole(page: Page, url: string, login: string): Promise<void> {
  await page.goto(`${url}/console/`, { waitUntil: 'networkidle', timeout: 90_000 });
  // The console fills the demo tenant code itself once its config arrives (late under load);
  // typing before that can be undone by it, so wait for it first.
  await expect
    .poll(() => page.getByTestId('signin-tenant').inputValue(), { timeout: 30_000 })
    .toBe('demo');
  await page.getByTestId('signin-login').fill(login);
  await page.getByTestId('signin-password').fill('Liuke@2026');
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('staff-name').waitFor({ timeout: 90_000 });
}
