// Planning's first step: who may be messaged now. An intent for a customer who does not exist
// fails; one for an erased customer (or to an erased customer's address) is suppressed; one
// that may wait (anything but transactional) is held through the quiet hours of the customer's
// timezone (else the tenant's) and decided again when they end.
import { iso } from './delivery-rows.ts';
import type { CustomerRow, IntentRow, PlanContext } from './plan-context.ts';
import type { PlanOutput } from './plan-output.ts';
import { isValidTimeZone, quietUntil } from './rules.ts';

/** An intent that goes on to be planned, with its customer and the timezone it is read in. */
export interface Live {
  intent: IntentRow;
  customer: CustomerRow | null;
  tz: string;
}

export function admitIntents(
  intents: IntentRow[],
  context: PlanContext,
  out: PlanOutput,
  now: Date,
): Live[] {
  const live: Live[] = [];
  for (const i of intents) {
    const tenant = context.tenants.get(i.tenant_id)!;
    const customer = i.customer_id
      ? (context.customers.get(`${i.tenant_id}:${i.customer_id}`) ?? null)
      : null;
    if (i.customer_id && !customer) {
      out.finish(i, 'failed', 'customer_not_found');
      continue;
    }
    if (customer?.erased || (!customer && context.erased.has(`${i.tenant_id}:${i.to_address}`))) {
      out.finish(i, 'suppressed', 'customer_erased');
      continue;
    }
    const tz =
      customer?.timezone && isValidTimeZone(customer.timezone)
        ? customer.timezone
        : tenant.timezone;
    if (i.priority !== 'transactional') {
      const until = quietUntil(now, tz, tenant.quiet_start ?? '21:00', tenant.quiet_end ?? '08:00');
      if (until) {
        out.deferred.push({ tenant_id: i.tenant_id, id: i.id, not_before: iso(until) });
        out.event(i, 'deferred', {
          reason: 'quiet_hours',
          detail: { until: iso(until), timezone: tz },
        });
        continue;
      }
    }
    live.push({ intent: i, customer, tz });
  }
  return live;
}
