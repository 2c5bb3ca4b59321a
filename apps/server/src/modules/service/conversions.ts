// For modules that credit paid orders to what brought the customer (campaigns, reminder rules):
// a refunded order is not a conversion.
import { sql, type SQL } from 'drizzle-orm';
import { serviceOrders } from './service.tables.ts';

/**
 * `and …` for the WHERE of an attribution: true unless the conversion is an order that has been
 * refunded (the refund's handler may run before the payment's: events are retried).
 */
export function unlessRefunded(conversion: { kind: string; referenceId: string }): SQL {
  if (conversion.kind !== 'order') return sql``;
  return sql`and not exists (select 1 from ${serviceOrders} refunded
      where refunded.id = ${conversion.referenceId}::uuid and refunded.status = 'refunded')`;
}
