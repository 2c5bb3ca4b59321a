// The customer's in-app messages and conversation under their data rights (PIPL): their copy,
// and erasure — texts are removed, the app presence dropped (the in-app channel no longer
// counts them as reachable); rows stay so counts and delivery statuses remain consistent.
import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import {
  conversationMessages,
  conversations,
  inboxAppPresence,
  inboxMessages,
} from './inbox.tables.ts';

const ERASED_TEXT = '';

export async function inboxDataOf(ctx: Ctx, customerId: string) {
  const inbox = await ctx.tx
    .select()
    .from(inboxMessages)
    .where(eq(inboxMessages.customerId, customerId))
    .orderBy(desc(inboxMessages.createdAt));
  const convs = await ctx.tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(eq(conversations.customerId, customerId));
  const thread = convs.length
    ? await ctx.tx
        .select()
        .from(conversationMessages)
        .where(
          inArray(
            conversationMessages.conversationId,
            convs.map((c) => c.id),
          ),
        )
        .orderBy(asc(conversationMessages.createdAt))
    : [];
  return {
    inbox: inbox.map((m) => ({
      title: m.title,
      body: m.body,
      purpose: m.purpose,
      createdAt: m.createdAt.toISOString(),
      readAt: m.readAt?.toISOString() ?? null,
    })),
    conversation: thread.map((m) => ({
      author: m.authorType,
      body: m.body,
      createdAt: m.createdAt.toISOString(),
    })),
  };
}

export async function anonymiseInbox(ctx: Ctx, customerId: string) {
  await ctx.tx
    .update(inboxMessages)
    .set({ title: null, body: ERASED_TEXT, url: null })
    .where(eq(inboxMessages.customerId, customerId));
  const convs = await ctx.tx
    .update(conversations)
    .set({ lastMessagePreview: ERASED_TEXT, status: 'closed', updatedAt: ctx.clock.now() })
    .where(eq(conversations.customerId, customerId))
    .returning({ id: conversations.id });
  if (convs.length)
    await ctx.tx
      .update(conversationMessages)
      .set({ body: ERASED_TEXT })
      .where(
        inArray(
          conversationMessages.conversationId,
          convs.map((c) => c.id),
        ),
      );
  await ctx.tx.delete(inboxAppPresence).where(eq(inboxAppPresence.customerId, customerId));
}
