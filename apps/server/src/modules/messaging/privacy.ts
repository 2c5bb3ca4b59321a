// A customer's messages under their data rights (PIPL): what was sent to them, for their copy,
// and erasure — queued messages are withdrawn and what was sent keeps no address or text.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { messageDeliveries, messageIntents } from './messaging.tables.ts';
import { withdrawQueued } from './send.ts';
import { listMessagesForCustomer, type CustomerMessage } from './status.ts';

/** Every message to the customer, newest first. */
export async function messagesOf(ctx: Ctx, customerId: string): Promise<CustomerMessage[]> {
  const all: CustomerMessage[] = [];
  for (;;) {
    const last = all[all.length - 1];
    const page = await listMessagesForCustomer(ctx, customerId, {
      limit: 200,
      ...(last ? { before: new Date(last.createdAt) } : {}),
    });
    all.push(...page);
    if (page.length < 200) return all;
  }
}

/**
 * Erasure: withdraws what is still queued and strips addresses, data and texts of the rest —
 * also of messages sent to the person's phone or e-mail before they were a customer (sign-in
 * codes), found by `addresses`.
 */
export async function anonymiseCustomerMessages(ctx: Ctx, customerId: string, addresses: string[]) {
  const queued = await ctx.tx
    .select({ id: messageIntents.id })
    .from(messageIntents)
    .where(and(eq(messageIntents.customerId, customerId), eq(messageIntents.status, 'queued')));
  const withdrawn = await withdrawQueued(
    ctx,
    queued.map((q) => q.id),
    'customer_erased',
  );
  await ctx.tx
    .update(messageIntents)
    .set({ data: {}, toAddress: null, updatedAt: ctx.clock.now() })
    .where(eq(messageIntents.customerId, customerId));
  await ctx.tx
    .update(messageDeliveries)
    .set({ address: '', subject: null, body: null, html: null, url: null, error: null })
    .where(eq(messageDeliveries.customerId, customerId));
  const list = addresses.filter(Boolean);
  if (list.length) {
    const byAddress = await ctx.tx
      .update(messageIntents)
      .set({ data: {}, toAddress: null, updatedAt: ctx.clock.now() })
      .where(inArray(messageIntents.toAddress, list))
      .returning({ id: messageIntents.id });
    if (byAddress.length)
      await ctx.tx
        .update(messageDeliveries)
        .set({ address: '', subject: null, body: null, html: null, url: null, error: null })
        .where(
          inArray(
            messageDeliveries.intentId,
            byAddress.map((b) => b.id),
          ),
        );
  }
  const [n] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(messageIntents)
    .where(eq(messageIntents.customerId, customerId));
  return { withdrawn: withdrawn.length, anonymised: Number(n?.n ?? 0) };
}
