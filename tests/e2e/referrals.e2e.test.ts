// 老带新 end to end: a car owner opens 邀请好友 in the app and takes the link; a friend opens it in
// a second browser, sees the welcome offer and signs up with the phone code; the store opens and
// pays the friend's first order (above the minimum, return window 0 days); the reward run grants
// both sides; the owner sees the points and the friend the coupon in the app.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { phoneContext, signInOwner, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';
import { staffWriter } from './staff-writer.ts';

// Fresh numbers: neither is a demo customer (a known phone is a fraud flag by design).
const REFERRER_PHONE = '13712340001';
const REFEREE_PHONE = '13712340002';
const OTHER_PHONE = '13712340003';
const REFEREE_TEMPLATE = '免费标准洗车';
const { product, browser, shot } = useProduct();

interface Reward {
  kind: string;
  amount: number;
  couponTemplateId: string | null;
}
interface Referral {
  id: string;
  referrerId: string;
  refereeId: string;
  status: string;
  flags: { code: string }[];
  rewards: { side: string; kind: string; status: string }[];
}

/** Reads the one-time sign-in code the development channel recorded for a phone. */
async function smsCode(staff: Awaited<ReturnType<typeof staffApi>>, phone: string) {
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
  return code!;
}

async function customerId(staff: Awaited<ReturnType<typeof staffApi>>, phone: string) {
  const found = await staff.get<{ items: { id: string }[] }>(`/api/v1/staff/customers?q=${phone}`);
  expect(found.items).toHaveLength(1);
  return found.items[0]!.id;
}

/** The scrolling area of a signed-in page (the tab layout scrolls, not the window). */
async function scrollTo(page: Page, testId: string) {
  await page.getByTestId(testId).first().scrollIntoViewIfNeeded();
}

describe('referrals', () => {
  it('share a link, a friend signs up through it, pays a first order, both are rewarded', async () => {
    const url = product().url;
    const staff = await staffApi(url, 'owner@demo.liuke.dev');
    const writer = await staffWriter(url, 'owner@demo.liuke.dev');

    // ---- the programme: rewards granted as soon as the order is paid (return window 0 days) ----
    const loyalty = await writer.get<{ points: { returnWindowDays: number } }>(
      '/api/v1/staff/loyalty/settings',
    );
    await writer.put('/api/v1/staff/loyalty/settings', {
      ...loyalty,
      points: { ...loyalty.points, returnWindowDays: 0 },
    });
    const templates = await writer.get<{
      items: { id: string; name: string; status: string; partnerId: string | null }[];
    }>('/api/v1/staff/coupon-templates');
    const wash = templates.items.find((t) => t.name === REFEREE_TEMPLATE && !t.partnerId)!;
    expect(wash).toBeTruthy();
    const settings = await writer.get<Record<string, unknown>>('/api/v1/staff/referrals/settings');
    const referrerReward: Reward = { kind: 'points', amount: 500, couponTemplateId: null };
    const refereeReward: Reward = { kind: 'coupon', amount: 0, couponTemplateId: wash.id };
    await writer.put('/api/v1/staff/referrals/settings', {
      ...settings,
      enabled: true,
      minOrderFen: 20000,
      referrerReward,
      refereeReward,
      welcomeCouponTemplateId: null,
    });

    // ---- the owner: home → 邀请好友 (one tap) → the link ----
    const owner = await phoneContext(browser());
    await owner.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
    const app = await owner.newPage();
    await signInOwner(app, url, staff, REFERRER_PHONE);
    await app.getByTestId('referral-entry').click();
    const linkBox = app.getByTestId('referral-link');
    await linkBox.waitFor(WAIT);
    const link = (await linkBox.textContent())!.trim();
    const code = (await app.getByTestId('referral-code').textContent())!.trim();
    expect(link).toBe(`${url}/app/r/${code}?t=demo`);
    await expect
      .poll(() => app.getByTestId('referral-offer').textContent(), WAIT)
      .toContain('500 积分');
    // The second tap: copy the link (the share sheet where the phone has one).
    await app.getByTestId('referral-copy-link').click();
    await app.getByText('已复制').waitFor(WAIT);
    expect(await app.evaluate<string>('navigator.clipboard.readText()')).toBe(link);
    // The poster is a real image (rendered by the server).
    await expect
      .poll(
        () =>
          app.getByTestId('referral-poster').evaluate((el) => {
            const img = el as unknown as { complete: boolean; naturalWidth: number };
            return img.complete ? img.naturalWidth : 0;
          }),
        WAIT,
      )
      .toBeGreaterThan(100);
    expect(await app.getByTestId('referral-poster-download').getAttribute('download')).toBe(
      `referral-${code}.png`,
    );
    await app.screenshot({ path: shot('referrals-app-share') });
    await scrollTo(app, 'referral-rules');
    await app.screenshot({ path: shot('referrals-app-rules') });

    // ---- the friend, in another browser: the landing, the offer, the phone-code sign-up ----
    const friendContext = await phoneContext(browser());
    const friend = await friendContext.newPage();
    await friend.goto(link, { waitUntil: 'networkidle' });
    await expect
      .poll(() => friend.getByTestId('landing-gift').textContent(), WAIT)
      .toContain(REFEREE_TEMPLATE);
    await friend.screenshot({ path: shot('referrals-landing') });
    await friend.getByTestId('phone-input').fill(REFEREE_PHONE);
    await friend.getByTestId('privacy-consent').locator('.adm-checkbox-icon').click();
    await friend.getByTestId('send-code').click();
    await friend.getByTestId('code-input').fill(await smsCode(staff, REFEREE_PHONE));
    await friend.getByTestId('sign-in').click();
    await friend.getByTestId('landing-welcome').waitFor(WAIT);
    expect(await friend.getByTestId('landing-welcome-message').textContent()).toContain(
      REFEREE_TEMPLATE,
    );
    await friend.screenshot({ path: shot('referrals-landing-welcome') });

    // Attributed to the owner, not flagged.
    const referrerId = await customerId(staff, REFERRER_PHONE);
    const refereeId = await customerId(staff, REFEREE_PHONE);
    const before = await staff.get<{ referredBy: Referral | null }>(
      `/api/v1/staff/customers/${refereeId}/referrals`,
    );
    expect(before.referredBy).toMatchObject({ referrerId, refereeId, status: 'attributed' });
    expect(before.referredBy!.flags).toEqual([]);

    // The owner sees the friend joined, waiting for the first order.
    await app.reload({ waitUntil: 'networkidle' });
    const row = app.getByTestId('my-referral');
    await row.first().waitFor(WAIT);
    expect(await row.count()).toBe(1);
    expect(await row.getAttribute('data-status')).toBe('attributed');

    // The friend's coupon comes with the first order, not before.
    const washCoupons = () =>
      staff.get<{ items: unknown[] }>(
        `/api/v1/staff/coupons?customerId=${refereeId}&templateId=${wash.id}`,
      );
    expect((await washCoupons()).items).toHaveLength(0);

    // ---- the store: the friend's car, a first order of ¥300, paid ----
    const stores = await writer.get<{ items: { id: string }[] }>('/api/v1/staff/stores');
    const vehicle = await writer.post<{ id: string }>(
      `/api/v1/staff/customers/${refereeId}/vehicles`,
      { plate: '粤B7R3K9', make: '丰田', model: '卡罗拉', year: 2021, fuelType: 'petrol' },
    );
    const order = await writer.post<{ id: string }>('/api/v1/staff/service-orders', {
      customerId: refereeId,
      vehicleId: vehicle.id,
      storeId: stores.items[0]!.id,
    });
    await writer.post(`/api/v1/staff/service-orders/${order.id}/items`, {
      kind: 'labour',
      category: 'oil_change',
      description: '机油保养工时',
      quantity: 1,
      unitPriceFen: 30000,
    });
    await writer.post(`/api/v1/staff/service-orders/${order.id}/complete`);
    const due = await writer.get<{ amountDueFen: number }>(
      `/api/v1/staff/service-orders/${order.id}`,
    );
    expect(due.amountDueFen).toBe(30000);
    await writer.post(`/api/v1/staff/service-orders/${order.id}/pay`, {
      method: 'wechat_pay',
      paidFen: due.amountDueFen,
    });

    // ---- the reward run (daily in production; run now, as staff can) ----
    await expect
      .poll(async () => {
        await writer.post('/api/v1/staff/referrals/run-rewards');
        const now = await staff.get<{ referredBy: Referral | null }>(
          `/api/v1/staff/customers/${refereeId}/referrals`,
        );
        return now.referredBy?.status;
      }, WAIT)
      .toBe('rewarded');

    expect((await washCoupons()).items).toHaveLength(1);

    // ---- both see their reward in the app ----
    await app.reload({ waitUntil: 'networkidle' });
    await expect.poll(() => row.getAttribute('data-status'), WAIT).toBe('rewarded');
    const reward = app.getByTestId('my-referral-reward');
    expect(await reward.getAttribute('data-reward-status')).toBe('granted');
    expect(await reward.textContent()).toContain('500 积分');
    await scrollTo(app, 'my-referral');
    await app.screenshot({ path: shot('referrals-app-rewarded') });
    await app.getByTestId('referral-total-points').waitFor(WAIT);
    expect(await app.getByTestId('referral-total-points').textContent()).toContain('500');
    await app.goBack();
    await expect.poll(() => app.getByTestId('member-points').textContent(), WAIT).toContain('500');

    await friend.getByTestId('landing-go-home').click();
    await friend.getByTestId('member-card').waitFor(WAIT);
    await friend.getByTestId('member-coupons').click();
    await friend
      .getByTestId('my-coupon')
      .filter({ hasText: REFEREE_TEMPLATE })
      .first()
      .waitFor(WAIT);
    await friend.screenshot({ path: shot('referrals-friend-coupon') });

    await owner.close();
    await friendContext.close();
  });

  it('a link with an unknown code says so, sharing uses the share sheet, a signed-in owner gets a friendly note', async () => {
    const url = product().url;
    const staff = await staffApi(url, 'owner@demo.liuke.dev');
    const context = await phoneContext(browser());
    // A phone's share sheet (headless Chromium has none): records what the page shares.
    await context.addInitScript('navigator.share = async (data) => { window.__shared = data; };');
    const page = await context.newPage();
    await page.goto(`${url}/app/r/ZZZZZZ?t=demo`, { waitUntil: 'networkidle' });
    const error = page.getByTestId('landing-error');
    await error.waitFor(WAIT);
    expect(await error.getAttribute('data-code')).toBe('REFERRAL_CODE_UNKNOWN');
    expect(await error.textContent()).toContain('邀请链接无效');
    await page.screenshot({ path: shot('referrals-landing-unknown') });

    // A signed-in owner opening a referral link (their own) is not signed up again.
    await signInOwner(page, url, staff, OTHER_PHONE);
    await page.getByTestId('referral-entry').click();
    const link = (await page.getByTestId('referral-link').textContent())!.trim();
    await page.getByTestId('referral-share').click();
    await expect.poll(() => page.evaluate<string>('window.__shared?.url'), WAIT).toBe(link);
    expect(await page.evaluate<string>('window.__shared.text')).toContain(
      (await page.getByTestId('referral-code').textContent())!.trim(),
    );
    await page.goto(link, { waitUntil: 'networkidle' });
    await page.getByTestId('landing-signed-in').waitFor(WAIT);
    await page.getByTestId('landing-invite-mine').click();
    await page.getByTestId('referral-link').waitFor(WAIT);
    await context.close();
  });
});
