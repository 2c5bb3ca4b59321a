// The due-list evaluation on generated tenants (PostgreSQL): the full set-based recompute of
// every car of every tenant (automation/due.service.ts `refreshTenantDue`, as the application
// role under row-level security, one transaction per tenant), against one hand-written SQL
// scan of the same tables in the same run (the ratio); then one car recomputed on an event
// (`recomputeVehicleDue`) and the owner's "report mileage → due list" path, p50/p95/p99.
//
//   node bench/due.ts [--tenants 100] [--customers-per-tenant 800] [--events 300] [--seed 42]
//
// The tenants (codes due-00001 …) are generated on first use with bench/generate.ts and reused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/db/database.ts';
import { withTenant } from '../apps/server/src/db/tenant-scope.ts';
import { systemClock } from '../apps/server/src/kernel/clock.ts';
import type { Ctx } from '../apps/server/src/kernel/context.ts';
import { createLogger } from '../apps/server/src/kernel/logger.ts';
import {
  recomputeVehicleDue,
  refreshTenantDue,
  vehicleDue,
} from '../apps/server/src/modules/automation/index.ts';
import { recordOdometer } from '../apps/server/src/modules/vehicles/index.ts';
import { hashPassword } from '../apps/server/src/modules/identity/index.ts';
import { DEMO_PASSWORD } from '../apps/server/src/modules/demo/seed.ts';
import { finishLoad, generate, slugsTaken } from './generate.ts';
import {
  benchDatabaseUrl,
  checkOwnerConnection,
  connect,
  deadline,
  fmt,
  intOption,
} from './lib/db.ts';
import { createRandom } from '../apps/server/src/kernel/random.ts';
import { summarize } from './lib/stats.ts';

const USAGE = `node bench/due.ts [options]
  --tenants N                tenants (default 100; generated on first use, prefix "due")
  --customers-per-tenant N   customers per tenant (default 800, ~1.2 cars each)
  --events N                 single-car recomputes measured (default 300)
  --seed N                   seed (default 42)
  --database-url URL         default BENCH_DATABASE_URL, then DATABASE_URL (127.0.0.1 only)
  --max-seconds N            stop after N seconds whatever happens (default 3600)`;

const SLUG_PREFIX = 'due';

async function ensureTenants(client: pg.Client, tenants: number, perTenant: number, seed: number) {
  const taken = await slugsTaken(client, SLUG_PREFIX);
  if (!taken) {
    console.log(`generating ${tenants} tenants × ${perTenant} customers (once; reused later)…`);
    const r = await generate(
      [client],
      {
        tenants,
        customersPerTenant: perTenant,
        seed,
        now: new Date('2026-11-01T04:00:00Z'),
        slugPrefix: SLUG_PREFIX,
        chunkSize: 2000,
        batchRows: 250_000,
        fkChecks: false,
        connections: 1,
      },
      await hashPassword(DEMO_PASSWORD),
    );
    await finishLoad(client);
    console.log(`  ${fmt(r.totalRows)} rows in ${r.seconds.toFixed(0)} s`);
  }
  const { rows } = await client.query<{ tenant_id: string; cars: number }>(
    `select t.tenant_id, (select count(*)::int from vehicles v where v.tenant_id = t.tenant_id) cars
     from tenants t where t.slug like $1 order by t.slug`,
    [`${SLUG_PREFIX}-%`],
  );
  if (rows.length !== tenants)
    throw new Error(
      `found ${rows.length} "${SLUG_PREFIX}" tenants, not ${tenants}: use --tenants ${rows.length}`,
    );
  return rows;
}

/** The hand-written scan: per car, its readings and its last finished service, in one statement. */
const BASELINE = `
  with r as (
    select vehicle_id, count(*) n, max(mileage_km) km, max(read_at) at
    from odometer_readings where tenant_id = any($1::uuid[]) group by vehicle_id
  ), d as (
    select so.vehicle_id, i.category, max(coalesce(so.completed_at, so.opened_at)) last_done
    from service_orders so
    join service_order_items i on i.tenant_id = so.tenant_id and i.order_id = so.id
    where so.tenant_id = any($1::uuid[]) and so.status in ('completed', 'paid', 'closed')
    group by so.vehicle_id, i.category
  )
  select count(*)::int as rows from vehicles v
  left join r on r.vehicle_id = v.id
  left join d on d.vehicle_id = v.id
  where v.tenant_id = any($1::uuid[])`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tenants: { type: 'string', default: '100' },
      'customers-per-tenant': { type: 'string', default: '800' },
      events: { type: 'string', default: '300' },
      seed: { type: 'string', default: '42' },
      'database-url': { type: 'string' },
      'max-seconds': { type: 'string', default: '3600' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const int = intOption;
  const tenantCount = int('tenants', values.tenants, 1);
  const perTenant = int('customers-per-tenant', values['customers-per-tenant'], 1);
  const events = int('events', values.events, 1);
  const seed = int('seed', values.seed, 0);
  deadline(int('max-seconds', values['max-seconds'], 1), 'due');

  const url = benchDatabaseUrl(values['database-url']);
  const client = await connect(url);
  const database = await openDatabase(
    loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', DATABASE_POOL_SIZE: '2' }),
  );
  const log = createLogger('silent');
  const ctxFor = (tenantId: string, tx: Ctx['tx']): Ctx => ({
    tenantId,
    actor: { type: 'system', id: null },
    tx,
    clock: systemClock,
    locale: 'zh-CN',
    requestId: null,
    log,
  });
  try {
    await checkOwnerConnection(client);
    const tenants = await ensureTenants(client, tenantCount, perTenant, seed);
    const cars = tenants.reduce((n, t) => n + t.cars, 0);
    await client.query('analyze');
    const ids = tenants.map((t) => t.tenant_id);
    const { rows: readings } = await client.query<{ n: number }>(
      `select count(*)::int n from odometer_readings where tenant_id = any($1::uuid[])`,
      [ids],
    );
    console.log(
      `${tenantCount} tenants, ${fmt(cars)} cars, ${fmt(readings[0]!.n)} odometer readings; load average ${os.loadavg()[0]!.toFixed(1)}`,
    );

    // Baseline first and last, so a cache warmed by either side is shared; the mean is used.
    const scan = async () => {
      const t = performance.now();
      await client.query(BASELINE, [ids]);
      return (performance.now() - t) / 1000;
    };
    const full = async () => {
      const t = performance.now();
      let items = 0;
      for (const tenant of tenants)
        items += (
          await withTenant(database.db, tenant.tenant_id, (tx) =>
            refreshTenantDue(ctxFor(tenant.tenant_id, tx)),
          )
        ).items;
      return { seconds: (performance.now() - t) / 1000, items };
    };
    const base1 = await scan();
    const first = await full(); // the first materialisation (inserts)
    await client.query('analyze vehicle_due_items, vehicle_mileage_estimates');
    const second = await full(); // a nightly rerun (upserts of unchanged rows)
    const base2 = await scan();
    const baseline = (base1 + base2) / 2;
    const perMillion = (s: number) => (s / cars) * 1_000_000;
    console.log(
      `\nfull evaluation (every car of ${tenantCount} tenants, set-based, one tx per tenant):`,
    );
    console.log(
      `  first run  ${first.seconds.toFixed(1)} s (${fmt(cars / first.seconds)} cars/s, ${fmt(first.items)} due items) → ${perMillion(first.seconds).toFixed(0)} s per 1,000,000 cars`,
    );
    console.log(
      `  rerun      ${second.seconds.toFixed(1)} s (${fmt(cars / second.seconds)} cars/s) → ${perMillion(second.seconds).toFixed(0)} s per 1,000,000 cars`,
    );
    console.log(
      `  hand-written SQL scan of the same tables: ${baseline.toFixed(1)} s (${base1.toFixed(1)} / ${base2.toFixed(1)})`,
    );
    console.log(`  ratio rerun / scan: ${(second.seconds / baseline).toFixed(2)}`);

    // What the daily evaluation reads: every tenant's items due now, from the materialised
    // table (one indexed statement per tenant, as the application role).
    const scanDue = async () => {
      const t = performance.now();
      let due = 0;
      for (const tenant of tenants)
        due += await withTenant(database.db, tenant.tenant_id, async (tx) => {
          const r = (await tx.execute(
            sql`select count(*)::int as n from vehicle_due_items i
                where i.tenant_id = ${tenant.tenant_id}::uuid
                  and i.due_date <= (now() at time zone 'Asia/Shanghai')::date + i.lead_days`,
          )) as unknown as { rows: { n: number }[] };
          return Number(r.rows[0]!.n);
        });
      return { seconds: (performance.now() - t) / 1000, due };
    };
    const dueScan = await scanDue();
    console.log(
      `  items due now, all tenants, from the materialised table: ${dueScan.seconds.toFixed(2)} s (${fmt(dueScan.due)} items) → ${perMillion(dueScan.seconds).toFixed(1)} s per 1,000,000 cars`,
    );

    // One car on an event, and the owner's report → due list in one request.
    const rnd = createRandom(seed);
    const { rows: sample } = await client.query<{
      tenant_id: string;
      id: string;
      km: number | null;
    }>(
      `select v.tenant_id, v.id, (select max(o.mileage_km) from odometer_readings o
              where o.tenant_id = v.tenant_id and o.vehicle_id = v.id) km
       from vehicles v where v.tenant_id = any($1::uuid[]) order by v.id`,
      [ids],
    );
    const pick = () => sample[rnd.int(0, sample.length - 1)]!;
    const recompute: number[] = [];
    const report: number[] = [];
    for (let i = 0; i < events + 20; i++) {
      const car = pick();
      let t = performance.now();
      await withTenant(database.db, car.tenant_id, (tx) =>
        recomputeVehicleDue(ctxFor(car.tenant_id, tx), car.id),
      );
      if (i >= 20) recompute.push(performance.now() - t);
      t = performance.now();
      await withTenant(database.db, car.tenant_id, async (tx) => {
        const ctx = ctxFor(car.tenant_id, tx);
        await recordOdometer(ctx, {
          vehicleId: car.id,
          mileageKm: (car.km ?? 0) + 3000,
          source: 'owner',
          confirmRollback: true,
        });
        car.km = (car.km ?? 0) + 3000;
        await vehicleDue(ctx, car.id);
      });
      if (i >= 20) report.push(performance.now() - t);
    }
    const r1 = summarize(recompute);
    const r2 = summarize(report);
    const f = (n: number) => n.toFixed(1);
    console.log(`\none car (${events} events, random cars):`);
    console.log(
      `  recomputeVehicleDue          p50 ${f(r1.p50)}  p95 ${f(r1.p95)}  p99 ${f(r1.p99)} ms (goal < 50 ms)`,
    );
    console.log(
      `  report mileage + read list   p50 ${f(r2.p50)}  p95 ${f(r2.p95)}  p99 ${f(r2.p99)} ms`,
    );

    const out = path.join(import.meta.dirname, 'out');
    fs.mkdirSync(out, { recursive: true });
    const file = path.join(out, `due-${Date.now()}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          tenants: tenantCount,
          cars,
          loadAverage: os.loadavg(),
          full: { first, second, baselineSeconds: baseline },
          dueScan,
          recompute: r1,
          reportAndRead: r2,
        },
        null,
        2,
      ),
    );
    console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
  } finally {
    await client.end();
    await database.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
