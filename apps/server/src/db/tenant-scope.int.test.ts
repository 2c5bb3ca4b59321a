import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from './database.ts';
import { withTenant, withoutTenant } from './tenant-scope.ts';
import { createCustomer, customers } from '../modules/customers/index.ts';
import { createTestEnv, type TestEnv, type TestTenant } from '../testing/harness.ts';

let env: TestEnv;
let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  env = await createTestEnv();
  a = await env.createTenant();
  b = await env.createTenant();
  await env.inTenant(a.id, (ctx) => createCustomer(ctx, { name: '甲客户', phone: '13811120001' }));
  await env.inTenant(b.id, (ctx) => createCustomer(ctx, { name: '乙客户', phone: '13811120002' }));
});
afterAll(() => env.close());

const settings = sql`select current_user as "user", current_setting('app.tenant_id', true) as tenant`;

describe('withTenant', () => {
  it('hands the rows of the lead statement, run in the tenant’s scope, to the callback', async () => {
    const phone = '13811120001';
    const { lead, inside } = await withTenant(
      env.database.db,
      a.id,
      async (tx, rows) => ({ lead: rows, inside: await queryRows(tx, settings) }),
      {
        lead: sql`select name, phone_digits as "digits" from customers where phone_digits = ${phone}`,
      },
    );
    expect(lead).toEqual([{ name: '甲客户', digits: phone }]);
    expect(inside).toEqual([{ user: 'liuke_app', tenant: a.id }]);
    // The same statement in the other tenant finds nothing: the lead runs under the policy.
    const other = await withTenant(env.database.db, b.id, async (_tx, rows) => rows, {
      lead: sql`select name from customers where phone_digits = ${phone}`,
    });
    expect(other).toEqual([]);
  });

  it('runs a lead whose parameters cannot be written as literals as a statement of its own', async () => {
    const quoted = "甲客户' or ''='";
    const rows = await withTenant(env.database.db, a.id, async (_tx, r) => r, {
      lead: sql`select count(*)::int as n from customers where name = ${quoted} or name = ${'甲客户'}`,
    });
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('rolls back everything on an error, and the next transaction carries no tenant', async () => {
    await expect(
      withTenant(env.database.db, a.id, async (tx) => {
        await tx.update(customers).set({ notes: 'rolled back' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const notes = await withTenant(env.database.db, a.id, (tx) =>
      tx.select({ notes: customers.notes }).from(customers),
    );
    expect(notes.map((n) => n.notes)).not.toContain('rolled back');
    // Every pooled connection afterwards: no tenant outside a transaction.
    for (let i = 0; i < 6; i++) {
      const outside = await queryRows<{ tenant: string | null }>(env.database.db, settings);
      expect(outside[0]!.tenant ?? '').toBe('');
    }
  });

  it('a failing lead statement fails the transaction cleanly', async () => {
    await expect(
      withTenant(env.database.db, a.id, async () => 'never', {
        lead: sql`select 1 / ${0}::int as n`,
      }),
    ).rejects.toThrow();
    const rows = await withTenant(env.database.db, a.id, (tx) => queryRows(tx, settings));
    expect(rows).toEqual([{ user: 'liuke_app', tenant: a.id }]);
  });

  it('withoutTenant sees no tenant rows', async () => {
    const rows = await withoutTenant(env.database.db, (tx) => tx.select().from(customers));
    expect(rows).toEqual([]);
  });
});
