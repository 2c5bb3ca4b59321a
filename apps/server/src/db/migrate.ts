import path from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { REPO_ROOT } from '../config.ts';
import type { Database } from './database.ts';
import { applySecurity } from './security.ts';

export const MIGRATIONS_DIR = path.join(REPO_ROOT, 'apps/server/drizzle');

/** Applies the SQL migrations (the same files on both engines), then the security setup. */
export async function runMigrations(
  database: Database,
  options: { appPassword?: string | undefined } = {},
): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.adminDb as unknown as PgliteDatabase, {
      migrationsFolder: MIGRATIONS_DIR,
    });
    await applySecurity(database.adminDb, options);
    return;
  }
  // Several processes may start at once (API processes, workers): one migrates and applies the
  // security setup at a time, the others wait and then find nothing to do. The lock is a
  // transaction-level advisory lock held by an open transaction on a connection of its own, so
  // it is released whatever happens to this process, and it works through a transaction pooler.
  const lock = new pg.Client({ connectionString: database.adminUrl });
  lock.on('error', () => {});
  await lock.connect();
  try {
    await lock.query('begin');
    await lock.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', ['liuke.migrate']);
    await migratePg(database.adminDb as unknown as NodePgDatabase, {
      migrationsFolder: MIGRATIONS_DIR,
    });
    await applySecurity(database.adminDb, options);
  } finally {
    await lock.query('commit').catch(() => {});
    await lock.end().catch(() => {});
  }
}
