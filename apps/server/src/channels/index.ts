// Channels: one port (port.ts), the provider adapters (SMS, e-mail, Web Push, WeChat), the
// registry that picks a tenant's adapter, and the development recorder as the default.
import { desc } from 'drizzle-orm';
import type { Ctx } from '../kernel/context.ts';
import { recordedMessages } from './channels.tables.ts';
import { openRecordedBody } from './recorder.ts';

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
