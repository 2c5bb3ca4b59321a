import { sql, type SQL } from 'drizzle-orm';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import type { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Db } from './database.ts';
import { APP_ROLE } from './security.ts';

/**
 * A statement to run first in the tenant's transaction (e.g. the caller's session): on
 * PostgreSQL it travels in the same round trip as BEGIN and the tenant's settings.
 */
export interface TenantScopeOptions {
  lead?: SQL;
}

type Row = Record<string, unknown>;

/**
 * Runs `fn` in one transaction that sees only `tenantId`'s rows: the role and the tenant are
 * set for this transaction alone (set_config(..., true) is SET LOCAL), so a pooled connection
 * never carries a tenant into the next request. `fn` also gets the rows of `options.lead`.
 */
export async function withTenant<T>(
  db: Db,
  tenantId: string,
  fn: (tx: Db, lead: Row[]) => Promise<T>,
  options: TenantScopeOptions = {},
): Promise<T> {
  return scoped(db, tenantId, fn, options.lead);
}

/** The application role with no tenant: sees no tenant rows at all (public lookups). */
export async function withoutTenant<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return scoped(db, '', fn, undefined);
}

const UUID_OR_EMPTY = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$/i;

async function scoped<T>(
  db: Db,
  tenantId: string,
  fn: (tx: Db, lead: Row[]) => Promise<T>,
  lead: SQL | undefined,
): Promise<T> {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (client instanceof pg.Pool && UUID_OR_EMPTY.test(tenantId))
    return pooledTransaction(db, client, tenantId, fn, lead);
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', ${APP_ROLE}, true), set_config('app.tenant_id', ${tenantId}, true)`,
    );
    const rows = lead ? ((await tx.execute(lead)) as unknown as { rows: Row[] }).rows : [];
    return fn(tx as unknown as Db, rows);
  });
}

/** The parts of a node-postgres Drizzle handle a transaction on one pooled client is built from. */
interface NodePgInternals {
  session: { dialect: PgDialect; schema: unknown; options: unknown };
}

/**
 * The same transaction as `db.transaction` on a PostgreSQL pool, with BEGIN, the two settings
 * and the lead statement sent as one simple query: one round trip instead of three. Values are
 * written into that text only when they cannot leave a quoted literal (the tenant is checked to
 * be a UUID; a lead whose parameters are anything else runs as a statement of its own).
 */
async function pooledTransaction<T>(
  db: Db,
  pool: pg.Pool,
  tenantId: string,
  fn: (tx: Db, lead: Row[]) => Promise<T>,
  lead: SQL | undefined,
): Promise<T> {
  const base = (db as unknown as NodePgInternals).session;
  const leadQuery = lead ? base.dialect.sqlToQuery(lead) : undefined;
  const leadText = leadQuery ? inlined(leadQuery.sql, leadQuery.params) : null;
  const client = await pool.connect();
  const Session = NodePgSession as unknown as new (...args: unknown[]) => unknown;
  const Transaction = NodePgTransaction as unknown as new (...args: unknown[]) => Db;
  const session = new Session(client, base.dialect, base.schema, base.options);
  const tx = new Transaction(base.dialect, session, base.schema);
  let broken = false;
  try {
    const begin = `begin; select set_config('role', '${APP_ROLE}', true), set_config('app.tenant_id', '${tenantId}', true)`;
    let rows: Row[] = [];
    if (leadText) {
      const results = (await client.query(
        `${begin}; ${leadText}`,
      )) as unknown as pg.QueryResult<Row>[];
      rows = results[2]!.rows;
    } else {
      await client.query(begin);
      if (leadQuery) rows = (await client.query<Row>(leadQuery.sql, leadQuery.params)).rows;
    }
    const result = await fn(tx, rows);
    await client.query('commit');
    return result;
  } catch (err) {
    try {
      await client.query('rollback');
    } catch {
      broken = true; // the connection is unusable: the pool drops it
    }
    throw err;
  } finally {
    client.release(broken);
  }
}

const SAFE_TEXT = /^[\w\-.:+ ]*$/;

/** `text` with its $n parameters written as literals, or null if one could not be. */
function inlined(text: string, params: readonly unknown[]): string | null {
  const literals: string[] = [];
  for (const p of params) {
    if (typeof p === 'string' && SAFE_TEXT.test(p)) literals.push(`'${p}'`);
    else if (typeof p === 'number' && Number.isFinite(p)) literals.push(String(p));
    else return null;
  }
  return text.replace(/\$(\d+)\b/g, (_, n: string) => literals[Number(n) - 1] ?? '$' + n);
}
