// The demo tenant's referrals: KOL trees three to four deep, a fifth or so of the customers
// referred, a referral share for each of the last 12 months, a few flagged for review.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../kernel/clock.ts';
import { createLogger } from '../../kernel/logger.ts';
import { createTestEnv, signInStaff, type TestEnv } from '../../testing/harness.ts';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.ts';

const SLUG = `demo-r-${Math.random().toString(36).slice(2, 10)}`;
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

describe('demo referrals', () => {
  it('shows a realistic tree, a share chart over 12 months and referrals to review', async () => {
    const clock = fixedClock(new Date('2026-11-22T02:00:00Z'));
    const summary = await seedDemo({
      db: env.database.db,
      log: createLogger('silent'),
      clock,
      customers: 300,
      slug: SLUG,
    });
    const share = summary.counts.referrals! / summary.counts.customers!;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.25);
    expect(summary.counts.referralsFlagged).toBe(3);

    const owner = summary.staffSignIns.find((s) => s.role === 'owner')!;
    const s = await signInStaff(env.app, SLUG, owner.login, DEMO_PASSWORD);
    const top = (
      await env.app.inject({
        url: '/api/v1/staff/referrals/top?from=2020-01-01&to=2026-11-30&limit=5',
        headers: s.headers,
      })
    ).json();
    expect(top.items.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...top.items.map((i: { depth: number }) => i.depth))).toBeGreaterThanOrEqual(3);
    const tree = (
      await env.app.inject({
        url: `/api/v1/staff/referrals/tree?customerId=${top.items[0].customerId}`,
        headers: s.headers,
      })
    ).json();
    expect(tree.size).toBe(top.items[0].total);
    expect(tree.depth).toBeGreaterThanOrEqual(2);
    expect(tree.depth).toBeLessThanOrEqual(4);

    const res = await env.app.inject({
      url: '/api/v1/staff/referrals/share?from=2025-12&to=2026-11',
      headers: s.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const months = new Map<string, number>();
    for (const r of res.json().rows as { month: string; referredRevenueFen: number }[])
      months.set(r.month, (months.get(r.month) ?? 0) + r.referredRevenueFen);
    expect([...months.values()].filter((v) => v > 0).length).toBeGreaterThanOrEqual(10);
    const total = res.json().total;
    expect(total.revenueShare).toBeGreaterThan(0.03);
    expect(total.revenueShare).toBeLessThan(0.6);
    expect(total.newCustomerShare).toBeGreaterThan(0.2);

    const flagged = (
      await env.app.inject({ url: '/api/v1/staff/referrals?status=flagged', headers: s.headers })
    ).json();
    expect(flagged.items).toHaveLength(3);
    for (const f of flagged.items) expect(f.flags.length).toBeGreaterThan(0);
    const rewarded = (
      await env.app.inject({ url: '/api/v1/staff/referrals?status=rewarded', headers: s.headers })
    ).json();
    expect(rewarded.items.length).toBeGreaterThan(5);
    // The demo car owner is one of the KOLs: the app shows their referrals.
    const card = (
      await env.app.inject({
        url: `/api/v1/staff/customers?q=${summary.customerPhone}`,
        headers: s.headers,
      })
    ).json().items[0];
    const mine = (
      await env.app.inject({
        url: `/api/v1/staff/customers/${card.id}/referrals`,
        headers: s.headers,
      })
    ).json();
    expect(mine.referrals.length).toBeGreaterThan(0);
  });
});
