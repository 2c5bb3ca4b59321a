// Channels: one port, many adapters (channels/adapters.ts), the development recorder as the
// default. `sendMessage` is the pre-customer path (sign-in codes): it goes through the messaging
// pipeline as `sendToAddress`, which on the recorder records the message at once.
import { desc } from 'drizzle-orm';
import type { Ctx } from '../kernel/context.ts';
import { sendToAddress } from '../modules/messaging/index.ts';
import { embedSecret } from '../kernel/secret-text.ts';
import { recordedMessages } from './channels.tables.ts';
import { openRecordedBody } from './recorder.ts';

export interface OutgoingMessage {
  channel: 'sms' | 'email';
  to: string;
  subject?: string;
  body: string;
  purpose: 'auth' | 'transactional';
  /**
   * A secret for the recipient alone (sign-in code, reset link): it replaces `{secret}` in the
   * body and is stored only sealed; staff views and logs show it masked.
   */
  secret?: string;
}

/** Queues one message to an address (same transaction); on the dev recorder it is recorded at once. */
export async function sendMessage(ctx: Ctx, message: OutgoingMessage): Promise<{ id: string }> {
  const { intentId } = await sendToAddress(ctx, {
    channel: message.channel,
    to: message.to,
    templateKey: 'system.text',
    data: {
      message: {
        text:
          message.secret === undefined
            ? message.body
            : embedSecret(message.body, message.secret, ctx.tenantId),
        subject: message.subject ?? '',
      },
    },
    purpose: message.purpose,
  });
  return { id: intentId };
}

/**
 * The development outbox. `reveal` opens the sealed text of messages that carried a secret: for
 * the operator on the machine (development mode, tenant owner, or the test harness) only.
 */
export async function listRecordedMessages(ctx: Ctx, limit: number, opts: { reveal: boolean }) {
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
    body: opts.reveal && r.sealedBody ? openRecordedBody(r.tenantId, r.sealedBody) : r.body,
    purpose: r.purpose,
    createdAt: r.createdAt.toISOString(),
  }));
}

export { forgetRecordedRecipients } from './recorder.ts';
