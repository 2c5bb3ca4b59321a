// The ledger's guarantees come from the database, not only from the code: a balance that must
// not go negative cannot (CHECK), history cannot be edited or deleted (trigger), a key is applied
// once and a transfer reversed at most once (unique keys), bad amounts never reach a row.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { pgError } from '../../kernel/pg-errors.ts';
import {
  createTestEnv,
  signInStaff,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { ensureAccount, transfer } from './ledger.ts';
import { checkInvariants, createMember } from './testing/helpers.ts';

let env: TestEnv;
let tenant: TestTenant;
let wallet: string;
let cash: string;

beforeAll(async () => {
  env = await createTestEnv();
  tenant = await env.createTenant();
  const owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  const { customerId } = await createMember(env, owner, { phone: '13300000001' });
  [wallet, cash] = await env.inTenant(tenant.id, async (ctx) => [
    await ensureAccount(ctx, customerId, 'stored_value_principal'),
    await ensureAccount(ctx, null, 'stored_value_cash#0'),
  ]);
  await env.inTenant(tenant.id, (ctx) =>
    transfer(ctx, { key: 'seed', debit: cash, credit: wallet, amount: 1000, kind: 'top_up' }),
  );
});
afterAll(() => env.close());

/** The PostgreSQL error a statement failed with (Drizzle wraps it). */
async function dbError(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (err) {
    return pgError(err);
  }
  return null;
}

const inTenant = <T>(fn: Parameters<TestEnv['inTenant']>[1]) =>
  env.inTenant(tenant.id, fn) as Promise<T>;

describe('ledger guarantees', () => {
  it('the database refuses a negative customer balance, even written by hand', async () => {
    await expect(
      inTenant((ctx) =>
        transfer(ctx, { key: 'over', debit: wallet, credit: cash, amount: 1001, kind: 'spend' }),
      ),
    ).rejects.toMatchObject({ code: 'LEDGER_INSUFFICIENT_BALANCE' });
    expect(
      await dbError(() =>
        inTenant((ctx) =>
          ctx.tx.execute(sql`update ledger_accounts set balance = -1 where id = ${wallet}::uuid`),
        ),
      ),
    ).toEqual({ code: '23514', constraint: 'ledger_accounts_balance_check' });
    await checkInvariants(env.database.adminDb, tenant.id);
  });

  it('entries and transfers cannot be updated or deleted, by the app or the owner', async () => {
    for (const statement of [
      sql`update ledger_entries set amount = 0`,
      sql`delete from ledger_entries`,
      sql`update ledger_transfers set amount = 1`,
      sql`delete from ledger_transfers`,
    ]) {
      expect(await dbError(() => inTenant((ctx) => ctx.tx.execute(statement)))).toMatchObject({
        code: '55000',
      });
      expect(await dbError(() => env.database.adminDb.execute(statement))).toMatchObject({
        code: '55000',
      });
    }
    await checkInvariants(env.database.adminDb, tenant.id);
  });

  it('applies a key once, refuses it with another body, and reverses a transfer at most once', async () => {
    const first = await inTenant<{ transferId: string; replayed: boolean }>((ctx) =>
      transfer(ctx, { key: 'k1', debit: wallet, credit: cash, amount: 100, kind: 'spend' }),
    );
    const again = await inTenant<{ transferId: string; replayed: boolean }>((ctx) =>
      transfer(ctx, { key: 'k1', debit: wallet, credit: cash, amount: 100, kind: 'spend' }),
    );
    expect(again).toMatchObject({ transferId: first.transferId, replayed: true });
    await expect(
      inTenant((ctx) =>
        transfer(ctx, { key: 'k1', debit: wallet, credit: cash, amount: 101, kind: 'spend' }),
      ),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    await inTenant((ctx) =>
      transfer(ctx, {
        key: 'k1-rev',
        debit: cash,
        credit: wallet,
        amount: 100,
        kind: 'reverse',
        reverses: first.transferId,
      }),
    );
    await expect(
      inTenant((ctx) =>
        transfer(ctx, {
          key: 'k1-rev-2',
          debit: cash,
          credit: wallet,
          amount: 100,
          kind: 'reverse',
          reverses: first.transferId,
        }),
      ),
    ).rejects.toMatchObject({ code: 'LEDGER_ALREADY_REVERSED' });
    const [row] = await queryRows<{ balance: number }>(
      env.database.adminDb,
      sql`select balance::int from ledger_accounts where id = ${wallet}::uuid`,
    );
    expect(row!.balance).toBe(1000);
    await checkInvariants(env.database.adminDb, tenant.id);
  });

  it('refuses zero, negative and fractional amounts before touching a row', async () => {
    for (const amount of [0, -5, 1.5, Number.NaN, 2 ** 60])
      await expect(
        inTenant((ctx) =>
          transfer(ctx, { key: `bad-${amount}`, debit: wallet, credit: cash, amount, kind: 'x' }),
        ),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'amount' });
    await expect(
      inTenant((ctx) =>
        transfer(ctx, { key: 'same', debit: wallet, credit: wallet, amount: 1, kind: 'x' }),
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
