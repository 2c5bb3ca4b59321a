// Property-based invariants of the ledger on a real database: random sequences of earn, settle,
// expire, redeem, refund, top-up, spend, card refund, transfer and retries across many accounts;
// after every step debits equal credits, every balance equals the sum of its entries and its
// running balance, nothing that must stay ≥ 0 is negative, points lots cover the available
// balance, and a retried idempotency key changes nothing. A failure prints fast-check's seed and
// path; replay with LOYALTY_FC_SEED=<seed> (and LOYALTY_FC_PATH=<path>).
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../kernel/clock.ts';
import { AppError } from '../../kernel/errors.ts';
import {
  createTestEnv,
  signInStaff,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { ensureAccount, transfer } from './ledger.ts';
import { expireDuePoints, settleDuePoints } from './loyalty.jobs.ts';
import { earnPoints, reversePoints, takePoints } from './points.ts';
import { refundWallet, returnOrderSpend, spendForOrder, topUp } from './stored-value.ts';
import { checkInvariants, createMember } from './testing/helpers.ts';

const DAY = 24 * 60 * 60 * 1000;
const clock = fixedClock(new Date('2026-02-01T00:00:00Z'));
let env: TestEnv;
let tenant: TestTenant;
const members: string[] = [];

/** Refusals a random step may meet; anything else fails the property. */
const EXPECTED = new Set([
  'POINTS_INSUFFICIENT',
  'STORED_VALUE_INSUFFICIENT',
  'STORED_VALUE_CAP_EXCEEDED',
  'LEDGER_INSUFFICIENT_BALANCE',
  'LEDGER_ALREADY_REVERSED',
]);

beforeAll(async () => {
  env = await createTestEnv({ clock });
  tenant = await env.createTenant();
  const owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  for (let i = 0; i < 5; i++)
    members.push(
      (await createMember(env, owner, { phone: `1370000${String(3000 + i)}` })).customerId,
    );
});
afterAll(() => env.close());

const who = fc.nat({ max: 4 });
const ref = fc.nat({ max: 5 }).map((n) => `order-${n}`);
const op = fc.oneof(
  fc.record({
    t: fc.constant('earn' as const),
    c: who,
    amount: fc.integer({ min: 1, max: 500 }),
    pending: fc.boolean(),
    ref,
  }),
  fc.record({ t: fc.constant('time' as const), days: fc.integer({ min: 1, max: 400 }) }),
  fc.record({
    t: fc.constant('redeem' as const),
    c: who,
    amount: fc.integer({ min: 1, max: 400 }),
  }),
  fc.record({ t: fc.constant('refund' as const), ref }),
  fc.record({
    t: fc.constant('topUp' as const),
    c: who,
    pay: fc.integer({ min: 1, max: 200_000 }),
    bonus: fc.nat({ max: 20_000 }),
  }),
  fc.record({
    t: fc.constant('spend' as const),
    c: who,
    amount: fc.integer({ min: 1, max: 60_000 }),
    ref,
  }),
  fc.record({ t: fc.constant('walletRefund' as const), c: who }),
  fc.record({
    t: fc.constant('move' as const),
    from: who,
    to: who,
    amount: fc.integer({ min: 1, max: 50_000 }),
  }),
  fc.record({ t: fc.constant('retry' as const), back: fc.nat({ max: 10 }) }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

let run = 0;
/** Orders paid (partly) from a wallet, across runs. */
const paid = new Set<string>();

async function balances(): Promise<Map<string, number>> {
  const rows = await queryRows<{ id: string; balance: number | string }>(
    env.database.adminDb,
    sql`select id, balance from ledger_accounts where tenant_id = ${tenant.id}::uuid`,
  );
  return new Map(rows.map((r) => [r.id, Number(r.balance)]));
}

async function apply(
  step: Op,
  keyOf: (i: number) => string,
  i: number,
  done: { step: Op; key: string }[],
  retrying = false,
) {
  const deps = { database: env.database, clock, log: env.app.log as never };
  const key = keyOf(i);
  const member = (n: number) => members[n]!;
  const inT = <T>(fn: Parameters<TestEnv['inTenant']>[1]) =>
    env.inTenant(tenant.id, fn) as Promise<T>;
  switch (step.t) {
    case 'time':
      clock.advance(step.days * DAY);
      await settleDuePoints(deps);
      await expireDuePoints(deps);
      return;
    case 'earn':
      await inT((ctx) =>
        earnPoints(ctx, {
          customerId: member(step.c),
          amount: step.amount,
          source: 'order',
          reference: { type: 'service_order', id: `${run}-${step.ref}-${step.c}` },
          key,
          availableAt: step.pending ? new Date(clock.now().getTime() + 7 * DAY) : null,
        }),
      );
      break;
    case 'redeem':
      await inT((ctx) =>
        takePoints(ctx, {
          customerId: member(step.c),
          amount: step.amount,
          to: 'points_redeemed',
          kind: 'redeem',
          key,
        }),
      );
      break;
    case 'refund':
      for (let c = 0; c < members.length; c++)
        await inT((ctx) =>
          reversePoints(ctx, { type: 'service_order', id: `${run}-${step.ref}-${c}` }),
        );
      await inT(async (ctx) => {
        for (let c = 0; c < members.length; c++)
          await returnOrderSpend(ctx, {
            customerId: member(c),
            orderId: `${run}-${step.ref}-c${c}`,
          });
      });
      return;
    case 'topUp':
      await inT((ctx) =>
        topUp(
          ctx,
          { customerId: member(step.c), payFen: step.pay, bonusFen: step.bonus, method: 'cash' },
          key,
        ),
      );
      break;
    case 'spend': {
      // An order belongs to one customer and is paid once (its status sees to that); a retry
      // of the same payment must change nothing.
      const orderId = `${run}-${step.ref}-c${step.c}`;
      if (paid.has(orderId) && !retrying) return;
      await inT((ctx) =>
        spendForOrder(ctx, { customerId: member(step.c), orderId, amountFen: step.amount }),
      );
      paid.add(orderId);
      break;
    }
    case 'walletRefund':
      await inT((ctx) =>
        refundWallet(ctx, { customerId: member(step.c), reason: 'test', method: 'cash' }, key),
      );
      break;
    case 'move':
      if (step.from === step.to) return;
      await inT(async (ctx) =>
        transfer(ctx, {
          key,
          debit: await ensureAccount(ctx, member(step.from), 'stored_value_principal'),
          credit: await ensureAccount(ctx, member(step.to), 'stored_value_principal'),
          amount: step.amount,
          kind: 'move',
        }),
      );
      break;
    case 'retry': {
      const prior = done[done.length - 1 - step.back];
      if (!prior) return;
      const before = await balances();
      // The same operation with the same key: nothing moves a second time.
      await apply(prior.step, () => prior.key, i, [], true);
      expect(await balances()).toEqual(before);
      return;
    }
  }
  done.push({ step, key });
}

describe('ledger invariants (property-based)', () => {
  it('hold after every step of random operation sequences', { timeout: 600_000 }, async () => {
    const seed = process.env.LOYALTY_FC_SEED ? Number(process.env.LOYALTY_FC_SEED) : undefined;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 30 }), async (ops) => {
        run++;
        const done: { step: Op; key: string }[] = [];
        for (const [i, step] of ops.entries()) {
          try {
            await apply(step, (n) => `fc:${run}:${n}`, i, done);
          } catch (err) {
            if (!(err instanceof AppError) || !EXPECTED.has(err.code)) throw err;
          }
          await checkInvariants(env.database.adminDb, tenant.id);
        }
      }),
      {
        numRuns: Number(process.env.LOYALTY_FC_RUNS ?? 25),
        ...(seed !== undefined ? { seed } : {}),
        ...(process.env.LOYALTY_FC_PATH ? { path: process.env.LOYALTY_FC_PATH } : {}),
        endOnFailure: true,
      },
    );
    // The runs did real work (most steps are not refusals).
    const [n] = await queryRows<{ n: number }>(
      env.database.adminDb,
      sql`select count(*)::int as n from ledger_transfers where tenant_id = ${tenant.id}::uuid`,
    );
    expect(n!.n).toBeGreaterThan(50);
  });
});
