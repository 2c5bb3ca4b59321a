// Row-level security, applied after every migration so that no tenant table can miss it:
// every table with a tenant_id column gets RLS enabled and forced and one policy that admits
// only the rows of the tenant set for the transaction (`app.tenant_id`, set with SET LOCAL
// semantics by `withTenant`). The application works as `liuke_app`, a role that owns nothing
// and has no BYPASSRLS.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from './database.ts';

export const APP_ROLE = 'liuke_app';

/** Tables of the drizzle migrator and other infrastructure, never tenant data. */
const TENANT_COLUMN = 'tenant_id';

export async function tenantTables(db: Db): Promise<string[]> {
  const rows = await queryRows<{ table_name: string }>(
    db,
    sql`
    select c.table_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and c.column_name = ${TENANT_COLUMN} and t.table_type = 'BASE TABLE'
    order by c.table_name`,
  );
  return rows.map((r) => r.table_name);
}

export async function applySecurity(
  db: Db,
  options: { appPassword?: string | undefined } = {},
): Promise<void> {
  await db.execute(
    sql.raw(`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
        CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
      END IF;
    END $$`),
  );
  if (options.appPassword) {
    await db.execute(
      sql.raw(`ALTER ROLE ${APP_ROLE} PASSWORD '${options.appPassword.replaceAll("'", "''")}'`),
    );
  }
  await db.execute(sql.raw(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`));
  await db.execute(
    sql.raw(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`),
  );
  await db.execute(sql.raw(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`));
  // The audit log is append-only for the application.
  await db.execute(sql.raw(`REVOKE UPDATE, DELETE ON audit_log FROM ${APP_ROLE}`));

  for (const table of await tenantTables(db)) {
    await db.execute(sql.raw(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`));
    await db.execute(sql.raw(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`));
    await db.execute(sql.raw(`DROP POLICY IF EXISTS tenant_isolation ON "${table}"`));
    await db.execute(
      sql.raw(`CREATE POLICY tenant_isolation ON "${table}" AS PERMISSIVE FOR ALL TO PUBLIC
        USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
        WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)`),
    );
  }

  // Resolving a tenant by its public code happens before any tenant is known (sign-in, the
  // customer app's first screen): one narrow definer function, returning public fields only.
  await db.execute(
    sql.raw(`
    CREATE OR REPLACE FUNCTION liuke_tenant_by_slug(p_slug text)
    RETURNS TABLE (tenant_id uuid, slug text, name text, timezone text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT t.tenant_id, t.slug, t.name, t.timezone FROM tenants t WHERE t.slug = lower(p_slug)
    $$`),
  );
  await db.execute(sql.raw(`REVOKE ALL ON FUNCTION liuke_tenant_by_slug(text) FROM PUBLIC`));
  await db.execute(sql.raw(`GRANT EXECUTE ON FUNCTION liuke_tenant_by_slug(text) TO ${APP_ROLE}`));

  // Customer search: under row-level security PostgreSQL may not use an index for LIKE/ILIKE
  // (textlike is not leakproof, so it must not see rows before the policy has filtered them),
  // and every search would read all of the tenant's customers and cars. This definer function
  // finds the ids through the trigram and initials indexes for the tenant of the transaction
  // (`app.tenant_id`, as the policy) and no other; the caller's query still runs under the
  // policy. Arguments are LIKE patterns, null for a meaning the query does not have, and a pair
  // of characters looked up among the names' pairs (migration 0037); each branch is planned with
  // its pattern (EXECUTE … USING). See customers.service.ts. The four-argument version it replaces
  // is dropped first: beside this one a four-argument call would be ambiguous.
  await db.execute(
    sql.raw(`DROP FUNCTION IF EXISTS liuke_customer_search(text, text, text, text)`),
  );
  await db.execute(
    sql.raw(`
    CREATE OR REPLACE FUNCTION liuke_customer_search(
      p_phone text, p_name text, p_initials text, p_car text, p_pair text)
    RETURNS SETOF uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 100 AS $$
    DECLARE
      t uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
      q text := '';
    BEGIN
      IF t IS NULL THEN RETURN; END IF;
      IF p_phone IS NOT NULL THEN
        q := q || ' UNION ALL SELECT id FROM customers WHERE tenant_id = $1 AND phone_digits LIKE $2';
      END IF;
      IF p_name IS NOT NULL THEN
        q := q || ' UNION ALL SELECT id FROM customers WHERE tenant_id = $1 AND name ILIKE $3';
      END IF;
      IF p_initials IS NOT NULL THEN
        q := q || ' UNION ALL SELECT id FROM customers WHERE tenant_id = $1 AND name_initials LIKE $4';
      END IF;
      IF p_pair IS NOT NULL THEN
        q := q || ' UNION ALL SELECT id FROM customers WHERE tenant_id = $1 AND liuke_name_pairs(name) @> ARRAY[$6]';
      END IF;
      IF p_car IS NOT NULL THEN
        q := q || ' UNION ALL SELECT customer_id FROM vehicles WHERE tenant_id = $1 AND plate LIKE $5'
               || ' UNION ALL SELECT customer_id FROM vehicles WHERE tenant_id = $1 AND vin LIKE $5';
      END IF;
      IF q = '' THEN RETURN; END IF;
      RETURN QUERY EXECUTE substr(q, 12) USING t, p_phone, p_name, p_initials, p_car, p_pair;
    END
    $$`),
  );
  await db.execute(
    sql.raw(
      `REVOKE ALL ON FUNCTION liuke_customer_search(text, text, text, text, text) FROM PUBLIC`,
    ),
  );
  await db.execute(
    sql.raw(
      `GRANT EXECUTE ON FUNCTION liuke_customer_search(text, text, text, text, text) TO ${APP_ROLE}`,
    ),
  );
}
