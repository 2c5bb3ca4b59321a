// Staff moderate the demo community: they open the review queue, approve the post held there
// with a reason — which the moderation log then shows — and nominate a member of a club as its
// KOL (意见领袖) from the club's page.
import { describe, expect, it } from 'vitest';
import { useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const { product, browser, shot } = useProduct();

interface Queue {
  items: { kind: string; subjectId: string; subject: { state: string; text: string } | null }[];
}
interface Log {
  items: { action: string; subjectId: string | null; reason: string; actorName: string | null }[];
}
interface Clubs {
  items: { id: string; name: string; memberCount: number; archived: boolean }[];
}
interface Members {
  items: { customerId: string; name: string | null; role: string; status: string }[];
}

describe('moderation in the console', () => {
  it('approves a held post with a reason, shown in the log; nominates a KOL', async () => {
    const staff = await staffApi(product().url, 'owner@demo.liuke.dev');
    const queue = await staff.get<Queue>('/api/v1/staff/moderation/queue?limit=100');
    const held = queue.items.find((i) => i.kind === 'club_post' && i.subject?.state === 'held');
    expect(held, 'the demo holds a post for review').toBeTruthy();

    const page = await browser().newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${product().url}/console/`, { waitUntil: 'networkidle' });
    const tenantInput = page.getByTestId('signin-tenant');
    await expect.poll(() => tenantInput.inputValue(), WAIT).toBe('demo');
    await page.getByTestId('signin-login').fill('owner@demo.liuke.dev');
    await page.getByTestId('signin-password').fill('Liuke@2026');
    await page.getByTestId('signin-submit').click();
    await page.getByText('车友社区').click();
    await page.getByTestId('nav-moderation').click();

    // The queue shows the held post; approving asks for a reason first.
    const row = page.locator(
      `[data-testid="moderation-queue-row"][data-subject-id="${held!.subjectId}"]`,
    );
    await row.waitFor(WAIT);
    expect(await row.getByTestId('moderation-state').textContent()).toBe('待审核');
    await page.screenshot({ path: shot('moderation-queue') });
    await row.getByTestId('moderation-approve').click();
    await page.getByTestId('moderation-decide-ok').click();
    await expect
      .poll(() => page.getByText('请填写原因，会记入审核日志').count(), WAIT)
      .toBeGreaterThan(0);
    await page.getByTestId('moderation-reason').fill('正常的用车分享，链接是官方保养说明');
    await page.getByTestId('moderation-decide-ok').click();
    await expect.poll(() => row.count(), WAIT).toBe(0);

    // The log says who approved it and why.
    await page.getByTestId('moderation-tab-log').click();
    const logged = page.locator(
      `[data-testid="moderation-log-row"][data-subject-id="${held!.subjectId}"]`,
    );
    await logged.first().waitFor(WAIT);
    expect(await logged.first().textContent()).toContain('正常的用车分享，链接是官方保养说明');
    expect(await logged.first().getByTestId('moderation-log-action').textContent()).toBe('通过');
    expect(await logged.first().textContent()).toContain('陈国华');
    const log = await staff.get<Log>(`/api/v1/staff/moderation/log?subjectId=${held!.subjectId}`);
    expect(log.items[0]).toMatchObject({
      action: 'approve',
      reason: '正常的用车分享，链接是官方保养说明',
    });
    await page.screenshot({ path: shot('moderation-log') });

    // A club's page: nominate a plain member as the club's KOL.
    const clubs = await staff.get<Clubs>('/api/v1/staff/clubs');
    const club = clubs.items.find((c) => !c.archived && c.memberCount > 1)!;
    const members = await staff.get<Members>(
      `/api/v1/staff/clubs/${club.id}/members?status=active&role=member&limit=200`,
    );
    const member = members.items[0]!;
    await page.getByTestId('nav-clubs').click();
    await page.locator(`[data-testid="club-row"][data-club-id="${club.id}"]`).waitFor(WAIT);
    await page
      .locator(`[data-testid="club-row"][data-club-id="${club.id}"]`)
      .getByTestId('club-link')
      .click();
    await page.getByTestId('club-page').waitFor(WAIT);
    await page.getByTestId('member-status-filter').getByText('已入会').click();
    const memberRow = page.locator(
      `[data-testid="member-row"][data-customer-id="${member.customerId}"]`,
    );
    await memberRow.waitFor(WAIT);
    await memberRow.getByTestId('member-set-role').click();
    await page.getByTestId('member-role-kol').click();
    await expect
      .poll(() => memberRow.getByTestId('member-role').textContent(), WAIT)
      .toBe('意见领袖');
    const after = await staff.get<Members>(
      `/api/v1/staff/clubs/${club.id}/members?role=kol&limit=200`,
    );
    expect(after.items.map((m) => m.customerId)).toContain(member.customerId);
    await page.screenshot({ path: shot('moderation-club-kol'), fullPage: true });
    await page.close();
  });
});
