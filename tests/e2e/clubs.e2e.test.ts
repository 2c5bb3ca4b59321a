// The car owner's community, counted in taps at 390×844: from home, the club's feed opens in two
// (社区 tab, the club) and a post is out in three (社区, 发帖 on the club's card, 发布 — typing
// aside). The post shows at the top of the feed with the owner's courtesy name and badges.
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { phoneContext, signInOwner, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const OWNER_PHONE = '13900000001';
const { product, browser, shot } = useProduct();

describe('car clubs in the app', () => {
  it('opens a club in ≤ 3 taps, posts in ≤ 3, and the post leads the feed', async () => {
    const staff = await staffApi(product().url, 'owner@demo.liuke.dev');
    const context = await phoneContext(browser());
    const app = await context.newPage();
    await signInOwner(app, product().url, staff, OWNER_PHONE);
    const id = (testId: string) => app.getByTestId(testId);
    let taps = 0;
    const tap = async (target: Locator) => {
      taps += 1;
      await target.click(WAIT);
    };

    // ---- reading: home → 社区 → the club ----
    await tap(id('tab-community'));
    const myClubs = id('my-clubs');
    await myClubs.getByTestId('club-card').first().waitFor(WAIT);
    await app.screenshot({ path: shot('clubs-hub') });
    const club = myClubs.getByTestId('club-card').filter({ hasText: '比亚迪车友会' });
    await tap(club.getByTestId('club-open'));
    const feed = id('club-feed');
    await feed.getByTestId('club-post').first().waitFor(WAIT);
    expect(taps).toBeLessThanOrEqual(3);
    // The demo owner's own badge in the club: a 比亚迪 on file.
    await expect
      .poll(() => app.locator('.club-head').textContent(), WAIT)
      .toContain('比亚迪车主认证');
    await app.screenshot({ path: shot('clubs-feed') });

    // ---- writing: home → 社区 → 发帖 → 发布 ----
    await app.goto(`${product().url}/app/`, { waitUntil: 'networkidle' });
    await id('tab-community').waitFor(WAIT);
    taps = 0;
    await tap(id('tab-community'));
    await tap(
      id('my-clubs')
        .getByTestId('club-card')
        .filter({ hasText: '比亚迪车友会' })
        .getByTestId('club-write'),
    );
    const text = `周末去从化跑山，有没有一起的？${Date.now() % 10000}`;
    await id('composer-text').locator('textarea').first().fill(text);
    // A photo from the phone (one of the demo's pictures, fetched back), uploaded as it is picked.
    const clubs = await staff.get<{ items: { id: string; name: string }[] }>('/api/v1/staff/clubs');
    const byd = clubs.items.find((c) => c.name === '比亚迪车友会')!;
    const demoFeed = await staff.get<{ items: { images: { url: string }[] }[] }>(
      `/api/v1/staff/clubs/${byd.id}/posts?limit=50`,
    );
    const picture = demoFeed.items.find((p) => p.images.length)!.images[0]!.url;
    const bytes = Buffer.from(await (await fetch(`${product().url}${picture}`)).arrayBuffer());
    await id('photo-picker')
      .locator('input[type=file]')
      .setInputFiles({ name: 'ride.jpg', mimeType: 'image/jpeg', buffer: bytes });
    await expect
      .poll(() => id('photo-picker').locator('.adm-image-uploader-cell-image').count(), WAIT)
      .toBe(1);
    await app.waitForTimeout(300); // the sheet's slide, for the photo only
    await app.screenshot({ path: shot('clubs-composer') });
    await tap(id('composer-publish'));
    expect(taps).toBeLessThanOrEqual(3);

    const first = id('club-feed').getByTestId('club-post').first();
    await expect.poll(() => first.textContent(), WAIT).toContain(text);
    expect(await first.getByTestId('post-author').textContent()).toBe('陈先生');
    expect(await first.getByTestId('club-badges').textContent()).toContain('比亚迪车主认证');
    await expect.poll(() => first.getByTestId('post-photos').locator('img').count(), WAIT).toBe(1);
    await app.screenshot({ path: shot('clubs-posted') });
    // The photo opens full-screen.
    await first.getByTestId('post-photos').locator('.club-photo').first().click();
    await app.locator('.adm-image-viewer-content').waitFor(WAIT);
    await app.waitForTimeout(300); // the viewer's fade, for the photo only
    await app.screenshot({ path: shot('clubs-photo') });
    // The post's page (loaded afresh: the viewer lives outside the page's tree), its comments.
    const postId = await first.getAttribute('data-post-id');
    const clubPath = new URL(app.url()).pathname.replace(/\/$/, '');
    await app.goto(`${product().url}${clubPath}/posts/${postId}`, {
      waitUntil: 'networkidle',
    });
    await id('comment-text').locator('input').fill('我也去，带上对讲机');
    await id('comment-send').click();
    await expect
      .poll(() => app.getByTestId('club-comment').allTextContents(), WAIT)
      .toEqual([expect.stringContaining('我也去，带上对讲机')]);
    await app.screenshot({ path: shot('clubs-post') });

    // Other members see it too (staff read the same feed through their API).
    const staffFeed = await staff.get<{
      items: { text: string; commentCount: number; images: unknown[] }[];
    }>(`/api/v1/staff/clubs/${byd.id}/posts?limit=5`);
    expect(staffFeed.items[0]).toMatchObject({ text, commentCount: 1 });
    expect(staffFeed.items[0]!.images).toHaveLength(1);

    // 我的徽章, one tap from the hub.
    await id('tab-community').click();
    await id('community-entry-badges').click();
    await id('my-badges-club').first().waitFor(WAIT);
    await app.screenshot({ path: shot('clubs-badges') });
    await context.close();
  });
});
