import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from './database.ts';
import { APP_ROLE, tenantTables } from './security.ts';
import { withTenant } from './tenant-scope.ts';
import { customers } from '../modules/customers/index.ts';
import { createCustomer } from '../modules/customers/index.ts';
import { createTestEnv, type TestEnv, type TestTenant } from '../testing/harness.ts';

let env: TestEnv;
let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  env = await createTestEnv();
  a = await env.createTenant();
  b = await env.createTenant();
  await env.inTenant(a.id, (ctx) => createCustomer(ctx, { name: '甲客户', phone: '13811110001' }));
  await env.inTenant(b.id, (ctx) => createCustomer(ctx, { name: '乙客户', phone: '13811110002' }));
});
afterAll(() => env.close());

describe('row-level security', () => {
  it('a query that forgets its tenant filter still sees only its own tenant', async () => {
    const seenByA = await withTenant(env.database.db, a.id, (tx) =>
      tx.select({ name: customers.name, tenantId: customers.tenantId }).from(customers),
    );
    expect(seenByA.map((r) => r.tenantId)).toEqual(seenByA.map(() => a.id));
    expect(seenByA.map((r) => r.name)).toContain('甲客户');
    expect(seenByA.map((r) => r.name)).not.toContain('乙客户');
  });

  it('a write into another tenant is refused by the policy', async () => {
    await expect(
      withTenant(env.database.db, a.id, (tx) =>
        tx.insert(customers).values({
          tenantId: b.id,
          id: '01900000-0000-7000-8000-000000000001',
          phone: '+8613811119999',
          phoneDigits: '13811119999',
        }),
      ),
    ).rejects.toThrow();
  });

  it('without a tenant the application role sees no tenant rows', async () => {
    const rows = await env.database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', ${APP_ROLE}, true)`);
      return tx.select().from(customers);
    });
    expect(rows).toHaveLength(0);
  });

  it('every tenant table has row-level security enabled and forced', async () => {
    const tables = await tenantTables(env.database.adminDb);
    expect(tables.length).toBeGreaterThanOrEqual(14);
    const rows = await queryRows<{
      relname: string;
      relrowsecurity: boolean;
      relforcerowsecurity: boolean;
      policies: number;
    }>(
      env.database.adminDb,
      sql`select c.relname, c.relrowsecurity, c.relforcerowsecurity,
            (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r' and c.relname = any(${sql.raw(`array[${tables.map((t) => `'${t}'`).join(',')}]`)})`,
    );
    expect(rows).toHaveLength(tables.length);
    for (const r of rows) {
      expect({
        table: r.relname,
        rls: r.relrowsecurity,
        forced: r.relforcerowsecurity,
        policy: r.policies > 0,
      }).toEqual({
        table: r.relname,
        rls: true,
        forced: true,
        policy: true,
      });
    }
  });

  it('every table of the public schema is a tenant table, and tenant_id leads every primary, unique and foreign key', async () => {
    const all = await queryRows<{ relname: string }>(
      env.database.adminDb,
      sql`select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r'`,
    );
    const tenant = new Set(await tenantTables(env.database.adminDb));
    expect(all.map((r) => r.relname).filter((t) => !tenant.has(t))).toEqual([]);
    const keys = await queryRows<{
      table: string;
      name: string;
      type: string;
      first: string;
      ref_first: string | null;
    }>(
      env.database.adminDb,
      sql`select cl.relname as table, co.conname as name, co.contype::text as type,
            (select attname from pg_attribute where attrelid = co.conrelid and attnum = co.conkey[1]) as first,
            (select attname from pg_attribute where attrelid = co.confrelid and attnum = co.confkey[1]) as ref_first
          from pg_constraint co join pg_class cl on cl.oid = co.conrelid join pg_namespace n on n.oid = cl.relnamespace
          where n.nspname = 'public' and co.contype in ('p', 'u', 'f')`,
    );
    expect(keys.length).toBeGreaterThan(20);
    const offenders = keys.filter(
      (k) => k.first !== 'tenant_id' || (k.type === 'f' && k.ref_first !== 'tenant_id'),
    );
    // tenants.slug is the one global key: tenant codes are unique across the installation.
    expect(offenders.map((k) => k.name)).toEqual(['tenants_slug_key']);
  });

  it('the application role owns no table and cannot bypass row-level security', async () => {
    const [role] = await queryRows<{ rolsuper: boolean; rolbypassrls: boolean }>(
      env.database.adminDb,
      sql`select rolsuper, rolbypassrls from pg_roles where rolname = ${APP_ROLE}`,
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    const owned = await queryRows<{ n: number }>(
      env.database.adminDb,
      sql`select count(*)::int as n from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = ${APP_ROLE}`,
    );
    expect(owned[0]!.n).toBe(0);
  });

  it('the application connection on PostgreSQL logs in as the application role', async () => {
    const [who] = await queryRows<{ session_user: string }>(
      env.database.db,
      sql`select session_user`,
    );
    if (env.database.kind === 'postgres') expect(who!.session_user).toBe(APP_ROLE);
    else expect(env.database.kind).toBe('pglite'); // PGlite has one built-in user; every transaction switches to the role
  });

  it('the audit log is append-only for the application', async () => {
    await expect(
      withTenant(env.database.db, a.id, (tx) => tx.execute(sql`delete from audit_log`)),
    ).rejects.toThrow();
  });
});
