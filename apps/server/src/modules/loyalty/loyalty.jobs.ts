// Loyalty's periodic work: settle pending points whose return window closed, expire points lots
// and service packages, announce points expiring within 30 days, review tiers for downgrades.
// Each job finds the due rows across tenants with the owner connection (one set-based query),
// then works tenant by tenant in batches under row-level security; every step is idempotent
// (per-lot ledger keys, status checks under row locks), so a rerun or a crash mid-way is safe.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Database } from '../../db/database.ts';
import { asSystemIn } from '../../jobs/system-ctx.ts';
import { emitEvent } from '../../jobs/outbox.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Ctx } from '../../kernel/context.ts';
import type { Logger } from '../../kernel/logger.ts';
import { addDays } from './ledger-math.ts';
import { expirePackage } from './packages.ts';
import { expireLot, settleLot } from './points.ts';
import { reviewTier } from './tiers.ts';

export interface JobDeps {
  database: Database;
  clock: Clock;
  log: Logger;
}

const BATCH = 200;

/** Runs `each` over due (tenant, id) rows, one transaction per tenant batch. */
async function perTenant(
  deps: JobDeps,
  rows: { tenant_id: string; id: string }[],
  each: (ctx: Ctx, id: string) => Promise<unknown>,
): Promise<number> {
  const byTenant = new Map<string, string[]>();
  for (const r of rows) byTenant.set(r.tenant_id, [...(byTenant.get(r.tenant_id) ?? []), r.id]);
  let done = 0;
  for (const [tenantId, ids] of byTenant)
    for (let i = 0; i < ids.length; i += BATCH)
      await asSystemIn(deps, tenantId, async (ctx) => {
        for (const id of ids.slice(i, i + BATCH)) {
          await each(ctx, id);
          done++;
        }
      });
  return done;
}

const now = (deps: JobDeps) => deps.clock.now().toISOString();

export async function settleDuePoints(deps: JobDeps): Promise<number> {
  const rows = await queryRows<{ tenant_id: string; id: string }>(
    deps.database.adminDb,
    sql`select l.tenant_id, l.id from points_lots l where l.status = 'pending'
        and l.available_at <= ${now(deps)}::timestamptz order by l.available_at limit 5000`,
  );
  return perTenant(deps, rows, settleLot);
}

export async function expireDuePoints(deps: JobDeps): Promise<number> {
  const rows = await queryRows<{ tenant_id: string; id: string }>(
    deps.database.adminDb,
    sql`select l.tenant_id, l.id from points_lots l where l.status = 'available'
        and l.expires_at <= ${now(deps)}::timestamptz order by l.expires_at limit 5000`,
  );
  return perTenant(deps, rows, expireLot);
}

/** One `loyalty.pointsExpiring` event per customer for lots expiring within 30 days. */
export async function announceExpiringPoints(deps: JobDeps): Promise<number> {
  const until = addDays(deps.clock.now(), 30).toISOString();
  const rows = await queryRows<{ tenant_id: string; id: string }>(
    deps.database.adminDb,
    sql`select distinct l.tenant_id, l.customer_id as id from points_lots l
        where l.status = 'available' and l.remaining > 0 and l.expiry_notice_at is null
        and l.expires_at <= ${until}::timestamptz limit 5000`,
  );
  return perTenant(deps, rows, async (ctx, customerId) => {
    const lots = await queryRows<{ amount: number | string; before: string | Date | null }>(
      ctx.tx,
      sql`with l as (update points_lots l set expiry_notice_at = ${now(deps)}::timestamptz
            where l.customer_id = ${customerId}::uuid and l.status = 'available' and l.remaining > 0
            and l.expiry_notice_at is null and l.expires_at <= ${until}::timestamptz
            returning l.remaining, l.expires_at)
          select coalesce(sum(remaining), 0)::bigint as amount, max(expires_at) as before from l`,
    );
    const amount = Number(lots[0]?.amount ?? 0);
    if (amount > 0)
      await emitEvent(ctx, {
        type: 'loyalty.pointsExpiring',
        aggregateId: customerId,
        payload: { customerId, amount, before: new Date(lots[0]!.before!).toISOString() },
      });
  });
}

export async function expireDuePackages(deps: JobDeps): Promise<number> {
  const rows = await queryRows<{ tenant_id: string; id: string }>(
    deps.database.adminDb,
    sql`select p.tenant_id, p.id from customer_packages p where p.status = 'active'
        and p.expires_at <= ${now(deps)}::timestamptz limit 5000`,
  );
  return perTenant(deps, rows, expirePackage);
}

export async function reviewTiers(deps: JobDeps): Promise<number> {
  const rows = await queryRows<{ tenant_id: string; id: string }>(
    deps.database.adminDb,
    sql`select t.tenant_id, t.customer_id as id from customer_tiers t`,
  );
  return perTenant(deps, rows, reviewTier);
}

/** Every loyalty job once (tests, `liuke` maintenance). */
export async function runLoyaltyJobs(deps: JobDeps) {
  return {
    settled: await settleDuePoints(deps),
    expired: await expireDuePoints(deps),
    announced: await announceExpiringPoints(deps),
    packagesExpired: await expireDuePackages(deps),
    tiersReviewed: await reviewTiers(deps),
  };
}

/** The job definitions for jobs/queue.ts (cron in UTC). */
export const LOYALTY_JOBS = [
  {
    name: 'loyalty.settle-points',
    cron: '*/15 * * * *',
    handler: (_d: object, deps: JobDeps) => settleDuePoints(deps).then(() => {}),
  },
  {
    name: 'loyalty.expire-points',
    cron: '5 18 * * *',
    handler: (_d: object, deps: JobDeps) =>
      expireDuePoints(deps)
        .then(() => announceExpiringPoints(deps))
        .then(() => {}),
  },
  {
    name: 'loyalty.expire-packages',
    cron: '10 18 * * *',
    handler: (_d: object, deps: JobDeps) => expireDuePackages(deps).then(() => {}),
  },
  {
    name: 'loyalty.review-tiers',
    cron: '20 18 * * *',
    handler: (_d: object, deps: JobDeps) => reviewTiers(deps).then(() => {}),
  },
];
