// The campaign worker, every minute: starts the runs of scheduled campaigns that are due (in
// their tenant's scope) and sends the pending recipients of running runs in batches, each batch
// its own transaction — a crash loses at most the batch in flight, which the next pass repeats
// without sending twice (dedupe keys).
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../db/database.ts';
import { withTenant } from '../../db/tenant-scope.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Ctx } from '../../kernel/context.ts';
import type { Logger } from '../../kernel/logger.ts';
import { dispatchBatch, DISPATCH_BATCH } from './dispatch.ts';
import { startDueRun } from './launch.ts';

interface Deps {
  database: Database;
  clock: Clock;
  log: Logger;
}

function asSystem<T>(deps: Deps, tenantId: string, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  return withTenant(deps.database.db, tenantId, (tx) =>
    fn({
      tenantId,
      actor: { type: 'system', id: null },
      tx,
      clock: deps.clock,
      locale: 'zh-CN',
      requestId: null,
      log: deps.log,
    }),
  );
}

/** One pass: due runs started, then up to `maxBatches` batches sent. Returns batches sent. */
export async function runCampaignTick(deps: Deps, maxBatches = 200): Promise<number> {
  const now = deps.clock.now().toISOString();
  const due = await queryRows<{ tenant_id: string; id: string }>(
    deps.database.adminDb,
    sql`select tenant_id, id from campaigns
        where status = 'scheduled' and next_run_at <= ${now}::timestamptz
        order by next_run_at limit 100`,
  );
  for (const c of due) {
    try {
      await asSystem(deps, c.tenant_id, (ctx) => startDueRun(ctx, c.id));
    } catch (err) {
      deps.log.warn({ err, campaignId: c.id }, 'campaign run could not start');
    }
  }
  let batches = 0;
  const runs = await queryRows<{ tenant_id: string; campaign_id: string; run_no: number }>(
    deps.database.adminDb,
    sql`select tenant_id, campaign_id, run_no from campaign_runs where status = 'sending'
        order by started_at`,
  );
  for (const r of runs) {
    for (;;) {
      if (batches >= maxBatches) return batches;
      const n = await asSystem(deps, r.tenant_id, (ctx) =>
        dispatchBatch(ctx, r.campaign_id, Number(r.run_no), DISPATCH_BATCH),
      );
      batches += 1;
      if (n < DISPATCH_BATCH) break;
    }
  }
  return batches;
}

export const CAMPAIGN_JOBS = [
  {
    name: 'campaigns.tick',
    cron: '* * * * *',
    handler: async (_data: object, deps: Deps) => {
      await runCampaignTick(deps);
    },
  },
];
