// Frequency caps on marketing: at most so many messages a day and a week per customer, counted
// by day in the customer's timezone. Each marketing customer of the batch is locked first
// (in one sorted order, so workers never deadlock), then their recent days are counted.
import { sql } from 'drizzle-orm';
import { pgArray } from '../../db/arrays.ts';
import type { Db } from '../../db/database.ts';
import { iso, queryRows } from './delivery-rows.ts';
import type { CustomerRow, IntentRow, TenantRow } from './plan-context.ts';
import type { PlanOutput } from './plan-output.ts';
import type { Live } from './quiet-hours.ts';
import { addDays, localDateTime } from './rules.ts';

export async function frequencyCaps(
  tx: Db,
  live: Live[],
  tenantIds: string[],
  out: PlanOutput,
  now: Date,
) {
  const sent = await sentDays(tx, live, tenantIds, now);
  return {
    /** The cap a marketing message would exceed; null: it may go, and now counts. */
    take(i: IntentRow, customer: CustomerRow, tz: string, tenant: TenantRow): string | null {
      const k = `${i.tenant_id}:${customer.id}`;
      const days = sent.get(k) ?? [];
      const today = localDateTime(now, tz).date;
      const weekStart = addDays(today, -6);
      const perDay = tenant.marketing_per_day ?? 1;
      const perWeek = tenant.marketing_per_week ?? 2;
      if (days.filter((d) => d === today).length >= perDay) return 'frequency_cap_day';
      if (days.filter((d) => d >= weekStart && d <= today).length >= perWeek)
        return 'frequency_cap_week';
      sent.set(k, [...days, today]);
      out.frequency.push({
        tenant_id: i.tenant_id,
        customer_id: customer.id,
        intent_id: i.id,
        local_day: today,
        created_at: iso(now),
      });
      return null;
    },
  };
}

/** The local days each marketing customer of the batch was messaged lately, under their locks. */
async function sentDays(tx: Db, live: Live[], tenantIds: string[], now: Date) {
  const sent = new Map<string, string[]>();
  const marketing = live.filter((l) => l.intent.purpose === 'marketing' && l.customer);
  if (!marketing.length) return sent;
  const lockKeys = [
    ...new Set(marketing.map((m) => `${m.intent.tenant_id}:${m.customer!.id}`)),
  ].sort();
  await tx.execute(
    sql`select count(pg_advisory_xact_lock(h)) from (select hashtextextended(k, 7351) as h from unnest(${pgArray(lockKeys)}::text[]) k order by 1) s`,
  );
  const minDay = addDays(localDateTime(now, 'Pacific/Kiritimati').date, -8);
  const ids = [...new Set(marketing.map((m) => m.customer!.id))];
  for (const r of await queryRows<{
    tenant_id: string;
    customer_id: string;
    local_day: string;
  }>(
    tx,
    sql`select tenant_id, customer_id, local_day::text as local_day from message_frequency
        where tenant_id = any(${pgArray(tenantIds)}::uuid[]) and customer_id = any(${pgArray(ids)}::uuid[]) and local_day >= ${minDay}::date`,
  )) {
    const k = `${r.tenant_id}:${r.customer_id}`;
    sent.set(k, [...(sent.get(k) ?? []), r.local_day]);
  }
  return sent;
}
