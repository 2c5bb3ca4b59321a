// Statuses after the send: provider receipts (delivered, failed), opens and clicks reported by
// the channels (providers' receipt webhooks, the app), and the customer's message history for the thread.
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { messageDeliveries, messageEvents, messageIntents } from './messaging.tables.ts';
import { templateName } from './templates.ts';

export interface DeliveryStatusReport {
  /** Our delivery id (the provider got it as reference), or the provider's message id. */
  deliveryId?: string;
  providerMessageId?: string;
  status: 'delivered' | 'opened' | 'clicked' | 'failed';
  error?: string;
  providerCode?: string;
  at?: Date;
}

import { pgArray } from '../../db/arrays.ts';

const RANK: Record<string, number> = { sent: 1, delivered: 2, opened: 3, clicked: 4 };

/** Recomputes the status of intents from their deliveries (set-based). */
export async function refreshIntentStatus(
  db: Db,
  tenantIds: string[],
  intentIds: string[],
  now: Date,
) {
  if (!intentIds.length) return;
  await db.execute(sql`
    update message_intents i set status = s.status, updated_at = ${now.toISOString()}::timestamptz
    from (
      select d.tenant_id, d.intent_id,
        case when bool_or(d.status in ('sent','delivered','opened','clicked')) then 'sent'
             when bool_or(d.status in ('queued','sending','waiting')) then 'processing'
             when bool_and(d.status = 'suppressed') then 'suppressed'
             else 'failed' end as status
      from message_deliveries d
      where d.intent_id = any(${pgArray(intentIds)}::uuid[])
        and d.tenant_id = any(${pgArray(tenantIds)}::uuid[])
      group by d.tenant_id, d.intent_id
    ) s
    where i.tenant_id = s.tenant_id and i.id = s.intent_id and i.status <> s.status`);
}

/**
 * Records what a provider or the app reported about one delivery. Statuses only move forward
 * (a late "delivered" after "opened" is kept in the timeline but does not lower the status);
 * an open cancels the fallback that was waiting for it.
 */
export async function recordDeliveryStatus(
  ctx: Ctx,
  report: DeliveryStatusReport,
): Promise<{ found: boolean; deliveryId: string | null }> {
  const key = report.deliveryId
    ? eq(messageDeliveries.id, report.deliveryId)
    : report.providerMessageId
      ? eq(messageDeliveries.providerMessageId, report.providerMessageId)
      : null;
  if (!key) return { found: false, deliveryId: null };
  const [d] = await ctx.tx
    .select()
    .from(messageDeliveries)
    .where(and(eq(messageDeliveries.tenantId, ctx.tenantId), key))
    .for('update')
    .limit(1);
  if (!d) return { found: false, deliveryId: null };
  const now = report.at ?? ctx.clock.now();
  const forward =
    report.status === 'failed'
      ? ['sending', 'sent', 'queued'].includes(d.status)
      : (RANK[report.status] ?? 0) > (RANK[d.status] ?? 0) && d.status !== 'suppressed';
  if (forward)
    await ctx.tx
      .update(messageDeliveries)
      .set({
        status: report.status,
        ...(report.status === 'failed'
          ? {
              error: report.error ?? report.providerCode ?? 'failed',
              reason: 'provider_failed',
              leaseUntil: null,
              nextAttemptAt: null,
            }
          : {}),
        updatedAt: now,
      })
      .where(and(eq(messageDeliveries.tenantId, ctx.tenantId), eq(messageDeliveries.id, d.id)));
  await ctx.tx.insert(messageEvents).values({
    tenantId: ctx.tenantId,
    id: newId(),
    intentId: d.intentId,
    deliveryId: d.id,
    type: report.status,
    channel: d.channel,
    reason: report.status === 'failed' ? 'provider_failed' : null,
    detail: { receipt: true, error: report.error, providerCode: report.providerCode },
    at: now,
  });
  if (report.status === 'opened' || report.status === 'clicked') {
    const cancelled = await ctx.tx
      .update(messageDeliveries)
      .set({ status: 'suppressed', reason: 'primary_opened', nextAttemptAt: null, updatedAt: now })
      .where(
        and(
          eq(messageDeliveries.tenantId, ctx.tenantId),
          eq(messageDeliveries.fallbackOf, d.id),
          eq(messageDeliveries.status, 'waiting'),
        ),
      )
      .returning({ id: messageDeliveries.id, channel: messageDeliveries.channel });
    for (const c of cancelled)
      await ctx.tx.insert(messageEvents).values({
        tenantId: ctx.tenantId,
        id: newId(),
        intentId: d.intentId,
        deliveryId: c.id,
        type: 'suppressed',
        channel: c.channel,
        reason: 'primary_opened',
        at: now,
      });
  }
  if (report.status === 'failed') {
    // The primary failed for good: its fallback need not wait any longer.
    await ctx.tx
      .update(messageDeliveries)
      .set({ nextAttemptAt: now, updatedAt: now })
      .where(
        and(
          eq(messageDeliveries.tenantId, ctx.tenantId),
          eq(messageDeliveries.fallbackOf, d.id),
          eq(messageDeliveries.status, 'waiting'),
        ),
      );
  }
  await refreshIntentStatus(ctx.tx, [ctx.tenantId], [d.intentId], now);
  return { found: true, deliveryId: d.id };
}

export interface CustomerMessage {
  intentId: string;
  templateKey: string;
  /** The template's name in the staff member's language. */
  templateName: string;
  purpose: string;
  status: string;
  reason: string | null;
  createdAt: string;
  deliveries: {
    id: string;
    channel: string;
    status: string;
    reason: string | null;
    subject: string | null;
    body: string | null;
    updatedAt: string;
  }[];
}

/** Every message sent (or tried) to a customer on any channel, newest first. */
export async function listMessagesForCustomer(
  ctx: Ctx,
  customerId: string,
  opts: { limit?: number; before?: Date } = {},
): Promise<CustomerMessage[]> {
  const intents = await ctx.tx
    .select()
    .from(messageIntents)
    .where(
      and(
        eq(messageIntents.customerId, customerId),
        opts.before ? lt(messageIntents.createdAt, opts.before) : undefined,
      ),
    )
    .orderBy(desc(messageIntents.createdAt), desc(messageIntents.id))
    .limit(Math.min(opts.limit ?? 50, 200));
  if (!intents.length) return [];
  const deliveries = await ctx.tx
    .select()
    .from(messageDeliveries)
    .where(
      inArray(
        messageDeliveries.intentId,
        intents.map((i) => i.id),
      ),
    )
    .orderBy(messageDeliveries.createdAt);
  return intents.map((i) => ({
    intentId: i.id,
    templateKey: i.templateKey,
    templateName: templateName(i.templateKey, ctx.locale),
    purpose: i.purpose,
    status: i.status,
    reason: i.reason,
    createdAt: i.createdAt.toISOString(),
    deliveries: deliveries
      .filter((d) => d.intentId === i.id)
      .map((d) => ({
        id: d.id,
        channel: d.channel,
        status: d.status,
        reason: d.reason,
        subject: d.subject,
        body: d.body,
        updatedAt: d.updatedAt.toISOString(),
      })),
  }));
}
