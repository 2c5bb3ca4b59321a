// Tables nobody analyses (PGlite has no autovacuum) get their statistics from the maintenance job.
// The test database is shared with other test files, so each check uses a table of its own.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../testing/harness.ts';
import { queryRows } from './database.ts';
import { analyzeStaleTables } from './maintenance.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env?.close());

async function withProbe(name: string, rows: number, check: () => Promise<void>): Promise<void> {
  const db = env.database.adminDb;
  await db.execute(sql.raw(`create table ${name} (id int primary key)`));
  try {
    await db.execute(sql.raw(`insert into ${name} select g from generate_series(1, ${rows}) g`));
    // This backend's counters are reported now rather than when idle.
    if (env.database.kind === 'postgres') await db.execute(sql`select pg_stat_force_next_flush()`);
    await check();
  } finally {
    await db.execute(sql.raw(`drop table ${name}`));
  }
}

async function probeStats(name: string) {
  const [row] = await queryRows<{ analysed: boolean; vacuumed: boolean; visible: number }>(
    env.database.adminDb,
    sql`select (s.last_analyze is not null) as analysed, (s.last_vacuum is not null) as vacuumed,
          c.relallvisible as visible
        from pg_stat_user_tables s join pg_class c on c.oid = s.relid where s.relname = ${name}`,
  );
  return row!;
}

describe('analyzeStaleTables', () => {
  it('analyses a table never analysed, then leaves it alone', async () => {
    await withProbe('maintenance_probe_a', 10, async () => {
      expect(await analyzeStaleTables(env.database, { force: true })).toContain(
        'maintenance_probe_a',
      );
      expect((await probeStats('maintenance_probe_a')).analysed).toBe(true);
      // Nothing changed since: nothing to do (PGlite keeps no counters and analyses everything).
      if (env.database.kind === 'postgres')
        expect(await analyzeStaleTables(env.database, { force: true })).not.toContain(
          'maintenance_probe_a',
        );
    });
  });

  it('on PostgreSQL, vacuums a table once a fifth of its rows are new (index-only scans)', async () => {
    if (env.database.kind !== 'postgres') return; // PGlite: analyse only (checked above)
    await withProbe('maintenance_probe_v', 3000, async () => {
      expect(await analyzeStaleTables(env.database, { force: true })).toContain(
        'maintenance_probe_v',
      );
      const stats = await probeStats('maintenance_probe_v');
      expect(stats.vacuumed).toBe(true);
      expect(Number(stats.visible)).toBeGreaterThan(0);
    });
  });
});
