// The demo tenant's campaign: a finished win-back campaign with a hold-out whose report shows a
// conversion lift, and a saved segment (deterministic from the demo seed and clock). Seeded at
// 03:00 business time, inside quiet hours: the campaign of three weeks ago is still sent.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { createLogger } from '../../kernel/logger.ts';
import { createTestEnv, fixedClock, signInStaff, type TestEnv } from '../../testing/harness.ts';
import { seedDemo } from '../demo/seed.ts';

/** Its own tenant: test files share one PostgreSQL database. */
const SLUG = `demo-${Math.random().toString(36).slice(2, 10)}`;

let env: TestEnv;
/** 03:00 in Asia/Shanghai (the demo business), inside the default quiet hours 21:00–08:00. */
const clock = fixedClock(new Date('2026-11-17T19:00:00Z'));

beforeAll(async () => {
  env = await createTestEnv({ clock });
  await seedDemo({
    db: env.database.db,
    log: createLogger('silent'),
    clock,
    customers: 400,
    slug: SLUG,
  });
});
afterAll(async () => {
  await env?.close();
});

it('the demo campaign is finished, its accounting adds up and the hold-out shows a lift', async () => {
  const [tenant] = await queryRows<{ tenant_id: string }>(
    env.database.adminDb,
    sql`select tenant_id from tenants where slug = ${SLUG}`,
  );
  expect(tenant).toBeDefined();
  const owner = await signInStaff(env.app, SLUG, 'owner@demo.liuke.dev', 'Liuke@2026');
  const list = (
    await env.app.inject({ method: 'GET', url: '/api/v1/staff/campaigns', headers: owner.headers })
  ).json();
  const campaign = list.items.find((c: { name: string }) => c.name === '老客回店礼（演示）');
  expect(campaign).toMatchObject({ status: 'completed', holdoutPercent: 20 });
  const a = campaign.accounting;
  expect(a.heldOut).toBeGreaterThan(0);
  expect(a.heldOut + a.pending + a.sent + a.suppressed + a.failed).toBe(a.targeted);
  expect(a.sent).toBeGreaterThan(0);
  expect(a.pending).toBe(0);
  const report = (
    await env.app.inject({
      method: 'GET',
      url: `/api/v1/staff/campaigns/${campaign.id}/report`,
      headers: owner.headers,
    })
  ).json();
  expect(report.converted).toBeGreaterThan(0);
  expect(report.opened).toBeGreaterThan(0);
  expect(report.opened).toBeLessThan(a.sent);
  const segments = (
    await env.app.inject({ method: 'GET', url: '/api/v1/staff/segments', headers: owner.headers })
  ).json();
  expect(segments.items.map((s: { name: string }) => s.name)).toContain('半年未到店的老客户');
  // The lift reads right: treated recipients who were sent the message convert more often than
  // the hold-out, and the report's rates agree.
  const byGroup = Object.fromEntries(
    report.groups.map((g: { group: string; converted: number; targeted: number }) => [g.group, g]),
  );
  const treated = (byGroup.A?.converted ?? 0) + (byGroup.B?.converted ?? 0);
  const treatedN = (byGroup.A?.targeted ?? 0) + (byGroup.B?.targeted ?? 0);
  expect(treated / treatedN).toBeGreaterThan(byGroup.holdout.converted / byGroup.holdout.targeted);
  expect(report.lift).toBeGreaterThan(0);
  // The messages went out three weeks ago at 10:00 business time, not now.
  const [sent] = await queryRows<{ at: string }>(
    env.database.adminDb,
    sql`select min(i.created_at)::text as at from message_intents i
        join campaign_recipients r on r.tenant_id = i.tenant_id and r.intent_id = i.id
        where r.campaign_id = ${campaign.id}::uuid`,
  );
  expect(new Date(sent!.at).toISOString()).toBe('2026-10-28T02:00:00.000Z');
});
