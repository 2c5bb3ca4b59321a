// The API under load (PostgreSQL): the hot reads — customer search, the customer list's first
// page, a customer's detail, the car owner's home — and one write (editing a customer), sent
// over HTTP at fixed request rates (open loop: on a schedule, bench/lib/open-loop.ts) to
// `serve --no-worker` processes taken round-robin, on each tenant named. Measured in the same
// run, at the same rate, through as many processes: a bare Fastify route answering the same
// bytes (bench/lib/bare-server.ts). The figures are p50/p99 and their ratio app / bare.
// See BENCHMARKS.md.
//
//   node bench/api-load.ts --tenants demo,load-00001 --rates 250,500 --processes 2
//
// The tenants must exist in the database (`liuke seed --demo`; bench/generate.ts for a big one).
// The script signs in by writing session rows (as sign-in does) and deletes them at the end;
// the write scenario edits the notes of random customers of each tenant.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { issueToken } from '../apps/server/src/http/auth-tokens.ts';
import { newId } from '../apps/server/src/kernel/ids.ts';
import {
  benchDatabaseUrl,
  checkOwnerConnection,
  connect,
  deadline,
  fmt,
  intOption,
} from './lib/db.ts';
import { once, openLoop, targets, type RequestSpec, type Target } from './lib/open-loop.ts';
import { searchQueries } from './lib/search-queries.ts';
import { percentile } from './lib/stats.ts';

const USAGE = `node bench/api-load.ts [options]
  --tenants A,B          tenant codes (default demo,load-00001)
  --scenarios A,B        of search,list,detail,app-home,write (default all)
  --rates N,N            requests per second, each measured in turn (default 500)
  --processes N          API processes (serve --no-worker), taken round-robin (default 2)
  --pool N               DATABASE_POOL_SIZE of each API process (default 10)
  --seconds N            measured seconds per rate (default 15)
  --warmup N             seconds at the same rate before measuring (default 3)
  --sockets N            keep-alive connections per process (default 64)
  --port N               first port (default 3400; the bare processes from port + 100)
  --server-root DIR      run the API of another checkout (e.g. an earlier commit, for before/after)
  --profile DIR          write a CPU profile of each API process there (--cpu-prof)
  --log-level L          LOG_LEVEL of the API processes (default info, as served)
  --no-bare              skip the bare Fastify baseline
  --database-url URL     default BENCH_DATABASE_URL, then DATABASE_URL (127.0.0.1 only)
  --max-seconds N        stop after N seconds whatever happens (default 3600)`;

// Search last: on a big tenant it is the one that saturates the machine.
const SCENARIOS = ['list', 'detail', 'app-home', 'write', 'search'] as const;
type Scenario = (typeof SCENARIOS)[number];
const PAGE = 20; // the console's page size

interface TenantFixture {
  slug: string;
  tenantId: string;
  customers: number;
  staffToken: string;
  appTokens: string[];
  customerIds: string[];
  queries: string[];
  sessionIds: string[];
}

const root = path.resolve(import.meta.dirname, '..');

async function insertSession(
  client: pg.Client,
  tenantId: string,
  subjectType: 'staff' | 'customer',
  subjectId: string,
): Promise<{ token: string; id: string }> {
  const { token, hash } = issueToken('session', tenantId);
  const id = newId();
  await client.query(
    `insert into sessions (tenant_id, id, subject_type, subject_id, token_hash, csrf_token, ip, user_agent, expires_at)
     values ($1, $2, $3, $4, $5, $6, '127.0.0.1', 'bench/api-load', now() + interval '1 day')`,
    [tenantId, id, subjectType, subjectId, hash, newId()],
  );
  return { token, id };
}

async function fixture(client: pg.Client, slug: string, seed: number): Promise<TenantFixture> {
  const { rows } = await client.query<{ tenant_id: string; n: number; owner: string | null }>(
    `select t.tenant_id,
            (select count(*)::int from customers c where c.tenant_id = t.tenant_id) n,
            (select s.id from staff_users s where s.tenant_id = t.tenant_id and s.role = 'owner'
              and s.status = 'active' order by s.id limit 1) owner
     from tenants t where t.slug = $1`,
    [slug],
  );
  const t = rows[0];
  if (!t) throw new Error(`no tenant with code ${slug}`);
  if (!t.owner) throw new Error(`tenant ${slug} has no active owner`);
  const tenantId = t.tenant_id;
  // A reproducible sample: customers and cars by hash of their id.
  const sample = await client.query<{
    id: string;
    name: string | null;
    phoneDigits: string;
    nameInitials: string;
  }>(
    `select id, name, phone_digits "phoneDigits", name_initials "nameInitials" from customers
     where tenant_id = $1 and merged_into_id is null order by md5(id::text || $2) limit 2000`,
    [tenantId, String(seed)],
  );
  const cars = await client.query<{ plate: string | null; vin: string | null }>(
    `select plate, vin from vehicles where tenant_id = $1 order by md5(id::text || $2) limit 2000`,
    [tenantId, String(seed)],
  );
  const owners = await client.query<{ id: string }>(
    `select c.id from customers c where c.tenant_id = $1 and c.merged_into_id is null
       and exists (select 1 from vehicles v where v.tenant_id = c.tenant_id and v.customer_id = c.id)
     order by md5(c.id::text || $2) limit 200`,
    [tenantId, String(seed)],
  );
  const sessionIds: string[] = [];
  const staff = await insertSession(client, tenantId, 'staff', t.owner);
  sessionIds.push(staff.id);
  const appTokens: string[] = [];
  for (const o of owners.rows) {
    const s = await insertSession(client, tenantId, 'customer', o.id);
    sessionIds.push(s.id);
    appTokens.push(s.token);
  }
  const queries = searchQueries({ customers: sample.rows, vehicles: cars.rows }, 100, seed).map(
    (q) => q.q,
  );
  return {
    slug,
    tenantId,
    customers: t.n,
    staffToken: staff.token,
    appTokens,
    customerIds: sample.rows.map((r) => r.id),
    queries,
    sessionIds,
  };
}

const APP_HOME = [
  '/api/v1/app/me/member-card',
  '/api/v1/app/me/loyalty',
  '/api/v1/app/me/appointments',
  '/api/v1/app/me/vehicles',
];

/** The i-th request of a scenario on a tenant (deterministic). */
function requestOf(s: Scenario, f: TenantFixture, i: number): RequestSpec {
  const staff = { authorization: `Bearer ${f.staffToken}` };
  switch (s) {
    case 'search':
      return {
        method: 'GET',
        path: `/api/v1/staff/customers?limit=${PAGE}&q=${encodeURIComponent(f.queries[i % f.queries.length]!)}`,
        headers: staff,
      };
    case 'list':
      return { method: 'GET', path: `/api/v1/staff/customers?limit=${PAGE}`, headers: staff };
    case 'detail':
      return {
        method: 'GET',
        path: `/api/v1/staff/customers/${f.customerIds[i % f.customerIds.length]}`,
        headers: staff,
      };
    case 'app-home': {
      // The home screen asks these four at once; each is one request here, in turn, for
      // 200 different car owners.
      const token = f.appTokens[Math.floor(i / APP_HOME.length) % f.appTokens.length]!;
      return {
        method: 'GET',
        path: APP_HOME[i % APP_HOME.length]!,
        headers: { authorization: `Bearer ${token}` },
      };
    }
    case 'write':
      return {
        method: 'PATCH',
        path: `/api/v1/staff/customers/${f.customerIds[(i * 7919) % f.customerIds.length]}`,
        headers: staff,
        body: JSON.stringify({ notes: `bench/api-load ${i}` }),
      };
  }
}

function bareOf(s: Scenario, spec: RequestSpec): RequestSpec {
  return { ...spec, path: `/bare/${s}` };
}

/** Clock ticks (user + system) a process has used, from /proc. */
function cpuTicks(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * Clock ticks of the PostgreSQL backends connected to `database`, by pid (other databases of
 * the same server, and its background writers, are not counted).
 */
function postgresTicks(database: string): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
      // The process title: "postgres: <cluster>: <user> <database> <client> <state>".
      const title = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split(/[\s\0]+/);
      if (!title.includes(database)) continue;
      ticks.set(Number(entry), cpuTicks(Number(entry)));
    } catch {
      /* gone */
    }
  }
  return ticks;
}

/** Ticks used between two snapshots by the processes alive in both. */
function ticksBetween(a: Map<number, number>, b: Map<number, number>): number {
  let sum = 0;
  for (const [pid, t] of b) {
    const before = a.get(pid);
    if (before !== undefined) sum += t - before;
  }
  return sum;
}

/** Busy and total ticks of the whole machine, from /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}
const TICK_MS = 10; // USER_HZ = 100 on Linux

async function waitReady(port: number, child: ChildProcess, what: string): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null)
      throw new Error(`${what} on port ${port} exited (${child.exitCode})`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.status === 200 || res.status === 404) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} on port ${port} did not start within 60 s`);
}

interface Measured {
  p50: number;
  p99: number;
  max: number;
  ok: number;
  failed: Record<number, number>;
  okPerSecond: number;
  cpuMsPerRequest: number;
  dbCpuMsPerRequest: number;
  machineBusy: number;
}

async function measure(
  database: string,
  to: Target[],
  pids: number[],
  next: (i: number) => RequestSpec,
  rate: number,
  seconds: number,
  warmup: number,
): Promise<Measured> {
  if (warmup > 0) await openLoop(to, next, rate, warmup);
  const cpu0 = pids.reduce((a, p) => a + cpuTicks(p), 0);
  const db0 = postgresTicks(database);
  const m0 = machineTicks();
  const r = await openLoop(to, (i) => next(i + Math.round(rate * warmup)), rate, seconds);
  const cpu1 = pids.reduce((a, p) => a + cpuTicks(p), 0);
  const db1 = postgresTicks(database);
  const m1 = machineTicks();
  const sorted = [...r.latencies].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    ok: r.ok,
    failed: r.failed,
    okPerSecond: r.ok / seconds,
    cpuMsPerRequest: ((cpu1 - cpu0) * TICK_MS) / Math.max(1, r.ok),
    dbCpuMsPerRequest: (ticksBetween(db0, db1) * TICK_MS) / Math.max(1, r.ok),
    machineBusy: (m1.busy - m0.busy) / Math.max(1, m1.total - m0.total),
  };
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tenants: { type: 'string', default: 'demo,load-00001' },
      scenarios: { type: 'string', default: SCENARIOS.join(',') },
      rates: { type: 'string', default: '500' },
      processes: { type: 'string', default: '2' },
      pool: { type: 'string', default: '10' },
      seconds: { type: 'string', default: '15' },
      warmup: { type: 'string', default: '3' },
      sockets: { type: 'string', default: '64' },
      port: { type: 'string', default: '3400' },
      'log-level': { type: 'string', default: 'info' },
      profile: { type: 'string' },
      'server-root': { type: 'string' },
      'no-bare': { type: 'boolean', default: false },
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
  const slugs = values.tenants.split(',').filter(Boolean);
  const scenarios = values.scenarios.split(',').filter(Boolean) as Scenario[];
  for (const s of scenarios)
    if (!SCENARIOS.includes(s))
      throw new Error(`--scenarios: unknown ${s} (${SCENARIOS.join(', ')})`);
  const rates = values.rates.split(',').map((r) => int('rates', r, 1));
  const processes = int('processes', values.processes, 1);
  const seconds = int('seconds', values.seconds, 1);
  const warmup = int('warmup', values.warmup, 0);
  const sockets = int('sockets', values.sockets, 1);
  const port = int('port', values.port, 1024);
  const seed = int('seed', values.seed, 0);
  deadline(int('max-seconds', values['max-seconds'], 1), 'api-load');

  const url = benchDatabaseUrl(values['database-url']);
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  const client = await connect(url);
  const children: ChildProcess[] = [];
  const fixtures: TenantFixture[] = [];
  const stopAll = () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      stopAll();
      process.exit(130);
    });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'liuke-api-load-'));
  try {
    await checkOwnerConnection(client);
    const { rows: ver } = await client.query<{ v: string }>(`select version() v`);
    for (const slug of slugs) fixtures.push(await fixture(client, slug, seed));
    await client.query('analyze');

    const env = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: String(int('pool', values.pool, 1)),
      LOG_LEVEL: values['log-level'],
      LIUKE_SERVE_WEB: 'false',
      LIUKE_SCHEDULES: 'false',
      LIUKE_RUN_WORKER: 'false',
      // One client address sends everything here: the per-IP limit would answer 429.
      LIUKE_RATE_LIMIT_PER_MINUTE: '100000000',
      LIUKE_DATA_DIR: tmp,
    };
    const appPorts = Array.from({ length: processes }, (_, i) => port + i);
    // One after the other: each process brings the schema up to date as it starts.
    for (const p of appPorts) {
      const child = spawn(
        process.execPath,
        [
          ...(values.profile
            ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values.profile)}`]
            : []),
          path.join(path.resolve(values['server-root'] ?? root), 'apps/server/src/cli.ts'),
          'serve',
          '--no-worker',
        ],
        { env: { ...env, PORT: String(p) }, stdio: ['ignore', 'ignore', 'inherit'] },
      );
      children.push(child);
      await waitReady(p, child, 'API');
    }
    const app = targets(appPorts, sockets);
    const appPids = children.map((c) => c.pid!);

    // The bare route answers each scenario with the bytes the real route answered.
    const bodies: Record<string, string> = {};
    for (const s of scenarios) {
      const res = await once(app[0]!, requestOf(s, fixtures[0]!, 0));
      if (res.status < 200 || res.status >= 300)
        throw new Error(`${s}: the API answered ${res.status}: ${res.body.slice(0, 300)}`);
      bodies[s] = res.body;
    }
    const bodiesFile = path.join(tmp, 'bodies.json');
    fs.writeFileSync(bodiesFile, JSON.stringify(bodies));
    const barePorts = Array.from({ length: processes }, (_, i) => port + 100 + i);
    const barePids: number[] = [];
    if (!values['no-bare']) {
      for (const p of barePorts) {
        const child = spawn(
          process.execPath,
          [path.join(root, 'bench/lib/bare-server.ts'), String(p), bodiesFile],
          { stdio: ['ignore', 'ignore', 'inherit'] },
        );
        children.push(child);
        barePids.push(child.pid!);
        await waitReady(p, child, 'bare Fastify');
      }
    }
    const bare = targets(barePorts, sockets);

    const machine = `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
    console.log(
      `api-load: ${processes} API process(es) (serve --no-worker, pool ${values.pool}), open loop, ${seconds} s per rate after ${warmup} s of warm-up`,
    );
    console.log(`machine: ${machine}; database: ${ver[0]?.v.split(' on ')[0]}`);
    for (const f of fixtures) console.log(`tenant ${f.slug}: ${fmt(f.customers)} customers`);
    console.log(
      '\n| scenario | tenant | rate/s | app p50 | app p99 | app max | bare p50 | bare p99 | p50 ratio | p99 ratio | ok/s | failed | API CPU ms/req | DB CPU ms/req | machine busy | load avg |',
    );
    console.log(
      '| -------- | ------ | ------ | ------- | ------- | ------- | -------- | -------- | --------- | --------- | ---- | ------ | -------------- | ------------- | ------------ | -------- |',
    );
    const results: Record<string, unknown>[] = [];
    for (const s of scenarios)
      for (const f of fixtures)
        for (const rate of rates) {
          const load0 = os.loadavg()[0]!;
          const a = await measure(
            database,
            app,
            appPids,
            (i) => requestOf(s, f, i),
            rate,
            seconds,
            warmup,
          );
          const b = values['no-bare']
            ? null
            : await measure(
                database,
                bare,
                barePids,
                (i) => bareOf(s, requestOf(s, f, i)),
                rate,
                seconds,
                Math.min(warmup, 1),
              );
          const failed = Object.entries(a.failed)
            .map(([k, v]) => `${v}×${k === '-1' ? 'unanswered' : k === '0' ? 'error' : k}`)
            .join(' ');
          console.log(
            `| ${s} | ${f.slug} | ${rate} | ${ms(a.p50)} | ${ms(a.p99)} | ${ms(a.max)} | ${b ? ms(b.p50) : '–'} | ${b ? ms(b.p99) : '–'} | ${b ? (a.p50 / b.p50).toFixed(1) : '–'} | ${b ? (a.p99 / b.p99).toFixed(1) : '–'} | ${a.okPerSecond.toFixed(0)} | ${failed || 0} | ${a.cpuMsPerRequest.toFixed(2)} | ${a.dbCpuMsPerRequest.toFixed(2)} | ${(a.machineBusy * 100).toFixed(0)}% | ${load0.toFixed(1)} |`,
          );
          results.push({
            scenario: s,
            tenant: f.slug,
            customers: f.customers,
            rate,
            app: a,
            bare: b,
            loadAverage: load0,
          });
        }
    const out = path.join(import.meta.dirname, 'out');
    fs.mkdirSync(out, { recursive: true });
    const file = path.join(out, `api-load-${Date.now()}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify(
        { at: new Date().toISOString(), machine, processes, seconds, warmup, results },
        null,
        2,
      ),
    );
    console.log(`\nsummary: ${path.relative(process.cwd(), file)}`);
  } finally {
    stopAll();
    const ids = fixtures.flatMap((f) => f.sessionIds);
    if (ids.length) await client.query(`delete from sessions where id = any($1::uuid[])`, [ids]);
    await client.end();
    fs.rmSync(tmp, { recursive: true, force: true });
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
