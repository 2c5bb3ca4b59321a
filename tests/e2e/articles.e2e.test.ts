// Articles end to end: a manager writes an article in the console's editor (a heading, bold
// text, a list, a picture uploaded into the body, a tag) and publishes it; a car owner opens 资讯
// on the phone (390×844) and reads it in ≤ 3 taps, the byline showing the shop.
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { phoneContext, signInConsole, signInOwner, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const OWNER_PHONE = '13900000077';
const MANAGER = 'manager1@demo.liuke.dev';
const TITLE = '雨季刹车检查的三个信号';
const { product, browser, shot } = useProduct();

describe('articles', () => {
  it('a manager writes and publishes with the editor; an owner reads it in ≤ 3 taps', async () => {
    const staff = await staffApi(product().url, MANAGER);
    // A real picture to upload: the cover of a demo article.
    const demo = await staff.get<{ items: { cover: { url: string } | null }[] }>(
      '/api/v1/staff/articles?status=published',
    );
    expect(demo.items.length).toBeGreaterThan(0);
    const cover = demo.items.find((a) => a.cover)!.cover!.url;
    const bytes = Buffer.from(await (await fetch(`${product().url}${cover}`)).arrayBuffer());

    // ---- the manager writes ----
    const page = await browser().newPage({ viewport: { width: 1366, height: 900 } });
    await signInConsole(page, product().url, MANAGER);
    await page.locator('.ant-menu-submenu-title', { hasText: '内容' }).click();
    await page.getByTestId('nav-articles').click();
    await page.getByTestId('articles-table').waitFor(WAIT);
    await page.getByTestId('article-new').click();
    await page.getByTestId('article-editor').waitFor(WAIT);
    await page.getByTestId('article-title').fill(TITLE);
    const body = page.locator('[data-testid=article-body] .tiptap');
    await body.click();
    await page.keyboard.type('下雨天刹车变软、异响或跑偏，都值得马上检查。');
    await page.keyboard.press('Enter');
    await page.getByTestId('editor-h2').click();
    await page.keyboard.type('三个信号');
    await page.keyboard.press('Enter');
    await page.getByTestId('editor-bulletList').click();
    await page.keyboard.type('踩下去发软');
    await page.keyboard.press('Enter');
    await page.keyboard.type('有金属摩擦声');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByTestId('editor-bold').click();
    await page.keyboard.type('到店免费检查刹车片厚度。');
    await page
      .getByTestId('editor-image-file')
      .setInputFiles({ name: 'brake.jpg', mimeType: 'image/jpeg', buffer: bytes });
    await body.locator('img').waitFor(WAIT);
    await page.getByTestId('article-tags').click();
    await page.locator('.ant-select-item-option', { hasText: '保养' }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('article-title').click();
    await page.getByTestId('article-summary').fill('刹车出问题前，总有信号。');
    await page.screenshot({ path: shot('articles-console-editor') });
    await page.getByTestId('article-publish').click();
    await page.waitForURL(/\/console\/articles\/[0-9a-f-]{36}$/, WAIT);
    await expect
      .poll(() => page.locator('.ant-tag', { hasText: '已发布' }).count(), WAIT)
      .toBeGreaterThan(0);
    const id = page.url().split('/').pop()!;
    const saved = await staff.get<{ html: string; status: string; tagSlugs: string[] }>(
      `/api/v1/staff/articles/${id}`,
    );
    expect(saved.status).toBe('published');
    expect(saved.tagSlugs).toEqual(['maintenance']);
    expect(saved.html).toContain('<h2>三个信号</h2>');
    expect(saved.html).toContain('<li><p>踩下去发软</p></li>');
    expect(saved.html).toMatch(/<strong>到店免费检查刹车片厚度。<\/strong>/);
    expect(saved.html).toMatch(/<img src="\/api\/v1\/public\/media\/[0-9a-f-]{36}\/images\//);
    await page.screenshot({ path: shot('articles-console-published') });

    // ---- the owner reads it on the phone ----
    const context = await phoneContext(browser());
    const app = await context.newPage();
    // The sign-in code is read from the dev outbox, which the shop owner sees.
    await signInOwner(
      app,
      product().url,
      await staffApi(product().url, 'owner@demo.liuke.dev'),
      OWNER_PHONE,
    );
    let taps = 0;
    const tap = async (target: Locator) => {
      await target.waitFor(WAIT);
      await target.click();
      taps++;
    };
    await tap(app.getByTestId('tab-news'));
    await app.getByTestId('news-list').waitFor(WAIT);
    await app.screenshot({ path: shot('articles-app-news') });
    await tap(app.getByTestId('news-card').filter({ hasText: TITLE }));
    const article = app.getByTestId('news-article');
    await article.waitFor(WAIT);
    expect(taps).toBeLessThanOrEqual(3);
    expect(await article.locator('h1').textContent()).toBe(TITLE);
    expect(await article.locator('.news-body h2').textContent()).toBe('三个信号');
    expect(await article.locator('.news-badge').first().textContent()).toBe('店家');
    await expect
      .poll(
        () =>
          article
            .locator('.news-body img')
            .evaluate((i) => (i as unknown as { naturalWidth: number }).naturalWidth),
        WAIT,
      )
      .toBeGreaterThan(0);
    await app.screenshot({ path: shot('articles-app-article'), fullPage: true });
    // A staff tech tip from the demo shows its role and store in the byline.
    await app.goBack();
    const tip = app.getByTestId('news-card').filter({ hasText: '机油怎么选' });
    await tip.waitFor(WAIT);
    expect(await tip.locator('.news-badge').textContent()).toMatch(/技师|服务顾问/);

    // ---- nominated as KOL, the owner writes a draft and submits it for review ----
    const found = await staff.get<{ items: { id: string }[] }>(
      `/api/v1/staff/customers?q=${OWNER_PHONE}`,
    );
    await staff.post('/api/v1/staff/article-authors', {
      kind: 'kol',
      customerId: found.items[0]!.id,
      bio: '',
    });
    await app.goto(`${product().url}/app/news`, { waitUntil: 'networkidle' });
    await app.getByTestId('news-write').click();
    await app.getByTestId('news-title').locator('input').fill('我的第一次保养');
    await app.getByTestId('news-text').locator('textarea').first().fill('第一段\n第二段');
    await app.screenshot({ path: shot('articles-app-write') });
    await app.getByTestId('news-submit').click();
    await app.getByTestId('news-drafts-list').waitFor(WAIT);
    expect(await app.getByTestId('news-drafts-list').textContent()).toContain('审核中');
    const review = await staff.get<{ items: { title: string; author: { kind: string } }[] }>(
      '/api/v1/staff/articles?status=in_review',
    );
    expect(review.items.map((a) => a.title)).toContain('我的第一次保养');
    await context.close();
  });
});
