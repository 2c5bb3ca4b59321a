// Customer search on a tenant of 200,000 customers (PostgreSQL): p50/p95/p99 per kind of query
// through the application's own code path — customers.service.ts `listCustomers` inside
// `withTenant`, under row-level security, as a staff request runs it — and, measured in the
// same run, a hand-written SQL statement for the same page sent straight through `pg`
// (bench/lib/search-sql.ts). The figure is the ratio app / baseline. See BENCHMARKS.md.
//
//   node bench/search.ts [--customers 200000] [--queries-per-kind 200] [--seed 42]
//
// The tenant (code search-00001) is generated on first use with bench/generate.ts's generator
// and reused afterwards; ANALYZE runs before measuring.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/db/database.ts';
import { withTenant } from '../apps/server/src/db/tenant-scope.ts';
import { systemClock } from '../apps/server/src/kernel/clock.ts';
import type { Ctx } from '../apps/server/src/kernel/context.ts';
import { createLogger } from '../apps/server/src/kernel/logger.ts';
import { listCustomers } from '../apps/server/src/modules/customers/customers.service.ts';
import { planSearch } from '../apps/server/src/modules/customers/search.ts';
import { hashPassword } from '../apps/server/src/modules/identity/index.ts';
import { DEMO_PASSWORD } from '../apps/server/src/modules/demo/seed.ts';
import { finishLoad, generate, slugsTaken } from './generate.ts';
import { tenantSlug } from './lib/batches.ts';
import {
  benchDatabaseUrl,
  checkOwnerConnection,
  connect,
  deadline,
  fmt,
  intOption,
} from './lib/db.ts';
import { baselineSearch } from './lib/search-sql.ts';
import {
  KIND_LABELS,
  QUERY_KINDS,
  searchQueries,
  type QueryKind,
  type SearchQuery,
} from './lib/search-queries.ts';
import { summarize, type Summary } from './lib/stats.ts';

const USAGE = `node bench/search.ts [options]
  --customers N          customers of the search tenant (default 200000; generated on first use)
  --queries-per-kind N   measured queries per kind (default 200)
  --seed N               seed of the tenant and of the query mix (default 42)
  --limit N              page size (default 20, as the console asks)
  --explain              print EXPLAIN ANALYZE of the baseline for one query of each kind
  --database-url URL     default BENCH_DATABASE_URL, then DATABASE_URL (127.0.0.1 only)
  --max-seconds N        stop after N seconds whatever happens (default 3600)`;

const SLUG_PREFIX = 'search';
const PAGE = 20;

async function ensureTenant(
  client: pg.Client,
  customers: number,
  seed: number,
): Promise<{ tenantId: string; ownerId: string }> {
  const slug = tenantSlug(SLUG_PREFIX, 0);
  if (!(await slugsTaken(client, SLUG_PREFIX))) {
    console.log(`building tenant ${slug}: ${fmt(customers)} customers (once; reused later)…`);
    const r = await generate(
      [client],
      {
        tenants: 1,
        customersPerTenant: customers,
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
    console.log(
      `  ${fmt(r.totalRows)} rows in ${r.seconds.toFixed(0)} s (${fmt(r.totalRows / r.seconds)} rows/s)`,
    );
  }
  const { rows } = await client.query<{ tenant_id: string; n: number; owner: string }>(
    `select t.tenant_id, (select count(*)::int from customers c where c.tenant_id = t.tenant_id) n,
            (select s.id from staff_users s where s.tenant_id = t.tenant_id and s.role = 'owner' limit 1) owner
     from tenants t where t.slug = $1`,
    [slug],
  );
  const t = rows[0];
  if (!t) throw new Error(`tenant ${slug} is missing`);
  if (t.n !== customers)
    throw new Error(
      `tenant ${slug} has ${fmt(t.n)} customers, not ${fmt(customers)}: use a fresh database or --customers ${t.n}`,
    );
  return { tenantId: t.tenant_id, ownerId: t.owner };
}

async function loadSample(client: pg.Client, tenantId: string) {
  const customers = await client.query<{
    name: string | null;
    phoneDigits: string;
    nameInitials: string;
  }>(
    `select name, phone_digits "phoneDigits", name_initials "nameInitials"
     from customers where tenant_id = $1 order by id`,
    [tenantId],
  );
  const vehicles = await client.query<{ plate: string | null; vin: string | null }>(
    `select plate, vin from vehicles where tenant_id = $1 order by id`,
    [tenantId],
  );
  return { customers: customers.rows, vehicles: vehicles.rows };
}

interface KindResult {
  app: Summary;
  sql: Summary;
  hits: number;
  mismatches: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string', default: '200000' },
      'queries-per-kind': { type: 'string', default: '200' },
      seed: { type: 'string', default: '42' },
      limit: { type: 'string', default: String(PAGE) },
      explain: { type: 'boolean', default: false },
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
  const customers = int('customers', values.customers, 1);
  const perKind = int('queries-per-kind', values['queries-per-kind'], 1);
  const seed = int('seed', values.seed, 0);
  const limit = int('limit', values.limit, 1);
  deadline(int('max-seconds', values['max-seconds'], 1), 'search');

  const url = benchDatabaseUrl(values['database-url']);
  const client = await connect(url);
  const database = await openDatabase(
    loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', DATABASE_POOL_SIZE: '2' }),
  );
  try {
    await checkOwnerConnection(client);
    const { tenantId, ownerId } = await ensureTenant(client, customers, seed);
    const started = performance.now();
    await client.query('analyze');
    console.log(`ANALYZE: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const { rows: size } = await client.query<{ customers: number; vehicles: number }>(
      `select (select count(*)::int from customers) customers, (select count(*)::int from vehicles) vehicles`,
    );
    console.log(
      `tenant search-00001: ${fmt(customers)} customers; database: ${fmt(size[0]!.customers)} customers, ${fmt(size[0]!.vehicles)} cars in all tenants`,
    );

    const queries = searchQueries(await loadSample(client, tenantId), perKind, seed);
    const log = createLogger('silent');
    const ctxFor = (tx: Ctx['tx']): Ctx => ({
      tenantId,
      actor: { type: 'staff', id: ownerId, role: 'owner', sessionId: null },
      tx,
      clock: systemClock,
      locale: 'zh-CN',
      requestId: null,
      log,
    });
    const app = async (q: string) =>
      (
        await withTenant(database.db, tenantId, (tx) => listCustomers(ctxFor(tx), { q, limit }))
      ).items.map((c) => c.id);
    const sql = async (q: string) => {
      const plan = planSearch(q);
      if (!plan) return [];
      const { text, values: params } = baselineSearch(tenantId, plan, limit);
      const { rows } = await client.query<{ id: string }>(text, params);
      return rows.slice(0, limit).map((r) => r.id);
    };

    if (values.explain) {
      for (const kind of QUERY_KINDS) {
        const q = queries.find((x) => x.kind === kind)!.q;
        const { text, values: params } = baselineSearch(tenantId, planSearch(q)!, limit);
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(
          `explain (analyze, buffers) ${text}`,
          params,
        );
        console.log(
          `\n-- ${KIND_LABELS[kind]}: ${q}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`,
        );
      }
    }

    // Warm-up: the first queries of the mix, through both paths, not measured.
    for (const { q } of queries.slice(0, 30)) {
      await app(q);
      await sql(q);
    }

    const times = new Map<QueryKind, { app: number[]; sql: number[]; hits: number; bad: number }>(
      QUERY_KINDS.map((k) => [k, { app: [], sql: [], hits: 0, bad: 0 }]),
    );
    const measure = async (fn: (q: string) => Promise<string[]>, q: string) => {
      const t = performance.now();
      const ids = await fn(q);
      return { ms: performance.now() - t, ids };
    };
    const runStarted = performance.now();
    for (const [i, { kind, q }] of queries.entries() as Iterable<[number, SearchQuery]>) {
      const k = times.get(kind)!;
      // Alternate which path goes first, so neither always meets a warmer cache.
      const a = i % 2 ? await measure(app, q) : null;
      const b = await measure(sql, q);
      const a2 = a ?? (await measure(app, q));
      k.app.push(a2.ms);
      k.sql.push(b.ms);
      k.hits += a2.ids.length;
      if (a2.ids.join() !== b.ids.join()) k.bad++;
    }
    const runSeconds = (performance.now() - runStarted) / 1000;

    const results = {} as Record<QueryKind, KindResult>;
    const f = (n: number) => n.toFixed(1).padStart(6);
    console.log(
      `\n${'kind'.padEnd(16)} ${'n'.padStart(4)} ${'hits'.padStart(5)}   app p50    p95    p99   sql p50    p95    p99   app/sql`,
    );
    for (const kind of QUERY_KINDS) {
      const k = times.get(kind)!;
      const r: KindResult = {
        app: summarize(k.app),
        sql: summarize(k.sql),
        hits: k.hits / k.app.length,
        mismatches: k.bad,
      };
      results[kind] = r;
      console.log(
        `${KIND_LABELS[kind].padEnd(16)} ${String(r.app.n).padStart(4)} ${r.hits.toFixed(1).padStart(5)}   ${f(r.app.p50)} ${f(r.app.p95)} ${f(r.app.p99)}    ${f(r.sql.p50)} ${f(r.sql.p95)} ${f(r.sql.p99)}   ${(r.app.p50 / r.sql.p50).toFixed(2).padStart(6)}${r.mismatches ? `   (${r.mismatches} pages differ)` : ''}`,
      );
    }
    const worst = Math.max(...QUERY_KINDS.map((k) => results[k].app.p50));
    console.log(
      `\n${queries.length} queries × 2 paths in ${runSeconds.toFixed(1)} s; slowest kind's app p50 ${worst.toFixed(1)} ms (goal < 20 ms): ${worst < 20 ? 'met' : 'MISSED'}`,
    );
    const out = path.join(import.meta.dirname, 'out');
    fs.mkdirSync(out, { recursive: true });
    const file = path.join(out, `search-${Date.now()}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          customers,
          perKind,
          seed,
          limit,
          machine: `${os.cpus().length} CPUs, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
          load: os.loadavg(),
          results,
        },
        null,
        2,
      ),
    );
    console.log(`summary: ${path.relative(process.cwd(), file)}`);
  } finally {
    await client.end();
    await database.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
