// For modules that credit paid orders to what brought the customer (campaigns, reminder rules):
// a refunded order is not a conversion.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
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

/** A booking or a paid order credited to what brought the customer (campaigns, reminder rules). */
export interface ConversionInput {
  kind: 'order' | 'booking';
  referenceId: string;
  customerId: string;
  revenueFen: number;
  at: Date;
  eventId: string | null;
}

/** The columns an attribution table of campaigns or reminders has in common. */
type AttributionTable = PgTable & {
  id: PgColumn;
  tenantId: PgColumn;
  kind: PgColumn;
  referenceId: PgColumn;
};

/**
 * A refunded order is no conversion: its credit is taken back from the caller's own attribution
 * table (campaigns and reminders each pass theirs). Answers rows removed.
 */
export async function withdrawOrderCredit(
  ctx: Ctx,
  table: AttributionTable,
  orderId: string,
): Promise<number> {
  const removed = await ctx.tx
    .delete(table)
    .where(
      and(
        eq(table.tenantId, ctx.tenantId),
        eq(table.kind, 'order'),
        eq(table.referenceId, orderId),
      ),
    )
    .returning({ id: table.id });
  return removed.length;
}
