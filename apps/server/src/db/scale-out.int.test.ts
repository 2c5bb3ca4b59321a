// Several processes on one PostgreSQL, and PgBouncer in transaction mode in front of it: two API
// processes (`liuke serve --no-worker`) and a worker (`liuke worker`) are started as real
// processes against a fresh database, and one scenario runs across them — staff and car-owner
// sign-in, a booking race for the last places of a slot through both API processes, a real-time
// event from one process to another's stream, a stored-value top-up (a ledger transfer) replayed
// through the other process, a campaign sent by the worker. The second time, the application's connections go through PgBouncer (transaction
// pooling); the owner connection (migrations, pg-boss, LISTEN, the outbox) stays direct.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, REPO_ROOT } from '../config.ts';
import { systemClock } from '../kernel/clock.ts';
import { createLogger } from '../kernel/logger.ts';
import { openRuntime, type Runtime } from '../main.ts';
import { createStaffUser } from '../modules/identity/index.ts';
import { createStore, createTenant } from '../modules/tenancy/index.ts';
import { freshDatabase, listening, serverUrl, strict, withDatabase } from '../testing/databases.ts';
import type { FreshDatabase } from '../testing/databases.ts';
import { appUrlFor } from '../testing/harness.ts';
import { queryRows } from './database.ts';
import { ledgerChecks, ledgerProblems } from './portable.ts';
import { withTenant } from './tenant-scope.ts';
import { PRIVACY_POLICY_VERSION } from '../modules/privacy/index.ts';

const url = serverUrl('several processes and PgBouncer');
const BOUNCER_PORT = Number(process.env.LIUKE_PGBOUNCER_PORT ?? 6432);
const PASSWORD = 'Scale-out-2026';

const children: ChildProcess[] = [];
const databases: FreshDatabase[] = [];
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await Promise.all(
    children.map((c) =>
      c.exitCode === null ? new Promise((r) => c.once('exit', r)) : Promise.resolve(),
    ),
  );
  for (const d of databases) await d.drop().catch(() => {});
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

interface Proc {
  child: ChildProcess;
  output: () => string;
}

function liuke(args: string[], env: Record<string, string>): Proc {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(base))
    if (k.startsWith('DATABASE_') || k.startsWith('TEST_') || k.startsWith('LIUKE_'))
      delete base[k];
  const child = spawn(process.execPath, ['apps/server/src/cli.ts', ...args], {
    cwd: REPO_ROOT,
    env: {
      ...base,
      NODE_ENV: 'development',
      LIUKE_SERVE_WEB: 'false',
      LIUKE_RATE_LIMIT_PER_MINUTE: '100000',
      LIUKE_AUTH_RATE_LIMIT_PER_MINUTE: '100000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (out = (out + c).slice(-20_000)));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (out = (out + c).slice(-20_000)));
  return { child, output: () => out };
}

async function until<T>(what: string, p: Proc | null, fn: () => Promise<T | null>, ms = 120_000) {
  const end = Date.now() + ms;
  for (;;) {
    if (p && p.child.exitCode !== null)
      throw new Error(`${what}: the process exited (${p.child.exitCode}):\n${p.output()}`);
    const v = await fn().catch(() => null);
    if (v !== null && v !== undefined) return v;
    if (Date.now() > end) throw new Error(`${what}: timed out\n${p?.output() ?? ''}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

interface Session {
  cookie: string;
  csrf: string;
}

async function call(
  base: string,
  method: string,
  path: string,
  session: Session | null,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text,
    json: () => JSON.parse(text) as Record<string, unknown> & { [k: string]: any }, // eslint-disable-line @typescript-eslint/no-explicit-any
  };
}

async function signIn(base: string, path: string, payload: unknown, cookieName: string) {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`sign-in ${path}: ${res.status} ${text}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${cookieName}=`))!;
  return { cookie, csrf: (JSON.parse(text) as { csrfToken: string }).csrfToken };
}

/** Runs the whole scenario against a fresh database; `appPort` is where the app connects. */
async function scenario(appPort: number | null) {
  const db = await freshDatabase(url!, 'lk_scale');
  databases.push(db);
  const ownerUrl = db.url;
  const appUrl = appUrlFor(appPort === null ? ownerUrl : withDatabase(ownerUrl, db.name, appPort));

  // Migrate and create the tenant in this process (the owner connection).
  const rt: Runtime = await openRuntime(
    loadConfig({
      LOG_LEVEL: 'silent',
      DATABASE_URL: ownerUrl,
      DATABASE_ADMIN_URL: ownerUrl,
      DATABASE_POOL_SIZE: '2',
    }),
  );
  try {
    const slug = `scale-${Math.random()
      .toString(36)
      .slice(2, 10)
      .replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!)}`;
    const { tenantId } = await createTenant(rt.database.db, { slug, name: '多进程车行' });
    const storeId = await withTenant(rt.database.db, tenantId, async (tx) => {
      const ctx = {
        tenantId,
        actor: { type: 'system' as const, id: null },
        tx,
        clock: systemClock,
        locale: 'zh-CN' as const,
        requestId: null,
        log: createLogger('silent'),
      };
      const store = await createStore(ctx, { code: 'S01', name: '一号店' });
      await createStaffUser(ctx, {
        name: '老板',
        email: `owner@${slug}.test`,
        phone: null,
        password: PASSWORD,
        role: 'owner',
        storeIds: [store.id],
      });
      return store.id;
    });

    const env = { DATABASE_URL: appUrl, DATABASE_ADMIN_URL: ownerUrl, LOG_LEVEL: 'warn' };
    const [portA, portB] = [await freePort(), await freePort()];
    const apiA = liuke(['serve', '--no-worker'], { ...env, PORT: String(portA) });
    const apiB = liuke(['serve', '--no-worker'], { ...env, PORT: String(portB) });
    const worker = liuke(['worker'], { ...env, LOG_LEVEL: 'info' });
    const A = `http://127.0.0.1:${portA}`;
    const B = `http://127.0.0.1:${portB}`;
    for (const [base, p] of [
      [A, apiA],
      [B, apiB],
    ] as const)
      await until('API ready', p, async () =>
        (await fetch(`${base}/readyz`)).status === 200 ? true : null,
      );
    await until('worker started', worker, async () =>
      worker.output().includes('worker started') ? true : null,
    );

    // Staff sign in on A; the session works on B (sessions live in the database).
    const staff = await signIn(
      A,
      '/api/v1/staff/auth/sign-in',
      { tenant: slug, login: `owner@${slug}.test`, password: PASSWORD },
      'lk_staff',
    );
    expect((await call(B, 'GET', '/api/v1/staff/me', staff)).status).toBe(200);

    // Opening hours: every day, one place per hour… two places per slot.
    const hoursPath = `/api/v1/staff/stores/${storeId}/opening-hours`;
    const etag = (await call(B, 'GET', hoursPath, staff)).json().etag as string;
    const put = await call(
      B,
      'PUT',
      hoursPath,
      staff,
      {
        days: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
          weekday,
          opensAt: '08:00',
          closesAt: '20:00',
          slotMinutes: 60,
          capacity: 2,
        })),
      },
      { 'if-match': etag },
    );
    expect(put.status, put.body).toBe(200);

    // Ten customers with a car, created through both processes.
    const customers: { id: string; vehicleId: string; phone: string }[] = [];
    for (let i = 0; i < 10; i++) {
      const base = i % 2 ? B : A;
      const phone = `1370001${String(i).padStart(4, '0')}`;
      const c = await call(base, 'POST', '/api/v1/staff/customers', staff, {
        name: `客户${i}`,
        phone,
      });
      expect(c.status, c.body).toBe(201);
      const v = await call(base, 'POST', `/api/v1/staff/customers/${c.json().id}/vehicles`, staff, {
        plate: `粤B${String(20000 + i)}`,
      });
      expect(v.status, v.body).toBe(201);
      customers.push({ id: c.json().id, vehicleId: v.json().id, phone });
    }

    // The booking race: ten requests at once for a slot with two places, through both processes.
    const avail = await call(
      A,
      'GET',
      `/api/v1/staff/availability?storeId=${storeId}&days=5`,
      staff,
    );
    expect(avail.status, avail.body).toBe(200);
    const slot = (avail.json().days as { slots: { startsAt: string; remaining: number }[] }[])[2]!
      .slots[3]!;
    expect(slot.remaining).toBe(2);
    const results = await Promise.all(
      customers.map((c, i) =>
        call(i % 2 ? B : A, 'POST', '/api/v1/staff/appointments', staff, {
          customerId: c.id,
          vehicleId: c.vehicleId,
          storeId,
          startsAt: slot.startsAt,
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, ...Array(8).fill(409)]);
    for (const r of results.filter((x) => x.status === 409))
      expect(r.json().error.code).toBe('APPOINTMENT_SLOT_FULL');
    const [booked] = await queryRows<{ booked: number; rows: number }>(
      rt.database.adminDb,
      sql`select (select booked from appointment_slots where store_id = ${storeId}::uuid and starts_at = ${slot.startsAt}::timestamptz)::int as booked,
            (select count(*) from appointments where store_id = ${storeId}::uuid and starts_at = ${slot.startsAt}::timestamptz)::int as rows`,
    );
    expect(booked).toEqual({ booked: 2, rows: 2 });
    // The worker process publishes the booking events.
    await until('booking events published by the worker', worker, async () => {
      const [r] = await queryRows<{ n: number }>(
        rt.database.adminDb,
        sql`select count(*)::int as n from outbox_events where type = 'appointment.booked' and published_at is not null`,
      );
      return r!.n === 2 ? true : null;
    });

    // A car owner signs in by SMS code (asked on A, read in the dev outbox on B, used on A) and
    // sees the slot full from B.
    const me = customers[0]!;
    expect(
      (
        await call(A, 'POST', '/api/v1/app/auth/code', null, {
          tenant: slug,
          phone: me.phone,
          privacyPolicyVersion: PRIVACY_POLICY_VERSION,
        })
      ).status,
    ).toBe(202);
    const code = await until('sign-in code', null, async () => {
      const box = await call(B, 'GET', '/api/v1/staff/dev/outbox', staff);
      const items = box.json().items as { body: string }[];
      return items.map((m) => /验证码是 (\d{6})/.exec(m.body)?.[1]).find(Boolean) ?? null;
    });
    const app = await signIn(
      A,
      '/api/v1/app/auth/sign-in',
      { tenant: slug, phone: me.phone, code, privacyPolicyVersion: PRIVACY_POLICY_VERSION },
      'lk_app',
    );
    const seen = await call(B, 'GET', `/api/v1/app/availability?storeId=${storeId}&days=5`, app);
    expect(seen.status, seen.body).toBe(200);
    const again = (seen.json().days as { slots: { startsAt: string; remaining: number }[] }[])
      .flatMap((d) => d.slots)
      .find((s) => s.startsAt === slot.startsAt);
    expect(again?.remaining ?? 0).toBe(0);

    // Real time across processes: the staff's event stream on A hears the message the car owner
    // writes through B (NOTIFY in B's transaction, LISTEN on A's owner connection).
    const events = new AbortController();
    const stream = await fetch(`${A}/api/v1/staff/events`, {
      headers: { cookie: staff.cookie },
      signal: events.signal,
    });
    expect(stream.status).toBe(200);
    let heard = '';
    const reading = (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>)
          heard += decoder.decode(chunk, { stream: true });
      } catch {
        // aborted
      }
    })();
    await until('event stream ready', null, async () => (heard.includes('ready') ? true : null));
    const wrote = await call(B, 'POST', '/api/v1/app/me/conversation/messages', app, {
      body: '明天上午能来保养吗？',
    });
    expect(wrote.status, wrote.body).toBe(201);
    await until('staff event from the other process', null, async () =>
      heard.includes(me.id) ? true : null,
    );
    events.abort();
    await reading;

    // A ledger transfer: a top-up on A, its retry with the same key on B replays it.
    const topUpPath = `/api/v1/staff/customers/${me.id}/stored-value/top-ups`;
    const key = { 'idempotency-key': `scale-top-up-${slug}` };
    const first = await call(A, 'POST', topUpPath, staff, { payFen: 10000, method: 'cash' }, key);
    expect(first.status, first.body).toBe(201);
    const retry = await call(B, 'POST', topUpPath, staff, { payFen: 10000, method: 'cash' }, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const wallet = await call(B, 'GET', `/api/v1/staff/customers/${me.id}/loyalty`, staff);
    expect(wallet.json().storedValue.balanceFen).toBe(10000);
    const ledger = (await ledgerChecks(rt.database.adminDb)).find((c) => c.slug === slug)!;
    expect(ledgerProblems(ledger)).toEqual([]);
    expect(ledger.transfers).toBe(1);

    // A campaign: launched on B, its messages handled by the worker process. Quiet hours are
    // moved away from the present hour, whatever time the test runs at.
    const hour =
      (Number(
        new Date().toLocaleString('en-GB', {
          timeZone: 'Asia/Shanghai',
          hour: '2-digit',
          hourCycle: 'h23',
        }),
      ) +
        6) %
      24;
    const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
    const quiet = await call(A, 'PUT', '/api/v1/staff/messaging/settings', staff, {
      quietStart: hh(hour),
      quietEnd: hh(hour + 2),
      marketingPerDay: 5,
      marketingPerWeek: 10,
      fallbackMinutes: 30,
    });
    expect(quiet.status, quiet.body).toBe(200);
    const seg = await call(A, 'POST', '/api/v1/staff/segments', staff, {
      name: '全部客户',
      filter: { kind: 'rule', field: 'customer.createdAt', op: 'is_not_empty' },
    });
    expect(seg.status, seg.body).toBe(201);
    const campaign = await call(A, 'POST', '/api/v1/staff/campaigns', staff, {
      name: '冬季检测',
      segmentId: seg.json().id,
      variants: [{ key: 'A', templateKey: 'marketing.campaign', text: '冬季免费检测' }],
      channels: ['sms'],
    });
    expect(campaign.status, campaign.body).toBe(201);
    const id = campaign.json().id as string;
    const launched = await call(B, 'POST', `/api/v1/staff/campaigns/${id}/launch`, staff);
    expect(launched.status, launched.body).toBe(200);
    const accounting = await until('campaign messages handled', worker, async () => {
      const r = await call(A, 'GET', `/api/v1/staff/campaigns/${id}/report`, staff);
      const a = r.json().accounting as { targeted: number; pending: number };
      return a.pending === 0 ? a : null;
    });
    expect(accounting.targeted).toBe(10);

    for (const p of [apiA, apiB, worker]) expect(p.child.exitCode, p.output()).toBeNull();
    if (appPort !== null) {
      // The application's connections really are PgBouncer's clients (its admin console).
      const admin = new pg.Client({
        connectionString: withDatabase(url!, 'pgbouncer', appPort),
      });
      await admin.connect();
      try {
        const clients = await admin.query<{ user: string; database: string }>('show clients');
        const ours = clients.rows.filter((c) => c.database === db.name && c.user === 'liuke_app');
        expect(ours.length).toBeGreaterThan(0);
      } finally {
        await admin.end();
      }
    }
    return { ok: true };
  } finally {
    await rt.close();
  }
}

describe.skipIf(!url)('several processes on one PostgreSQL', () => {
  it(
    'two API processes and a worker: sign-in, a booking race, real time, a ledger transfer, a campaign',
    { timeout: 400_000 },
    async () => {
      expect(await scenario(null)).toEqual({ ok: true });
    },
  );
});

describe.skipIf(!url)('behind PgBouncer in transaction mode', () => {
  it(
    'the same scenario with the application connecting through PgBouncer',
    { timeout: 400_000 },
    async (ctx) => {
      if (!(await listening('127.0.0.1', BOUNCER_PORT))) {
        const msg = `PgBouncer is not listening on 127.0.0.1:${BOUNCER_PORT} (apt-get install -y pgbouncer; .ci/run starts it with ci/pgbouncer.ini)`;
        if (strict) throw new Error(msg);
        process.stdout.write(`behind PgBouncer: not run: ${msg}\n`);
        ctx.skip();
      }
      expect(await scenario(BOUNCER_PORT)).toEqual({ ok: true });
    },
  );
});
