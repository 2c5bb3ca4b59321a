// One running product and one Chromium per browser-test file, with screenshots kept in
// tests/e2e/artifacts for a person to look at.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.ts';
import { startProduct, type RunningProduct } from './server.ts';

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
