// 异业联盟 end to end: the business issues one of a partner's coupons (redeemed at the partner) to a
// customer; the partner's account signs in to the console, lands on its portal, types the code,
// sees it valid, redeems it with one tap; typing it again shows it already redeemed, a second
// redemption through the API is refused, and the redemption is on the partner's statement.
import { describe, expect, it } from 'vitest';
import { signInConsole, useProduct, WAIT } from './fixture.ts';
import { staffWriter } from './staff-writer.ts';

const PARTNER_LOGIN = 'partner1@demo.liuke.dev';
const CUSTOMER_PHONE = '13712349001';
const { product, browser, shot } = useProduct();

interface Partner {
  id: string;
  name: string;
  accounts: { email: string }[];
}
interface Template {
  id: string;
  name: string;
  status: string;
  partnerId: string | null;
  partnerDirection: string | null;
  settlementFen: number;
}

describe('partner portal', () => {
  it('a partner redeems a coupon once in the portal and sees it on the statement', async () => {
    const url = product().url;
    const owner = await staffWriter(url, 'owner@demo.liuke.dev');

    // ---- the business: a coupon of the partner's, issued to a new customer ----
    const partners = await owner.get<{ items: Partner[] }>('/api/v1/staff/partners');
    const partner = partners.items.find((p) => p.accounts.some((a) => a.email === PARTNER_LOGIN))!;
    expect(partner).toBeTruthy();
    const templates = await owner.get<{ items: Template[] }>('/api/v1/staff/coupon-templates');
    const template = templates.items.find(
      (t) =>
        t.partnerId === partner.id &&
        t.partnerDirection === 'redeem_at_partner' &&
        t.status === 'active',
    )!;
    expect(template).toBeTruthy();
    const customer = await owner.post<{ id: string }>('/api/v1/staff/customers', {
      name: '孙立新',
      phone: CUSTOMER_PHONE,
    });
    const issued = await owner.post<{ coupons: { code: string }[] }>(
      `/api/v1/staff/coupon-templates/${template.id}/issue`,
      { customerIds: [customer.id], batchKey: `e2e-portal-${Date.now()}` },
    );
    const code = issued.coupons[0]!.code;
    expect(code).toBeTruthy();

    // This month's statement before the redemption (the demo has some already), in the demo
    // business's calendar (Asia/Shanghai), as the statement counts days.
    const partnerApi = await staffWriter(url, PARTNER_LOGIN);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
      new Date(),
    );
    const period = `from=${today.slice(0, 8)}01&to=${today}`;
    type Totals = { totals: { redemptionsAtPartner: number; businessOwesPartnerFen: number } };
    const before = await partnerApi.get<Totals>(`/api/v1/staff/portal/statement?${period}`);

    // ---- the partner signs in to the console and lands on the portal ----
    const page = await browser().newPage({ viewport: { width: 1366, height: 900 } });
    await signInConsole(page, url, PARTNER_LOGIN);
    await page.waitForURL(/\/console\/portal$/, WAIT).catch(async (error: unknown) => {
      await page.screenshot({ path: shot('partner-portal-signin-failed') });
      throw error;
    });
    await expect
      .poll(() => page.getByTestId('portal-partner-name').textContent(), WAIT)
      .toBe(partner.name);

    // Type the code (as a scanner would): valid, with the coupon's details.
    const input = page.getByTestId('portal-code-input').locator('input');
    await input.fill(code.toLowerCase());
    await input.press('Enter');
    const result = page.getByTestId('portal-check-result');
    await expect.poll(() => result.getAttribute('data-valid'), WAIT).toBe('true');
    expect(await page.getByTestId('portal-coupon-name').textContent()).toBe(template.name);
    await page.screenshot({ path: shot('partner-portal-valid') });

    // One tap redeems it.
    await page.getByTestId('portal-redeem').click();
    await page.getByTestId('portal-redeemed').waitFor(WAIT);
    expect(await page.getByTestId('portal-redeemed').textContent()).toContain(code);
    await page.screenshot({ path: shot('partner-portal-redeemed') });

    // Typed again: refused as already redeemed, no redeem button.
    await input.fill(code);
    await input.press('Enter');
    await expect.poll(() => result.getAttribute('data-valid'), WAIT).toBe('false');
    expect(await page.getByTestId('portal-invalid').getAttribute('data-reason')).toBe(
      'COUPON_ALREADY_REDEEMED',
    );
    expect(await page.getByTestId('portal-redeem').count()).toBe(0);

    // A second redemption straight to the API (a new key, e.g. another till) is refused.
    const again = await partnerApi.raw(
      'POST',
      `/api/v1/staff/portal/coupons/${encodeURIComponent(code)}/redeem`,
      undefined,
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe(
      'COUPON_ALREADY_REDEEMED',
    );

    // ---- the redemption is in the recent list and on this month's statement ----
    await page.getByTestId('portal-redemption-row').filter({ hasText: code }).first().waitFor(WAIT);
    const line = page.locator(`[data-testid="statement-line"][data-code="${code}"]`);
    await line.waitFor(WAIT);
    expect(await line.count()).toBe(1);
    // One more redemption at the partner, and the business owes it one more settlement.
    await expect
      .poll(() => page.getByTestId('statement-at-partner').textContent(), WAIT)
      .toBe(String(before.totals.redemptionsAtPartner + 1));
    const after = await partnerApi.get<Totals>(`/api/v1/staff/portal/statement?${period}`);
    expect(after.totals.businessOwesPartnerFen - before.totals.businessOwesPartnerFen).toBe(
      template.settlementFen,
    );
    await line.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('partner-portal-statement'), fullPage: true });

    // The business sees the same line on its statement of the partner.
    const statement = await owner.get<{
      lines: { code: string; settlementFen: number; direction: string }[];
    }>(`/api/v1/staff/partners/${partner.id}/statement?${period}`);
    const mine = statement.lines.filter((l) => l.code === code);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      settlementFen: template.settlementFen,
      direction: 'redeem_at_partner',
    });
    await page.close();
  });
});
