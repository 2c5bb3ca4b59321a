// The query job: payments whose notification has not come (and refunds without a result) are
// asked about, across tenants, on a backoff (1, 1, 2, 5, 10, 30, 60 minutes); a payment still
// unpaid an hour after it expired is closed (a late notification still credits it).
import { and, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../db/database.ts';
import { asSystemIn } from '../../jobs/system-ctx.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Logger } from '../../kernel/logger.ts';
import { settleByQuery } from './notifications.ts';
import { CLOSE_AFTER_EXPIRY_MS } from './payment-rules.ts';
import { payments } from './payments.tables.ts';
import { settleRefundByQuery } from './refunds.ts';
import { logPaymentEvent } from './settlement.ts';

export interface PaymentJobDeps {
  database: Database;
  clock: Clock;
  log: Logger;
  config?: { publicUrl: string };
}

/** Queries the due payments and refunds of every tenant (or of `only` one, for tests). */
export async function queryDuePayments(
  deps: PaymentJobDeps,
  only: { tenantId: string } | null = null,
): Promise<{ payments: number; refunds: number }> {
  const now = deps.clock.now().toISOString();
  const tenant = only?.tenantId ?? null;
  const due = await queryRows<{ tenant_id: string; id: string; kind: string }>(
    deps.database.adminDb,
    sql`(select p.tenant_id, p.id, 'payment' as kind from payments p
          where p.next_query_at <= ${now}::timestamptz and p.status = 'pending'
            and (${tenant}::uuid is null or p.tenant_id = ${tenant}::uuid)
          order by p.next_query_at limit 500)
        union all
        (select r.tenant_id, r.id, 'refund' as kind from payment_refunds r
          where r.next_query_at <= ${now}::timestamptz and r.status = 'pending'
            and (${tenant}::uuid is null or r.tenant_id = ${tenant}::uuid)
          order by r.next_query_at limit 500)`,
  );
  const notifyBase = (deps.config?.publicUrl ?? '').replace(/\/+$/u, '');
  const done = { payments: 0, refunds: 0 };
  for (const d of due) {
    try {
      await asSystemIn(deps, d.tenant_id, async (ctx) => {
        if (d.kind === 'refund') {
          if (await settleRefundByQuery(ctx, d.id, notifyBase)) done.refunds++;
          return;
        }
        const r = await settleByQuery(ctx, d.id);
        if (r && r.status !== 'pending') done.payments++;
        else await closeIfLongExpired(ctx, d.id);
      });
    } catch (err) {
      // One payment's trouble does not hold up the others; the next run asks again.
      deps.log.error({ err, id: d.id, kind: d.kind }, 'payment query failed');
    }
  }
  return done;
}

async function closeIfLongExpired(ctx: Parameters<typeof logPaymentEvent>[0], paymentId: string) {
  const cutoff = new Date(ctx.clock.now().getTime() - CLOSE_AFTER_EXPIRY_MS);
  const closed = await ctx.tx
    .update(payments)
    .set({ status: 'closed', nextQueryAt: null, updatedAt: ctx.clock.now() })
    .where(
      and(
        eq(payments.id, paymentId),
        eq(payments.status, 'pending'),
        isNotNull(payments.nextQueryAt),
        lte(payments.expiresAt, cutoff),
      ),
    )
    .returning({ id: payments.id });
  if (closed.length) await logPaymentEvent(ctx, paymentId, 'expired');
}

export const PAYMENT_JOBS = [
  {
    name: 'payments.query-due',
    cron: '* * * * *',
    handler: (_d: object, deps: PaymentJobDeps) => queryDuePayments(deps).then(() => {}),
  },
];
