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
  const rows = messages.map((m) => rowsOf(ctx.tenantId, m));
  await bulkInsert(
    ctx.tx,
    messageIntents,
    rows.map((r) => r.intent),
  );
  await bulkInsert(
    ctx.tx,
    messageDeliveries,
    rows.flatMap((r) => r.deliveries),
  );
  await bulkInsert(
    ctx.tx,
    messageEvents,
    rows.flatMap((r) => r.events),
  );
  return rows.map((r) => r.intent.id);
}

/** One message's intent, its delivery (none when suppressed) and its timeline. */
function rowsOf(tenantId: string, m: PastMessage) {
  const intentId = newId();
  const suppressed = m.outcome === 'suppressed';
  const doneAt = new Date(m.sentAt.getTime() + MINUTE);
  const intent: typeof messageIntents.$inferInsert & { id: string } = {
    tenantId,
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
  };
  const event = (
    type: string,
    at: Date,
    more: { deliveryId?: string; channel?: string; reason?: string | null } = {},
  ): typeof messageEvents.$inferInsert => ({
    tenantId,
    id: newId(),
    intentId,
    deliveryId: more.deliveryId ?? null,
    type,
    channel: more.channel ?? null,
    reason: more.reason ?? null,
    at,
  });
  if (suppressed)
    return {
      intent,
      deliveries: [],
      events: [
        event('queued', m.sentAt),
        event('suppressed', doneAt, { channel: m.channel, reason: m.reason ?? null }),
      ],
    };
  const deliveryId = newId();
  const openedAt = new Date(m.sentAt.getTime() + 47 * MINUTE);
  const delivery: typeof messageDeliveries.$inferInsert = {
    tenantId,
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
  };
  const on = { deliveryId, channel: m.channel };
  return {
    intent,
    deliveries: [delivery],
    events: [
      event('queued', m.sentAt),
      event('sent', m.sentAt, on),
      event('delivered', doneAt, on),
      ...(m.outcome === 'opened' ? [event('opened', openedAt, on)] : []),
    ],
  };
}
