// Crash test (PostgreSQL): the product runs as a real process (`liuke serve`) on a fresh
// database; a WeChat Pay notification reaches it and the process is killed with SIGKILL at a
// crash point (LIUKE_TEST_CRASH_AT) — once after the notification's transaction committed but
// before the 204 left, once after it was applied but before the commit. WeChat Pay, having heard
// nothing, sends the same notification again to the restarted process: it is answered 204 and
// each top-up is credited exactly once (one principal and one bonus transfer, the ledger
// balanced, one "paid" on the timeline). Without TEST_DATABASE_URL it is not run (it says so).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, REPO_ROOT } from '../../config.ts';
import { queryRows } from '../../db/database.ts';
import type { CrashPoint } from '../../kernel/crash-points.ts';
import { openRuntime } from '../../main.ts';
import { freshDatabase, serverUrl, type FreshDatabase } from '../../testing/databases.ts';
import {
  appUrlFor,
  createTestEnv,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { checkInvariants } from '../loyalty/testing/helpers.ts';
import { startWechatDouble, wechatTradeResource, type WechatDouble } from './testing/doubles.ts';
import { configure, sellTopUps, TOP_UP, walletFen, wechatTopUp } from './testing/setup.ts';

const url = serverUrl('the payments crash test');
/** The key that seals the provider secrets, shared by this process and the served one. */
const SECRET_KEY = `crash:${randomBytes(32).toString('base64')}`;

let db: FreshDatabase | null = null;
let env: TestEnv;
let tenant: TestTenant;
let owner: Session;
let wx: WechatDouble;
const children: ChildProcess[] = [];

beforeAll(async () => {
  if (!url) return;
  db = await freshDatabase(url, 'lk_paycrash');
  // Migrate the fresh database as `liuke serve` would.
  const rt = await openRuntime(
    loadConfig({
      LOG_LEVEL: 'silent',
      DATABASE_URL: db.url,
      DATABASE_ADMIN_URL: db.url,
      DATABASE_POOL_SIZE: '2',
      LIUKE_SECRET_KEY: SECRET_KEY,
    }),
  );
  await rt.close();
  env = await createTestEnv({
    config: {
      database: {
        kind: 'postgres',
        url: appUrlFor(db.url),
        adminUrl: db.url,
        appPassword: undefined,
        poolSize: 2,
      },
      secrets: { envValue: SECRET_KEY, dataDir: null },
    },
  });
  tenant = await env.createTenant();
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  wx = await startWechatDouble(() => new Date());
  await configure(env, owner, 'wechat', wx.config(), wx.secrets());
  await sellTopUps(env, tenant);
}, 180_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  await Promise.all(
    children.map((c) =>
      c.exitCode === null && c.signalCode === null
        ? new Promise((r) => c.once('exit', r))
        : Promise.resolve(),
    ),
  );
  await wx?.close();
  await env?.close();
  await db?.drop();
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

interface Served {
  base: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `liuke serve --no-worker` on the fresh database, killing itself at `crashAt` if given. */
async function serve(crashAt: CrashPoint | null): Promise<Served> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(base))
    if (k.startsWith('DATABASE_') || k.startsWith('TEST_') || k.startsWith('LIUKE_'))
      delete base[k];
  const port = await freePort();
  const child = spawn(process.execPath, ['apps/server/src/cli.ts', 'serve', '--no-worker'], {
    cwd: REPO_ROOT,
    env: {
      ...base,
      NODE_ENV: 'development',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      LIUKE_SERVE_WEB: 'false',
      DATABASE_URL: appUrlFor(db!.url),
      DATABASE_ADMIN_URL: db!.url,
      DATABASE_POOL_SIZE: '2',
      LIUKE_SECRET_KEY: SECRET_KEY,
      ...(crashAt ? { LIUKE_TEST_CRASH_AT: crashAt } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (out = (out + c).slice(-20_000)));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (out = (out + c).slice(-20_000)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => r({ code, signal })),
  );
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve exited (${child.exitCode}):\n${out}`);
    const ready = await fetch(`${origin}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`serve did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { base: origin, child, output: () => out, exited };
}

/** Sends a notification as WeChat Pay does: the exact bytes, its Wechatpay-* headers. */
const deliver = (s: Served, n: { headers: Record<string, string>; body: string }) =>
  fetch(`${s.base}/api/v1/webhooks/payments/wechat?tenant=${tenant.id}`, {
    method: 'POST',
    headers: n.headers,
    body: n.body,
  });

/** A member's top-up started in the app, pending at WeChat Pay, and its signed notification. */
async function paidAtWechat() {
  const { m, p } = await wechatTopUp(env, tenant, owner);
  const notice = wx.notification(wechatTradeResource(wx.pay(p.number), wx.mchid));
  return { customerId: m.customerId, paymentId: p.id, notice };
}

async function facts(paymentId: string, customerId: string) {
  const [row] = await queryRows<{ status: string; transfers: number; paid_events: number }>(
    env.database.adminDb,
    sql`select p.status,
          (select count(*)::int from ledger_transfers t where t.tenant_id = p.tenant_id
             and t.idempotency_key like ${`payment:${paymentId}:%`}) as transfers,
          (select count(*)::int from payment_events e where e.tenant_id = p.tenant_id
             and e.payment_id = p.id and e.type = 'paid') as paid_events
        from payments p where p.id = ${paymentId}::uuid`,
  );
  return { ...row!, walletFen: await walletFen(env, tenant.id, customerId) };
}

const FULL = TOP_UP.payFen + TOP_UP.bonusFen;

/** Delivers the notification to a process that crashes at `point`; the sender hears nothing. */
async function crashOn(
  point: CrashPoint,
  notice: { headers: Record<string, string>; body: string },
) {
  const s = await serve(point);
  const answer = await deliver(s, notice).then(
    (r) => `answered ${r.status}`,
    (err: unknown) => `no answer (${(err as Error).message})`,
  );
  expect(answer).toMatch(/^no answer/u);
  expect((await s.exited).signal, s.output()).toBe('SIGKILL');
}

describe.skipIf(!url)('a notification whose answer never leaves (kill -9)', () => {
  it(
    'the provider sends it again: answered 204, credited exactly once',
    { timeout: 300_000 },
    async () => {
      const committed = await paidAtWechat();
      const applied = await paidAtWechat();

      // Killed after the commit: the payment is paid and credited, WeChat Pay heard nothing.
      await crashOn('payment-notification-committed', committed.notice);
      expect(await facts(committed.paymentId, committed.customerId)).toEqual({
        status: 'paid',
        transfers: 2,
        paid_events: 1,
        walletFen: FULL,
      });

      // Killed before the commit: nothing of it stayed.
      await crashOn('payment-notification-applied', applied.notice);
      expect(await facts(applied.paymentId, applied.customerId)).toEqual({
        status: 'pending',
        transfers: 0,
        paid_events: 0,
        walletFen: 0,
      });
      await checkInvariants(env.database.adminDb, tenant.id);

      // WeChat Pay retries the very same notifications against the restarted process.
      const s = await serve(null);
      for (const n of [committed, applied]) {
        const retry = await deliver(s, n.notice);
        expect(retry.status, await retry.text()).toBe(204);
        // And once more, as WeChat Pay may: still once.
        expect((await deliver(s, n.notice)).status).toBe(204);
        expect(await facts(n.paymentId, n.customerId)).toEqual({
          status: 'paid',
          transfers: 2,
          paid_events: 1,
          walletFen: FULL,
        });
      }
      await checkInvariants(env.database.adminDb, tenant.id);
      s.child.kill('SIGTERM');
      await s.exited;
    },
  );
});
