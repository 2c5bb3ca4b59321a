import { sql } from 'drizzle-orm';
import type { Db } from './database.ts';
import { APP_ROLE } from './security.ts';

/**
 * Runs `fn` in one transaction that sees only `tenantId`'s rows: the role and the tenant are
 * set for this transaction alone (set_config(..., true) is SET LOCAL), so a pooled connection
 * never carries a tenant into the next request.
 */
export async function withTenant<T>(
  db: Db,
  tenantId: string,
  fn: (tx: Db) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', ${APP_ROLE}, true), set_config('app.tenant_id', ${tenantId}, true)`,
    );
    return fn(tx as unknown as Db);
  });
}

/** The application role with no tenant: sees no tenant rows at all (public lookups). */
export async function withoutTenant<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', ${APP_ROLE}, true), set_config('app.tenant_id', '', true)`,
    );
    return fn(tx as unknown as Db);
  });
}
