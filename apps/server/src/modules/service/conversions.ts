// For modules that credit paid orders to what brought the customer (campaigns, reminder rules):
// a refunded order is not a conversion.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
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

/**
 * A refunded order is no conversion: its credit is taken back from an attribution table
 * (`campaign_attributions`, `reminder_attributions`: kind, reference_id). Answers rows removed.
 */
export async function withdrawOrderCredit(
  ctx: Ctx,
  table: 'campaign_attributions' | 'reminder_attributions',
  orderId: string,
): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    ctx.tx,
    sql`delete from ${sql.identifier(table)} where tenant_id = ${ctx.tenantId}::uuid
        and kind = 'order' and reference_id = ${orderId}::uuid returning id`,
  );
  return rows.length;
}
