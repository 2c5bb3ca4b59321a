// Eight clients at once on the same hot accounts (PostgreSQL; PGlite has one connection, so
// there is nothing concurrent to test there): transfers among a few wallets, redemptions from one
// points balance and top-ups against one cap. Totals come out exact: no lost update, no negative,
// no overdraft, every success has its transfer and nothing else does.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { AppError } from '../../kernel/errors.ts';
import {
  createTestEnv,
  signInStaff,
  testConfig,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { ensureAccount, transfer } from './ledger.ts';
import { earnPoints, takePoints } from './points.ts';
import { topUp } from './stored-value.ts';
import { checkInvariants, createMember } from './testing/helpers.ts';

const pg = !!process.env.TEST_DATABASE_URL;
const CLIENTS = 8;
let env: TestEnv;
let tenant: TestTenant;
const members: string[] = [];

beforeAll(async () => {
  if (!pg) return;
  const base = testConfig();
  env = await createTestEnv({
    config: { database: { ...base.database, poolSize: CLIENTS + 2 } as never },
  });
  tenant = await env.createTenant();
  const owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  for (let i = 0; i < 3; i++)
    members.push(
      (await createMember(env, owner, { phone: `1360000${String(4000 + i)}` })).customerId,
    );
});
afterAll(() => env?.close());

const refused = (err: unknown, ...codes: string[]) =>
  err instanceof AppError && codes.includes(err.code);

describe.skipIf(!pg)('ledger under concurrency (PostgreSQL)', () => {
  it(
    '8 clients moving stored value among 3 hot wallets keep the total exact',
    { timeout: 300_000 },
    async () => {
      // 3 × ¥1,000 in, then 8 × 60 random moves between the three.
      for (const [i, c] of members.entries())
        await env.inTenant(tenant.id, (ctx) =>
          topUp(ctx, { customerId: c, payFen: 100_000, method: 'cash' }, `seed-${i}`),
        );
      const wallets = await env.inTenant(tenant.id, async (ctx) =>
        Promise.all(members.map((c) => ensureAccount(ctx, c, 'stored_value_principal'))),
      );
      let ok = 0;
      let short = 0;
      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, client) => {
          for (let i = 0; i < 60; i++) {
            const from = (client + i) % 3;
            const to = (from + 1 + (i % 2)) % 3;
            const amount = 1 + ((client * 7919 + i * 104729) % 40_000);
            try {
              await env.inTenant(tenant.id, (ctx) =>
                transfer(ctx, {
                  key: `mv-${client}-${i}`,
                  debit: wallets[from]!,
                  credit: wallets[to]!,
                  amount,
                  kind: 'move',
                }),
              );
              ok++;
            } catch (err) {
              if (!refused(err, 'LEDGER_INSUFFICIENT_BALANCE')) throw err;
              short++;
            }
          }
        }),
      );
      expect(ok + short).toBe(CLIENTS * 60);
      expect(ok).toBeGreaterThan(CLIENTS * 10);
      const [row] = await queryRows<{ total: number; moves: number }>(
        env.database.adminDb,
        sql`select (select sum(balance)::int from ledger_accounts where tenant_id = ${tenant.id}::uuid and kind = 'stored_value_principal') as total,
                 (select count(*)::int from ledger_transfers where tenant_id = ${tenant.id}::uuid and kind = 'move') as moves`,
      );
      expect(row).toEqual({ total: 300_000, moves: ok });
      await checkInvariants(env.database.adminDb, tenant.id);
    },
  );

  it(
    '8 clients redeeming from one points balance take exactly what it holds',
    { timeout: 300_000 },
    async () => {
      const c = members[0]!;
      await env.inTenant(tenant.id, (ctx) =>
        earnPoints(ctx, {
          customerId: c,
          amount: 1000,
          source: 'grant',
          reference: null,
          key: 'pts-seed',
        }),
      );
      let ok = 0;
      let refusedCount = 0;
      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, client) => {
          for (let i = 0; i < 20; i++) {
            try {
              await env.inTenant(tenant.id, (ctx) =>
                takePoints(ctx, {
                  customerId: c,
                  amount: 10,
                  to: 'points_redeemed',
                  kind: 'redeem',
                  key: `rd-${client}-${i}`,
                }),
              );
              ok++;
            } catch (err) {
              if (!refused(err, 'POINTS_INSUFFICIENT')) throw err;
              refusedCount++;
            }
          }
        }),
      );
      // 160 attempts of 10 on 1,000: exactly 100 succeed.
      expect([ok, refusedCount]).toEqual([100, 60]);
      await checkInvariants(env.database.adminDb, tenant.id);
    },
  );

  it('8 clients topping up one card at once never pass its cap', { timeout: 300_000 }, async () => {
    const c = members[2]!;
    let ok = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let i = 0; i < 10; i++) {
          try {
            await env.inTenant(tenant.id, (ctx) =>
              topUp(ctx, { customerId: c, payFen: 10_000, method: 'cash' }, `cap-${client}-${i}`),
            );
            ok++;
          } catch (err) {
            if (!refused(err, 'STORED_VALUE_CAP_EXCEEDED')) throw err;
          }
        }
      }),
    );
    const [row] = await queryRows<{ balance: number }>(
      env.database.adminDb,
      sql`select sum(balance)::int as balance from ledger_accounts where owner_customer_id = ${c}::uuid and kind like 'stored_value_%'`,
    );
    expect(row!.balance).toBeLessThanOrEqual(500_000);
    // Filled up to the cap: no room was left for one more ¥100.
    expect(row!.balance).toBeGreaterThan(500_000 - 10_000);
    expect(ok).toBeGreaterThan(0);
    await checkInvariants(env.database.adminDb, tenant.id);
  });

  it('8 clients sending the same key at once apply it once; the others replay it', async () => {
    const wallets = await env.inTenant(tenant.id, async (ctx) =>
      Promise.all(members.map((c) => ensureAccount(ctx, c, 'stored_value_principal'))),
    );
    const results = await Promise.all(
      Array.from({ length: CLIENTS }, () =>
        env.inTenant(tenant.id, (ctx) =>
          transfer(ctx, {
            key: 'same-key-race',
            debit: wallets[1]!,
            credit: wallets[0]!,
            amount: 1,
            kind: 'move',
          }),
        ),
      ),
    );
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.transferId)).size).toBe(1);
    const [row] = await queryRows<{ n: number }>(
      env.database.adminDb,
      sql`select count(*)::int as n from ledger_transfers where tenant_id = ${tenant.id}::uuid and idempotency_key = 'same-key-race'`,
    );
    expect(row!.n).toBe(1);
    await checkInvariants(env.database.adminDb, tenant.id);
  });
});
