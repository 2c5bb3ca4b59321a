// Planner statistics where nothing else keeps them. The embedded engine (PGlite, one backend in
// single-user mode) has no autovacuum, and a PostgreSQL server can run with it switched off (the
// machines this project is built on do): tables then stay "never analysed" for ever, and plans
// made on that guess are kept for a connection's life — the ledger's foreign-key checks read a
// tenant's whole history on every transfer until its tables were analysed (BENCHMARKS.md). This
// does what autovacuum would: analyse tables changed by more than 50 rows + 10 % since their last
// analyse, or never analysed and not empty; on PostgreSQL also vacuum tables with 20 % of their
// rows inserted or dead since the last vacuum (the visibility map of index-only scans).
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from './database.ts';

/** Whether the database keeps its own statistics (autovacuum running). */
export async function keepsOwnStatistics(database: Database): Promise<boolean> {
  if (database.kind === 'pglite') return false;
  const [row] = await queryRows<{ on: boolean }>(
    database.adminDb,
    sql`select current_setting('autovacuum') = 'on' as on`,
  );
  return !!row?.on;
}

/**
 * Analyses every table now: after a bulk load (the demo seed) whose rows the server's autovacuum
 * has not counted yet. Until then the planner guesses, and a guess over a few thousand cars made
 * the call list take half a minute instead of half a second. ANALYZE samples, so this stays
 * seconds on any size.
 */
export async function analyzeAll(database: Database): Promise<void> {
  await database.adminDb.execute(sql`analyze`);
}

/**
 * Analyses the stale tables of the public schema, and on PostgreSQL vacuums those autovacuum
 * would (unless autovacuum runs); answers their names.
 */
export async function analyzeStaleTables(
  database: Database,
  opts: { force?: boolean } = {},
): Promise<string[]> {
  if (!opts.force && (await keepsOwnStatistics(database))) return [];
  if (database.kind === 'pglite') {
    // PGlite's single backend keeps no activity counters to tell stale tables: analyse all
    // (an embedded database is small; a few hundred ms for the demo).
    await analyzeAll(database);
    const all = await queryRows<{ relname: string }>(
      database.adminDb,
      sql`select relname from pg_stat_user_tables where schemaname = 'public' order by relname`,
    );
    return all.map((r) => r.relname);
  }
  // Autovacuum's own thresholds (PostgreSQL's defaults): vacuum after 20 % of the rows were
  // inserted or died since the last vacuum, which also keeps the visibility map that index-only
  // scans need (segment counts read car owners and statistics from indexes alone); analyse after
  // 10 % changed.
  const rows = await queryRows<{ relname: string; vacuum: boolean }>(
    database.adminDb,
    sql`select relname,
           (n_dead_tup > 50 + 0.2 * greatest(n_live_tup, 0)
            or n_ins_since_vacuum > 1000 + 0.2 * greatest(n_live_tup, 0)) as vacuum
         from pg_stat_user_tables
         where schemaname = 'public'
           and (n_mod_since_analyze > 50 + 0.1 * greatest(n_live_tup, 0)
                or (last_analyze is null and last_autoanalyze is null
                    and n_live_tup + n_mod_since_analyze > 0)
                or n_dead_tup > 50 + 0.2 * greatest(n_live_tup, 0)
                or n_ins_since_vacuum > 1000 + 0.2 * greatest(n_live_tup, 0))
         order by relname`,
  );
  for (const r of rows) {
    const table = `"public"."${r.relname.replaceAll('"', '""')}"`;
    await database.adminDb.execute(
      sql.raw(r.vacuum ? `vacuum (analyze) ${table}` : `analyze ${table}`),
    );
  }
  return rows.map((r) => r.relname);
}
