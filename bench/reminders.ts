// The reminder rules' daily evaluation on generated tenants (PostgreSQL): every tenant's daily
// run (reminders/reminders.service.ts `runTenantDay`: one set-based statement per rule as the
// application role under row-level security, then the message intents in batches), against one
// hand-written SQL scan of the same tables in the same run (the ratio); a forced re-evaluation
// that finds nothing new (the steady cost of the statements); the next day's run; and one car
// re-evaluated on an event (`evaluateSubject`, and the whole mileage-event handler), p50/p95/p99.
//
//   node bench/reminders.ts [--tenants N] [--concurrency 2] [--events 300] [--seed 42]
//
// Tenants: those generated with `node bench/generate.ts --slug-prefix rem …` (see BENCHMARKS.md);
// their due-lists are materialised once (automation `refreshTenantDue`) if not yet.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase, type Database } from '../apps/server/src/db/database.ts';
import { withTenant } from '../apps/server/src/db/tenant-scope.ts';
import { fixedClock, type Clock } from '../apps/server/src/kernel/clock.ts';
import type { Ctx } from '../apps/server/src/kernel/context.ts';
import { createLogger } from '../apps/server/src/kernel/logger.ts';
import { refreshTenantDue } from '../apps/server/src/modules/automation/index.ts';
import { refreshCustomerStats } from '../apps/server/src/modules/customer-stats/index.ts';
import {
  evaluateSubject,
  handleReminderEvent,
  runTenantDay,
} from '../apps/server/src/modules/reminders/index.ts';
import { createRandom } from '../apps/server/src/kernel/random.ts';
import {
  benchDatabaseUrl,
  checkOwnerConnection,
  connect,
  deadline,
  fmt,
  intOption,
} from './lib/db.ts';
import { summarize } from './lib/stats.ts';

const USAGE = `node bench/reminders.ts [options]
  --tenants N          the first N "<prefix>-*" tenants (default: all of them)
  --slug-prefix P      tenant codes made by the generator (default rem)
  --concurrency N      tenants evaluated at once (default 2)
  --events N           single-car re-evaluations measured (default 300)
  --seed N             seed of the random cars (default 42)
  --now ISO            the run's clock (default: now)
  --database-url URL   default BENCH_DATABASE_URL, then DATABASE_URL (127.0.0.1 only)
  --events-only        skip the daily passes (measure one car on an event only)
  --max-seconds N      stop after N seconds whatever happens (default 3600)`;

const log = createLogger('silent');

function ctxFor(tenantId: string, tx: Ctx['tx'], clock: Clock): Ctx {
  return {
    tenantId,
    actor: { type: 'system', id: null },
    tx,
    clock,
    locale: 'zh-CN',
    requestId: null,
    log,
  };
}

/** The hand-written scan: the same tables the rules read, counted in one statement. */
const BASELINE = `
  select
    (select count(*) from vehicle_due_items i
       join vehicles v on v.tenant_id = i.tenant_id and v.id = i.vehicle_id
       join customers c on c.tenant_id = i.tenant_id and c.id = i.customer_id
       where i.tenant_id = any($1::uuid[]) and i.due_date <= $2::date + 30) as due,
    (select count(*) from customers c where c.tenant_id = any($1::uuid[]) and c.merged_into_id is null
       and to_char(c.birthday, 'MM-DD') = to_char($2::date, 'MM-DD')) as birthdays,
    (select count(*) from (select o.customer_id, max(o.opened_at) from service_orders o
       where o.tenant_id = any($1::uuid[]) and o.status <> 'cancelled' group by o.customer_id) x) as visits,
    (select count(*) from service_orders o where o.tenant_id = any($1::uuid[])
       and o.paid_at >= $2::date - 4) as paid,
    (select count(*) from declined_recommendations d where d.tenant_id = any($1::uuid[])
       and d.created_at >= $2::date - 44) as declined,
    (select count(*) from coupons cp where cp.tenant_id = any($1::uuid[]) and cp.status = 'issued') as coupons,
    (select count(*) from ledger_accounts a where a.tenant_id = any($1::uuid[])
       and a.kind in ('stored_value_principal', 'stored_value_bonus')) as wallets,
    (select count(*) from appointments a where a.tenant_id = any($1::uuid[]) and a.starts_at >= $2::date) as appointments`;

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

interface Pass {
  seconds: number;
  selectSeconds: number;
  dispatchSeconds: number;
  selected: number;
  queued: number;
}

async function dailyPass(
  database: Database,
  tenants: string[],
  clock: Clock,
  concurrency: number,
  force: boolean,
): Promise<Pass> {
  const t0 = performance.now();
  const out: Pass = { seconds: 0, selectSeconds: 0, dispatchSeconds: 0, selected: 0, queued: 0 };
  await pool(tenants, concurrency, async (tenantId) => {
    let last = performance.now();
    const r = await runTenantDay(
      (fn) => withTenant(database.db, tenantId, (tx) => fn(ctxFor(tenantId, tx, clock))),
      {
        afterStep: (s) => {
          const now = performance.now();
          if (s.kind === 'select') out.selectSeconds += (now - last) / 1000;
          else out.dispatchSeconds += (now - last) / 1000;
          last = now;
        },
      },
      force,
    );
    out.selected += r.selected;
    out.queued += r.queued;
  });
  out.seconds = (performance.now() - t0) / 1000;
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tenants: { type: 'string' },
      'slug-prefix': { type: 'string' },
      concurrency: { type: 'string', default: '2' },
      events: { type: 'string', default: '300' },
      seed: { type: 'string', default: '42' },
      now: { type: 'string' },
      'database-url': { type: 'string' },
      'max-seconds': { type: 'string', default: '3600' },
      'events-only': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const int = intOption;
  const concurrency = int('concurrency', values.concurrency, 1);
  const events = int('events', values.events, 1);
  const seed = int('seed', values.seed, 0);
  deadline(int('max-seconds', values['max-seconds'], 1), 'reminders');
  const now = values.now ? new Date(values.now) : new Date();
  const prefix = values['slug-prefix'] ?? 'rem';
  if (Number.isNaN(now.getTime())) throw new Error('--now must be an ISO instant');

  const url = benchDatabaseUrl(values['database-url']);
  const client = await connect(url);
  const database = await openDatabase(
    loadConfig({
      DATABASE_URL: url,
      LOG_LEVEL: 'silent',
      DATABASE_POOL_SIZE: String(concurrency + 1),
    }),
  );
  try {
    await checkOwnerConnection(client);
    const { rows: all } = await client.query<{ tenant_id: string; cars: number; due: boolean }>(
      `select t.tenant_id, (select count(*)::int from vehicles v where v.tenant_id = t.tenant_id) cars,
              exists (select 1 from due_fleet_stats s where s.tenant_id = t.tenant_id) due
       from tenants t where t.slug like $1 order by t.slug`,
      [`${prefix}-%`],
    );
    if (!all.length)
      throw new Error(
        `no "${prefix}-*" tenants: generate them first (node bench/generate.ts --slug-prefix ${prefix} …)`,
      );
    const tenants = values.tenants ? all.slice(0, int('tenants', values.tenants, 1)) : all;
    const ids = tenants.map((t) => t.tenant_id);
    const cars = tenants.reduce((n, t) => n + t.cars, 0);

    const missing = tenants.filter((t) => !t.due);
    if (missing.length) {
      console.log(`materialising the due-list of ${missing.length} tenants (automation, once)…`);
      const t = performance.now();
      await pool(missing, concurrency, async (tenant) => {
        await withTenant(database.db, tenant.tenant_id, (tx) =>
          refreshTenantDue(ctxFor(tenant.tenant_id, tx, fixedClock(now))),
        );
      });
      console.log(`  ${((performance.now() - t) / 1000).toFixed(0)} s`);
      await client.query('analyze vehicle_due_items, vehicle_mileage_estimates');
    }
    // Win-back reads the per-customer statistics: fill them where the generator's direct load
    // left none (what the worker's backfill job does after the migration).
    const { rows: noStats } = await client.query<{ tenant_id: string }>(
      `select t.tenant_id from tenants t where t.tenant_id = any($1::uuid[])
         and not exists (select 1 from customer_rfm_breaks b where b.tenant_id = t.tenant_id)`,
      [ids],
    );
    if (noStats.length) {
      console.log(`customer statistics of ${noStats.length} tenants (customer-stats, once)…`);
      const t = performance.now();
      await refreshCustomerStats(
        { database, clock: fixedClock(now), log },
        { tenantIds: noStats.map((r) => r.tenant_id) },
      );
      console.log(`  ${((performance.now() - t) / 1000).toFixed(0)} s`);
      await client.query('analyze customer_stats');
    }
    const eventsOnly = values['events-only'];
    // Start from no reminder history (each invocation measures the same work).
    if (!eventsOnly)
      await client.query(`delete from reminder_attributions where tenant_id = any($1::uuid[])`, [
        ids,
      ]);
    if (!eventsOnly) {
      await client.query(`delete from reminder_sends where tenant_id = any($1::uuid[])`, [ids]);
      await client.query(`delete from reminder_runs where tenant_id = any($1::uuid[])`, [ids]);
      await client.query(
        `delete from message_intents where tenant_id = any($1::uuid[]) and source_type = 'rule'`,
        [ids],
      );
      await client.query('analyze');
    }
    const { rows: sizes } = await client.query<{
      customers: number;
      items: number;
      orders: number;
    }>(
      `select (select count(*)::int from customers where tenant_id = any($1::uuid[])) customers,
              (select count(*)::int from vehicle_due_items where tenant_id = any($1::uuid[])) items,
              (select count(*)::int from service_orders where tenant_id = any($1::uuid[])) orders`,
      [ids],
    );
    console.log(
      `${tenants.length} tenants, ${fmt(sizes[0]!.customers)} customers, ${fmt(cars)} cars, ${fmt(sizes[0]!.items)} due items, ${fmt(sizes[0]!.orders)} orders; concurrency ${concurrency}; load average ${os.loadavg()[0]!.toFixed(1)}`,
    );

    const today = now.toISOString().slice(0, 10);
    const scan = async () => {
      const t = performance.now();
      await client.query(BASELINE, [ids, today]);
      return (performance.now() - t) / 1000;
    };
    const clock = fixedClock(now);
    const empty: Pass = {
      seconds: 0,
      selectSeconds: 0,
      dispatchSeconds: 0,
      selected: 0,
      queued: 0,
    };
    let [first, again, forced, nextDay, baseline] = [empty, empty, empty, empty, 0];
    if (!eventsOnly) {
      const base1 = await scan();
      first = await dailyPass(database, ids, clock, concurrency, false);
      await client.query('analyze reminder_sends, message_intents');
      again = await dailyPass(database, ids, clock, concurrency, false); // same day: skipped
      forced = await dailyPass(database, ids, clock, concurrency, true); // every rule, nothing new
      const base2 = await scan();
      clock.advance(86_400_000);
      nextDay = await dailyPass(database, ids, clock, concurrency, false);
      baseline = (base1 + base2) / 2;
      const perMillion = (s: number) => (s / cars) * 1_000_000;
      const line = (name: string, p: Pass) =>
        console.log(
          `  ${name.padEnd(30)} ${p.seconds.toFixed(1).padStart(6)} s  (statements ${p.selectSeconds.toFixed(1)} s, intents ${p.dispatchSeconds.toFixed(1)} s; ${fmt(p.selected)} decided, ${fmt(p.queued)} queued) → ${perMillion(p.seconds).toFixed(1)} s per 1,000,000 cars`,
        );
      console.log(`\ndaily evaluation of every tenant (12 rules each, one statement per rule):`);
      line('first run (all decided today)', first);
      line('same day again (skipped)', again);
      line('forced re-evaluation', forced);
      line('next day', nextDay);
      console.log(
        `  hand-written SQL scan of the same tables: ${baseline.toFixed(2)} s (${base1.toFixed(2)} / ${base2.toFixed(2)})`,
      );
      console.log(
        `  ratio first run / scan: ${(first.seconds / baseline).toFixed(1)}; forced re-evaluation / scan: ${(forced.seconds / baseline).toFixed(1)}; next day / scan: ${(nextDay.seconds / baseline).toFixed(1)}`,
      );
    }

    // One car on an event.
    const rnd = createRandom(seed);
    const { rows: sample } = await client.query<{
      tenant_id: string;
      id: string;
      customer_id: string;
    }>(
      `select tenant_id, id, customer_id from vehicles where tenant_id = any($1::uuid[]) order by id`,
      [ids],
    );
    const pick = () => sample[rnd.int(0, sample.length - 1)]!;
    const evalOne: number[] = [];
    const handler: number[] = [];
    const floor: number[] = [];
    const deps = { database, clock, log };
    for (let i = 0; i < events + 20; i++) {
      const car = pick();
      let t = performance.now();
      await withTenant(database.db, car.tenant_id, (tx) =>
        evaluateSubject(ctxFor(car.tenant_id, tx, clock), { vehicleId: car.id }),
      );
      if (i >= 20) evalOne.push(performance.now() - t);
      // The floor: one tenant transaction with one trivial statement, on the same connection pool.
      t = performance.now();
      await withTenant(database.db, car.tenant_id, (tx) => tx.execute(sql`select 1`));
      if (i >= 20) floor.push(performance.now() - t);
      t = performance.now();
      await handleReminderEvent(deps, {
        id: crypto.randomUUID(),
        tenantId: car.tenant_id,
        type: 'serviceOrder.closed',
        version: 1,
        aggregateId: null,
        payload: { vehicleId: car.id, customerId: car.customer_id },
        occurredAt: clock.now().toISOString(),
      });
      if (i >= 20) handler.push(performance.now() - t);
    }
    const e1 = summarize(evalOne);
    const e2 = summarize(handler);
    const e0 = summarize(floor);
    const f = (n: number) => n.toFixed(1);
    console.log(`\none car (${events} events, random cars):`);
    console.log(
      `  evaluateSubject (12 rules, car + owner)   p50 ${f(e1.p50)}  p95 ${f(e1.p95)}  p99 ${f(e1.p99)} ms (goal < 50 ms)`,
    );
    console.log(
      `  floor: a tenant transaction with "select 1"   p50 ${f(e0.p50)}  p95 ${f(e0.p95)}  p99 ${f(e0.p99)} ms (ratio p50 ${(e1.p50 / e0.p50).toFixed(1)})`,
    );
    console.log(
      `  order-closed handler (due fresh + stops + evaluate car and owner)  p50 ${f(e2.p50)}  p95 ${f(e2.p95)}  p99 ${f(e2.p99)} ms`,
    );

    const dir = path.join(import.meta.dirname, 'out');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `reminders-${Date.now()}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          now: now.toISOString(),
          tenants: tenants.length,
          cars,
          concurrency,
          loadAverage: os.loadavg(),
          first,
          again,
          forced,
          nextDay,
          baselineSeconds: baseline,
          evaluateSubject: e1,
          floor: e0,
          orderClosedHandler: e2,
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
