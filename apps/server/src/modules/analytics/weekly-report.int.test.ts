// The weekly report against a real database: a demo tenant (three years of history up to the
// clock), the job run on a Monday morning in Shanghai — one e-mail per owner with two PNG charts
// and last week's figures as the panels and a hand-written statement count them; a second run
// in the same week sends nothing; the signed link stops next week's report; a forged one is
// refused.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { withTenant } from '../../db/tenant-scope.ts';
import { fixedClock } from '../../kernel/clock.ts';
import { createLogger } from '../../kernel/logger.ts';
import { createTestEnv, signInStaff, type Session, type TestEnv } from '../../testing/harness.ts';
import { DEMO_PASSWORD, seedDemo } from '../demo/index.ts';
import { resolveTenantBySlug } from '../tenancy/index.ts';
import type { MessageAttachment } from '../../channels/port.ts';
import { runWeeklyReports, weekFigures } from './weekly-report.ts';

// Monday 15 June 2026, 09:00 in Shanghai.
const clock = fixedClock(new Date('2026-06-15T01:00:00Z'));
const SLUG = `wr-${Date.now().toString(36)}`;
const PUBLIC = 'https://liuke.example.com';
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
let env: TestEnv;
let tenantId: string;
let owner: Session;
let ownerLogin: string;
const log = createLogger('warn');

const q = <T extends object>(s: ReturnType<typeof sql>) =>
  env.inTenant(tenantId, (ctx) => queryRows<T>(ctx.tx, s));
const run = () =>
  // This file's tenant only: the other files' tenants share the database in CI.
  runWeeklyReports({ database: env.database, clock, log, publicUrl: PUBLIC }, [tenantId]).then(() =>
    q<{ id: string; recipient: string; subject: string; body: string; attachments: unknown }>(
      sql`select m.id, m.recipient, m.subject, m.body, m.attachments from recorded_messages m
          where m.channel = 'email' and m.subject like '%经营周报%' order by m.created_at, m.id`,
    ),
  );

beforeAll(async () => {
  env = await createTestEnv({ clock });
  const summary = await seedDemo({ db: env.database.db, log, clock, customers: 40, slug: SLUG });
  tenantId = (await withTenant(env.database.db, '00000000-0000-0000-0000-000000000000', (tx) =>
    resolveTenantBySlug(tx, SLUG),
  ))!.tenant_id;
  ownerLogin = summary.staffSignIns.find((s) => s.role === 'owner')!.login;
  owner = await signInStaff(env.app, SLUG, ownerLogin, DEMO_PASSWORD);
}, 600_000);
afterAll(() => env.close());

async function panelHeadline(id: string, from: string, to: string, key: string) {
  const res = await env.app.inject({
    url: `/api/v1/staff/analytics/panels/${id}?from=${from}&to=${to}`,
    headers: owner.headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().headline.find((h: { key: string }) => h.key === key).value as number | null;
}

let mails: Awaited<ReturnType<typeof run>> = [];

describe('the weekly report', () => {
  it('mails each owner last week’s figures and two PNG charts', async () => {
    mails = await run();
    const owners = await q<{ email: string }>(
      sql`select s.email from staff_users s where s.role = 'owner' and s.status = 'active' and s.email is not null`,
    );
    expect(owners.length).toBeGreaterThan(0);
    expect(mails.map((m) => m.recipient).sort()).toEqual(owners.map((o) => o.email).sort());
    for (const m of mails) {
      const files = m.attachments as MessageAttachment[];
      expect(files.map((f) => f.filename)).toEqual(['revenue.png', 'channels.png']);
      for (const f of files) {
        const bytes = Buffer.from(f.contentBase64, 'base64');
        expect([...bytes.subarray(0, 8)]).toEqual(PNG);
        expect(bytes.length).toBeGreaterThan(5_000);
      }
      expect(m.subject).toContain('2026-06-08 – 2026-06-14');
    }
  });

  it('reports the figures the panels and a hand-written statement give for both weeks', async () => {
    const [last, before] = await env.inTenant(tenantId, async (ctx) => [
      await weekFigures(ctx, '2026-06-08', '2026-06-15'),
      await weekFigures(ctx, '2026-06-01', '2026-06-15'),
    ]);
    for (const w of [last!, before!]) {
      const [e] = await q<{ active: number; fen: string; fresh: number }>(sql`
        with v as (select coalesce(c.merged_into_id, c.id) as cid,
            (coalesce(o.paid_at, o.closed_at, o.opened_at) at time zone 'Asia/Shanghai')::date as day,
            coalesce(o.paid_fen, o.total_fen - o.discount_fen) as fen
          from service_orders o join customers c on c.tenant_id = o.tenant_id and c.id = o.customer_id
          where o.status in ('paid', 'closed') and coalesce(o.paid_at, o.closed_at, o.opened_at) <= now()),
        f as (select cid, min(day) as first from v group by cid)
        select count(distinct v.cid)::int as active, coalesce(sum(v.fen), 0)::text as fen,
          count(distinct v.cid) filter (where f.first between ${w.from}::date and ${w.to}::date)::int as fresh
        from v join f using (cid) where v.day between ${w.from}::date and ${w.to}::date`);
      expect([w.activeCustomers, w.revenueFen, w.newCustomers]).toEqual([
        e!.active,
        Number(e!.fen),
        e!.fresh,
      ]);
      expect(w.dailyRevenueFen.reduce((s, x) => s + x, 0)).toBe(w.revenueFen);
      expect(w.nps).toBe(await panelHeadline('nps', w.from, w.to, 'nps'));
      expect(w.conversions).toBe(await panelHeadline('channel-cost', w.from, w.to, 'converted'));
    }
    expect(last!.activeCustomers + before!.activeCustomers).toBeGreaterThan(0);
    const body = mails[0]!.body;
    expect(body).toContain(`活跃客户 Active customers: ${last!.activeCustomers} `);
    expect(body).toContain(`新客户 New customers: ${last!.newCustomers} `);
    expect(body).toContain(
      `营业额 Revenue: ¥${(last!.revenueFen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })} `,
    );
  });

  it('sends nothing more in the same week', async () => {
    clock.set(new Date('2026-06-17T06:00:00Z'));
    expect(await run()).toHaveLength(mails.length);
  });

  it('refuses a forged or mangled unsubscribe link with a stable code', async () => {
    const link = mails[0]!.body.match(/unsubscribe\/([A-Za-z0-9_-]+)/)![1]!;
    const bytes = Buffer.from(link, 'base64url');
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    for (const token of [bytes.toString('base64url'), 'not-a-token']) {
      const res = await env.app.inject({
        url: `/api/v1/public/analytics/weekly-report/unsubscribe/${token}`,
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('ANALYTICS_UNSUBSCRIBE_INVALID');
    }
    const [s] = await q<{ on: string }>(sql`select weekly_report as on from analytics_settings`);
    expect(s!.on).toBe('on');
  });

  it('stops next week’s report by the link, and sends it again once switched back on', async () => {
    const url = mails[0]!.body.match(/https:\/\/\S+\/unsubscribe\/[A-Za-z0-9_-]+/)![0]!;
    expect(url.startsWith(`${PUBLIC}/api/v1/public/analytics/weekly-report/unsubscribe/`)).toBe(
      true,
    );
    const res = await env.app.inject({ url: url.slice(PUBLIC.length) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('已退订经营周报');
    expect(res.body).toContain('Weekly report stopped');
    clock.set(new Date('2026-06-22T02:00:00Z'));
    expect(await run()).toHaveLength(mails.length);
    // A week later the session has lapsed: the owner signs in again to switch the report on.
    owner = await signInStaff(env.app, SLUG, ownerLogin, DEMO_PASSWORD);
    const on = await env.app.inject({
      method: 'PUT',
      url: '/api/v1/staff/analytics/settings',
      headers: owner.headers,
      payload: { weeklyReport: 'on' },
    });
    expect(on.statusCode, on.body).toBe(200);
    const after = await run();
    expect(after.length).toBe(mails.length * 2);
    expect(after.at(-1)!.subject).toContain('2026-06-15 – 2026-06-21');
  });
});
