// A message to an address rather than a customer (sign-in codes, staff invitations): it goes
// through the pipeline as `sendToAddress`, which on the development recorder records it at once.
import type { Ctx } from '../../kernel/context.ts';
import { embedSecret } from '../../kernel/secret-text.ts';
import { sendToAddress } from './send.ts';

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
