// Tables nobody analyses (PGlite has no autovacuum) get their statistics from the maintenance job.
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

describe('analyzeStaleTables', () => {
  it('analyses tables changed since their last analyse, then leaves them alone', async () => {
    await env.createTenant();
    const first = await analyzeStaleTables(env.database, { force: true });
    expect(first).toContain('customers');
    expect(first).toContain('tenants');
    const [row] = await queryRows<{ analysed: boolean }>(
      env.database.adminDb,
      sql`select (last_analyze is not null) as analysed from pg_stat_user_tables where relname = 'tenants'`,
    );
    expect(row?.analysed).toBe(true);
    // Nothing changed since: nothing to do (PGlite keeps no counters and analyses everything).
    if (env.database.kind === 'postgres')
      expect(await analyzeStaleTables(env.database, { force: true })).not.toContain('tenants');
  });
});
