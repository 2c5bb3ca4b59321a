// Two-way conversation: one thread per customer. The owner writes from the app; staff answer
// from the console (the answer travels through the messaging pipeline, in-app first); the
// console's thread also shows every message the business sent the customer on any channel.
import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { iso, newestFirst, takePage } from '../../kernel/paging.ts';
import { recordAudit } from '../audit/index.ts';
import { customers } from '../customers/index.ts';
import { staffUsers } from '../identity/index.ts';
import { listMessagesForCustomer, sendToCustomer } from '../messaging/index.ts';
import {
  CONVERSATION_URL,
  inboxReadByIntent,
  markAllInboxRead,
  preview,
  unreadCounts,
} from './inbox.service.ts';
import {
  conversationMessages,
  conversations,
  type AuthorType,
  type ConversationStatus,
} from './inbox.tables.ts';
import { publishToCustomer, publishToStaff } from './realtime.ts';
import { CONVERSATION_REPLY } from './conversation.templates.ts';
import { runCustomerMessageHooks } from './customer-message-hooks.ts';

/** The template that carries a staff reply to the customer (declared in conversation.templates.ts). */
export const REPLY_TEMPLATE = CONVERSATION_REPLY.key;

type ConversationRow = typeof conversations.$inferSelect;
type MessageRow = typeof conversationMessages.$inferSelect;

const messageDto = (m: MessageRow, staffName: string | null) => ({
  id: m.id,
  authorType: m.authorType,
  staff: m.staffId ? { id: m.staffId, name: staffName ?? '' } : null,
  body: m.body,
  createdAt: iso(m.createdAt),
});
export type ConversationMessageDto = ReturnType<typeof messageDto>;

async function findConversation(ctx: Ctx, customerId: string, lock = false) {
  const q = ctx.tx.select().from(conversations).where(eq(conversations.customerId, customerId));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** The customer's conversation, created on first use; locked for the rest of the transaction. */
async function openConversation(ctx: Ctx, customerId: string): Promise<ConversationRow> {
  const now = ctx.clock.now();
  await ctx.tx
    .insert(conversations)
    .values({ tenantId: ctx.tenantId, id: newId(), customerId, lastMessageAt: now, createdAt: now })
    .onConflictDoNothing({ target: [conversations.tenantId, conversations.customerId] });
  return (await findConversation(ctx, customerId, true))!;
}

async function requireCustomer(ctx: Ctx, customerId: string) {
  const [c] = await ctx.tx
    .select({ id: customers.id, name: customers.name, phone: customers.phone })
    .from(customers)
    .where(and(eq(customers.id, customerId), isNull(customers.mergedIntoId)));
  if (!c) throw new AppError('NOT_FOUND');
  return c;
}

async function staffNames(ctx: Ctx, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map<string, string>();
  const rows = await ctx.tx
    .select({ id: staffUsers.id, name: staffUsers.name })
    .from(staffUsers)
    .where(
      sql`${staffUsers.id} in (${sql.join(
        wanted.map((w) => sql`${w}::uuid`),
        sql`, `,
      )})`,
    );
  return new Map(rows.map((r) => [r.id, r.name]));
}

const conversationDto = (c: ConversationRow, assignedName: string | null) => ({
  id: c.id,
  customerId: c.customerId,
  status: c.status,
  assignedStaff: c.assignedStaffId ? { id: c.assignedStaffId, name: assignedName ?? '' } : null,
  staffUnread: c.staffUnread,
  customerUnread: c.customerUnread,
  lastMessageAt: iso(c.lastMessageAt),
  lastMessagePreview: c.lastMessagePreview,
  lastMessageAuthor: c.lastMessageAuthor,
});

async function withNames(ctx: Ctx, c: ConversationRow) {
  const names = await staffNames(ctx, [c.assignedStaffId]);
  return conversationDto(c, c.assignedStaffId ? (names.get(c.assignedStaffId) ?? null) : null);
}

async function appendMessage(
  ctx: Ctx,
  conv: ConversationRow,
  m: { authorType: AuthorType; staffId: string | null; body: string },
) {
  const now = ctx.clock.now();
  const row: MessageRow = {
    tenantId: ctx.tenantId,
    id: newId(),
    conversationId: conv.id,
    authorType: m.authorType,
    staffId: m.staffId,
    body: m.body,
    intentId: null,
    createdAt: now,
  };
  await ctx.tx.insert(conversationMessages).values(row);
  const [updated] = await ctx.tx
    .update(conversations)
    .set({
      status: 'open',
      lastMessageAt: now,
      lastMessagePreview: preview(m.body),
      lastMessageAuthor: m.authorType,
      ...(m.authorType === 'customer'
        ? { staffUnread: sql`${conversations.staffUnread} + 1` }
        : m.authorType === 'assistant'
          ? // The owner's messages stay unread for staff: they see what the assistant answered.
            { customerUnread: sql`${conversations.customerUnread} + 1` }
          : {
              customerUnread: sql`${conversations.customerUnread} + 1`,
              // Answering means the staff member has read the thread.
              staffUnread: 0,
              assignedStaffId: sql`coalesce(${conversations.assignedStaffId}, ${m.staffId}::uuid)`,
            }),
      updatedAt: now,
    })
    .where(eq(conversations.id, conv.id))
    .returning();
  return { row, conversation: updated! };
}

async function announceToStaff(ctx: Ctx, type: string, c: ConversationRow) {
  await publishToStaff(
    ctx.tenantId,
    {
      type,
      data: {
        conversationId: c.id,
        customerId: c.customerId,
        status: c.status,
        assignedStaffId: c.assignedStaffId,
        staffUnread: c.staffUnread,
        lastMessageAuthor: c.lastMessageAuthor,
        preview: c.lastMessagePreview,
      },
    },
    ctx.tx,
  );
}

// ---------------------------------------------------------------------------------------------
// The car owner's side.

export async function customerThread(
  ctx: Ctx,
  customerId: string,
  q: { cursor?: string; limit: number },
) {
  const page = newestFirst('conversation_messages', 'created_at', q.cursor);
  const conv = await findConversation(ctx, customerId);
  if (!conv) return { conversation: null, items: [], nextCursor: null };
  const rows = await ctx.tx
    .select({ row: conversationMessages, sortKey: page.sortKey, staffName: staffUsers.name })
    .from(conversationMessages)
    .leftJoin(
      staffUsers,
      and(
        eq(staffUsers.tenantId, conversationMessages.tenantId),
        eq(staffUsers.id, conversationMessages.staffId),
      ),
    )
    .where(and(eq(conversationMessages.conversationId, conv.id), page.after))
    .orderBy(desc(conversationMessages.createdAt), desc(conversationMessages.id))
    .limit(q.limit + 1);
  const { pageRows, nextCursor } = takePage(rows, q.limit, (r) => [r.sortKey, r.row.id]);
  return {
    conversation: {
      id: conv.id,
      status: conv.status,
      customerUnread: conv.customerUnread,
      assignedStaff: conv.assignedStaffId
        ? {
            id: conv.assignedStaffId,
            name: (await staffNames(ctx, [conv.assignedStaffId])).get(conv.assignedStaffId) ?? '',
          }
        : null,
    },
    // Oldest first within the page (a chat reads downwards); the cursor leads to older ones.
    items: pageRows.reverse().map((r) => messageDto(r.row, r.staffName)),
    nextCursor,
  };
}

export async function postCustomerMessage(ctx: Ctx, customerId: string, body: string) {
  const conv = await openConversation(ctx, customerId);
  const { row, conversation } = await appendMessage(ctx, conv, {
    authorType: 'customer',
    staffId: null,
    body,
  });
  await announceToStaff(ctx, 'conversation.message', conversation);
  await publishToCustomer(
    ctx.tenantId,
    customerId,
    { type: 'conversation.message', data: { id: row.id, authorType: 'customer' } },
    ctx.tx,
  );
  await runCustomerMessageHooks(ctx, {
    conversationId: conversation.id,
    customerId,
    messageId: row.id,
    body,
  });
  return messageDto(row, null);
}

/**
 * The self-service assistant's answer in the owner's conversation (智能助手): kept in the thread
 * and announced to the open app; shown in the app itself, so no message goes out on a channel.
 */
export async function postAssistantMessage(ctx: Ctx, customerId: string, body: string) {
  const conv = await openConversation(ctx, customerId);
  const { row, conversation } = await appendMessage(ctx, conv, {
    authorType: 'assistant',
    staffId: null,
    body,
  });
  await publishToCustomer(
    ctx.tenantId,
    customerId,
    {
      type: 'conversation.message',
      data: { id: row.id, authorType: 'assistant', preview: conversation.lastMessagePreview },
    },
    ctx.tx,
  );
  await announceToStaff(ctx, 'conversation.updated', conversation);
  return messageDto(row, null);
}

/** The customer has seen the thread: staff messages and their inbox notifications are read. */
export async function customerReadConversation(ctx: Ctx, customerId: string) {
  await ctx.tx
    .update(conversations)
    .set({ customerUnread: 0 })
    .where(and(eq(conversations.customerId, customerId), ne(conversations.customerUnread, 0)));
  await markAllInboxRead(ctx, customerId, { url: CONVERSATION_URL });
  return unreadCounts(ctx, customerId);
}

// ---------------------------------------------------------------------------------------------
// The staff side.

export type ConversationScope = 'unassigned' | 'mine' | 'all';

export async function listConversations(
  ctx: Ctx,
  q: {
    scope: ConversationScope;
    status?: ConversationStatus;
    unread?: boolean;
    cursor?: string;
    limit: number;
  },
) {
  const page = newestFirst('conversations', 'last_message_at', q.cursor);
  const me = ctx.actor.type === 'staff' ? ctx.actor.id : null;
  const rows = await ctx.tx
    .select({
      row: conversations,
      sortKey: page.sortKey,
      customerName: customers.name,
      customerPhone: customers.phone,
      assignedName: staffUsers.name,
    })
    .from(conversations)
    .innerJoin(
      customers,
      and(
        eq(customers.tenantId, conversations.tenantId),
        eq(customers.id, conversations.customerId),
      ),
    )
    .leftJoin(
      staffUsers,
      and(
        eq(staffUsers.tenantId, conversations.tenantId),
        eq(staffUsers.id, conversations.assignedStaffId),
      ),
    )
    .where(
      and(
        q.scope === 'unassigned' ? isNull(conversations.assignedStaffId) : undefined,
        q.scope === 'mine' ? (me ? eq(conversations.assignedStaffId, me) : sql`false`) : undefined,
        q.status ? eq(conversations.status, q.status) : undefined,
        q.unread ? sql`${conversations.staffUnread} > 0` : undefined,
        page.after,
      ),
    )
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(q.limit + 1);
  const { pageRows, nextCursor } = takePage(rows, q.limit, (r) => [r.sortKey, r.row.id]);
  return {
    items: pageRows.map((r) => ({
      ...conversationDto(r.row, r.assignedName),
      customer: { id: r.row.customerId, name: r.customerName, phone: r.customerPhone },
    })),
    nextCursor,
  };
}

/** Badge figures for the console menu. */
export async function staffUnreadSummary(ctx: Ctx) {
  const me = ctx.actor.type === 'staff' ? ctx.actor.id : null;
  const [row] = await ctx.tx
    .select({
      unreadConversations: sql<number>`count(*) filter (where ${conversations.staffUnread} > 0)::int`,
      unreadMessages: sql<number>`coalesce(sum(${conversations.staffUnread}), 0)::int`,
      unassignedOpen: sql<number>`count(*) filter (where ${conversations.assignedStaffId} is null and ${conversations.status} = 'open')::int`,
      mineUnread: me
        ? sql<number>`count(*) filter (where ${conversations.assignedStaffId} = ${me}::uuid and ${conversations.staffUnread} > 0)::int`
        : sql<number>`0`,
    })
    .from(conversations);
  return {
    unreadConversations: Number(row?.unreadConversations ?? 0),
    unreadMessages: Number(row?.unreadMessages ?? 0),
    unassignedOpen: Number(row?.unassignedOpen ?? 0),
    mineUnread: Number(row?.mineUnread ?? 0),
  };
}

const DELIVERED = new Set(['sent', 'delivered', 'opened', 'clicked']);

/**
 * The console's thread: the customer's conversation (customer and staff messages) interleaved
 * with every message sent to the customer on any channel, each with its delivery status.
 */
export async function staffThread(ctx: Ctx, customerId: string, q: { limit: number }) {
  const customer = await requireCustomer(ctx, customerId);
  const conv = await findConversation(ctx, customerId);
  const messages = conv
    ? await ctx.tx
        .select({ row: conversationMessages, staffName: staffUsers.name })
        .from(conversationMessages)
        .leftJoin(
          staffUsers,
          and(
            eq(staffUsers.tenantId, conversationMessages.tenantId),
            eq(staffUsers.id, conversationMessages.staffId),
          ),
        )
        .where(eq(conversationMessages.conversationId, conv.id))
        .orderBy(desc(conversationMessages.createdAt), desc(conversationMessages.id))
        .limit(q.limit)
    : [];
  const sent = await listMessagesForCustomer(ctx, customerId, { limit: q.limit });
  const readByIntent = await inboxReadByIntent(
    ctx,
    sent.map((s) => s.intentId),
  );
  const byIntent = new Map(sent.map((s) => [s.intentId, s]));

  const items: ThreadItem[] = [];
  for (const { row, staffName } of messages) {
    const carried = row.intentId ? byIntent.get(row.intentId) : undefined;
    items.push({
      kind: 'conversation',
      at: iso(row.createdAt),
      message: messageDto(row, staffName),
      delivery: carried ? deliverySummary(carried, readByIntent.get(carried.intentId)) : null,
    });
  }
  const replyIntents = new Set(messages.map((m) => m.row.intentId).filter(Boolean));
  for (const s of sent) {
    // A staff reply is shown once, as the conversation message with its delivery status.
    if (replyIntents.has(s.intentId)) continue;
    items.push({
      kind: 'outbound',
      at: s.createdAt,
      outbound: {
        intentId: s.intentId,
        templateKey: s.templateKey,
        templateName: s.templateName,
        purpose: s.purpose,
        ...deliverySummary(s, readByIntent.get(s.intentId)),
      },
    });
  }
  items.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return {
    customer,
    conversation: conv ? await withNames(ctx, conv) : null,
    items: items.slice(-q.limit),
  };
}

type Sent = Awaited<ReturnType<typeof listMessagesForCustomer>>[number];
function deliverySummary(s: Sent, inboxReadAt: string | null | undefined) {
  const shown =
    s.deliveries.find((d) => DELIVERED.has(d.status)) ?? s.deliveries[s.deliveries.length - 1];
  return {
    status: s.status,
    reason: s.reason,
    channel: shown?.channel ?? null,
    subject: shown?.subject ?? null,
    body: shown?.body ?? null,
    readAt: inboxReadAt ?? null,
    deliveries: s.deliveries.map((d) => ({
      channel: d.channel,
      status: d.status,
      reason: d.reason,
      updatedAt: d.updatedAt,
    })),
  };
}

export type ThreadItem =
  | {
      kind: 'conversation';
      at: string;
      message: ConversationMessageDto;
      delivery: ReturnType<typeof deliverySummary> | null;
    }
  | {
      kind: 'outbound';
      at: string;
      outbound: {
        intentId: string;
        templateKey: string;
        templateName: string;
        purpose: string;
      } & ReturnType<typeof deliverySummary>;
    };

function staffId(ctx: Ctx): string | null {
  return ctx.actor.type === 'staff' ? ctx.actor.id : null;
}

/**
 * A staff answer: kept in the thread and sent to the customer through the messaging pipeline
 * (transactional; the pipeline picks the in-app inbox when the customer uses the app, else the
 * next reachable channel). The app's open conversation hears of it on commit.
 */
export async function staffReply(ctx: Ctx, customerId: string, body: string) {
  await requireCustomer(ctx, customerId);
  const conv = await openConversation(ctx, customerId);
  const { row, conversation } = await appendMessage(ctx, conv, {
    authorType: 'staff',
    staffId: staffId(ctx),
    body,
  });
  const { intentId } = await sendToCustomer(ctx, {
    customerId,
    templateKey: REPLY_TEMPLATE,
    data: { message: { text: body } },
    dedupeKey: `conversation.reply:${row.id}`,
    priority: 'transactional',
    purpose: 'transactional',
    source: { type: 'conversation', id: conversation.id },
  });
  await ctx.tx
    .update(conversationMessages)
    .set({ intentId })
    .where(eq(conversationMessages.id, row.id));
  await publishToCustomer(
    ctx.tenantId,
    customerId,
    {
      type: 'conversation.message',
      data: {
        id: row.id,
        authorType: 'staff',
        preview: conversation.lastMessagePreview,
        unread: await unreadCounts(ctx, customerId),
      },
    },
    ctx.tx,
  );
  await announceToStaff(ctx, 'conversation.updated', conversation);
  const names = await staffNames(ctx, [row.staffId]);
  return {
    message: messageDto(
      { ...row, intentId },
      row.staffId ? (names.get(row.staffId) ?? null) : null,
    ),
    intentId,
  };
}

async function requireConversation(ctx: Ctx, customerId: string) {
  await requireCustomer(ctx, customerId);
  return openConversation(ctx, customerId);
}

export async function assignConversation(ctx: Ctx, customerId: string, assigneeId: string | null) {
  const conv = await requireConversation(ctx, customerId);
  if (assigneeId) {
    const [s] = await ctx.tx
      .select({ id: staffUsers.id, role: staffUsers.role, status: staffUsers.status })
      .from(staffUsers)
      .where(eq(staffUsers.id, assigneeId));
    if (!s || s.status !== 'active' || !['owner', 'manager', 'advisor'].includes(s.role))
      throw new AppError('CONVERSATION_ASSIGNEE_INVALID', { field: 'staffId' });
  }
  const [updated] = await ctx.tx
    .update(conversations)
    .set({ assignedStaffId: assigneeId, updatedAt: ctx.clock.now() })
    .where(eq(conversations.id, conv.id))
    .returning();
  await recordAudit(ctx, {
    action: 'conversation.assigned',
    entityType: 'conversation',
    entityId: conv.id,
    changes: { from: conv.assignedStaffId, to: assigneeId },
  });
  await announceToStaff(ctx, 'conversation.updated', updated!);
  return withNames(ctx, updated!);
}

export async function setConversationStatus(
  ctx: Ctx,
  customerId: string,
  status: ConversationStatus,
) {
  const conv = await requireConversation(ctx, customerId);
  const [updated] = await ctx.tx
    .update(conversations)
    .set({ status, updatedAt: ctx.clock.now() })
    .where(eq(conversations.id, conv.id))
    .returning();
  if (conv.status !== status)
    await recordAudit(ctx, {
      action: status === 'closed' ? 'conversation.closed' : 'conversation.reopened',
      entityType: 'conversation',
      entityId: conv.id,
    });
  await announceToStaff(ctx, 'conversation.updated', updated!);
  return withNames(ctx, updated!);
}

/** Staff a conversation can be assigned to. */
export async function listAssignees(ctx: Ctx) {
  const rows = await ctx.tx
    .select({ id: staffUsers.id, name: staffUsers.name, role: staffUsers.role })
    .from(staffUsers)
    .where(
      and(
        eq(staffUsers.status, 'active'),
        sql`${staffUsers.role} in ('owner', 'manager', 'advisor')`,
      ),
    )
    .orderBy(staffUsers.name, staffUsers.id);
  return { items: rows };
}

export async function staffReadConversation(ctx: Ctx, customerId: string) {
  const conv = await requireConversation(ctx, customerId);
  const [updated] = await ctx.tx
    .update(conversations)
    .set({ staffUnread: 0 })
    .where(eq(conversations.id, conv.id))
    .returning();
  if (conv.staffUnread !== 0) await announceToStaff(ctx, 'conversation.updated', updated!);
  return withNames(ctx, updated!);
}
