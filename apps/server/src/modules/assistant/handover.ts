// Handing a conversation to a person: the assistant falls silent (until staff hand back or the
// silence runs out), the trail records why, the console hears of it at once, and the advisors of
// the owner's store (else the managers and owners) get a notice by e-mail or SMS.
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { customers } from '../customers/index.ts';
import { storeContacts, tellStaff } from '../identity/index.ts';
import { publishToStaff } from '../inbox/index.ts';
import { recordAction } from './actions.ts';
import type { HandoverReason } from './turn-types.ts';

export const HANDOVER_REASON_TEXT: Record<HandoverReason, string> = {
  asked: '车主要求人工',
  keyword: '触发转人工关键词',
  complaint: '车主投诉',
  failed_turns: '多次未能回答',
  outside_abilities: '超出助手能力',
};

/** The advisors and managers of the owner's home store; the owners and managers when none. */
async function whoToTell(ctx: Ctx, customerId: string) {
  const [c] = await ctx.tx
    .select({ homeStoreId: customers.homeStoreId, name: customers.name })
    .from(customers)
    .where(eq(customers.id, customerId));
  const staff = await storeContacts(ctx, {
    storeId: c?.homeStoreId ?? null,
    roles: ['advisor', 'manager'],
    otherwise: ['owner', 'manager'],
  });
  return { staff, customerName: c?.name ?? '' };
}

async function notifyStaff(
  ctx: Ctx,
  h: {
    customerId: string;
    conversationId: string;
    reason: HandoverReason;
    handoverNo: number;
    text: string;
  },
): Promise<number> {
  const { staff, customerName } = await whoToTell(ctx, h.customerId);
  const why = HANDOVER_REASON_TEXT[h.reason];
  const text = `智能助手已将${customerName || '一位车主'}的会话转人工（${why}）。车主说："${h.text.slice(0, 120)}"。请在控制台「会话」中回复。`;
  return tellStaff(ctx, staff, {
    subject: '会话转人工',
    text,
    short: text,
    dedupeKey: `assistant.handover:${h.conversationId}:${h.handoverNo}`,
  });
}

/** Records the handover, tells the console (on commit) and notifies the store's advisors. */
export async function announceHandover(
  ctx: Ctx,
  h: {
    customerId: string;
    conversationId: string;
    reason: HandoverReason;
    note?: string;
    handoverNo: number;
    text: string;
  },
): Promise<void> {
  await recordAction(ctx, {
    conversationId: h.conversationId,
    customerId: h.customerId,
    kind: 'handover',
    entityType: 'conversation',
    entityId: h.conversationId,
    summary: HANDOVER_REASON_TEXT[h.reason] + (h.note ? `：${h.note}` : ''),
    details: { reason: h.reason, ...(h.note ? { note: h.note } : {}) },
  });
  await publishToStaff(
    ctx.tenantId,
    {
      type: 'assistant.handover',
      data: { conversationId: h.conversationId, customerId: h.customerId, reason: h.reason },
    },
    ctx.tx,
  );
  const notified = await notifyStaff(ctx, h);
  ctx.log.info({ conversationId: h.conversationId, notified }, 'assistant handed over');
}
