// Channels: one port, many adapters. Now only the development recorder, the default, so the
// product runs with no provider account; the messaging issue adds SMS providers, e-mail, push,
// WeChat and the delivery pipeline behind this same port.
import { desc } from 'drizzle-orm';
import type { Ctx } from '../kernel/context.ts';
import { newId } from '../kernel/ids.ts';
import { recordedMessages } from './channels.tables.ts';

export interface OutgoingMessage {
  channel: 'sms' | 'email' | 'inapp';
  to: string;
  subject?: string;
  body: string;
  purpose: 'auth' | 'transactional' | 'service' | 'marketing';
}

/** Records the message in the tenant's dev outbox (same transaction) and logs it. */
export async function sendMessage(ctx: Ctx, message: OutgoingMessage): Promise<{ id: string }> {
  const id = newId();
  await ctx.tx.insert(recordedMessages).values({
    tenantId: ctx.tenantId,
    id,
    channel: message.channel,
    recipient: message.to,
    subject: message.subject ?? null,
    body: message.body,
    purpose: message.purpose,
    createdAt: ctx.clock.now(),
  });
  ctx.log.info(
    { devOutbox: { id, channel: message.channel, to: message.to, text: message.body } },
    'dev recorder: message recorded',
  );
  return { id };
}

export async function listRecordedMessages(ctx: Ctx, limit: number) {
  const rows = await ctx.tx
    .select()
    .from(recordedMessages)
    .orderBy(desc(recordedMessages.createdAt), desc(recordedMessages.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    to: r.recipient,
    subject: r.subject,
    body: r.body,
    purpose: r.purpose,
    createdAt: r.createdAt.toISOString(),
  }));
}
