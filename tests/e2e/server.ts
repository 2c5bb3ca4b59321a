// Starts the real product for browser tests: `liuke serve --seed-demo-if-empty` in a child
// process on a free port, on a fresh PGlite directory, or on a fresh PostgreSQL database next
// to TEST_DATABASE_URL when that is set (as in CI). On PostgreSQL each file's database is a copy
// of one demo tenant seeded for the run (a template database), seeded again when it is more
// than ten minutes old or from another day in the demo's time zone: the demo's "today" is
// relative to the moment it is seeded, and copying it takes a second where seeding takes a minute.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const ROOT = path.resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

const TEMPLATE_FRESH_MS = 10 * 60_000;
const DEMO_TIME_ZONE = 'Asia/Shanghai';
const dayIn = (d: Date) => d.toLocaleDateString('en-CA', { timeZone: DEMO_TIME_ZONE });
const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code}:\n${output}`)),
    );
  });
}

/** The demo tenant seeded into a template database, reused while it is fresh; when it was seeded. */
async function demoTemplate(
  adminUrl: string,
  env: NodeJS.ProcessEnv,
): Promise<{ name: string; seededAt: Date }> {
  const name = `${new URL(adminUrl).pathname.slice(1)}_e2e_demo`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // One file at a time seeds it, whichever process asks first.
    await client.query('select pg_advisory_lock(hashtext($1))', [name]);
    const { rows } = await client.query<{ seeded: string | null }>(
      `select shobj_description(oid, 'pg_database') as seeded from pg_database where datname = $1`,
      [name],
    );
    const seededAt = rows[0]?.seeded ? new Date(rows[0].seeded) : null;
    const now = new Date();
    if (
      seededAt &&
      !Number.isNaN(seededAt.getTime()) &&
      now.getTime() - seededAt.getTime() < TEMPLATE_FRESH_MS &&
      dayIn(seededAt) === dayIn(now)
    )
      return { name, seededAt };
    const quoted = client.escapeIdentifier(name);
    await client.query(`drop database if exists ${quoted} with (force)`);
    await client.query(`create database ${quoted}`);
    const at = new Date();
    await run([path.join(ROOT, 'apps/server/src/cli.ts'), 'seed', '--demo'], {
      ...env,
      DATABASE_URL: withDatabase(adminUrl, name),
    });
    await client.query(`comment on database ${quoted} is '${at.toISOString()}'`);
    return { name, seededAt: at };
  } finally {
    await client.query('select pg_advisory_unlock(hashtext($1))', [name]).catch(() => {});
    await client.end();
  }
}

async function freshPostgres(
  adminUrl: string,
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; seededAt: Date; drop: () => Promise<void> }> {
  const name = `${new URL(adminUrl).pathname.slice(1)}_e2e_${process.pid}`;
  const template = await demoTemplate(adminUrl, env);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const quoted = client.escapeIdentifier(name);
  await client.query(`drop database if exists ${quoted}`);
  await client.query(
    `create database ${quoted} template ${client.escapeIdentifier(template.name)}`,
  );
  await client.end();
  return {
    url: withDatabase(adminUrl, name),
    seededAt: template.seededAt,
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${quoted} with (force)`);
      await c.end();
    },
  };
}

export interface RunningProduct {
  url: string;
  /** The demo's clock when it was seeded: its "today" is relative to this moment. */
  seededAt: Date;
  /** Waits until the worker has taken every domain event written so far (PostgreSQL only). */
  settled: () => Promise<void>;
  log: () => string;
  stop: () => Promise<void>;
}

export async function startProduct(): Promise<RunningProduct> {
  for (const app of ['console', 'app']) {
    if (!fs.existsSync(path.join(ROOT, 'apps', app, 'dist/index.html'))) {
      throw new Error(`apps/${app} is not built: run "npm run build:web" first`);
    }
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liuke-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
    // A cron run landing mid-test (the daily reminder run over the whole demo tenant) made the
    // API too slow for the browser under CI load; the schedules are covered by integration tests.
    LIUKE_SCHEDULES: 'false',
  };
  delete env.DATABASE_URL;
  delete env.DATABASE_ADMIN_URL;
  const startedAt = new Date();
  const pgDb = process.env.TEST_DATABASE_URL
    ? await freshPostgres(process.env.TEST_DATABASE_URL, env)
    : null;
  if (pgDb) env.DATABASE_URL = pgDb.url;
  else env.LIUKE_DATA_DIR = dataDir;

  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, 'apps/server/src/cli.ts'), 'serve', '--seed-demo-if-empty'],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  // Migrations plus the demo seed take ~90 s on PGlite when the machine is busy (CI runs the
  // integration tests beside these); the hook timeout is 180 s.
  const deadline = Date.now() + 170_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok && output.includes('Liuke is running')) break;
    if (Date.now() > deadline) throw new Error(`server did not start in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    seededAt: pgDb?.seededAt ?? startedAt,
    settled: async () => {
      if (!pgDb) return;
      const c = new pg.Client({ connectionString: pgDb.url });
      await c.connect();
      try {
        for (let i = 0; i < 240; i++) {
          const { rows } = await c.query<{ n: number }>(
            'select count(*)::int as n from outbox_events where published_at is null',
          );
          if (rows[0]!.n === 0) return;
          await new Promise((r) => setTimeout(r, 500));
        }
        throw new Error('the worker did not take the demo’s events in 2 minutes');
      } finally {
        await c.end();
      }
    },
    log: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      fs.rmSync(dataDir, { recursive: true, force: true });
      await pgDb?.drop();
    },
  };
}

/** Signs a staff member in through the API (for test setup, not what is under test). */
export async function staffApi(url: string, login: string) {
  const res = await fetch(`${url}/api/v1/staff/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: 'demo', login, password: 'Liuke@2026' }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    get: async <T>(p: string): Promise<T> => {
      const r = await fetch(`${url}${p}`, { headers: { cookie } });
      if (!r.ok) throw new Error(`${p}: ${r.status}`);
      return (await r.json()) as T;
    },
    post: <T>(p: string, body: unknown) => send<T>('POST', p, body),
    put: <T>(p: string, body: unknown) => send<T>('PUT', p, body),
  };
  async function send<T>(method: 'POST' | 'PUT', p: string, body: unknown): Promise<T> {
    const r = await fetch(`${url}${p}`, {
      method,
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${p}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  }
}
