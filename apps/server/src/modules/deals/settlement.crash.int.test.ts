// Crash test of settlement: a child process settles a deal that happened, one transaction per
// joiner; it is killed with SIGKILL at random moments (often inside a transaction, after its work
// and before its commit) several times and started again. Afterwards the ledger and escrow
// invariants hold, the deal is final, every joiner's hold was captured once, each got exactly one
// package and one message, and every wallet lost exactly the price: nothing lost, nothing doubled.
// On PostgreSQL the child shares the server; without TEST_DATABASE_URL the same runs on an
// embedded PGlite data directory that the child opens, is killed on, and the next run recovers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { runKillableWorker } from '../../testing/kill-worker.ts';
import { fixedClock } from '../../kernel/clock.ts';
import {
  createTestEnv,
  signInStaff,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { joinDeal } from './joining.ts';
import {
  checkEscrow,
  memberWithWallet,
  openDeal,
  packageProduct,
  walletFen,
} from './testing/helpers.ts';

const pg = !!process.env.TEST_DATABASE_URL;
const dataDir = pg ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'lk-deal-crash-'));
const clock = fixedClock(new Date('2026-12-01T02:00:00Z'));
const openEnv = () =>
  createTestEnv({
    clock,
    ...(dataDir ? { config: { database: { kind: 'pglite' as const, dataDir } } } : {}),
  });
const JOINERS = 40;
const PRICE = 12_300;
const WALLET = 20_000;
const KILLS = 5;
const WORKER = path.join(import.meta.dirname, 'testing', 'crash-worker.ts');
let env: TestEnv | null = null;
let tenant: TestTenant;
let dealId: string;
const joiners: string[] = [];

beforeAll(async () => {
  env = await openEnv();
  tenant = await env.createTenant();
  const owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  const product = await packageProduct(env, owner);
  dealId = await openDeal(env, owner, {
    title: '四条轮胎拼团',
    rewardKind: 'package',
    packageProductId: product,
    priceFen: PRICE,
    originalPriceFen: 20_000,
    minJoiners: 3,
    deadlineAt: new Date(clock.now().getTime() + 60 * 60 * 1000).toISOString(),
  });
  for (let i = 0; i < JOINERS; i++) {
    const c = await memberWithWallet(env, tenant, owner, WALLET);
    joiners.push(c);
    await env.inTenant(tenant.id, (ctx) => joinDeal(ctx, { dealId, customerId: c }));
  }
  clock.advance(2 * 60 * 60 * 1000);
}, 300_000);
afterAll(async () => {
  await env?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function check(): Promise<void> {
  if (env) return checkEscrow(env.database.adminDb, tenant.id);
  const e = await openEnv();
  try {
    await checkEscrow(e.database.adminDb, tenant.id);
  } finally {
    await e.close();
  }
}

/** Runs the worker; kills it `killAfterMs` after its first joiner's step unless it finishes. */
function runWorker(killAfterMs: number | null): Promise<{ killed: boolean; reached: number }> {
  // Timed from the first joiner's step, not from start-up (slow under load).
  return runKillableWorker({
    script: WORKER,
    args: [tenant.id, dealId, clock.now().toISOString()],
    env: dataDir ? { DEALS_CRASH_DATA_DIR: dataDir } : {},
    killAfterMs,
    armOn: 'first-step',
  });
}

describe('settlement crash and restart', () => {
  it(
    'kill -9 during settlement, restart: every joiner settled exactly once',
    { timeout: 600_000 },
    async () => {
      const seed = Number(process.env.DEALS_CRASH_SEED ?? Date.now() % 100_000);
      let rnd = seed;
      const next = () => (rnd = (rnd * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const start = await Promise.all(joiners.map((j) => walletFen(env!.database.adminDb, j)));
      expect(start.every((w) => w === WALLET - PRICE)).toBe(true);
      if (!pg) {
        await env!.close();
        env = null;
      }
      const kills: number[] = [];
      // Later kills come later: each restart first skips the joiners already settled.
      for (let k = 0; k < KILLS; k++) {
        const r = await runWorker(Math.floor((k + 1) * (60 + next() * 120)));
        kills.push(r.killed ? r.reached : Number.POSITIVE_INFINITY);
        await check();
      }
      const last = await runWorker(null);
      expect(last.killed).toBe(false);
      expect(
        kills.some((r) => r >= 0 && r < JOINERS - 1),
        `seed ${seed}, kills at ${kills}`,
      ).toBe(true);

      env ??= await openEnv();
      await checkEscrow(env.database.adminDb, tenant.id);
      const [d] = await queryRows<{ status: string }>(
        env.database.adminDb,
        sql`select status from deals where tenant_id = ${tenant.id}::uuid and id = ${dealId}::uuid`,
      );
      expect(d!.status).toBe('succeeded');
      const parts = await queryRows<{ status: string; sells: number; told: number }>(
        env.database.adminDb,
        sql`select p.status,
              (select count(*)::int from ledger_transfers t where t.tenant_id = p.tenant_id
                and t.idempotency_key = 'deal:' || p.id || ':sell') as sells,
              (select count(*)::int from message_intents m where m.tenant_id = p.tenant_id
                and m.dedupe_key = 'deal.settled:' || p.id) as told
            from deal_participations p where p.tenant_id = ${tenant.id}::uuid
              and p.deal_id = ${dealId}::uuid`,
      );
      expect(parts).toHaveLength(JOINERS);
      expect(parts.filter((p) => p.status === 'captured')).toHaveLength(JOINERS);
      expect(parts.every((p) => p.sells === 1 && p.told === 1)).toBe(true);
      const [pkgs] = await queryRows<{ n: number }>(
        env.database.adminDb,
        sql`select count(*)::int as n from customer_packages where tenant_id = ${tenant.id}::uuid`,
      );
      expect(pkgs!.n, 'one package per joiner, none doubled').toBe(JOINERS);
      const wallets = await Promise.all(joiners.map((j) => walletFen(env!.database.adminDb, j)));
      expect(wallets.every((w) => w === WALLET - PRICE)).toBe(true);
      const [captures] = await queryRows<{ n: number; fen: number | string }>(
        env.database.adminDb,
        sql`select count(*)::int as n, coalesce(sum(amount), 0) as fen from ledger_transfers
            where tenant_id = ${tenant.id}::uuid and kind = 'hold_capture'`,
      );
      expect(Number(captures!.fen), 'captured once each').toBe(JOINERS * PRICE);
    },
  );
});
