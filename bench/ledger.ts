// Ledger transfers per second on PostgreSQL, through the application's own code path — one
// `withTenant` transaction (role + tenant set, row-level security on) calling loyalty's
// `transfer` (one `liuke_ledger_transfer` call: idempotency key, two balance rows, two entries) —
// with 8 clients on spread accounts and 8 clients on one hot wallet, each as a ratio against
// pgbench's TPC-B tps (`pgbench -c 8 -j 2`, `<seconds>` in total) measured in the same run on a
// database of its own, the three interleaved in `<rounds>` slices. See BENCHMARKS.md.
//
//   node bench/ledger.ts [--seconds 20] [--rounds 4] [--clients 8] [--scale 10]
//     [--database-url postgres://postgres@127.0.0.1:5432/liuke_bench_ledger]
//
// The database (default liuke_bench_ledger) is created and migrated when missing; pgbench uses
// <database>_pgbench, initialised with `pgbench -i -s <scale>` on every run.
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase, queryRows, type Database } from '../apps/server/src/db/database.ts';
import { analyzeStaleTables } from '../apps/server/src/db/maintenance.ts';
import { runMigrations } from '../apps/server/src/db/migrate.ts';
import { withTenant } from '../apps/server/src/db/tenant-scope.ts';
import { systemClock } from '../apps/server/src/kernel/clock.ts';
import type { Ctx } from '../apps/server/src/kernel/context.ts';
import { newId } from '../apps/server/src/kernel/ids.ts';
import { createLogger } from '../apps/server/src/kernel/logger.ts';
import { ensureAccount, transfer } from '../apps/server/src/modules/loyalty/ledger.ts';
import { createTenant } from '../apps/server/src/modules/tenancy/index.ts';
import { LOCAL_HOSTS, deadline, fmt } from './lib/db.ts';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    clients: { type: 'string', default: '8' },
    scale: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '4' },
    'database-url': { type: 'string' },
    'max-seconds': { type: 'string', default: '600' },
  },
});
const SECONDS = Number(args.seconds);
const ROUNDS = Math.max(1, Number(args.rounds));
/** Each measurement runs in ROUNDS slices, interleaved with the others (see main). */
const SLICE = SECONDS / ROUNDS;
const CLIENTS = Number(args.clients);
deadline(Number(args['max-seconds']), 'bench/ledger');

const url = new URL(
  args['database-url'] ??
    process.env.BENCH_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/liuke_bench_ledger',
);
if (!LOCAL_HOSTS.has(url.hostname)) throw new Error('Benchmarks only run against this machine');
const dbName = url.pathname.slice(1);
const pgbenchDb = `${dbName}_pgbench`;
const log = createLogger('silent');

function adminUrl(db: string): string {
  const u = new URL(url.toString());
  u.pathname = `/${db}`;
  return u.toString();
}

async function ensureDatabase(name: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl('postgres') });
  await c.connect();
  const { rows } = await c.query('select 1 from pg_database where datname = $1', [name]);
  if (!rows.length) await c.query(`create database "${name.replaceAll('"', '""')}"`);
  await c.end();
}

function pgbenchArgs(): string[] {
  return [
    '-h',
    url.hostname,
    '-p',
    url.port || '5432',
    '-U',
    decodeURIComponent(url.username || 'postgres'),
  ];
}

function initPgbench(): void {
  execFileSync('pgbench', [...pgbenchArgs(), '-i', '-q', '-s', String(args.scale), pgbenchDb], {
    stdio: 'ignore',
  });
}

/** pgbench's TPC-B-like default script for one slice: tps without initial connection time. */
function runPgbench(): number {
  const out = execFileSync(
    'pgbench',
    [...pgbenchArgs(), '-c', String(CLIENTS), '-j', '2', '-T', String(SLICE), pgbenchDb],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(out);
  if (!m) throw new Error(`pgbench output not understood:\n${out}`);
  return Number(m[1]);
}

interface Setup {
  tenantId: string;
  /** Per client: two wallets it moves value between (spread). */
  pairs: [string, string][];
  /** One wallet every client moves value out of and back into (hot). */
  hot: string;
}

async function setup(database: Database): Promise<Setup> {
  const { tenantId } = await createTenant(database.db, {
    slug: `ledger-bench-${newId().slice(-8)}`,
    name: '账本压测',
  });
  const ctxOf = (tx: Ctx['tx']): Ctx => ({
    tenantId,
    actor: { type: 'system', id: null },
    tx,
    clock: systemClock,
    locale: 'zh-CN',
    requestId: null,
    log,
  });
  return withTenant(database.db, tenantId, async (tx) => {
    const ctx = ctxOf(tx);
    const cash = await ensureAccount(ctx, null, 'stored_value_cash');
    const customers: string[] = [];
    for (let i = 0; i < CLIENTS * 2 + 1; i++) {
      const id = newId();
      const phone = `+86139${String(10_000_000 + i).slice(-8)}`;
      await tx.execute(
        sql`insert into customers (tenant_id, id, phone, phone_digits, name)
          values (${tenantId}::uuid, ${id}::uuid, ${phone}, ${phone.slice(3)}, ${`压测${i}`})`,
      );
      customers.push(id);
    }
    const wallets: string[] = [];
    for (const c of customers) {
      const w = await ensureAccount(ctx, c, 'stored_value_principal');
      await transfer(ctx, {
        key: `seed:${w}`,
        debit: cash,
        credit: w,
        amount: 1_000_000_000,
        kind: 'top_up',
      });
      wallets.push(w);
    }
    const pairs = Array.from({ length: CLIENTS }, (_, k): [string, string] => [
      wallets[2 * k]!,
      wallets[2 * k + 1]!,
    ]);
    return { tenantId, pairs, hot: wallets[CLIENTS * 2]! };
  });
}

/** `CLIENTS` loops for one slice, each transfer one transaction; answers transfers/s. */
async function measure(
  database: Database,
  s: Setup,
  route: (client: number, i: number) => [string, string],
): Promise<{ tps: number; n: number }> {
  const until = performance.now() + SLICE * 1000;
  const started = performance.now();
  const counts = await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      let n = 0;
      while (performance.now() < until) {
        const [debit, credit] = route(client, n);
        await withTenant(database.db, s.tenantId, (tx) =>
          transfer(
            {
              tenantId: s.tenantId,
              actor: { type: 'system', id: null },
              tx,
              clock: systemClock,
              locale: 'zh-CN',
              requestId: null,
              log,
            },
            { key: newId(), debit, credit, amount: 1 + (n % 100), kind: 'bench' },
          ),
        );
        n++;
      }
      return n;
    }),
  );
  const n = counts.reduce((a, b) => a + b, 0);
  return { tps: n / ((performance.now() - started) / 1000), n };
}

async function main() {
  await ensureDatabase(dbName);
  await ensureDatabase(pgbenchDb);
  const config = loadConfig({
    DATABASE_URL: url.toString(),
    LOG_LEVEL: 'silent',
    DATABASE_POOL_SIZE: String(CLIENTS),
  });
  const database = await openDatabase(config);
  try {
    await runMigrations(database);
    const s = await setup(database);
    // Statistics, as autovacuum (or, where it is off as on this machine, the product's
    // maintenance.analyze job) gives any live database; pgbench -i analyses its tables too.
    await analyzeStaleTables(database);
    console.log(
      `bench/ledger: ${CLIENTS} clients, ${SECONDS} s per measurement, PostgreSQL ${dbName}`,
    );
    // The three measurements run in ROUNDS slices, interleaved (pgbench, spread, hot, pgbench,
    // …): on shared cores whose load drifts during a run, three back-to-back 20 s runs gave
    // ratios that swung by 2×; slices see the same load.
    initPgbench();
    const sums = { pgbench: 0, spread: 0, hot: 0, spreadN: 0, hotN: 0 };
    for (let r = 0; r < ROUNDS; r++) {
      const base = runPgbench();
      // Spread: each client moves value back and forth between its own two wallets.
      const spread = await measure(database, s, (k, i) =>
        i % 2 ? [s.pairs[k]![1], s.pairs[k]![0]] : s.pairs[k]!,
      );
      // Hot: every client moves value out of one wallet and back (every transfer locks it).
      const hot = await measure(database, s, (k, i) =>
        i % 2 ? [s.pairs[k]![0], s.hot] : [s.hot, s.pairs[k]![0]],
      );
      console.log(
        `round ${r + 1}: pgbench ${fmt(base)} tps, spread ${fmt(spread.tps)}/s, hot ${fmt(hot.tps)}/s`,
      );
      sums.pgbench += base / ROUNDS;
      sums.spread += spread.tps / ROUNDS;
      sums.hot += hot.tps / ROUNDS;
      sums.spreadN += spread.n;
      sums.hotN += hot.n;
    }
    console.log(
      `pgbench TPC-B (-c ${CLIENTS} -j 2, ${ROUNDS} × -T ${SLICE}, scale ${args.scale}): ${fmt(sums.pgbench)} tps`,
    );
    console.log(
      `ledger spread (${CLIENTS} clients, own accounts): ${fmt(sums.spread)} transfers/s (${fmt(sums.spreadN)}) — ${(sums.spread / sums.pgbench).toFixed(2)} × pgbench (goal ≥ 0.5)`,
    );
    console.log(
      `ledger hot wallet (${CLIENTS} clients, one account): ${fmt(sums.hot)} transfers/s (${fmt(sums.hotN)}) — ${(sums.hot / sums.pgbench).toFixed(2)} × pgbench (goal ≥ 0.25)`,
    );
    // The ledger still balances after the run.
    const [check] = await queryRows<{ total: number | string }>(
      database.adminDb,
      sql`select coalesce(sum(amount), 0)::bigint as total from ledger_entries where tenant_id = ${s.tenantId}::uuid`,
    );
    console.log(`sum of the tenant's entries after the run: ${check?.total} (must be 0)`);
  } finally {
    await database.close();
  }
}

await main();
