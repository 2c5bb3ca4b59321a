// The grant job: one set-based query (owner connection) finds the qualified referrals with a
// pending reward whose return window passed, across tenants; each is then granted in its tenant's
// scope under the referral's row lock. Ledger keys and coupon issue keys are the reward's id and
// the reward's status moves pending → granted under that lock, so a rerun grants nothing twice.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Database } from '../../db/database.ts';
import { withTenant } from '../../db/tenant-scope.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Logger } from '../../kernel/logger.ts';
import { grantSafely } from './grant.ts';

export interface JobDeps {
  database: Database;
  clock: Clock;
  log: Logger;
}

const BATCH = 100;

export async function grantDueReferralRewards(deps: JobDeps): Promise<number> {
  const rows = await queryRows<{ tenant_id: string; id: string }>(
    deps.database.adminDb,
    sql`select distinct w.tenant_id, w.referral_id as id from referral_rewards w
        join referrals f on f.tenant_id = w.tenant_id and f.id = w.referral_id
        where w.status = 'pending' and w.grant_at <= ${deps.clock.now().toISOString()}::timestamptz
          and f.status = 'qualified'
        limit 5000`,
  );
  const byTenant = new Map<string, string[]>();
  for (const r of rows) byTenant.set(r.tenant_id, [...(byTenant.get(r.tenant_id) ?? []), r.id]);
  let granted = 0;
  for (const [tenantId, ids] of byTenant)
    for (let i = 0; i < ids.length; i += BATCH)
      granted += await withTenant(deps.database.db, tenantId, async (tx) => {
        let n = 0;
        const ctx = {
          tenantId,
          actor: { type: 'system' as const, id: null },
          tx,
          clock: deps.clock,
          locale: 'zh-CN' as const,
          requestId: null,
          log: deps.log,
        };
        for (const id of ids.slice(i, i + BATCH)) n += await grantSafely(ctx, id);
        return n;
      });
  if (granted) deps.log.info({ granted }, 'referral rewards granted');
  return granted;
}

/** The job definitions for jobs/queue.ts (cron in UTC). */
export const REFERRAL_JOBS = [
  {
    name: 'referrals.grant-rewards',
    cron: '*/15 * * * *',
    handler: (_d: object, deps: JobDeps) => grantDueReferralRewards(deps).then(() => {}),
  },
];
