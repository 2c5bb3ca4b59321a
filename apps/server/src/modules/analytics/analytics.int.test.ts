// The dashboards against a real database: a demo tenant with three years of generated history
// plus a second store whose few customers have known answers (a payment at 00:30 local on the
// first of a month, a refund, a cancellation, two records merged into one); every figure of the
// panels is compared with a hand-written statement over the raw tables, and the filters' errors.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../kernel/clock.ts';
import { newId } from '../../kernel/ids.ts';
import { createLogger } from '../../kernel/logger.ts';
import { createTestEnv, signInStaff, type Session, type TestEnv } from '../../testing/harness.ts';
import { mergeCustomers } from '../customers/index.ts';
import { insertMessageHistory, type PastMessage } from '../messaging/index.ts';
import { DEMO_PASSWORD, seedDemo } from '../demo/index.ts';
import { resolveTenantBySlug } from '../tenancy/index.ts';
import { withTenant } from '../../db/tenant-scope.ts';
import { rebuildTenant, runRollups } from './analytics.jobs.ts';
import { markOrderDayDirty } from './analytics.events.ts';
import { rebuildRollups } from './rollup-runs.ts';

const clock = fixedClock(new Date('2026-06-15T04:00:00Z'));
const SLUG = `an-${Date.now().toString(36)}`;
let env: TestEnv;
let tenantId: string;
let owner: Session;
let store2: string;
const ids: Record<string, string> = {};

type Answer = {
  rows: Record<string, string | number | null>[];
  columns: { key: string; title: string; format: string }[];
  chart: {
    series: { key: string; data: (number | null)[] }[];
    categories: string[];
    cells: [number, number, number | null][] | null;
  };
  headline: { key: string; value: number | null }[];
  segments: { name: string; filter: unknown }[] | null;
};

async function panel(id: string, query: Record<string, string> = {}) {
  const qs = new URLSearchParams(query).toString();
  return env.app.inject({
    url: `/api/v1/staff/analytics/panels/${id}?${qs}`,
    headers: owner.headers,
  });
}
async function answer(id: string, query: Record<string, string> = {}): Promise<Answer> {
  const res = await panel(id, query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const q = <T extends object>(s: ReturnType<typeof sql>) =>
  env.inTenant(tenantId, (ctx) => queryRows<T>(ctx.tx, s));

/** An order of the second store for a customer, paid (or not) at an instant. */
async function order(customer: string, status: string, at: string, fen: number) {
  const id = newId();
  await q(sql`insert into service_orders (tenant_id, id, number, store_id, customer_id, vehicle_id,
      status, total_fen, paid_fen, opened_at, paid_at, refunded_at, cancelled_at)
    values (${tenantId}::uuid, ${id}::uuid, ${`T2-${id.slice(-8)}`}, ${store2}::uuid, ${customer}::uuid,
      ${ids[`car:${customer}`]!}::uuid, ${status}, ${fen}, ${status === 'cancelled' ? null : fen},
      ${at}::timestamptz, ${status === 'cancelled' ? null : at}::timestamptz,
      ${status === 'refunded' ? at : null}::timestamptz, ${status === 'cancelled' ? at : null}::timestamptz)`);
  return id;
}

async function customer(key: string) {
  const id = newId();
  const phone = `+86139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  await q(sql`insert into customers (tenant_id, id, name, phone, phone_digits, home_store_id, created_at, updated_at)
    values (${tenantId}::uuid, ${id}::uuid, ${key}, ${phone}, ${phone.slice(1)}, ${store2}::uuid, now(), now())`);
  const car = newId();
  await q(
    sql`insert into vehicles (tenant_id, id, customer_id) values (${tenantId}::uuid, ${car}::uuid, ${id}::uuid)`,
  );
  ids[key] = id;
  ids[`car:${id}`] = car;
  return id;
}

beforeAll(async () => {
  env = await createTestEnv({ clock });
  const log = createLogger('warn');
  const summary = await seedDemo({ db: env.database.db, log, clock, customers: 40, slug: SLUG });
  tenantId = (await withTenant(env.database.db, '00000000-0000-0000-0000-000000000000', (tx) =>
    resolveTenantBySlug(tx, SLUG),
  ))!.tenant_id;
  const login = summary.staffSignIns.find((s) => s.role === 'owner')!.login;
  owner = await signInStaff(env.app, SLUG, login, DEMO_PASSWORD);
  store2 = newId();
  await q(
    sql`insert into stores (tenant_id, id, code, name) values (${tenantId}::uuid, ${store2}::uuid, 'T2', '测试二店')`,
  );
  const [p, qq, a, b] = [
    await customer('P'),
    await customer('Q'),
    await customer('A'),
    await customer('B'),
  ];
  // P: paid at 00:30 on 1 February in Shanghai (still 31 January in UTC), back on 1 May.
  await order(p, 'paid', '2026-01-31T16:30:00Z', 10_000);
  await order(p, 'closed', '2026-05-01T02:00:00Z', 15_000);
  // Q: one paid visit in February; a refunded and a cancelled order in March count for nothing.
  await order(qq, 'paid', '2026-02-10T02:00:00Z', 20_000);
  await order(qq, 'refunded', '2026-03-05T02:00:00Z', 5_000);
  await order(qq, 'cancelled', '2026-03-06T02:00:00Z', 7_000);
  // A and B are one person: A came in February, B in April; B is merged into A.
  await order(a, 'paid', '2026-02-20T02:00:00Z', 30_000);
  await order(b, 'paid', '2026-04-02T02:00:00Z', 40_000);
  await env.inTenant(tenantId, (ctx) => mergeCustomers(ctx, { survivorId: a, duplicateId: b }));
  await env.inTenant(tenantId, (ctx) => rebuildRollups(ctx));
}, 600_000);
afterAll(() => env.close());

const S2 = () => ({ storeId: store2, from: '2026-01-01', to: '2026-06-15' });
const col = (a: Answer, key: string) => a.rows.map((r) => r[key]);

describe('the second store: figures known by hand', () => {
  it('counts new and returning customers in the local month, without refunds, cancellations or the merged record', async () => {
    const a = await answer('new-returning', S2());
    expect(col(a, 'month')).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    expect(col(a, 'active')).toEqual([0, 3, 0, 1, 1, 0]);
    expect(col(a, 'fresh')).toEqual([0, 3, 0, 0, 0, 0]);
    expect(col(a, 'returning')).toEqual([0, 0, 0, 1, 1, 0]);
    expect(col(a, 'revenueFen')).toEqual([0, 60_000, 0, 40_000, 15_000, 0]);
    expect(a.chart.series.find((s) => s.key === 'fresh')!.data).toEqual(col(a, 'fresh'));
  });

  it('counts customers active at each month end (today for this month)', async () => {
    const a = await answer('active-customers', S2());
    expect(col(a, 'd90')).toEqual([0, 3, 3, 3, 2, 2]);
    expect(col(a, 'd365')).toEqual([0, 3, 3, 3, 3, 3]);
  });

  it('answers the return rate and the cohort triangle of February', async () => {
    const r = await answer('return-rate', S2());
    expect(r.rows[1]).toMatchObject({ month: '2026-02', fresh: 3, returned: 2 });
    expect(r.rows[1]!.rate).toBeCloseTo(2 / 3);
    const c = await answer('cohort-retention', S2());
    const feb = c.rows.find((x) => x.cohort === '2026-02')!;
    expect(feb).toMatchObject({ customers: 3, M0: 1, M1: 0, M4: 0, M5: null });
    expect(feb.M2).toBeCloseTo(1 / 3);
    expect(feb.M3).toBeCloseTo(1 / 3);
  });

  it('writes the same figures into the CSV, with a BOM, in yuan', async () => {
    const res = await env.app.inject({
      url: `/api/v1/staff/analytics/panels/new-returning/csv?${new URLSearchParams(S2())}`,
      headers: owner.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    const lines = res.body.slice(1).trim().split('\n');
    expect(lines[0]).toContain('新客');
    expect(lines[2]).toBe('2026-02,3,3,0,3,600.00');
  });
});

describe('every store: figures against hand-written statements', () => {
  const visits = sql`select coalesce(c.merged_into_id, c.id) as cid, o.store_id,
      (coalesce(o.paid_at, o.closed_at, o.opened_at) at time zone 'Asia/Shanghai')::date as day,
      coalesce(o.paid_fen, o.total_fen - o.discount_fen) as fen
    from service_orders o join customers c on c.tenant_id = o.tenant_id and c.id = o.customer_id
    where o.status in ('paid', 'closed')`;
  const period = { from: '2024-07-01', to: '2026-06-15' };

  it('new, returning and revenue per month', async () => {
    const expected = await q<{ m: string; active: number; fresh: number; fen: string }>(sql`
      with v as (${visits}), f as (select cid, min(day) as first from v group by cid)
      select to_char(v.day, 'YYYY-MM') as m, count(distinct v.cid)::int as active,
        count(distinct v.cid) filter (where to_char(f.first, 'YYYY-MM') = to_char(v.day, 'YYYY-MM'))::int as fresh,
        sum(v.fen)::text as fen
      from v join f using (cid) where v.day >= '2024-07-01' group by 1 order by 1`);
    const a = await answer('new-returning', period);
    const got = a.rows.filter((r) => Number(r.active) > 0);
    expect(got.map((r) => [r.month, r.active, r.fresh, r.revenueFen])).toEqual(
      expected.map((e) => [e.m, e.active, e.fresh, Number(e.fen)]),
    );
    expect(expected.length).toBeGreaterThan(18);
  });

  it('active customers at each month end', async () => {
    const expected = await q<{ m: string; d90: number; d365: number }>(sql`
      with v as (${visits}), e as (
        select to_char(g, 'YYYY-MM') as m,
          least((g + interval '1 month - 1 day')::date, '2026-06-15'::date) as e
        from generate_series('2024-07-01'::date, '2026-06-01'::date, interval '1 month') g)
      select e.m,
        (select count(distinct v.cid) from v where v.day <= e.e and v.day > e.e - 90)::int as d90,
        (select count(distinct v.cid) from v where v.day <= e.e and v.day > e.e - 365)::int as d365
      from e order by 1`);
    const a = await answer('active-customers', period);
    expect(a.rows.map((r) => [r.month, r.d90, r.d365])).toEqual(
      expected.map((e) => [e.m, e.d90, e.d365]),
    );
  });

  it('cohort cells and the due-adjusted split', async () => {
    const expected = await q<{
      cohort: string;
      n: number;
      m1: number;
      returned: number;
      nyd: number;
    }>(sql`
      with v as (${visits}), f as (select cid, min(day) as first from v group by cid),
      due as (select coalesce(c.merged_into_id, c.id) as cid, min(d.due_date) as next_due
        from vehicle_due_items d join customers c on c.tenant_id = d.tenant_id and c.id = d.customer_id
        where d.kind = 'maintenance' group by 1)
      select to_char(f.first, 'YYYY-MM') as cohort, count(*)::int as n,
        count(*) filter (where exists (select 1 from v where v.cid = f.cid
          and date_trunc('month', v.day) = date_trunc('month', f.first) + interval '1 month'))::int as m1,
        count(*) filter (where exists (select 1 from v where v.cid = f.cid and v.day > f.first))::int as returned,
        count(*) filter (where not exists (select 1 from v where v.cid = f.cid and v.day > f.first)
          and due.next_due > '2026-06-15')::int as nyd
      from f left join due on due.cid = f.cid
      where f.first >= '2024-07-01' group by 1 order by 1`);
    const c = await answer('cohort-retention', period);
    const d = await answer('due-adjusted-retention', period);
    for (const e of expected) {
      const row = c.rows.find((r) => r.cohort === e.cohort)!;
      expect(row.customers).toBe(e.n);
      if (row.M1 !== null) expect(Number(row.M1) * e.n).toBeCloseTo(e.m1, 6);
      expect(d.rows.find((r) => r.cohort === e.cohort)).toMatchObject({
        customers: e.n,
        returned: e.returned,
        notYetDue: e.nyd,
        lost: e.n - e.returned - e.nyd,
      });
    }
    expect(expected.reduce((s, e) => s + e.nyd, 0)).toBeGreaterThan(0);
  });

  it('the RFM grid, each cell a segment of the same customers', async () => {
    const expected = await q<{ r: number; f: number; n: number; spend: string }>(sql`
      select s.rfm_r as r, s.rfm_f as f, count(*)::int as n, sum(s.spend_fen)::text as spend
      from customer_stats s where s.rfm_r > 0 group by 1, 2`);
    const a = await answer('rfm-grid');
    expect(a.rows).toHaveLength(25);
    for (const e of expected)
      expect(a.rows.find((r) => r.r === e.r && r.f === e.f)).toMatchObject({
        customers: e.n,
        spendFen: Number(e.spend),
      });
    const i = a.rows.findIndex((r) => Number(r.customers) > 0);
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/segments/preview',
      headers: owner.headers,
      payload: { filter: a.segments![i]!.filter },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().count).toBe(a.rows[i]!.customers);
  });

  it('points and stored-value liability at each month end', async () => {
    for (const [id, kinds] of [
      ['points-liability', ['points_available', 'points_pending']],
      ['stored-value-liability', ['stored_value_principal', 'stored_value_bonus']],
    ] as const) {
      const [total] = await q<{
        n: string;
      }>(sql`select coalesce(sum(e.amount), 0)::text as n from ledger_entries e
        join ledger_accounts a on a.tenant_id = e.tenant_id and a.id = e.account_id
        where a.owner_customer_id is not null and a.kind in (${kinds[0]}, ${kinds[1]})`);
      const [balance] = await q<{
        n: string;
      }>(sql`select coalesce(sum(a.balance), 0)::text as n from ledger_accounts a
        where a.owner_customer_id is not null and a.kind in (${kinds[0]}, ${kinds[1]})`);
      const a = await answer(id, period);
      expect(a.rows.at(-1)!.outstanding).toBe(Number(total!.n));
      expect(Number(balance!.n)).toBe(Number(total!.n));
      expect(a.headline.find((h) => h.key === 'outstanding')!.value).toBe(Number(total!.n));
    }
    const p = await answer('points-liability', period);
    expect(p.rows.reduce((s, r) => s + Number(r.issued), 0)).toBeGreaterThan(0);
  });

  it('campaign conversion and lift agree with the campaign report', async () => {
    const a = await answer('campaign-lift', { from: '2026-01-01', to: '2026-06-15' });
    expect(a.rows.length).toBeGreaterThan(0);
    const list = (
      await env.app.inject({ url: '/api/v1/staff/campaigns', headers: owner.headers })
    ).json();
    for (const c of list.items.filter((x: { launchedAt: string | null }) => x.launchedAt)) {
      const rep = (
        await env.app.inject({
          url: `/api/v1/staff/campaigns/${c.id}/report`,
          headers: owner.headers,
        })
      ).json();
      const row = a.rows.find((r) => r.campaign === c.name)!;
      expect(row).toMatchObject({
        converted: rep.converted,
        opened: rep.opened,
        revenueFen: rep.revenueFen,
      });
      expect(row.rate).toBe(rep.conversionRate);
      if (row.lift !== null) {
        expect(Number(row.liftLow)).toBeLessThanOrEqual(Number(row.lift));
        expect(Number(row.liftHigh)).toBeGreaterThanOrEqual(Number(row.lift));
      }
    }
  });
});

describe('community and content', () => {
  it('counts club writing, event sign-ups and check-ins, and readers by local month', async () => {
    // A post at 00:30 on 1 March in Shanghai (29 February… 28 February in UTC) is March's.
    const [club] = await q<{ id: string }>(sql`select id from clubs order by created_at limit 1`);
    expect(club).toBeTruthy();
    await q(sql`insert into club_posts (tenant_id, id, club_id, author_customer_id, body, created_at)
      values (${tenantId}::uuid, ${newId()}::uuid, ${club!.id}::uuid, ${ids.P!}::uuid,
        '三月第一帖', '2026-02-28T16:30:00Z')`);
    const period = { from: '2025-07-01', to: '2026-06-15' };
    const zone = 'Asia/Shanghai';
    const month = (col: string) => sql.raw(`to_char(${col} at time zone '${zone}', 'YYYY-MM')`);
    const inPeriod = (col: string) =>
      sql.raw(`${col} >= '2025-06-30T16:00:00Z' and ${col} < '2026-06-15T16:00:00Z'`);
    const expected = await q<{
      m: string;
      posts: number;
      comments: number;
      likes: number;
      signups: number;
      check_ins: number;
      readers: number;
      opened: number;
      finished: number;
    }>(sql`
      with m as (select to_char(g, 'YYYY-MM') as m
                 from generate_series('2025-07-01'::date, '2026-06-01'::date, interval '1 month') g)
      select m.m,
        (select count(*) from club_posts where ${month('created_at')} = m.m and ${inPeriod('created_at')})::int as posts,
        (select count(*) from club_comments where ${month('created_at')} = m.m and ${inPeriod('created_at')})::int as comments,
        (select count(*) from club_likes where ${month('created_at')} = m.m and ${inPeriod('created_at')})::int as likes,
        (select count(*) from event_signups where ${month('created_at')} = m.m and ${inPeriod('created_at')})::int as signups,
        (select count(*) from event_signups s join community_events e on e.tenant_id = s.tenant_id and e.id = s.event_id
          where e.status = 'published' and ${month('s.checked_in_at')} = m.m and ${inPeriod('s.checked_in_at')})::int as check_ins,
        (select count(distinct customer_id) from reading_events where ${month('occurred_at')} = m.m and ${inPeriod('occurred_at')})::int as readers,
        (select count(*) from reading_events where event = 'opened' and ${month('occurred_at')} = m.m and ${inPeriod('occurred_at')})::int as opened,
        (select count(*) from reading_events where event = 'finished' and ${month('occurred_at')} = m.m and ${inPeriod('occurred_at')})::int as finished
      from m order by 1`);
    const a = await answer('community', period);
    expect(
      a.rows.map((r) => [
        r.month,
        r.posts,
        r.comments,
        r.likes,
        r.signups,
        r.checkIns,
        r.readers,
        r.opened,
        r.finished,
      ]),
    ).toEqual(
      expected.map((e) => [
        e.m,
        e.posts,
        e.comments,
        e.likes,
        e.signups,
        e.check_ins,
        e.readers,
        e.opened,
        e.finished,
      ]),
    );
    const march = a.rows.find((r) => r.month === '2026-03')!;
    expect(Number(march.posts)).toBeGreaterThanOrEqual(1);
    // The demo's community is lived in: something in each kind over the year.
    for (const k of ['posts', 'comments', 'signups', 'checkIns', 'readers'])
      expect(
        a.rows.reduce((s, r) => s + Number(r[k]), 0),
        k,
      ).toBeGreaterThan(0);
    expect(a.headline.find((h) => h.key === 'posts')!.value).toBe(
      expected.reduce((s, e) => s + e.posts, 0),
    );
  });
});

describe('cost per conversion per channel', () => {
  const sent = (
    key: string,
    source: 'rule' | 'campaign' | 'system',
    channel: 'sms' | 'email',
    at: string,
    body: string,
  ): PastMessage => ({
    customerId: ids[key]!,
    templateKey: 'marketing.campaign',
    data: {},
    purpose: 'marketing',
    priority: 'marketing',
    dedupeKey: `cost:${key}:${at}`,
    channel,
    address: channel === 'sms' ? '+8613900000000' : 'p@example.com',
    body,
    sentAt: new Date(at),
    outcome: 'delivered',
    source: { type: source, id: null },
  });
  let intents: string[] = [];

  beforeAll(async () => {
    intents = await env.inTenant(tenantId, (ctx) =>
      insertMessageHistory(ctx, [
        // 00:30 on 1 February in Shanghai (31 January in UTC): a February SMS of 71 characters.
        sent('P', 'rule', 'sms', '2026-01-31T16:30:00Z', '一'.repeat(71)),
        sent('Q', 'campaign', 'sms', '2026-02-10T02:00:00Z', '二'.repeat(20)),
        // 00:30 on 1 March in Shanghai: a March e-mail.
        sent('Q', 'rule', 'email', '2026-02-28T16:30:00Z', 'Hello'),
        // Not from a reminder or a campaign: not counted.
        sent('P', 'system', 'sms', '2026-02-12T02:00:00Z', '三'),
      ]),
    );
    // The February reminder converted: P paid within its window.
    const rule = newId();
    const send = newId();
    await q(sql`insert into reminder_rules (tenant_id, id, key, trigger, lead_days, template_key, stop_conditions)
      values (${tenantId}::uuid, ${rule}::uuid, 'cost_test', 'maintenance', 7, 'reminder.maintenance', '{}')`);
    await q(sql`insert into reminder_sends (tenant_id, id, rule_id, subject_type, subject_id, cycle_key,
        customer_id, run_date, data, status, intent_id)
      values (${tenantId}::uuid, ${send}::uuid, ${rule}::uuid, 'customer', ${ids.P!}::uuid, 'cost:1',
        ${ids.P!}::uuid, '2026-02-01', '{}', 'queued', ${intents[0]!}::uuid)`);
    await q(sql`insert into reminder_attributions (tenant_id, id, rule_id, send_id, customer_id, kind,
        reference_id, revenue_fen, converted_at)
      values (${tenantId}::uuid, ${newId()}::uuid, ${rule}::uuid, ${send}::uuid, ${ids.P!}::uuid, 'order',
        ${newId()}::uuid, 12300, '2026-02-03T02:00:00Z')`);
    const res = await env.app.inject({
      method: 'PUT',
      url: '/api/v1/staff/analytics/settings',
      headers: owner.headers,
      payload: { smsSegmentFen: 5, emailFen: 3, wechatFen: 1, pushFen: 2 },
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  const byKey = (a: Answer) => Object.fromEntries(a.rows.map((r) => [r.key, r]));

  it('counts the second store’s messages, SMS segments and conversions by local day', async () => {
    const feb = byKey(
      await answer('channel-cost', { storeId: store2, from: '2026-02-01', to: '2026-02-28' }),
    );
    expect(feb.sms).toMatchObject({
      sent: 2,
      segments: 3,
      costFen: 15,
      converted: 1,
      revenueFen: 12_300,
      costPerConversionFen: 15,
    });
    expect(feb.email).toMatchObject({ sent: 0, costFen: 0, converted: 0 });
    const jan = byKey(
      await answer('channel-cost', { storeId: store2, from: '2026-01-01', to: '2026-01-31' }),
    );
    expect(jan.sms).toMatchObject({ sent: 0, costFen: 0, costPerConversionFen: null });
    const mar = await answer('channel-cost', {
      storeId: store2,
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(byKey(mar).email).toMatchObject({
      sent: 1,
      costFen: 3,
      converted: 0,
      costPerConversionFen: null,
    });
    expect(mar.headline.find((h) => h.key === 'costPerConversionFen')!.value).toBeNull();
  });

  it('agrees with a hand-written statement over every store', async () => {
    const period = { from: '2025-07-01', to: '2026-06-15' };
    const expected = await q<{
      channel: string;
      sent: number;
      units: number;
      converted: number;
    }>(sql`
      with d as (
        select d.channel, d.intent_id, d.created_at, d.id,
          case when d.channel = 'sms' then greatest(1, ceil(char_length(coalesce(d.body, '')) / 70.0)) else 1 end as units
        from message_deliveries d join message_intents i on i.id = d.intent_id
        where i.source_type in ('rule', 'campaign') and d.status in ('sent', 'delivered', 'opened', 'clicked')
      ), last as (
        select distinct on (intent_id) intent_id, channel from d order by intent_id, created_at desc, id desc
      ), c as (
        select rs.intent_id from reminder_attributions a join reminder_sends rs on rs.id = a.send_id
        where (a.converted_at at time zone 'Asia/Shanghai')::date between '2025-07-01' and '2026-06-15'
        union all
        select min(r.intent_id::text)::uuid from campaign_attributions a
        join campaign_recipients r using (tenant_id, campaign_id, run_no, customer_id)
        where not a.held_out group by a.campaign_id, a.run_no, a.customer_id
        having (min(a.converted_at) at time zone 'Asia/Shanghai')::date between '2025-07-01' and '2026-06-15'
      )
      select ch as channel,
        (select count(*) from d where d.channel = ch
          and (d.created_at at time zone 'Asia/Shanghai')::date between '2025-07-01' and '2026-06-15')::int as sent,
        (select coalesce(sum(units), 0) from d where d.channel = ch
          and (d.created_at at time zone 'Asia/Shanghai')::date between '2025-07-01' and '2026-06-15')::int as units,
        (select count(*) from c join last using (intent_id) where last.channel = ch)::int as converted
      from unnest(array['sms', 'wechat', 'email', 'webpush', 'inapp']) ch`);
    const a = await answer('channel-cost', period);
    const cost = { sms: 5, wechat: 1, email: 3, webpush: 2, inapp: 0 } as Record<string, number>;
    expect(
      a.rows.map((r) => [r.key, r.sent, r.costFen, r.converted, r.costPerConversionFen]),
    ).toEqual(
      expected.map((e) => [
        e.channel,
        e.sent,
        e.units * cost[e.channel]!,
        e.converted,
        e.converted ? (e.units * cost[e.channel]!) / e.converted : null,
      ]),
    );
    // The second store's two SMS and its converted reminder at least, beside whatever the demo's
    // customers got by SMS (the demo picks channels by a hash of each customer's random id).
    const sms = expected.find((e) => e.channel === 'sms')!;
    expect(sms.sent).toBeGreaterThanOrEqual(2);
    expect(sms.converted).toBeGreaterThanOrEqual(1);
    const csv = await env.app.inject({
      url: `/api/v1/staff/analytics/panels/channel-cost/csv?${new URLSearchParams(period)}`,
      headers: owner.headers,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    expect(csv.body.split('\n')).toHaveLength(1 + 5 + 1);
  });
});

describe('filters', () => {
  const code = async (query: Record<string, string>, id = 'new-returning') => {
    const res = await panel(id, query);
    return [res.statusCode, res.json().error?.code, res.json().error?.field];
  };
  it('refuses a period that ends before it starts, one too long, a comparison of another length', async () => {
    expect(await code({ from: '2026-03-01', to: '2026-02-01' })).toEqual([
      422,
      'ANALYTICS_PERIOD_INVALID',
      'to',
    ]);
    expect(await code({ from: '2006-01-01', to: '2026-01-01' })).toEqual([
      422,
      'ANALYTICS_PERIOD_TOO_LONG',
      'from',
    ]);
    expect(
      await code({
        from: '2026-03-01',
        to: '2026-03-31',
        compareFrom: '2026-02-01',
        compareTo: '2026-02-28',
      }),
    ).toEqual([422, 'ANALYTICS_COMPARE_INVALID', 'compareTo']);
    expect(await code({ from: '2026-03-01', to: '2026-03-31', compareFrom: '2026-02-01' })).toEqual(
      [422, 'ANALYTICS_COMPARE_INVALID', 'compareTo'],
    );
    expect(await code({ from: 'yesterday' })).toEqual([400, 'VALIDATION_FAILED', 'from']);
  });
  it('refuses an unknown store, another tenant’s store and an unknown panel', async () => {
    expect(await code({ storeId: newId() })).toEqual([422, 'ANALYTICS_STORE_UNKNOWN', 'storeId']);
    const other = await env.createTenant();
    expect(await code({ storeId: other.storeId })).toEqual([
      422,
      'ANALYTICS_STORE_UNKNOWN',
      'storeId',
    ]);
    expect((await panel('no-such-panel')).statusCode).toBe(404);
  });
  it('answers the comparison period beside the period', async () => {
    const a = await answer('new-returning', {
      storeId: store2,
      from: '2026-02-01',
      to: '2026-02-28',
      compareFrom: '2026-04-01',
      compareTo: '2026-04-28',
    });
    expect(a.rows.map((r) => r.active)).toEqual([3]);
    expect((a as unknown as { comparison: Answer }).comparison.rows.map((r) => r.active)).toEqual([
      1,
    ]);
  });
});

describe('rollups kept by the job', () => {
  it('rebuilds a tenant whose day was marked dirty by a late payment', async () => {
    const late = await order(ids.Q!, 'paid', '2026-03-20T02:00:00Z', 9_000);
    await markOrderDayDirty(
      {
        id: newId(),
        tenantId,
        type: 'serviceOrder.paid',
        version: 1,
        aggregateId: late,
        payload: { orderId: late },
        occurredAt: clock.now().toISOString(),
      },
      { db: env.database.db },
    );
    const [dirty] = await q<{ day: string }>(
      sql`select d.day::text as day from analytics_dirty_days d`,
    );
    expect(dirty!.day).toBe('2026-03-20');
    const before = await answer('new-returning', S2());
    expect(before.rows[2]!.active).toBe(0);
    expect(
      await runRollups({ database: env.database, clock, log: createLogger('warn') }, [tenantId]),
    ).toBe(1);
    const after = await answer('new-returning', S2());
    expect(after.rows[2]).toMatchObject({
      month: '2026-03',
      active: 1,
      returning: 1,
      revenueFen: 9_000,
    });
    expect(await q(sql`select 1 from analytics_dirty_days`)).toHaveLength(0);
    // Nothing stale any more: a second run rebuilds nothing.
    expect(
      await runRollups({ database: env.database, clock, log: createLogger('warn') }, [tenantId]),
    ).toBe(0);
  });

  const deps = () => ({ database: env.database, clock, log: createLogger('warn') });
  const markDirty = (orderId: string) =>
    markOrderDayDirty(
      {
        id: newId(),
        tenantId,
        type: 'serviceOrder.paid',
        version: 1,
        aggregateId: orderId,
        payload: { orderId },
        occurredAt: clock.now().toISOString(),
      },
      { db: env.database.db },
    );
  /** Every cell but the active grid's zero rows (a whole build writes the grid from its first month). */
  const cells = () =>
    q<Record<string, string>>(
      sql`select c.kind, c.store_key::text as store_key, c.k1, c.k2,
            concat_ws(',', c.v1, c.v2, c.v3, c.v4, c.v5, c.v6, c.v7, c.v8) as v
          from analytics_cells c
          where not (c.kind = 'active' and c.v1 = 0)
          order by 1, 2, 3, 4`,
    );

  it('a run for the dirty days only leaves the cells a whole build of the same data makes', async () => {
    const c = await customer('C');
    const changed = [
      // a new customer's first visit, a new first visit before P's first, a visit of the merged
      // survivor, on days of their own and on one already counted
      await order(c, 'paid', '2026-01-10T02:00:00Z', 12_000),
      await order(ids.P!, 'paid', '2026-01-05T02:00:00Z', 8_000),
      await order(ids.A!, 'paid', '2026-05-20T02:00:00Z', 6_000),
      await order(c, 'paid', '2026-02-10T05:00:00Z', 3_000),
    ];
    // …and Q's February visit refunded.
    const [refunded] = await q<{ id: string }>(
      sql`update service_orders set status = 'refunded', refunded_at = now()
          where customer_id = ${ids.Q!}::uuid and paid_at = '2026-02-10T02:00:00Z' returning id`,
    );
    for (const id of [...changed, refunded!.id]) await markDirty(id);
    const result = await rebuildTenant(deps(), tenantId);
    expect(result.mode).toBe('days');
    expect(result.visits).toBeGreaterThanOrEqual(4); // the four dirty days' paid orders (and the demo's)
    const byDays = await cells();
    expect(byDays.length).toBeGreaterThan(20);
    const s2 = await answer('new-returning', S2());
    expect(s2.rows[0]).toMatchObject({ month: '2026-01', active: 2, revenueFen: 20_000 });
    await env.inTenant(tenantId, (ctx) => rebuildRollups(ctx));
    expect(await cells()).toEqual(byDays);
  });

  it('dirty days on a tenant not built today are one whole build, in the same run', async () => {
    const late = await order(ids.C!, 'paid', '2026-03-03T02:00:00Z', 4_000);
    await markDirty(late);
    await q(
      sql`update analytics_builds set as_of = '2026-06-14' where tenant_id = ${tenantId}::uuid`,
    );
    const result = await rebuildTenant(deps(), tenantId);
    expect(result.mode).toBe('build');
    const [build] = await q<{ as_of: string }>(
      sql`select b.as_of::text as as_of from analytics_builds b where b.tenant_id = ${tenantId}::uuid`,
    );
    expect(build!.as_of).toBe('2026-06-15');
    expect(await q(sql`select 1 from analytics_dirty_days`)).toHaveLength(0);
  });

  it('more than a month of dirty days is one whole build', async () => {
    await q(sql`insert into analytics_dirty_days (tenant_id, day, marked_at)
      select ${tenantId}::uuid, d::date, now()
      from generate_series('2026-01-01'::date, '2026-02-15'::date, interval '1 day') d`);
    const result = await rebuildTenant(deps(), tenantId);
    expect(result.mode).toBe('build');
    expect(await q(sql`select 1 from analytics_dirty_days`)).toHaveLength(0);
  });
});
