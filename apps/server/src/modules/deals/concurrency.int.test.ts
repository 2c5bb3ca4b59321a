// Joining under concurrency (PostgreSQL): owners racing for the last seats get exactly the seats
// there are (the rest DEAL_FULL), one owner joining twice at once joins once, and a leave racing
// the settlement either releases before it or finds the deal closed — never a hold both released
// and captured. The escrow afterwards equals the holds still open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../kernel/clock.ts';
import { AppError } from '../../kernel/errors.ts';
import {
  createTestEnv,
  signInStaff,
  testConfig,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { settleDueDealsEverywhere } from './deals.jobs.ts';
import { joinDeal, leaveDeal } from './joining.ts';
import {
  checkEscrow,
  memberWithWallet,
  openDeal,
  packageProduct,
  walletFen,
} from './testing/helpers.ts';

const pg = !!process.env.TEST_DATABASE_URL;
const CLIENTS = 8;
const HOUR = 60 * 60 * 1000;
const clock = fixedClock(new Date('2026-12-01T02:00:00Z'));
let env: TestEnv;
let tenant: TestTenant;
let owner: Session;
let product: string;

beforeAll(async () => {
  if (!pg) return;
  const base = testConfig();
  env = await createTestEnv({
    clock,
    config: { database: { ...base.database, poolSize: CLIENTS + 2 } as never },
  });
  tenant = await env.createTenant();
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  product = await packageProduct(env, owner);
});
afterAll(() => env?.close());

const codeOf = (r: PromiseSettledResult<unknown>) =>
  r.status === 'fulfilled' ? 'ok' : r.reason instanceof AppError ? r.reason.code : 'error';
const body = (over: Record<string, unknown>) => ({
  title: '抢位拼团',
  rewardKind: 'package',
  packageProductId: product,
  priceFen: 10_000,
  originalPriceFen: 20_000,
  minJoiners: 2,
  deadlineAt: new Date(clock.now().getTime() + 2 * HOUR).toISOString(),
  ...over,
});

describe.skipIf(!pg)('joining under concurrency (PostgreSQL)', () => {
  it(
    '8 owners racing for 3 seats: 3 join, 5 are told it is full',
    { timeout: 120_000 },
    async () => {
      const dealId = await openDeal(env, owner, body({ minJoiners: 2, maxJoiners: 3 }));
      const racers: string[] = [];
      for (let i = 0; i < CLIENTS; i++)
        racers.push(await memberWithWallet(env, tenant, owner, 50_000));
      const results = await Promise.allSettled(
        racers.map((c) =>
          env.inTenant(tenant.id, (ctx) => joinDeal(ctx, { dealId, customerId: c })),
        ),
      );
      const codes = results.map(codeOf).sort();
      expect(codes).toEqual([...Array(3).fill('ok'), ...Array(5).fill('DEAL_FULL')].sort());
      const wallets = await Promise.all(racers.map((c) => walletFen(env.database.adminDb, c)));
      expect(wallets.filter((w) => w === 40_000)).toHaveLength(3);
      expect(wallets.filter((w) => w === 50_000)).toHaveLength(5);
      await checkEscrow(env.database.adminDb, tenant.id);
    },
  );

  it('one owner joining twice at once joins once', { timeout: 60_000 }, async () => {
    const dealId = await openDeal(env, owner, body({}));
    const c = await memberWithWallet(env, tenant, owner, 50_000);
    const results = await Promise.allSettled(
      [0, 1, 2].map(() =>
        env.inTenant(tenant.id, (ctx) => joinDeal(ctx, { dealId, customerId: c })),
      ),
    );
    expect(results.map(codeOf).sort()).toEqual([
      'DEAL_ALREADY_JOINED',
      'DEAL_ALREADY_JOINED',
      'ok',
    ]);
    expect(await walletFen(env.database.adminDb, c)).toBe(40_000);
    await checkEscrow(env.database.adminDb, tenant.id);
  });

  it(
    'leaves racing the settlement: every hold released exactly once',
    { timeout: 120_000 },
    async () => {
      const dealId = await openDeal(env, owner, body({ minJoiners: 10 }));
      const joiners: string[] = [];
      for (let i = 0; i < 6; i++) {
        const c = await memberWithWallet(env, tenant, owner, 30_000);
        joiners.push(c);
        await env.inTenant(tenant.id, (ctx) => joinDeal(ctx, { dealId, customerId: c }));
      }
      // Just before the deadline the leaves start; the deadline passes while they run.
      clock.advance(2 * HOUR - 1);
      const leaves = joiners.map((c) =>
        env.inTenant(tenant.id, (ctx) => leaveDeal(ctx, { dealId, customerId: c })),
      );
      clock.advance(1);
      const settled = settleDueDealsEverywhere(
        { database: env.database, clock, log: env.app.log as never },
        { tenantId: tenant.id },
      );
      const results = await Promise.allSettled(leaves);
      await settled;
      for (const r of results) expect(['ok', 'DEAL_CLOSED']).toContain(codeOf(r));
      await settleDueDealsEverywhere(
        { database: env.database, clock, log: env.app.log as never },
        { tenantId: tenant.id },
      );
      const wallets = await Promise.all(joiners.map((c) => walletFen(env.database.adminDb, c)));
      expect(wallets).toEqual(Array(6).fill(30_000));
      await checkEscrow(env.database.adminDb, tenant.id);
    },
  );
});
