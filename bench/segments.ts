// Segment counts on a large generated tenant (PostgreSQL): the application's own path — the
// filter checked and compiled by modules/segments (one parameterised statement) and counted by
// `countMembers` inside `withTenant`, as the application role under row-level security — and, in
// the same run, alternating which goes first, a hand-written SQL count of the same customers sent
// straight through `pg` as the owner. Both must give the same count. The application reads
// visits, last visit, spend and RFM from customer_stats (modules/customer-stats): fill it first
// with --refresh-stats (the nightly refresh's statement, also the backfill); the hand-written
// side aggregates the orders. See BENCHMARKS.md.
//
//   node bench/generate.ts --tenants 1 --customers-per-tenant 1000000 --slug-prefix segbench
//   node bench/segments.ts [--slug segbench-00001] [--runs 15] [--explain] [--refresh-stats]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/db/database.ts';
import { withTenant } from '../apps/server/src/db/tenant-scope.ts';
import { fixedClock } from '../apps/server/src/kernel/clock.ts';
import type { Ctx } from '../apps/server/src/kernel/context.ts';
import { createLogger } from '../apps/server/src/kernel/logger.ts';
import {
  countMembers,
  previewSegment,
  type SegmentNode,
} from '../apps/server/src/modules/segments/index.ts';
import { refreshCustomerStats } from '../apps/server/src/modules/customer-stats/index.ts';
import { analyzeStaleTables } from '../apps/server/src/db/maintenance.ts';
import { benchDatabaseUrl, checkOwnerConnection, connect, deadline, fmt } from './lib/db.ts';
import { summarize } from './lib/stats.ts';

const USAGE = `node bench/segments.ts [options]
  --slug S               tenant code (default segbench-00001, made by bench/generate.ts)
  --runs N               measured counts per filter and side (default 15, after 2 warm-ups)
  --now ISO              "now" of relative dates (default 2026-11-01T04:00:00Z, the generator's)
  --explain              print EXPLAIN ANALYZE of the application's statement per filter
  --refresh-stats        first refresh the tenant's customer statistics (the nightly job's
                         statement; the backfill after the migration), twice, and time it
  --database-url URL     default BENCH_DATABASE_URL, then DATABASE_URL (127.0.0.1 only)
  --max-seconds N        stop after N seconds whatever happens (default 1800)`;

interface Case {
  name: string;
  filter: SegmentNode;
  /** The same customers, written by hand ($1 tenant, $2 now). */
  baseline: string;
}

const CASES: Case[] = [
  {
    name: 'customer fields: female, birthday in Mar–May, created in 3 years',
    filter: {
      kind: 'and',
      children: [
        { kind: 'rule', field: 'customer.gender', op: 'eq', value: 'female' },
        { kind: 'rule', field: 'customer.birthdayMonth', op: 'in', value: [3, 4, 5] },
        { kind: 'rule', field: 'customer.createdAt', op: 'within_last_days', value: 1095 },
      ],
    },
    baseline: `select count(*) from customers c where c.tenant_id = $1 and c.merged_into_id is null
      and c.gender = 'female' and extract(month from c.birthday) in (3, 4, 5)
      and c.created_at >= $2::timestamptz - interval '1095 days'`,
  },
  {
    name: 'car: make in (丰田, 本田, 大众) OR electric',
    filter: {
      kind: 'or',
      children: [
        { kind: 'rule', field: 'vehicle.make', op: 'in', value: ['丰田', '本田', '大众'] },
        { kind: 'rule', field: 'vehicle.fuel', op: 'in', value: ['electric'] },
      ],
    },
    baseline: `select count(*) from customers c where c.tenant_id = $1 and c.merged_into_id is null
      and exists (select 1 from vehicles v where v.tenant_id = c.tenant_id and v.customer_id = c.id
                  and (v.make in ('丰田', '本田', '大众') or v.fuel_type = 'electric'))`,
  },
  {
    name: 'car age ≥ 10 years',
    filter: { kind: 'rule', field: 'vehicle.age', op: 'gte', value: 10 },
    baseline: `select count(*) from customers c where c.tenant_id = $1 and c.merged_into_id is null
      and exists (select 1 from vehicles v where v.tenant_id = c.tenant_id and v.customer_id = c.id
                  and extract(year from ($2::timestamptz at time zone (select t.timezone from tenants t where t.tenant_id = $1)))
                      - coalesce(v.year, extract(year from v.registration_date)) >= 10)`,
  },
  {
    name: 'win-back: last visit > 180 days ago AND NOT declined work in 90 days',
    filter: {
      kind: 'and',
      children: [
        { kind: 'rule', field: 'visit.last', op: 'more_than_days_ago', value: 180 },
        {
          kind: 'not',
          child: {
            kind: 'rule',
            field: 'service.declined',
            op: 'has_any',
            value: ['brakes', 'tyres', 'battery'],
            withinDays: 90,
          },
        },
      ],
    },
    baseline: `select count(*) from (
        select o.customer_id from service_orders o where o.tenant_id = $1 and o.status <> 'cancelled'
        group by o.customer_id having max(o.opened_at) < $2::timestamptz - interval '180 days') v
      join customers c on c.tenant_id = $1 and c.id = v.customer_id and c.merged_into_id is null
      where not exists (select 1 from declined_recommendations d join vehicles ve
                          on ve.tenant_id = d.tenant_id and ve.id = d.vehicle_id
                        where d.tenant_id = $1 and ve.customer_id = c.id
                          and d.created_at >= $2::timestamptz - interval '90 days'
                          and d.category in ('brakes', 'tyres', 'battery'))`,
  },
  {
    name: 'RFM score ≥ 12 (quintiles over all visits)',
    filter: { kind: 'rule', field: 'rfm.score', op: 'gte', value: 12 },
    baseline: `select count(*) from (
        select x.customer_id,
               ceil(5 * cume_dist() over (order by x.last_at)) + ceil(5 * cume_dist() over (order by x.n))
                 + ceil(5 * cume_dist() over (order by x.spend)) as score
        from (select o.customer_id, max(o.opened_at) as last_at, count(*) as n,
                     sum(case when o.status in ('paid', 'closed') then o.paid_fen else 0 end) as spend
              from service_orders o where o.tenant_id = $1 and o.status <> 'cancelled'
              group by o.customer_id) x) r
      join customers c on c.tenant_id = $1 and c.id = r.customer_id and c.merged_into_id is null
      where r.score >= 12`,
  },
];

async function main() {
  const { values } = parseArgs({
    options: {
      slug: { type: 'string', default: 'segbench-00001' },
      runs: { type: 'string', default: '15' },
      now: { type: 'string', default: '2026-11-01T04:00:00Z' },
      explain: { type: 'boolean', default: false },
      'refresh-stats': { type: 'boolean', default: false },
      'database-url': { type: 'string' },
      'max-seconds': { type: 'string', default: '1800' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  deadline(Number(values['max-seconds']), 'bench/segments.ts');
  const url = benchDatabaseUrl(values['database-url']);
  const runs = Number(values.runs);
  const now = new Date(values.now!);
  const client = await connect(url);
  await checkOwnerConnection(client);
  const found = await client.query<{ tenant_id: string }>(
    'select tenant_id from tenants where slug = $1',
    [values.slug],
  );
  const tenantId = found.rows[0]?.tenant_id;
  if (!tenantId) throw new Error(`no tenant ${values.slug}: generate it first (see the header)`);
  const sizes = await client.query<{ customers: string; vehicles: string; orders: string }>(
    `select (select count(*) from customers where tenant_id = $1) as customers,
            (select count(*) from vehicles where tenant_id = $1) as vehicles,
            (select count(*) from service_orders where tenant_id = $1) as orders`,
    [tenantId],
  );
  const size = sizes.rows[0]!;
  console.log(
    `tenant ${values.slug}: ${fmt(Number(size.customers))} customers, ${fmt(Number(size.vehicles))} cars, ${fmt(Number(size.orders))} orders`,
  );
  const database = await openDatabase(
    loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', DATABASE_POOL_SIZE: '2' }),
  );
  const log = createLogger('silent');
  const clock = fixedClock(now);
  if (values['refresh-stats']) {
    // The first run writes every row (the backfill); the second finds nothing changed.
    for (const pass of ['backfill', 'again']) {
      const t0 = performance.now();
      const r = await refreshCustomerStats({ database, clock, log }, { tenantIds: [tenantId] });
      const res = r.get(tenantId)!;
      console.log(
        `customer statistics ${pass}: ${((performance.now() - t0) / 1000).toFixed(1)} s, ${fmt(res.customers)} customers with a visit, ${fmt(res.written)} rows written, ${fmt(res.removed)} removed`,
      );
    }
    await client.query('vacuum analyze customer_stats');
  }
  // What the worker's hourly maintenance job does on a server without autovacuum (this machine's):
  // vacuum (the visibility map of index-only scans) and analyse every stale table. With
  // autovacuum on, the server does the same by itself.
  const m0 = performance.now();
  const maintained = await analyzeStaleTables(database, { force: true });
  console.log(
    `maintenance (vacuum/analyse of stale tables): ${maintained.length} tables, ${((performance.now() - m0) / 1000).toFixed(1)} s`,
  );
  const ctxFor = (tx: Ctx['tx']): Ctx => ({
    tenantId,
    actor: { type: 'system', id: null },
    tx,
    clock,
    locale: 'zh-CN',
    requestId: null,
    log,
  });
  const app = async (c: Case) => {
    const t0 = performance.now();
    const n = await withTenant(database.db, tenantId, (tx) => countMembers(ctxFor(tx), c.filter));
    return { n, ms: performance.now() - t0 };
  };
  // The console's live count while editing: the count and the first ten members.
  const preview = async (c: Case) => {
    const t0 = performance.now();
    const r = await withTenant(database.db, tenantId, (tx) => previewSegment(ctxFor(tx), c.filter));
    return { n: r.count, ms: performance.now() - t0 };
  };
  const hand = async (c: Case) => {
    const t0 = performance.now();
    const params = c.baseline.includes('$2') ? [tenantId, now.toISOString()] : [tenantId];
    const r = await client.query<{ count: string }>(c.baseline, params);
    return { n: Number(r.rows[0]!.count), ms: performance.now() - t0 };
  };

  const results = [];
  for (const c of CASES) {
    const a: number[] = [];
    const b: number[] = [];
    let counts: [number, number] = [0, 0];
    for (let i = 0; i < runs + 2; i++) {
      const first = i % 2 === 0;
      const x = first ? await app(c) : await hand(c);
      const y = first ? await hand(c) : await app(c);
      const ra = first ? x : y;
      const rb = first ? y : x;
      counts = [ra.n, rb.n];
      if (ra.n !== rb.n) throw new Error(`${c.name}: app counted ${ra.n}, hand-written ${rb.n}`);
      if (i >= 2) {
        a.push(ra.ms);
        b.push(rb.ms);
      }
    }
    const p: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const r = await preview(c);
      if (r.n !== counts[0])
        throw new Error(`${c.name}: preview counted ${r.n}, count ${counts[0]}`);
      if (i >= 1) p.push(r.ms);
    }
    const sp = summarize(p);
    const sa = summarize(a);
    const sb = summarize(b);
    const row = {
      name: c.name,
      count: counts[0],
      app: sa,
      sql: sb,
      preview: sp,
      ratio: sa.p50 / sb.p50,
    };
    results.push(row);
    console.log(
      `${c.name}\n  count ${fmt(row.count)}  app p50 ${sa.p50.toFixed(1)} ms (p95 ${sa.p95.toFixed(1)})  hand SQL p50 ${sb.p50.toFixed(1)} ms  ratio ${row.ratio.toFixed(2)}  preview (count + 10) p50 ${sp.p50.toFixed(1)} ms (p95 ${sp.p95.toFixed(1)})`,
    );
    if (values.explain) {
      await withTenant(database.db, tenantId, async (tx) => {
        const { membersSql } = await import('../apps/server/src/modules/segments/index.ts');
        const { sql } = await import('drizzle-orm');
        const members = await membersSql(ctxFor(tx), c.filter);
        const plan = (await tx.execute(
          sql`explain (analyze, buffers off) select count(*) from (${members}) s`,
        )) as unknown as { rows: { 'QUERY PLAN': string }[] };
        console.log(plan.rows.map((r) => `    ${r['QUERY PLAN']}`).join('\n'));
      });
    }
  }
  const out = path.join(import.meta.dirname, 'out');
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, `segments-${Date.now()}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({ slug: values.slug, size, runs, loadavg: os.loadavg(), results }, null, 2),
  );
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; summary in ${file}`,
  );
  await database.close();
  await client.end();
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
