// Messages as they already went out (the demo tenant's history): intents, their one delivery and
// their timeline written as given, with past timestamps, in bulk — nothing is queued, no rule is
// applied now, so quiet hours or caps at seed time cannot hold them. Every row lists the same
// columns (the bulk insert takes them from the first).
import { bulkInsert } from '../../db/bulk.ts';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { messageDeliveries, messageEvents, messageIntents } from './messaging.tables.ts';

export interface PastMessage {
  customerId: string;
  templateKey: string;
  data: Record<string, unknown>;
  purpose: 'transactional' | 'service' | 'marketing';
  priority: 'transactional' | 'marketing';
  dedupeKey: string;
  channel: 'sms' | 'email' | 'inapp' | 'webpush';
  /** The customer's address on that channel (the customer id in the app). */
  address: string;
  body: string;
  sentAt: Date;
  /** Delivered (and opened a while later), or suppressed with a reason (no consent…). */
  outcome: 'delivered' | 'opened' | 'suppressed';
  reason?: string;
  source: { type: 'rule' | 'campaign' | 'system' | 'conversation'; id: string | null };
}

const MINUTE = 60 * 1000;

/** Writes past messages; answers the intent id of each, in order. */
export async function insertMessageHistory(ctx: Ctx, messages: PastMessage[]): Promise<string[]> {
  const intents: (typeof messageIntents.$inferInsert)[] = [];
  const deliveries: (typeof messageDeliveries.$inferInsert)[] = [];
  const events: (typeof messageEvents.$inferInsert)[] = [];
  const ids: string[] = [];
  for (const m of messages) {
    const intentId = newId();
    ids.push(intentId);
    const suppressed = m.outcome === 'suppressed';
    const doneAt = new Date(m.sentAt.getTime() + MINUTE);
    intents.push({
      tenantId: ctx.tenantId,
      id: intentId,
      customerId: m.customerId,
      templateKey: m.templateKey,
      data: m.data,
      purpose: m.purpose,
      priority: m.priority,
      dedupeKey: m.dedupeKey,
      notBefore: m.sentAt,
      status: suppressed ? 'suppressed' : 'sent',
      channels: [m.channel],
      reason: suppressed ? (m.reason ?? null) : null,
      sourceType: m.source.type,
      sourceId: m.source.id,
      createdAt: m.sentAt,
      updatedAt: doneAt,
    });
    events.push({
      tenantId: ctx.tenantId,
      id: newId(),
      intentId,
      deliveryId: null,
      type: 'queued',
      channel: null,
      reason: null,
      at: m.sentAt,
    });
    if (suppressed) {
      events.push({
        tenantId: ctx.tenantId,
        id: newId(),
        intentId,
        deliveryId: null,
        type: 'suppressed',
        channel: m.channel,
        reason: m.reason ?? null,
        at: doneAt,
      });
      continue;
    }
    const deliveryId = newId();
    const openedAt = new Date(m.sentAt.getTime() + 47 * MINUTE);
    deliveries.push({
      tenantId: ctx.tenantId,
      id: deliveryId,
      intentId,
      customerId: m.customerId,
      channel: m.channel,
      provider: 'history',
      address: m.address,
      status: m.outcome,
      body: m.body,
      attempts: 1,
      createdAt: m.sentAt,
      updatedAt: m.outcome === 'opened' ? openedAt : doneAt,
    });
    for (const [type, at] of [
      ['sent', m.sentAt],
      ['delivered', doneAt],
      ...(m.outcome === 'opened' ? [['opened', openedAt] as const] : []),
    ] as const)
      events.push({
        tenantId: ctx.tenantId,
        id: newId(),
        intentId,
        deliveryId,
        type,
        channel: m.channel,
        reason: null,
        at,
      });
  }
  await bulkInsert(ctx.tx, messageIntents, intents);
  await bulkInsert(ctx.tx, messageDeliveries, deliveries);
  await bulkInsert(ctx.tx, messageEvents, events);
  return ids;
}
