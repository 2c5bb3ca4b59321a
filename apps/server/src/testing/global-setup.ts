// Vitest global setup: on PostgreSQL, migrate the test database once before any test file runs
// (parallel files would otherwise race on the same DDL).
import { testConfig } from './harness.ts';
import { openDatabase } from '../db/database.ts';
import { runMigrations } from '../db/migrate.ts';

export default async function setup() {
  if (!process.env.TEST_DATABASE_URL) return;
  const config = testConfig();
  if (config.database.kind !== 'postgres') return;
  const database = await openDatabase({
    ...config,
    database: { ...config.database, url: config.database.adminUrl },
  });
  try {
    await runMigrations(database);
  } finally {
    await database.close();
  }
  process.env.LIUKE_TEST_MIGRATED = '1';
}
