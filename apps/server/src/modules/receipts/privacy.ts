// Erasing a car owner: an invoice request not yet issued is deleted; an issued one is a tax record
// the books keep (name on the invoice, tax number, invoice number) and loses only the e-mail.
import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { serviceOrders } from '../service/index.ts';
import { invoiceRequests } from './receipts.tables.ts';

export async function anonymiseInvoiceRequests(ctx: Ctx, customerId: string): Promise<void> {
  const theirOrders = ctx.tx
    .select({ id: serviceOrders.id })
    .from(serviceOrders)
    .where(eq(serviceOrders.customerId, customerId));
  await ctx.tx
    .delete(invoiceRequests)
    .where(
      and(inArray(invoiceRequests.orderId, theirOrders), eq(invoiceRequests.status, 'requested')),
    );
  await ctx.tx
    .update(invoiceRequests)
    .set({ email: null, updatedAt: ctx.clock.now() })
    .where(inArray(invoiceRequests.orderId, theirOrders));
}
