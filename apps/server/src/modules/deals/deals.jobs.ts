// The settlement job: one set-based query (owner connection) finds the deals past their deadline
// or with a settlement interrupted, across tenants; each is then settled in its tenant's scope,
// every step (begin, each joiner, finish) in a transaction of its own (settlement.ts).
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../db/database.ts';
import { asSystemIn } from '../../jobs/system-ctx.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Logger } from '../../kernel/logger.ts';
import { settleDeal, type StepRunner } from './settlement.ts';

export interface JobDeps {
  database: Database;
  clock: Clock;
  log: Logger;
}

/** Runs each step in its own transaction of the tenant, as the system. */
export const stepRunner =
  (deps: JobDeps, tenantId: string): StepRunner =>
  (step) =>
    asSystemIn(deps, tenantId, step);

/** Settles the due deals of every tenant (or of `only` one, for tests sharing a database). */
export async function settleDueDealsEverywhere(
  deps: JobDeps,
  only: { tenantId: string } | null = null,
): Promise<number> {
  const due = await queryRows<{ tenant_id: string; id: string }>(
    deps.database.adminDb,
    sql`select d.tenant_id, d.id from deals d
        where ((d.status = 'open' and d.deadline_at <= ${deps.clock.now().toISOString()}::timestamptz)
          or d.status = 'settling')
          and (${only?.tenantId ?? null}::uuid is null or d.tenant_id = ${only?.tenantId ?? null}::uuid)
        order by d.deadline_at limit 500`,
  );
  let settled = 0;
  for (const d of due) {
    try {
      settled += await settleDeal(stepRunner(deps, d.tenant_id), d.id);
    } catch (err) {
      // One deal's trouble does not hold up the others; the next run resumes it.
      deps.log.error({ err, dealId: d.id }, 'deal settlement failed');
    }
  }
  if (settled) deps.log.info({ deals: due.length, settled }, 'deals settled');
  return settled;
}

/** The job definitions for jobs/queue.ts (cron in UTC). */
export const DEAL_JOBS = [
  {
    name: 'deals.settle',
    cron: '* * * * *',
    atStart: true,
    handler: (_d: object, deps: JobDeps) => settleDueDealsEverywhere(deps).then(() => {}),
  },
];
