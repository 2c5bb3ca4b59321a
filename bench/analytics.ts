// Dashboards on a large generated tenant (PostgreSQL): the application's own path — every panel
// of a dashboard answered by modules/analytics (`panelAnswer`, inside `withTenant` as the
// application role under row-level security, from the rollups) — against, in the same run and
// alternating which goes first, hand-written statements computing the customers dashboard's
// figures straight from the orders (active customers at each month end, new and returning per
// month, the cohorts' sizes). The active counts must agree. Fill the rollups first with
// --rebuild (the hourly job's statements; also the customer statistics the RFM grid reads with
// --refresh-stats). See BENCHMARKS.md.
//
//   node bench/generate.ts --tenants 1 --customers-per-tenant 1000000 --slug-prefix abig
//   node bench/analytics.ts --slug abig-00001 --refresh-stats --rebuild
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/db/database.ts';
import { withTenant } from '../apps/server/src/db/tenant-scope.ts';
import { fixedClock } from '../apps/server/src/kernel/clock.ts';
import type { Ctx } from '../apps/server/src/kernel/context.ts';
import { createLogger } from '../apps/server/src/kernel/logger.ts';
import {
  listDashboards,
  panelAnswer,
  rebuildTenant,
} from '../apps/server/src/modules/analytics/index.ts';
import { refreshCustomerStats } from '../apps/server/src/modules/customer-stats/index.ts';
import { benchDatabaseUrl, checkOwnerConnection, connect, deadline, fmt } from './lib/db.ts';
import { summarize } from './lib/stats.ts';

const USAGE = `node bench/analytics.ts [options]
  --slug S               tenant code (default abig-00001, made by bench/generate.ts)
  --runs N               measured answers per dashboard and side (default 5, after 1 warm-up)
  --now ISO              "now" (default 2026-11-01T04:00:00Z, the generator's)
  --refresh-stats        first refresh the tenant's customer statistics (for the RFM grid)
  --rebuild              first rebuild the tenant's rollups (the hourly job) and time it
  --late-days N          then mark the N latest days with orders dirty (late data), time the
                         run for those days only, and check it leaves every cell as it was
  --database-url URL     default BENCH_DATABASE_URL, then DATABASE_URL (127.0.0.1 only)
  --max-seconds N        stop after N seconds whatever happens (default 3600)`;

/** The customers dashboard's figures by hand, from the orders ($1 tenant, $2 first month, $3 today). */
const HAND = `
  with v as (
    select coalesce(c.merged_into_id, c.id) as cid,
      (coalesce(o.paid_at, o.closed_at, o.opened_at) at time zone t.timezone)::date as day,
      coalesce(o.paid_fen, o.total_fen - o.discount_fen) as fen
    from service_orders o
    join customers c on c.tenant_id = o.tenant_id and c.id = o.customer_id
    join tenants t on t.tenant_id = o.tenant_id
    where o.tenant_id = $1 and o.status in ('paid', 'closed')
  ), f as (select cid, min(day) as first from v group by cid),
  e as (select g::date as m, least((g + interval '1 month - 1 day')::date, $3::date) as e
        from generate_series($2::date, date_trunc('month', $3::date), interval '1 month') g),
  active as (
    select e.m, count(distinct v.cid) filter (where v.day > e.e - 90) as d90,
      count(distinct v.cid) filter (where v.day > e.e - 180) as d180,
      count(distinct v.cid) as d365
    from e join v on v.day <= e.e and v.day > e.e - 365 group by e.m
  ), months as (
    select date_trunc('month', v.day)::date as m, count(distinct v.cid) as customers,
      count(distinct v.cid) filter (where date_trunc('month', f.first) = date_trunc('month', v.day)) as fresh,
      sum(v.fen) as revenue
    from v join f using (cid) where v.day >= $2::date group by 1
  ), cohorts as (
    select date_trunc('month', f.first)::date as m, count(*) as size from f where f.first >= $2::date group by 1
  )
  select to_char(a.m, 'YYYY-MM') as month, a.d90::int, a.d180::int, a.d365::int,
    m.customers::int, m.fresh::int, m.revenue::bigint, c.size::int
  from active a left join months m on m.m = a.m left join cohorts c on c.m = a.m order by a.m`;

async function main() {
  const { values } = parseArgs({
    options: {
      slug: { type: 'string', default: 'abig-00001' },
      runs: { type: 'string', default: '5' },
      now: { type: 'string', default: '2026-11-01T04:00:00Z' },
      'refresh-stats': { type: 'boolean', default: false },
      rebuild: { type: 'boolean', default: false },
      'late-days': { type: 'string' },
      'database-url': { type: 'string' },
      'max-seconds': { type: 'string', default: '3600' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  deadline(Number(values['max-seconds']), 'bench/analytics.ts');
  const url = benchDatabaseUrl(values['database-url']);
  const runs = Number(values.runs);
  const now = new Date(values.now!);
  const client = await connect(url);
  await checkOwnerConnection(client);
  const found = await client.query<{ tenant_id: string; today: string }>(
    `select tenant_id, to_char(($2::timestamptz at time zone timezone)::date, 'YYYY-MM-DD') as today
     from tenants where slug = $1`,
    [values.slug, now.toISOString()],
  );
  const tenantId = found.rows[0]?.tenant_id;
  const today = found.rows[0]?.today ?? '';
  if (!tenantId) throw new Error(`no tenant ${values.slug}: generate it first (see the header)`);
  const size = (
    await client.query<{ customers: string; orders: string }>(
      `select (select count(*) from customers where tenant_id = $1) as customers,
              (select count(*) from service_orders where tenant_id = $1) as orders`,
      [tenantId],
    )
  ).rows[0]!;
  console.log(
    `tenant ${values.slug}: ${fmt(Number(size.customers))} customers, ${fmt(Number(size.orders))} orders`,
  );
  const database = await openDatabase(
    loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', DATABASE_POOL_SIZE: '2' }),
  );
  const log = createLogger('silent');
  const clock = fixedClock(now);
  const deps = { database, clock, log };
  if (values['refresh-stats']) {
    const t0 = performance.now();
    await refreshCustomerStats(deps, { tenantIds: [tenantId] });
    console.log(`customer statistics: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const lateDays = Number(values['late-days'] ?? 0);
  let rebuildSeconds: number | null = null;
  let lateSeconds: number | null = null;
  if (values.rebuild) {
    const t0 = performance.now();
    const r = await rebuildTenant(deps, tenantId);
    rebuildSeconds = (performance.now() - t0) / 1000;
    console.log(
      `rollup rebuild: ${rebuildSeconds.toFixed(1)} s, ${fmt(r.visits)} paid visits, ${fmt(r.cells)} cells`,
    );
  }
  if (lateDays > 0) lateSeconds = await lateRun(client, deps, tenantId, lateDays);
  const ctxFor = (tx: Ctx['tx']): Ctx => ({
    tenantId,
    actor: { type: 'system', id: null },
    tx,
    clock,
    locale: 'zh-CN',
    requestId: null,
    log,
  });
  const from = `${Number(today.slice(0, 4)) - 1}-${today.slice(5, 7)}-01`;
  const firstMonth = from;
  const period = { from, to: today };
  const { dashboards } = await withTenant(database.db, tenantId, (tx) =>
    listDashboards(ctxFor(tx)),
  );
  const answerDashboard = async (key: string) => {
    const d = dashboards.find((x) => x.key === key)!;
    const t0 = performance.now();
    const answers = await withTenant(database.db, tenantId, async (tx) => {
      const out = [];
      for (const p of d.panels) out.push(await panelAnswer(ctxFor(tx), p.id, period));
      return out;
    });
    return { answers, ms: performance.now() - t0 };
  };
  const hand = async () => {
    const t0 = performance.now();
    const r = await client.query<{ month: string; d90: number }>(HAND, [
      tenantId,
      firstMonth,
      today,
    ]);
    return { rows: r.rows, ms: performance.now() - t0 };
  };

  const results = [];
  for (const key of dashboards.map((d) => d.key)) {
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const first = i % 2 === 0;
      const x = first ? await answerDashboard(key) : await hand();
      const y = first ? await hand() : await answerDashboard(key);
      const app = (first ? x : y) as Awaited<ReturnType<typeof answerDashboard>>;
      const h = (first ? y : x) as Awaited<ReturnType<typeof hand>>;
      if (key === 'customers') {
        const active = app.answers.find((p) => p.id === 'active-customers')!;
        const got = active.rows.map((r) => `${r.month}:${r.d90}`).join(',');
        const want = h.rows.map((r) => `${r.month}:${r.d90}`).join(',');
        if (got !== want) throw new Error(`active customers differ:\n app  ${got}\n hand ${want}`);
      }
      if (i >= 1) {
        a.push(app.ms);
        b.push(h.ms);
      }
    }
    const sa = summarize(a);
    const sb = summarize(b);
    results.push({ dashboard: key, app: sa, hand: sb, ratio: sa.p50 / sb.p50 });
    console.log(
      `${key.padEnd(10)} app median ${sa.p50.toFixed(0)} ms (p95 ${sa.p95.toFixed(0)}) · hand-written ${sb.p50.toFixed(0)} ms · ratio ${(sa.p50 / sb.p50).toFixed(3)}`,
    );
  }
  const load = os.loadavg()[0]!.toFixed(1);
  console.log(`load average ${load}`);
  const out = path.join(import.meta.dirname, 'out');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(
    path.join(out, 'analytics.json'),
    JSON.stringify(
      { slug: values.slug, size, rebuildSeconds, lateDays, lateSeconds, load, results },
      null,
      2,
    ),
  );
  await client.end();
  await database.close();
}

/** The cells of the tenant as text, to compare before and after a run for dirty days. */
async function cellsText(client: pg.Client, tenantId: string): Promise<string> {
  const r = await client.query<{ t: string }>(
    `select string_agg(concat_ws(',', kind, store_key, k1, k2, v1, v2, v3, v4, v5, v6, v7, v8), ';'
       order by kind, store_key, k1, k2) as t
     from analytics_cells where tenant_id = $1 and not (kind = 'active' and v1 = 0)`,
    [tenantId],
  );
  return r.rows[0]?.t ?? '';
}

/** Marks the latest `n` days with paid visits dirty, times the hourly run for them (which must
 *  take the dirty-days path) and checks that it changed no cell (the data did not change). */
async function lateRun(
  client: pg.Client,
  deps: Parameters<typeof rebuildTenant>[0],
  tenantId: string,
  n: number,
): Promise<number> {
  const before = await cellsText(client, tenantId);
  await client.query(
    `insert into analytics_dirty_days (tenant_id, day, marked_at)
     select $1, v.day, now() from (select distinct day from analytics_visits where tenant_id = $1
       order by day desc limit $2) v
     on conflict (tenant_id, day) do update set marked_at = excluded.marked_at`,
    [tenantId, n],
  );
  const t0 = performance.now();
  const r = await rebuildTenant(deps, tenantId);
  const seconds = (performance.now() - t0) / 1000;
  if (r.mode !== 'days') throw new Error(`the run took the ${r.mode} path, not the dirty days'`);
  if ((await cellsText(client, tenantId)) !== before)
    throw new Error('the run for dirty days changed cells although no data changed');
  console.log(
    `run for ${n} dirty days: ${seconds.toFixed(1)} s, ${fmt(r.visits)} paid visits on them, cells unchanged`,
  );
  return seconds;
}

await main();
