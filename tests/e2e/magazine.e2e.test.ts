// The e-magazine readers help make, at 390×844 and in the console: the demo car owner
// contributes a photo page from the phone to the open call, a manager accepts it, adds it as a
// page of the spring issue and publishes; the owner then reads the issue with their name
// credited on their page and the call's points in their account.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { phoneContext, signInConsole, signInOwner, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const OWNER_PHONE = '13900000001';
const { product, browser, shot } = useProduct();

describe('the e-magazine', () => {
  it('an owner’s photo page is accepted, placed, published and credited', async () => {
    const url = product().url;
    const staff = await staffApi(url, 'owner@demo.liuke.dev');
    const phone = await phoneContext(browser());
    const app = await phone.newPage();
    await signInOwner(app, url, staff, OWNER_PHONE);
    const id = (testId: string) => app.getByTestId(testId);

    // ---- the demo's winter issue reads well ----
    const issues = await staff.get<{ items: { id: string; title: string; status: string }[] }>(
      '/api/v1/staff/magazine/issues',
    );
    const winter = issues.items.find((i) => i.status === 'published')!;
    const spring = issues.items.find((i) => i.status === 'draft')!;
    await app.goto(`${url}/app/magazine/${winter.id}`, { waitUntil: 'networkidle' });
    await id('magazine-reader').waitFor(WAIT);
    await expect.poll(() => id('magazine-credit').count(), WAIT).toBe(3);
    await app.screenshot({ path: shot('magazine-reader-cover') });
    await id('magazine-credit').first().scrollIntoViewIfNeeded();
    await app.screenshot({ path: shot('magazine-reader-credit') });

    // ---- contributing in 3 taps from home: 资讯 → 投稿 → (the open call is chosen) 提交 ----
    await app.goto(`${url}/app/`, { waitUntil: 'networkidle' });
    await id('tab-news').click();
    await id('news-contribute').click(WAIT);
    await id('magazine-call').first().waitFor(WAIT);
    const text = `除夕前一天出发，一路向北，服务区的饺子特别香。${Date.now() % 10000}`;
    await id('magazine-title').locator('input').fill('春节回家路上的饺子');
    await id('magazine-text').locator('textarea').first().fill(text);
    const png = await sharp({
      create: { width: 64, height: 48, channels: 3, background: '#e76f51' },
    })
      .png()
      .toBuffer();
    await id('photo-picker')
      .locator('input[type=file]')
      .setInputFiles({ name: 'dumplings.png', mimeType: 'image/png', buffer: png });
    await expect
      .poll(() => id('photo-picker').locator('.adm-image-uploader-cell-image').count(), WAIT)
      .toBe(1);
    // Uploaded (not only picked): the picker counts it once the server has it.
    await expect.poll(() => id('photo-picker').textContent(), WAIT).toContain('已选 1');
    await app.screenshot({ path: shot('magazine-contribute') });
    await id('magazine-submit').click();
    const mine = id('magazine-mine-item').filter({ hasText: text });
    await mine.waitFor(WAIT);
    expect(await mine.getByTestId('magazine-mine-status').textContent()).toBe('审核中');

    // ---- the manager accepts it, adds it as a page and publishes the spring issue ----
    const consoleContext = await browser().newContext({ viewport: { width: 1440, height: 900 } });
    const desk = await consoleContext.newPage();
    await signInConsole(desk, url, 'manager1@demo.liuke.dev');
    await desk.goto(`${url}/console/magazine/contributions`, { waitUntil: 'networkidle' });
    const item = desk.getByTestId('magazine-contribution').filter({ hasText: text });
    await item.waitFor(WAIT);
    await desk.screenshot({ path: shot('magazine-review'), fullPage: true });
    await item.getByTestId('magazine-approve').click();
    await desk.getByTestId('magazine-filter-status').getByText('已录用').click();
    const accepted = desk.getByTestId('magazine-contribution').filter({ hasText: text });
    await accepted.getByTestId('magazine-place').click(WAIT);
    await desk.getByTestId('magazine-filter-status').getByText('已排版').click();
    await desk.getByTestId('magazine-contribution').filter({ hasText: text }).waitFor(WAIT);

    await desk.goto(`${url}/console/magazine/${spring.id}`, { waitUntil: 'networkidle' });
    await desk.getByTestId('magazine-editor-credit').first().waitFor(WAIT);
    await desk.screenshot({ path: shot('magazine-editor'), fullPage: true });
    await desk.getByTestId('magazine-preview-open').click();
    await desk.getByTestId('magazine-preview').waitFor(WAIT);
    await desk.waitForTimeout(400); // the drawer's slide, for the picture only
    await desk.screenshot({ path: shot('magazine-editor-preview') });
    await desk.keyboard.press('Escape');
    await desk.getByTestId('magazine-publish').click();
    await desk.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect
      .poll(() => desk.getByTestId('magazine-issue-status').textContent(), WAIT)
      .toBe('已发布');
    await desk.getByTestId('magazine-share').waitFor(WAIT);
    await consoleContext.close();

    // ---- the owner reads the published issue, their page credited ----
    await app.goto(`${url}/app/magazine/${spring.id}`, { waitUntil: 'networkidle' });
    const page = id('magazine-page').filter({ hasText: '春节回家路上的饺子' });
    await page.waitFor(WAIT);
    const credit = page.getByTestId('magazine-credit');
    await expect.poll(() => credit.textContent(), WAIT).toContain('陈先生');
    expect(await credit.textContent()).toContain('读者投稿');
    await expect.poll(() => page.getByTestId('magazine-photo').count(), WAIT).toBe(1);
    await page.scrollIntoViewIfNeeded();
    await app.screenshot({ path: shot('magazine-reader-published') });
    await app.goto(`${url}/app/magazine/mine`, { waitUntil: 'networkidle' });
    const published = id('magazine-mine-item').filter({ hasText: text });
    await expect
      .poll(() => published.getByTestId('magazine-mine-status').textContent(), WAIT)
      .toBe('已刊登');
    expect(await published.textContent()).toContain('获得 150 积分');
    await phone.close();
  });
});
