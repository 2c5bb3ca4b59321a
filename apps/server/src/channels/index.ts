// Channels: one port, many adapters (channels/adapters.ts), the development recorder as the
// default. `sendMessage` is the pre-customer path (sign-in codes): it goes through the messaging
// pipeline as `sendToAddress`, which on the recorder records the message at once.
import { desc } from 'drizzle-orm';
import type { Ctx } from '../kernel/context.ts';
import { sendToAddress } from '../modules/messaging/index.ts';
import { recordedMessages } from './channels.tables.ts';

export interface OutgoingMessage {
  channel: 'sms' | 'email';
  to: string;
  subject?: string;
  body: string;
  purpose: 'auth' | 'transactional';
}

/** Queues one message to an address (same transaction); on the dev recorder it is recorded at once. */
export async function sendMessage(ctx: Ctx, message: OutgoingMessage): Promise<{ id: string }> {
  const { intentId } = await sendToAddress(ctx, {
    channel: message.channel,
    to: message.to,
    templateKey: 'system.text',
    data: { message: { text: message.body, subject: message.subject ?? '' } },
    purpose: message.purpose,
  });
  return { id: intentId };
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

export { forgetRecordedRecipients } from './recorder.ts';
