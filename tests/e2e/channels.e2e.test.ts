// Channel settings in the console: the owner switches SMS from the development recorder to
// Aliyun, the secret is never shown again, and a test SMS reaches a local stand-in for Aliyun
// that checks the request signature. The car owner finds "开启通知" on the Me page.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phoneContext, signInConsole, signInOwner, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const { product, browser, shot } = useProduct();
const SECRET = 'e2e-aliyun-secret-VALUE';

const enc = (v: string) =>
  encodeURIComponent(v).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

let aliyun: http.Server;
let aliyunUrl = '';
const accepted: Record<string, string>[] = [];

beforeAll(async () => {
  aliyun = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(body));
      const canonical = Object.keys(params)
        .filter((k) => k !== 'Signature')
        .sort()
        .map((k) => `${enc(k)}=${enc(params[k]!)}`)
        .join('&');
      const expected = createHmac('sha1', `${SECRET}&`)
        .update(`POST&%2F&${enc(canonical)}`)
        .digest('base64');
      const ok = params.Signature === expected;
      if (ok) accepted.push(params);
      res
        .writeHead(ok ? 200 : 400, { 'content-type': 'application/json' })
        .end(
          JSON.stringify(
            ok ? { Code: 'OK', BizId: 'E2E-BIZ-1' } : { Code: 'SignatureDoesNotMatch' },
          ),
        );
    });
  });
  await new Promise<void>((r) => aliyun.listen(0, '127.0.0.1', () => r()));
  aliyunUrl = `http://127.0.0.1:${(aliyun.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((r) => aliyun.close(() => r())));

describe('channel settings', () => {
  it('the car owner can turn on notifications on the Me page', async () => {
    // Signed in first: the sign-in code still goes to the dev outbox (SMS on the recorder).
    const staff = await staffApi(product().url, 'owner@demo.liuke.dev');
    const context = await phoneContext(browser());
    const page = await context.newPage();
    await signInOwner(page, product().url, staff, '13900000001');
    await page.goto(`${product().url}/app/me`, { waitUntil: 'networkidle' });
    await page.getByTestId('push-switch').waitFor(WAIT);
    await expect.poll(() => page.getByText('开启通知').count(), WAIT).toBe(1);
    await page.screenshot({ path: shot('app-me-push') });
    await context.close();
  });

  it('the owner configures Aliyun SMS, the secret stays hidden, and a test SMS goes out signed', async () => {
    const page = await browser().newPage({ viewport: { width: 1366, height: 900 } });
    await signInConsole(page, product().url, 'owner@demo.liuke.dev');
    await page.getByTestId('nav-channels').waitFor(WAIT);
    await page.getByTestId('nav-channels').click();
    const sms = page.getByTestId('channel-card-sms');
    await sms.waitFor(WAIT);
    await expect.poll(() => sms.textContent(), WAIT).toContain('开发记录器');

    // Open the provider list (again, if a busy machine swallowed the first click) and pick Aliyun.
    const aliyunOption = page.locator('.ant-select-item-option[title="阿里云短信"]');
    await expect
      .poll(
        async () => {
          if (!(await aliyunOption.isVisible())) await sms.getByTestId('provider-sms').click();
          return aliyunOption.isVisible();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(true);
    await aliyunOption.click();
    await sms.getByTestId('field-sms-accessKeyId').waitFor(WAIT);
    await sms.getByTestId('field-sms-accessKeyId').fill('LTAI5tE2eKey');
    await sms.getByTestId('field-sms-signName').fill('留客汽车');
    await sms.getByTestId('field-sms-defaultTemplateCode').fill('SMS_100');
    await sms.getByTestId('field-sms-endpoint').fill(aliyunUrl);
    await sms.getByTestId('secret-sms-accessKeySecret').fill(SECRET);
    await sms.getByTestId('save-sms').click();
    await expect
      .poll(() => page.getByTestId('channel-card-sms').textContent(), WAIT)
      .toContain('已设置');
    expect(await page.content()).not.toContain(SECRET);

    await page.reload({ waitUntil: 'networkidle' });
    const card = page.getByTestId('channel-card-sms');
    await expect.poll(() => card.textContent(), WAIT).toContain('阿里云短信');
    expect(await card.getByTestId('secret-sms-accessKeySecret').inputValue()).toBe('');
    expect(await page.content()).not.toContain(SECRET);
    await expect
      .poll(() => card.textContent(), WAIT)
      .toContain('/api/v1/webhooks/sms/aliyun?tenant=');

    await card.getByTestId('test-to-sms').fill('13812345678');
    await card.getByTestId('test-sms').click();
    await card.getByTestId('test-result-sms').waitFor(WAIT);
    expect(await card.getByTestId('test-result-sms').textContent()).toContain(
      '已通过 aliyun-sms 发出',
    );
    // Once SMS is on Aliyun the worker also sends what was queued; find the test message.
    const test = accepted.find(
      (p) => p.PhoneNumbers === '13812345678' && (p.TemplateParam ?? '').includes('测试消息'),
    );
    expect(test).toMatchObject({ SignName: '留客汽车', TemplateCode: 'SMS_100' });
    await page.screenshot({ path: shot('console-channel-settings') });
    await page.close();
  });
});
