// The nightly refresh of every tenant's customer statistics (RFM quintiles are relative, so they
// are recomputed here) and the backfill of tenants never refreshed (first run after the
// migration; sent once when the worker starts). One transaction per tenant under row-level
// security; idempotent, so a rerun or a crash mid-way is safe.
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../db/database.ts';
import { withTenant } from '../../db/tenant-scope.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Logger } from '../../kernel/logger.ts';
import { refreshTenantStats, type RefreshResult } from './customer-stats.service.ts';

export interface StatsJobDeps {
  database: Database;
  clock: Clock;
  log: Logger;
}

/** Refreshes the given tenants (default: all; `onlyMissing`: those never refreshed). */
export async function refreshCustomerStats(
  deps: StatsJobDeps,
  opts: { tenantIds?: string[]; onlyMissing?: boolean } = {},
): Promise<Map<string, RefreshResult>> {
  const rows = opts.tenantIds
    ? opts.tenantIds.map((tenant_id) => ({ tenant_id }))
    : await queryRows<{ tenant_id: string }>(
        deps.database.adminDb,
        opts.onlyMissing
          ? sql`select t.tenant_id from tenants t where not exists
                  (select 1 from customer_rfm_breaks b where b.tenant_id = t.tenant_id) order by t.tenant_id`
          : sql`select t.tenant_id from tenants t order by t.tenant_id`,
      );
  const done = new Map<string, RefreshResult>();
  for (const { tenant_id: tenantId } of rows) {
    const result = await withTenant(deps.database.db, tenantId, (tx) =>
      refreshTenantStats({
        tenantId,
        actor: { type: 'system', id: null },
        tx,
        clock: deps.clock,
        locale: 'zh-CN',
        requestId: null,
        log: deps.log,
      }),
    );
    done.set(tenantId, result);
    deps.log.info({ tenantId, ...result }, 'customer statistics refreshed');
  }
  return done;
}

export const CUSTOMER_STATS_JOBS = [
  {
    // 03:23 in China (UTC+8): after the day's orders, before the morning's campaigns.
    name: 'customer-stats.refresh',
    cron: '23 19 * * *',
    handler: async (_data: object, deps: StatsJobDeps) => {
      await refreshCustomerStats(deps);
    },
  },
  {
    name: 'customer-stats.backfill',
    atStart: true,
    handler: async (_data: object, deps: StatsJobDeps) => {
      await refreshCustomerStats(deps, { onlyMissing: true });
    },
  },
];
