// Holds in escrow: a hold takes principal and bonus per the spend order, a retry moves nothing
// more, a short wallet is refused whole, releasing gives each part back to where it came from
// (once), capturing spends it (once), and a hold is never both captured and released.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestEnv,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { captureHold, holdState, holdStoredValue, releaseHold } from './escrow.ts';
import { customerBalances } from './ledger.ts';
import { topUp } from './stored-value.ts';
import { checkInvariants, createMember } from './testing/helpers.ts';

let env: TestEnv;
let tenant: TestTenant;
let owner: Session;

beforeAll(async () => {
  env = await createTestEnv();
  tenant = await env.createTenant();
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
});
afterAll(() => env.close());

async function walletOf(customerId: string) {
  const b = await env.inTenant(tenant.id, (ctx) => customerBalances(ctx, customerId));
  return {
    principal: b.get('stored_value_principal')?.balance ?? 0,
    bonus: b.get('stored_value_bonus')?.balance ?? 0,
  };
}
const inT = <T>(fn: Parameters<typeof env.inTenant<T>>[1]) => env.inTenant(tenant.id, fn);

async function member(payFen: number, bonusFen: number) {
  const { customerId } = await createMember(env, owner);
  await inT((ctx) =>
    topUp(ctx, { customerId, payFen, bonusFen, method: 'cash' }, `tu-${customerId}`),
  );
  return customerId;
}

describe('holds in escrow', () => {
  it('holds once per key, refuses a short wallet, releases each part back once', async () => {
    const c = await member(10_000, 2_000);
    const hold = {
      customerId: c,
      amountFen: 11_000,
      key: 'k1',
      referenceType: 'test',
      referenceId: 'r1',
    };
    const first = await inT((ctx) => holdStoredValue(ctx, hold));
    expect(first).toMatchObject({ heldFen: 11_000, replayed: false, balanceFen: 1_000 });
    // The default spend order is proportional: 9 167 of principal, 1 833 of bonus.
    expect(await walletOf(c)).toEqual({ principal: 833, bonus: 167 });
    expect((await inT((ctx) => holdStoredValue(ctx, hold))).replayed).toBe(true);
    await expect(
      inT((ctx) => holdStoredValue(ctx, { ...hold, amountFen: 5 })),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    await expect(
      inT((ctx) => holdStoredValue(ctx, { ...hold, key: 'k2', amountFen: 1_001 })),
    ).rejects.toMatchObject({ code: 'STORED_VALUE_INSUFFICIENT', details: { shortFen: 1 } });
    expect(await inT((ctx) => holdState(ctx, 'k1'))).toBe('held');

    expect(await inT((ctx) => releaseHold(ctx, { customerId: c, key: 'k1' }))).toEqual({
      releasedFen: 11_000,
    });
    expect(await walletOf(c)).toEqual({ principal: 10_000, bonus: 2_000 });
    await inT((ctx) => releaseHold(ctx, { customerId: c, key: 'k1' }));
    expect(await walletOf(c)).toEqual({ principal: 10_000, bonus: 2_000 });
    expect(await inT((ctx) => holdState(ctx, 'k1'))).toBe('released');
    await expect(
      inT((ctx) => captureHold(ctx, { customerId: c, key: 'k1' })),
    ).rejects.toMatchObject({ code: 'LEDGER_HOLD_SETTLED' });
    expect(await inT((ctx) => releaseHold(ctx, { customerId: c, key: 'never' }))).toEqual({
      releasedFen: 0,
    });
    await checkInvariants(env.database.adminDb, tenant.id);
  });

  it('captures once, and a captured hold cannot be released', async () => {
    const c = await member(5_000, 0);
    const hold = {
      customerId: c,
      amountFen: 4_000,
      key: 'k3',
      referenceType: 'test',
      referenceId: 'r3',
    };
    await inT((ctx) => holdStoredValue(ctx, hold));
    expect(await inT((ctx) => captureHold(ctx, { customerId: c, key: 'k3' }))).toEqual({
      capturedFen: 4_000,
    });
    await inT((ctx) => captureHold(ctx, { customerId: c, key: 'k3' }));
    expect(await walletOf(c)).toEqual({ principal: 1_000, bonus: 0 });
    expect(await inT((ctx) => holdState(ctx, 'k3'))).toBe('captured');
    await expect(
      inT((ctx) => releaseHold(ctx, { customerId: c, key: 'k3' })),
    ).rejects.toMatchObject({ code: 'LEDGER_HOLD_SETTLED' });
    await expect(
      inT((ctx) => captureHold(ctx, { customerId: c, key: 'none' })),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await checkInvariants(env.database.adminDb, tenant.id);
  });
});
