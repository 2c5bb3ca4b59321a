import path from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
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
  } else {
    await migratePg(database.adminDb as unknown as NodePgDatabase, {
      migrationsFolder: MIGRATIONS_DIR,
    });
  }
  await applySecurity(database.adminDb, options);
}
