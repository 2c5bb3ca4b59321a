// Crash test (PostgreSQL): a child process applies a stream of ledger mutations, each with its
// own idempotency key; it is killed with SIGKILL at random moments several times and restarted
// from the beginning, retrying every key. Afterwards the ledger invariants hold and the balances
// equal the stream applied exactly once: no key applied twice, none lost. On PostgreSQL (CI) the
// child shares the server; without TEST_DATABASE_URL the same runs on an embedded PGlite data
// directory that the child opens, is killed on, and the next run recovers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { runKillableWorker } from '../../testing/kill-worker.ts';
import { withTenant } from '../../db/tenant-scope.ts';
import {
  createTestEnv,
  signInStaff,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { earnPoints } from './points.ts';
import { topUp } from './stored-value.ts';
import { crashOp } from './testing/crash-worker.ts';
import { checkInvariants, createMember } from './testing/helpers.ts';

const pg = !!process.env.TEST_DATABASE_URL;
const dataDir = pg ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'lk-crash-'));
/** PostgreSQL: the shared test database. PGlite: one process at a time on the data directory. */
const openEnv = () =>
  createTestEnv(dataDir ? { config: { database: { kind: 'pglite', dataDir } } } : {});
const COUNT = 600;
const KILLS = 5;
const WORKER = path.join(import.meta.dirname, 'testing', 'crash-worker.ts');
let env: TestEnv | null = null;
let tenant: TestTenant;
const members: string[] = [];

beforeAll(async () => {
  env = await openEnv();
  tenant = await env.createTenant();
  const owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  for (let i = 0; i < 3; i++) {
    const c = (await createMember(env, owner, { phone: `1350000${String(5000 + i)}` })).customerId;
    members.push(c);
    // Enough in every wallet and points balance that no step of the stream can be refused.
    await env.inTenant(tenant.id, (ctx) =>
      topUp(ctx, { customerId: c, payFen: 100_000, method: 'cash' }, `seed-sv-${i}`),
    );
    await env.inTenant(tenant.id, (ctx) =>
      earnPoints(ctx, {
        customerId: c,
        amount: 10_000,
        source: 'grant',
        reference: null,
        key: `seed-pts-${i}`,
      }),
    );
  }
});
afterAll(async () => {
  await env?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Checks the invariants; on PGlite opens the data directory for it and closes it again. */
async function check(): Promise<void> {
  if (env) return checkInvariants(env.database.adminDb, tenant.id);
  const e = await openEnv();
  try {
    await checkInvariants(e.database.adminDb, tenant.id);
  } finally {
    await e.close();
  }
}

/** Runs the worker; kills it with SIGKILL after `killAfterMs` unless it finishes first. */
function runWorker(killAfterMs: number | null): Promise<{ killed: boolean; reached: number }> {
  return runKillableWorker({
    script: WORKER,
    args: [tenant.id, members.join(','), String(COUNT)],
    env: dataDir ? { LOYALTY_CRASH_DATA_DIR: dataDir } : {},
    killAfterMs,
    armOn: 'ready',
  });
}

describe('crash and retry', () => {
  it(
    'kill -9 at random points, retry every key: each applied exactly once',
    { timeout: 600_000 },
    async () => {
      const seed = Number(process.env.LOYALTY_CRASH_SEED ?? Date.now() % 100_000);
      let rnd = seed;
      const next = () => (rnd = (rnd * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const kills: number[] = [];
      if (!pg) {
        await env!.close();
        env = null;
      }
      for (let k = 0; k < KILLS; k++) {
        const r = await runWorker(200 + Math.floor(next() * 1500));
        kills.push(r.reached);
        await check();
      }
      const last = await runWorker(null);
      expect(last.killed).toBe(false);
      // Some kill landed mid-stream (not all before the first step or after the last).
      expect(
        kills.some((r) => r > 0 && r < COUNT - 1),
        `seed ${seed}, kills at ${kills}`,
      ).toBe(true);

      env ??= await openEnv();
      await checkInvariants(env.database.adminDb, tenant.id);
      // The model: seeds, then every step once.
      const wallet = [100_000, 100_000, 100_000];
      const points = [10_000, 10_000, 10_000];
      for (let i = 0; i < COUNT; i++) {
        const op = crashOp(i);
        if (op.t === 'topUp') wallet[op.c]! += op.fen;
        else if (op.t === 'earn') points[op.c]! += op.points;
        else if (op.t === 'move') {
          wallet[op.from]! -= op.fen;
          wallet[op.to]! += op.fen;
        } else points[op.c]! -= op.points;
      }
      const balances = await withTenant(env.database.db, tenant.id, (tx) =>
        queryRows<{ owner: string; kind: string; balance: number }>(
          tx,
          sql`select owner_customer_id as owner, kind, balance::int from ledger_accounts
            where kind in ('stored_value_principal', 'points_available')`,
        ),
      );
      for (const [i, c] of members.entries()) {
        const of = (kind: string) =>
          balances.find((b) => b.owner === c && b.kind === kind)?.balance;
        expect(
          [of('stored_value_principal'), of('points_available')],
          `member ${i}, seed ${seed}`,
        ).toEqual([wallet[i], points[i]]);
      }
      const [keys] = await queryRows<{ n: number }>(
        env.database.adminDb,
        sql`select count(*)::int as n from ledger_transfers where tenant_id = ${tenant.id}::uuid
          and (idempotency_key like 'crash:%')`,
      );
      // One transfer per step, except top-ups which write principal under `crash:i:principal`.
      expect(keys!.n).toBe(COUNT);
    },
  );
});
