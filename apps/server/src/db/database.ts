// The driver choice: embedded PGlite (data on disk) or a PostgreSQL server. One body of query
// code runs on both (the tables are Drizzle objects each module owns; no relational schema here).
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { SQL } from 'drizzle-orm';
import pg from 'pg';
import { MEMORY, type Config } from '../config.ts';
import type { Db } from '../kernel/db.ts';
import { lockDataDir } from './lock.ts';

export type { Db } from '../kernel/db.ts';

// Bigint (int8) comes back as a string from pg; our bigint values (fen, counters) fit a number.
pg.types.setTypeParser(20, (v) => Number(v));

/** Runs a raw statement and returns its rows (the same shape from both drivers). */
export async function queryRows<T>(db: Db, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  /** Application handle: every tenant query runs through `withTenant` on it. */
  db: Db;
  /** Owner handle: migrations, tenant creation, jobs. Never used for tenant data requests. */
  adminDb: Db;
  /** Raw PGlite instance (embedded only), for pg-boss. */
  pglite?: PGlite;
  /** Connection string of the owner (PostgreSQL only), for pg-boss. */
  adminUrl?: string;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openDatabase(config: Config): Promise<Database> {
  const dbc = config.database;
  if (dbc.kind === 'pglite') {
    const inMemory = dbc.dataDir === MEMORY;
    const release = inMemory ? () => {} : lockDataDir(dbc.dataDir);
    try {
      const pglite = await PGlite.create({
        ...(inMemory ? {} : { dataDir: path.join(dbc.dataDir, 'pglite') }),
        extensions: { pg_trgm },
      });
      const db = drizzlePglite(pglite) as unknown as Db;
      return {
        kind: 'pglite',
        db,
        adminDb: db,
        pglite,
        ping: async () => {
          await pglite.query('select 1');
        },
        close: async () => {
          await pglite.close();
          release();
        },
      };
    } catch (err) {
      release();
      throw err;
    }
  }
  const appPool = new pg.Pool({ connectionString: dbc.url, max: dbc.poolSize });
  const adminPool =
    dbc.adminUrl === dbc.url ? appPool : new pg.Pool({ connectionString: dbc.adminUrl, max: 3 });
  // A pooled connection that errors while idle must not crash the process.
  appPool.on('error', () => {});
  if (adminPool !== appPool) adminPool.on('error', () => {});
  return {
    kind: 'postgres',
    db: drizzlePg(appPool) as unknown as Db,
    adminDb: drizzlePg(adminPool) as unknown as Db,
    adminUrl: dbc.adminUrl,
    ping: async () => {
      await appPool.query('select 1');
    },
    close: async () => {
      await appPool.end();
      if (adminPool !== appPool) await adminPool.end();
    },
  };
}
