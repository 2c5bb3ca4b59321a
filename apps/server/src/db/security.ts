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
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
      SELECT t.tenant_id, t.slug, t.name, t.timezone FROM tenants t WHERE t.slug = lower(p_slug)
    $$`),
  );
  await db.execute(sql.raw(`REVOKE ALL ON FUNCTION liuke_tenant_by_slug(text) FROM PUBLIC`));
  await db.execute(sql.raw(`GRANT EXECUTE ON FUNCTION liuke_tenant_by_slug(text) TO ${APP_ROLE}`));
}
