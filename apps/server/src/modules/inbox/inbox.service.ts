// The car owner's in-app inbox: written by the in-app channel (worker, owner connection, scoped
// by tenant id by hand) or directly in a request transaction; read and marked read by the app.
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { iso, isoOrNull, newestFirst, takePage } from '../../kernel/paging.ts';
import { recordDeliveryStatus } from '../messaging/index.ts';
import { conversations, inboxAppPresence, inboxMessages } from './inbox.tables.ts';
import { publishToCustomer, publishToStaff } from './realtime.ts';

/** Where a tap on a conversation notification leads in the app. */
export const CONVERSATION_URL = '/conversation';
const PREVIEW = 140;

export const preview = (text: string) =>
  text.length > PREVIEW ? `${text.slice(0, PREVIEW - 1)}…` : text;

export interface InboxInput {
  customerId: string;
  intentId?: string;
  deliveryId?: string | null;
  title?: string | null;
  body: string;
  url?: string | null;
  purpose: string;
}

type InboxRow = typeof inboxMessages.$inferSelect;
const toDto = (r: InboxRow) => ({
  id: r.id,
  title: r.title,
  body: r.body,
  url: r.url,
  purpose: r.purpose,
  createdAt: iso(r.createdAt),
  readAt: isoOrNull(r.readAt),
});
export type InboxMessageDto = ReturnType<typeof toDto>;

async function countUnread(tx: Db, tenantId: string, customerId: string) {
  const [row] = await queryRows<{ inbox: number; conversation: number }>(
    tx,
    sql`select
          (select count(*)::int from inbox_messages
            where tenant_id = ${tenantId} and customer_id = ${customerId} and read_at is null) as inbox,
          coalesce((select customer_unread from conversations
            where tenant_id = ${tenantId} and customer_id = ${customerId}), 0)::int as conversation`,
  );
  const inbox = Number(row?.inbox ?? 0);
  const conversation = Number(row?.conversation ?? 0);
  return { inbox, conversation, total: inbox + conversation };
}
export type UnreadCounts = Awaited<ReturnType<typeof countUnread>>;

/**
 * Writes one inbox row in `tx` and announces it to the customer's open app on commit. A second
 * write for the same intent finds the first row and changes nothing (`created: false`).
 */
export async function insertInboxMessage(
  tx: Db,
  tenantId: string,
  input: InboxInput,
  now: Date,
): Promise<{ id: string; created: boolean }> {
  const id = newId();
  const inserted = await tx
    .insert(inboxMessages)
    .values({
      tenantId,
      id,
      customerId: input.customerId,
      intentId: input.intentId ?? id,
      deliveryId: input.deliveryId ?? null,
      title: input.title ?? null,
      body: input.body,
      url: input.url ?? null,
      purpose: input.purpose,
      createdAt: now,
    })
    .onConflictDoNothing({ target: [inboxMessages.tenantId, inboxMessages.intentId] })
    .returning({ id: inboxMessages.id });
  if (inserted.length === 0) {
    const [prior] = await tx
      .select({ id: inboxMessages.id })
      .from(inboxMessages)
      .where(
        and(eq(inboxMessages.tenantId, tenantId), eq(inboxMessages.intentId, input.intentId!)),
      );
    return { id: prior!.id, created: false };
  }
  const unread = await countUnread(tx, tenantId, input.customerId);
  await publishToCustomer(
    tenantId,
    input.customerId,
    {
      type: 'inbox.message',
      data: {
        id,
        title: input.title ?? null,
        preview: preview(input.body),
        url: input.url ?? null,
        createdAt: iso(now),
        unread,
      },
    },
    tx,
  );
  // A staff reply reached the inbox: an open console thread shows how it was delivered.
  if (input.url === CONVERSATION_URL)
    await publishToStaff(
      tenantId,
      { type: 'conversation.delivered', data: { customerId: input.customerId } },
      tx,
    );
  return { id, created: true };
}

/**
 * The in-app channel's delivery: its own transaction on the owner connection (the worker runs
 * across tenants), every statement scoped by `tenantId`.
 */
export async function unsafeDeliverToInbox(
  adminDb: Db,
  tenantId: string,
  input: InboxInput & { intentId: string },
  now: Date,
): Promise<{ id: string; created: boolean }> {
  return adminDb.transaction(async (tx) =>
    insertInboxMessage(tx as unknown as Db, tenantId, input, now),
  );
}

/** The same, inside a request's transaction (messages the business writes straight to the inbox). */
export async function writeInboxMessage(ctx: Ctx, input: InboxInput) {
  return insertInboxMessage(ctx.tx, ctx.tenantId, input, ctx.clock.now());
}

/**
 * Whether the inbox reaches this customer: they have opened the signed-in app at least once (the
 * app reads its unread badge right after sign-in). Someone who never used the app would never
 * see an inbox message, so the pipeline should choose another channel for them.
 */
export async function unsafeIsInboxReachable(
  adminDb: Db,
  tenantId: string,
  customerId: string,
): Promise<boolean> {
  const rows = await adminDb
    .select({ customerId: inboxAppPresence.customerId })
    .from(inboxAppPresence)
    .where(
      and(eq(inboxAppPresence.tenantId, tenantId), eq(inboxAppPresence.customerId, customerId)),
    )
    .limit(1);
  return rows.length > 0;
}

/** Remembers that the customer uses the app (at most one write an hour per customer). */
export async function recordAppPresence(ctx: Ctx, customerId: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.tx
    .insert(inboxAppPresence)
    .values({ tenantId: ctx.tenantId, customerId, firstSeenAt: now, lastSeenAt: now })
    .onConflictDoUpdate({
      target: [inboxAppPresence.tenantId, inboxAppPresence.customerId],
      set: { lastSeenAt: now },
      setWhere: sql`${inboxAppPresence.lastSeenAt} < ${now.toISOString()}::timestamptz - interval '1 hour'`,
    });
}

export async function unreadCounts(ctx: Ctx, customerId: string): Promise<UnreadCounts> {
  return countUnread(ctx.tx, ctx.tenantId, customerId);
}

export async function listInbox(
  ctx: Ctx,
  customerId: string,
  q: { cursor?: string; limit: number; unread?: boolean },
) {
  const page = newestFirst('inbox_messages', 'created_at', q.cursor);
  const rows = await ctx.tx
    .select({ row: inboxMessages, sortKey: page.sortKey })
    .from(inboxMessages)
    .where(
      and(
        eq(inboxMessages.customerId, customerId),
        q.unread ? isNull(inboxMessages.readAt) : undefined,
        page.after,
      ),
    )
    .orderBy(desc(inboxMessages.createdAt), desc(inboxMessages.id))
    .limit(q.limit + 1);
  const { pageRows, nextCursor } = takePage(rows, q.limit, (r) => [r.sortKey, r.row.id]);
  return {
    items: pageRows.map((r) => toDto(r.row)),
    nextCursor,
    unread: await countUnread(ctx.tx, ctx.tenantId, customerId),
  };
}

export async function getInboxMessage(ctx: Ctx, customerId: string, messageId: string) {
  const [row] = await ctx.tx
    .select()
    .from(inboxMessages)
    .where(and(eq(inboxMessages.id, messageId), eq(inboxMessages.customerId, customerId)));
  if (!row) throw new AppError('NOT_FOUND');
  return toDto(row);
}

/** Reading an in-app message is its "opened" receipt (it also cancels a fallback waiting on it). */
async function reportOpened(ctx: Ctx, deliveryIds: (string | null)[]) {
  const at = ctx.clock.now();
  for (const deliveryId of deliveryIds)
    if (deliveryId) await recordDeliveryStatus(ctx, { deliveryId, status: 'opened', at });
}

async function announceUnread(ctx: Ctx, customerId: string): Promise<UnreadCounts> {
  const unread = await countUnread(ctx.tx, ctx.tenantId, customerId);
  await publishToCustomer(
    ctx.tenantId,
    customerId,
    { type: 'inbox.unread', data: { unread } },
    ctx.tx,
  );
  return unread;
}

export async function markInboxRead(ctx: Ctx, customerId: string, messageId: string) {
  const now = ctx.clock.now();
  const [before] = await ctx.tx
    .select({ readAt: inboxMessages.readAt })
    .from(inboxMessages)
    .where(and(eq(inboxMessages.id, messageId), eq(inboxMessages.customerId, customerId)))
    .for('update');
  if (!before) throw new AppError('NOT_FOUND');
  const [row] = await ctx.tx
    .update(inboxMessages)
    .set({ readAt: before.readAt ?? now })
    .where(eq(inboxMessages.id, messageId))
    .returning();
  if (!before.readAt) await reportOpened(ctx, [row!.deliveryId]);
  return { message: toDto(row!), unread: await announceUnread(ctx, customerId) };
}

/** Marks every unread message read (or those linking to `url`: a conversation just opened). */
export async function markAllInboxRead(ctx: Ctx, customerId: string, opts: { url?: string } = {}) {
  const updated = await ctx.tx
    .update(inboxMessages)
    .set({ readAt: ctx.clock.now() })
    .where(
      and(
        eq(inboxMessages.customerId, customerId),
        isNull(inboxMessages.readAt),
        opts.url ? eq(inboxMessages.url, opts.url) : undefined,
      ),
    )
    .returning({ id: inboxMessages.id, deliveryId: inboxMessages.deliveryId });
  await reportOpened(
    ctx,
    updated.map((u) => u.deliveryId),
  );
  return { updated: updated.length, unread: await announceUnread(ctx, customerId) };
}

/** For the console thread: what the inbox holds for a customer (when the pipeline has no record). */
export async function inboxMessagesForCustomer(ctx: Ctx, customerId: string, limit: number) {
  const rows = await ctx.tx
    .select()
    .from(inboxMessages)
    .where(eq(inboxMessages.customerId, customerId))
    .orderBy(desc(inboxMessages.createdAt), desc(inboxMessages.id))
    .limit(limit);
  return rows.map((r) => ({ ...toDto(r), intentId: r.intentId }));
}

/** Read state of inbox rows by intent (to show "read" next to a delivered in-app message). */
export async function inboxReadByIntent(ctx: Ctx, intentIds: string[]) {
  if (intentIds.length === 0) return new Map<string, string | null>();
  const rows = await ctx.tx
    .select({ intentId: inboxMessages.intentId, readAt: inboxMessages.readAt })
    .from(inboxMessages)
    .where(inArray(inboxMessages.intentId, intentIds));
  return new Map(rows.map((r) => [r.intentId, isoOrNull(r.readAt)]));
}

/** Customer merge: one presence row and one conversation per customer survive. */
export async function mergeInboxOnCustomerMerge(
  ctx: Ctx,
  m: { survivorId: string; duplicateId: string },
): Promise<void> {
  // One presence row per customer: keep the survivor's (earliest first-seen wins).
  await ctx.tx.execute(
    sql`update inbox_app_presence s set first_seen_at = least(s.first_seen_at, d.first_seen_at),
          last_seen_at = greatest(s.last_seen_at, d.last_seen_at)
        from inbox_app_presence d
        where s.tenant_id = ${ctx.tenantId} and s.customer_id = ${m.survivorId}
          and d.tenant_id = ${ctx.tenantId} and d.customer_id = ${m.duplicateId}`,
  );
  await ctx.tx
    .delete(inboxAppPresence)
    .where(
      and(
        eq(inboxAppPresence.customerId, m.duplicateId),
        sql`exists (select 1 from inbox_app_presence s where s.tenant_id = ${ctx.tenantId} and s.customer_id = ${m.survivorId})`,
      ),
    );
  // One conversation per customer: fold the duplicate's thread into the survivor's.
  const [survivor] = await ctx.tx
    .select()
    .from(conversations)
    .where(eq(conversations.customerId, m.survivorId))
    .for('update');
  const [duplicate] = await ctx.tx
    .select()
    .from(conversations)
    .where(eq(conversations.customerId, m.duplicateId))
    .for('update');
  if (!survivor || !duplicate) return; // the generic re-pointing moves a lone thread
  await ctx.tx.execute(
    sql`update conversation_messages set conversation_id = ${survivor.id}
        where tenant_id = ${ctx.tenantId} and conversation_id = ${duplicate.id}`,
  );
  const newer = duplicate.lastMessageAt > survivor.lastMessageAt ? duplicate : survivor;
  await ctx.tx
    .update(conversations)
    .set({
      staffUnread: survivor.staffUnread + duplicate.staffUnread,
      customerUnread: survivor.customerUnread + duplicate.customerUnread,
      status: survivor.status === 'open' || duplicate.status === 'open' ? 'open' : 'closed',
      assignedStaffId: survivor.assignedStaffId ?? duplicate.assignedStaffId,
      lastMessageAt: newer.lastMessageAt,
      lastMessagePreview: newer.lastMessagePreview,
      lastMessageAuthor: newer.lastMessageAuthor,
      updatedAt: ctx.clock.now(),
    })
    .where(eq(conversations.id, survivor.id));
  await ctx.tx.delete(conversations).where(eq(conversations.id, duplicate.id));
}
