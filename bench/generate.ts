// Scale data generator: N tenants of the demo chain with realistic customers, cars, odometer
// histories and three years of service orders, deterministic from --seed, loaded with
// COPY FROM STDIN in large batches. See BENCHMARKS.md.
//
//   node bench/generate.ts --tenants 100 --customers-per-tenant 800 --seed 42 [--baseline]
//
// Runs against BENCH_DATABASE_URL (or DATABASE_URL, or --database-url): a PostgreSQL on
// 127.0.0.1 prepared by `node apps/server/src/cli.ts migrate`, as the owner connection (a
// superuser or BYPASSRLS role: the load bypasses row-level security, so it must only ever write
// the tenants it creates). --baseline first measures a plain COPY of the same rows pre-rendered
// in memory (in a transaction that is rolled back), for the ratio in BENCHMARKS.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type pg from 'pg';
import { hashPassword } from '../apps/server/src/modules/identity/index.ts';
import { DEMO_PASSWORD } from '../apps/server/src/modules/demo/seed.ts';
import { batches, tenantSlug, type Batch, type RunSpec } from './lib/batches.ts';
import {
  benchDatabaseUrl,
  checkOwnerConnection,
  connect,
  copyInto,
  deadline,
  fmt,
  intOption,
} from './lib/db.ts';
import { COPY_TABLES, TABLES, copyStatement, type TableName } from './lib/tables.ts';

const USAGE = `node bench/generate.ts [options]
  --tenants N                 tenants to create (default 10)
  --customers-per-tenant N    customers per tenant (default 800; ~1.2 cars, ~5 orders per car)
  --seed N                    seed (default 42); the same seed and options give the same rows
  --now ISO                   "now" of the generated history (default 2026-11-01T04:00:00Z)
  --slug-prefix P             tenant codes P-00001 … (default bench; must not exist yet)
  --chunk-size N              customers generated per step (default 2000)
  --batch-rows N              rows per COPY round / transaction (default 250000)
  --fk-checks                 keep foreign-key triggers on during the load (2× slower)
  --connections N             connections writing in parallel, without --fk-checks (default 1)
  --baseline                  also measure a plain COPY of the same rows pre-rendered in memory
  --no-write                  generate and render only (the CPU side), write nothing
  --database-url URL          default BENCH_DATABASE_URL, then DATABASE_URL (127.0.0.1 only)
  --max-seconds N             stop after N seconds whatever happens (default 7200)`;

export interface GenerateOptions {
  tenants: number;
  customersPerTenant: number;
  seed: number;
  now: Date;
  slugPrefix: string;
  chunkSize: number;
  batchRows: number;
  /** Keep foreign-key triggers on during the load (off by default: the rows are consistent). */
  fkChecks: boolean;
  /** Connections writing batches in parallel (1 unless foreign keys are unchecked). */
  connections: number;
}

export interface GenerateResult {
  rows: Record<TableName, number>;
  totalRows: number;
  bytes: number;
  seconds: number;
}

const emptyCounts = (): Record<TableName, number> =>
  Object.fromEntries(TABLES.map((t) => [t, 0])) as Record<TableName, number>;

function runSpec(o: GenerateOptions, passwordHash: string): RunSpec {
  return {
    seed: o.seed,
    tenants: o.tenants,
    customersPerTenant: o.customersPerTenant,
    nowMs: o.now.getTime(),
    slugPrefix: o.slugPrefix,
    chunkSize: o.chunkSize,
    passwordHash,
    batchRows: o.batchRows,
  };
}

/**
 * One transaction per batch. Without --fk-checks the session skips foreign-key triggers
 * (session_replication_role = replica, as pg_restore --disable-triggers does): every parent row
 * is generated before its children, which bench/lib/tenant-data.test.ts checks. Primary keys,
 * unique, not-null and check constraints are still enforced.
 */
async function begin(client: pg.Client, fkChecks: boolean): Promise<void> {
  await client.query('begin');
  if (!fkChecks) await client.query('set local session_replication_role = replica');
}

async function writeBatch(client: pg.Client, batch: Batch, fkChecks: boolean): Promise<void> {
  await begin(client, fkChecks);
  try {
    for (const t of batch.tables)
      await copyInto(client, copyStatement(COPY_TABLES[t.table]), t.data);
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  }
}

/** Generation in a worker thread, COPY on this one: the two overlap. */
export async function generate(
  clients: pg.Client[],
  options: GenerateOptions,
  passwordHash: string,
  log: (line: string) => void = (l) => console.log(l),
): Promise<GenerateResult> {
  const started = performance.now();
  const rows = emptyCounts();
  let totalRows = 0;
  let bytes = 0;
  let tenantsDone = 0;
  let lastLog = started;
  const worker = new Worker(new URL('./lib/worker.ts', import.meta.url), {
    workerData: { spec: runSpec(options, passwordHash), ahead: Math.max(2, clients.length + 1) },
  });
  const queue: Batch[] = [];
  let finished = false;
  let failure: unknown = null;
  const waiting: (() => void)[] = [];
  const poke = () => {
    for (const w of waiting.splice(0)) w();
  };
  worker.on('message', (m: Batch | 'done') => {
    if (m === 'done') finished = true;
    else queue.push(m);
    poke();
  });
  worker.on('error', (err) => {
    failure = err;
    poke();
  });
  worker.on('exit', () => {
    finished = true;
    poke();
  });
  const writer = async (client: pg.Client | undefined) => {
    for (;;) {
      if (failure) return;
      const batch = queue.shift();
      if (!batch) {
        if (finished) return;
        await new Promise<void>((resolve) => waiting.push(resolve));
        continue;
      }
      try {
        if (client) await writeBatch(client, batch, options.fkChecks);
      } catch (err) {
        failure ??= err;
        poke();
        return;
      }
      worker.postMessage('more');
      for (const t of batch.tables) rows[t.table] += t.rows;
      totalRows += batch.rows;
      bytes += batch.bytes;
      tenantsDone = Math.max(tenantsDone, batch.tenantsDone);
      const now = performance.now();
      if (now - lastLog > 10_000) {
        lastLog = now;
        const s = (now - started) / 1000;
        log(
          `  ${s.toFixed(0)} s: ${tenantsDone}/${options.tenants} tenants, ${fmt(totalRows)} rows, ${fmt(totalRows / s)} rows/s`,
        );
      }
    }
  };
  try {
    await Promise.all(clients.length ? clients.map(writer) : [writer(undefined)]);
  } finally {
    await worker.terminate();
  }
  if (failure) throw failure;
  return { rows, totalRows, bytes, seconds: (performance.now() - started) / 1000 };
}

/** The same rows rendered up front, then one plain COPY per table; rolled back afterwards. */
export async function baseline(
  client: pg.Client,
  options: GenerateOptions,
  passwordHash: string,
): Promise<GenerateResult & { renderSeconds: number }> {
  const renderStart = performance.now();
  const parts = new Map<TableName, Uint8Array[]>();
  const rows = emptyCounts();
  let totalRows = 0;
  let bytes = 0;
  for (const batch of batches(runSpec(options, passwordHash))) {
    for (const t of batch.tables) {
      parts.set(t.table, [...(parts.get(t.table) ?? []), ...t.data]);
      rows[t.table] += t.rows;
    }
    totalRows += batch.rows;
    bytes += batch.bytes;
  }
  const renderSeconds = (performance.now() - renderStart) / 1000;
  const started = performance.now();
  await begin(client, options.fkChecks);
  const seconds = await (async () => {
    try {
      for (const table of TABLES) {
        const data = parts.get(table);
        if (data) await copyInto(client, copyStatement(COPY_TABLES[table]), data);
      }
      return (performance.now() - started) / 1000;
    } finally {
      await client.query('rollback');
    }
  })();
  // Measured. Now rewrite the tables without the dead rows, so that the generator starts from
  // the state the baseline had: after a plain VACUUM the reused pages made foreign-key checks
  // 30% slower (37,042 vs 26,506 rows/s, 30 tenants, --fk-checks). VACUUM FULL takes as long as
  // the data already in the tables: run the baseline on a fresh database.
  for (const table of TABLES) await client.query(`vacuum full "${COPY_TABLES[table].name}"`);
  return { rows, totalRows, bytes, seconds, renderSeconds };
}

/** After a load: keep the member-number identity ahead of the numbers written, then ANALYZE. */
export async function finishLoad(client: pg.Client): Promise<number> {
  const started = performance.now();
  await client.query(
    `select setval(pg_get_serial_sequence('customers', 'member_no'), m)
     from (select max(member_no) m from customers) x where m is not null`,
  );
  for (const table of TABLES) await client.query(`analyze "${COPY_TABLES[table].name}"`);
  return (performance.now() - started) / 1000;
}

export async function slugsTaken(client: pg.Client, prefix: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `select count(*)::int n from tenants where slug like $1`,
    [`${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}-%`],
  );
  return rows[0]?.n ?? 0;
}

function table(result: GenerateResult): string {
  const lines = TABLES.filter((t) => result.rows[t] > 0).map(
    (t) => `  ${COPY_TABLES[t].name.padEnd(26)} ${fmt(result.rows[t]).padStart(12)}`,
  );
  return [...lines, `  ${'total'.padEnd(26)} ${fmt(result.totalRows).padStart(12)}`].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tenants: { type: 'string', default: '10' },
      'customers-per-tenant': { type: 'string', default: '800' },
      seed: { type: 'string', default: '42' },
      now: { type: 'string', default: '2026-11-01T04:00:00Z' },
      'slug-prefix': { type: 'string', default: 'bench' },
      'chunk-size': { type: 'string', default: '2000' },
      'batch-rows': { type: 'string', default: '250000' },
      baseline: { type: 'boolean', default: false },
      'fk-checks': { type: 'boolean', default: false },
      connections: { type: 'string', default: '1' },
      'no-write': { type: 'boolean', default: false },
      'database-url': { type: 'string' },
      'max-seconds': { type: 'string', default: '7200' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const int = intOption;
  const options: GenerateOptions = {
    tenants: int('tenants', values.tenants, 1),
    customersPerTenant: int('customers-per-tenant', values['customers-per-tenant'], 0),
    seed: int('seed', values.seed, 0),
    now: new Date(values.now),
    slugPrefix: values['slug-prefix'],
    chunkSize: int('chunk-size', values['chunk-size'], 1),
    batchRows: int('batch-rows', values['batch-rows'], 1),
    fkChecks: values['fk-checks'],
    connections: int('connections', values.connections, 1),
  };
  // A tenant's chunks may land in different batches: with foreign keys checked they must be
  // committed in order, so one connection.
  if (options.fkChecks && options.connections > 1)
    throw new Error('--connections > 1 needs foreign-key checks off (no --fk-checks)');
  if (Number.isNaN(options.now.getTime())) throw new Error('--now must be an ISO instant');
  if (!/^[a-z0-9][a-z0-9-]{0,40}$/.test(options.slugPrefix))
    throw new Error('--slug-prefix: lower-case letters, digits and dashes');
  deadline(int('max-seconds', values['max-seconds'], 1), 'generate');

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const machine = `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  console.log(
    `generate: ${options.tenants} tenants × ${options.customersPerTenant} customers, seed ${options.seed}, now ${options.now.toISOString()}, foreign-key checks ${options.fkChecks ? 'on' : 'off'}, ${options.connections} connection(s)`,
  );
  console.log(`machine: ${machine}`);

  if (values['no-write']) {
    const r = await generate([], options, passwordHash);
    console.log(table(r));
    console.log(
      `generated and rendered (nothing written): ${fmt(r.totalRows)} rows, ${(r.bytes / 2 ** 20).toFixed(0)} MiB in ${r.seconds.toFixed(1)} s = ${fmt(r.totalRows / r.seconds)} rows/s`,
    );
    return;
  }

  const url = benchDatabaseUrl(values['database-url']);
  const client = await connect(url);
  const extra: pg.Client[] = [];
  try {
    for (let i = 1; i < options.connections; i++) extra.push(await connect(url));
    await checkOwnerConnection(client);
    const { rows: ver } = await client.query<{ v: string }>(`select version() v`);
    console.log(`database: ${ver[0]?.v.split(' on ')[0]} at ${new URL(url).host}`);
    const taken = await slugsTaken(client, options.slugPrefix);
    if (taken)
      throw new Error(
        `${taken} tenants with codes ${tenantSlug(options.slugPrefix, 0)}… exist: use another --slug-prefix or a fresh database`,
      );

    let base: Awaited<ReturnType<typeof baseline>> | null = null;
    if (values.baseline) {
      console.log('baseline: rendering the same rows in memory…');
      base = await baseline(client, options, passwordHash);
      console.log(
        `baseline: plain COPY of ${fmt(base.totalRows)} pre-rendered rows (${(base.bytes / 2 ** 20).toFixed(0)} MiB) in ${base.seconds.toFixed(1)} s = ${fmt(base.totalRows / base.seconds)} rows/s (rendering took ${base.renderSeconds.toFixed(1)} s, not counted; rolled back)`,
      );
    }

    console.log('generator: generating and loading…');
    const r = await generate([client, ...extra], options, passwordHash);
    const analyzeSeconds = await finishLoad(client);
    const rate = r.totalRows / r.seconds;
    console.log(table(r));
    console.log(
      `generator: ${fmt(r.totalRows)} rows (${(r.bytes / 2 ** 20).toFixed(0)} MiB) in ${r.seconds.toFixed(1)} s = ${fmt(rate)} rows/s (then ANALYZE ${analyzeSeconds.toFixed(1)} s)`,
    );
    const summary: Record<string, unknown> = {
      at: new Date().toISOString(),
      options: { ...options, now: options.now.toISOString() },
      machine,
      load: os.loadavg(),
      generator: { rows: r.rows, totalRows: r.totalRows, seconds: r.seconds, rowsPerSecond: rate },
    };
    if (base) {
      const baseRate = base.totalRows / base.seconds;
      console.log(
        `ratio generator / plain COPY: ${(rate / baseRate).toFixed(2)} (${fmt(rate)} vs ${fmt(baseRate)} rows/s)`,
      );
      summary.baseline = {
        totalRows: base.totalRows,
        seconds: base.seconds,
        rowsPerSecond: baseRate,
      };
      summary.ratio = rate / baseRate;
    }
    const out = path.join(import.meta.dirname, 'out');
    fs.mkdirSync(out, { recursive: true });
    const file = path.join(out, `generate-${Date.now()}.json`);
    fs.writeFileSync(file, JSON.stringify(summary, null, 2));
    console.log(`summary: ${path.relative(process.cwd(), file)}`);
  } finally {
    for (const c of [client, ...extra]) await c.end();
  }
}

if (import.meta.main) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
