// The rollup job: every hour, each tenant whose rollups are stale, in its own transaction. One
// built before its local today ("not yet due" and the current month move with the calendar) or
// never built is built whole; one with days marked dirty by late data since is brought up to
// date for those days only (rollup-runs.ts), or built whole when more than a month of days is
// dirty. The dirty days seen are removed with the run; a day marked meanwhile stays for the next
// one. Resumable: a crash leaves the tenant stale, and the next run takes it again.
import { sql } from 'drizzle-orm';
import { pgArray } from '../../db/arrays.ts';
import { queryRows, type Database } from '../../db/database.ts';
import { asSystemIn } from '../../jobs/system-ctx.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Logger } from '../../kernel/logger.ts';
import { rebuildRollups, updateRollupDays, type RollupResult } from './rollup-runs.ts';
import { runWeeklyReports } from './weekly-report.ts';

export interface AnalyticsJobDeps {
  database: Database;
  clock: Clock;
  log: Logger;
}

/** Tenants whose rollups are stale (or the given ones), across tenants on the owner connection. */
async function staleTenants(deps: AnalyticsJobDeps, only: string[] | null): Promise<string[]> {
  const now = deps.clock.now().toISOString();
  const rows = await queryRows<{ tenant_id: string }>(
    deps.database.adminDb,
    sql`select t.tenant_id from tenants t
        left join analytics_builds b on b.tenant_id = t.tenant_id
        where (${only ? `{${only.join(',')}}` : null}::uuid[] is null
               or t.tenant_id = any(${only ? `{${only.join(',')}}` : null}::uuid[]))
          and (b.tenant_id is null
            or b.as_of < (${now}::timestamptz at time zone t.timezone)::date
            or exists (select 1 from analytics_dirty_days d where d.tenant_id = t.tenant_id))
        order by t.tenant_id`,
  );
  return rows.map((r) => r.tenant_id);
}

/** More dirty days than this and a whole build is the cheaper run. */
export const MAX_DIRTY_DAYS = 31;

/** Brings one tenant's rollups up to date and clears the dirty days it saw. */
export async function rebuildTenant(
  deps: AnalyticsJobDeps,
  tenantId: string,
): Promise<RollupResult> {
  return asSystemIn(deps, tenantId, async (ctx) => {
    const seen = await queryRows<{ day: string; at: string }>(
      ctx.tx,
      sql`select d.day::text as day, d.marked_at::text as at from analytics_dirty_days d
          where d.tenant_id = ${tenantId}::uuid order by d.day`,
    );
    const days = seen.map((d) => d.day);
    const result =
      (days.length > 0 && days.length <= MAX_DIRTY_DAYS
        ? await updateRollupDays(ctx, days)
        : null) ?? (await rebuildRollups(ctx));
    // Each day as seen: one marked again since (a later marked_at) stays for the next run.
    await ctx.tx.execute(sql`delete from analytics_dirty_days d
      using unnest(${pgArray(days)}::date[], ${pgArray(seen.map((s) => s.at))}::timestamptz[]) s(day, at)
      where d.tenant_id = ${tenantId}::uuid and d.day = s.day and d.marked_at <= s.at`);
    return result;
  });
}

/** Rebuilds every stale tenant (or only the given ones); answers the tenants rebuilt. */
export async function runRollups(
  deps: AnalyticsJobDeps,
  only: string[] | null = null,
): Promise<number> {
  let done = 0;
  for (const tenantId of await staleTenants(deps, only)) {
    try {
      const r = await rebuildTenant(deps, tenantId);
      deps.log.info({ tenantId, ...r }, 'analytics rollups rebuilt');
      done += 1;
    } catch (err) {
      // One tenant's trouble does not hold up the others; it stays stale for the next run.
      deps.log.error({ err, tenantId }, 'analytics rollup failed');
    }
  }
  return done;
}

export const ANALYTICS_JOBS = [
  {
    name: 'analytics.rollup',
    cron: '7 * * * *',
    atStart: true,
    handler: async (_data: object, deps: AnalyticsJobDeps) => {
      await runRollups(deps);
    },
  },
  {
    // Hourly: a tenant's report goes from Monday 08:00 in its own time zone, once per week.
    name: 'analytics.weekly-report',
    cron: '23 * * * *',
    handler: async (_data: object, deps: AnalyticsJobDeps & { publicUrl?: string | undefined }) => {
      const sent = await runWeeklyReports(deps);
      if (sent) deps.log.info({ sent }, 'weekly reports queued');
    },
  },
];
