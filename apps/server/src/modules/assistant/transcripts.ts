// What staff read of the assistant: the conversations it handled (handed over or resolved, the
// handover queue first among them), one transcript — every message, the assistant's included,
// and every action it took — and handing a conversation back to the assistant.
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { decodeCursor, encodeCursor, iso, isoOrNull } from '../../kernel/paging.ts';
import { recordAudit } from '../audit/index.ts';
import { customers } from '../customers/index.ts';
import { staffUsers } from '../identity/index.ts';
import { conversationMessages, conversations } from '../inbox/index.ts';
import { assistantActions, assistantSessions } from './assistant.tables.ts';
import { loadAssistantSettings } from './settings.ts';
import { staffHasIt } from './turn.ts';
import { QUICK_REPLIES } from './replies.ts';

export type TranscriptFilter = 'all' | 'waiting' | 'handed_over' | 'resolved';
type Session = typeof assistantSessions.$inferSelect;

const HOUR_MS = 3_600_000;

function sessionDto(s: Session, silenceHours: number, now: Date) {
  const waiting = staffHasIt(s, silenceHours, now);
  return {
    conversationId: s.conversationId,
    customerId: s.customerId,
    status: waiting
      ? ('waiting' as const)
      : s.handovers > 0
        ? ('handed_over' as const)
        : ('resolved' as const),
    turns: s.turns,
    handovers: s.handovers,
    handoverReason: s.handoverReason,
    handedOverAt: isoOrNull(s.handedOverAt),
    silentUntil:
      waiting && s.handedOverAt
        ? iso(new Date(s.handedOverAt.getTime() + silenceHours * HOUR_MS))
        : null,
    lastTurnAt: iso(s.lastTurnAt),
  };
}

function filterSql(filter: TranscriptFilter, silenceHours: number, now: Date) {
  const silentSince = new Date(now.getTime() - silenceHours * HOUR_MS);
  const waiting = and(
    eq(assistantSessions.mode, 'staff'),
    gt(assistantSessions.handedOverAt, silentSince),
  );
  if (filter === 'waiting') return waiting;
  if (filter === 'handed_over') return sql`${assistantSessions.handovers} > 0`;
  if (filter === 'resolved') return eq(assistantSessions.handovers, 0);
  return undefined;
}

export async function listTranscripts(
  ctx: Ctx,
  q: { filter: TranscriptFilter; cursor?: string | undefined; limit: number },
) {
  const settings = await loadAssistantSettings(ctx);
  const now = ctx.clock.now();
  const after = decodeCursor(q.cursor, ['instant', 'uuid'] as const);
  const rows = await ctx.tx
    .select({
      s: assistantSessions,
      name: customers.name,
      phone: customers.phone,
      preview: conversations.lastMessagePreview,
      lastAuthor: conversations.lastMessageAuthor,
    })
    .from(assistantSessions)
    .innerJoin(
      customers,
      and(
        eq(customers.tenantId, assistantSessions.tenantId),
        eq(customers.id, assistantSessions.customerId),
      ),
    )
    .innerJoin(
      conversations,
      and(
        eq(conversations.tenantId, assistantSessions.tenantId),
        eq(conversations.id, assistantSessions.conversationId),
      ),
    )
    .where(
      and(
        filterSql(q.filter, settings.silenceHours, now),
        after
          ? sql`(${assistantSessions.lastTurnAt}, ${assistantSessions.conversationId}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(assistantSessions.lastTurnAt), desc(assistantSessions.conversationId))
    .limit(q.limit + 1);
  const pageRows = rows.slice(0, q.limit);
  const last = rows.length > q.limit ? pageRows[pageRows.length - 1] : undefined;
  return {
    items: pageRows.map((r) => ({
      ...sessionDto(r.s, settings.silenceHours, now),
      customer: { id: r.s.customerId, name: r.name, phone: r.phone },
      lastMessagePreview: r.preview,
      lastMessageAuthor: r.lastAuthor,
    })),
    nextCursor: last ? encodeCursor([iso(last.s.lastTurnAt), last.s.conversationId]) : null,
  };
}

async function sessionOf(ctx: Ctx, customerId: string, lock = false) {
  const q = ctx.tx
    .select()
    .from(assistantSessions)
    .where(eq(assistantSessions.customerId, customerId));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function getTranscript(ctx: Ctx, customerId: string) {
  const [customer] = await ctx.tx
    .select({ id: customers.id, name: customers.name, phone: customers.phone })
    .from(customers)
    .where(eq(customers.id, customerId));
  const session = await sessionOf(ctx, customerId);
  if (!customer || !session) throw new AppError('NOT_FOUND');
  const settings = await loadAssistantSettings(ctx);
  const messages = await ctx.tx
    .select({ m: conversationMessages, staffName: staffUsers.name })
    .from(conversationMessages)
    .leftJoin(
      staffUsers,
      and(
        eq(staffUsers.tenantId, conversationMessages.tenantId),
        eq(staffUsers.id, conversationMessages.staffId),
      ),
    )
    .where(eq(conversationMessages.conversationId, session.conversationId))
    .orderBy(desc(conversationMessages.createdAt), desc(conversationMessages.id))
    .limit(300);
  const actions = await ctx.tx
    .select()
    .from(assistantActions)
    .where(eq(assistantActions.customerId, customerId))
    .orderBy(asc(assistantActions.createdAt), asc(assistantActions.id))
    .limit(300);
  return {
    customer,
    session: sessionDto(session, settings.silenceHours, ctx.clock.now()),
    messages: messages.reverse().map(({ m, staffName }) => ({
      id: m.id,
      authorType: m.authorType,
      staffName: staffName ?? null,
      body: m.body,
      createdAt: iso(m.createdAt),
    })),
    actions: actions.map((a) => ({
      id: a.id,
      kind: a.kind,
      entityType: a.entityType,
      entityId: a.entityId,
      summary: a.summary,
      createdAt: iso(a.createdAt),
    })),
  };
}

/** Staff give the conversation back to the assistant; it answers the owner's next message. */
export async function handBack(ctx: Ctx, customerId: string) {
  const session = await sessionOf(ctx, customerId, true);
  if (!session) throw new AppError('NOT_FOUND');
  if (session.mode !== 'staff') throw new AppError('ASSISTANT_NOT_HANDED_OVER');
  const now = ctx.clock.now();
  await ctx.tx
    .update(assistantSessions)
    .set({
      mode: 'assistant',
      handedBackAt: now,
      failures: 0,
      state: { intent: null },
      updatedAt: now,
    })
    .where(eq(assistantSessions.conversationId, session.conversationId));
  await recordAudit(ctx, {
    action: 'assistant.handedBack',
    entityType: 'conversation',
    entityId: session.conversationId,
  });
  return getTranscript(ctx, customerId);
}

/** What the app shows about the assistant: on or not, who has the conversation, the chips. */
export async function assistantForOwner(ctx: Ctx, customerId: string) {
  const settings = await loadAssistantSettings(ctx);
  const session = settings.enabled ? await sessionOf(ctx, customerId) : null;
  const now = ctx.clock.now();
  const staff = session ? staffHasIt(session, settings.silenceHours, now) : false;
  const lang = session?.state.lang === 'en' ? 'en' : 'zh-CN';
  const st = session?.state;
  let quickReplies: string[] = [];
  if (settings.enabled && !staff) {
    if (st?.awaiting === 'confirm')
      quickReplies = lang === 'en' ? ['confirm', 'no'] : ['确认', '取消'];
    else if (st?.awaiting === 'time' && st.offers?.length)
      quickReplies = st.offers.map((_, i) => String(i + 1));
    else quickReplies = QUICK_REPLIES[lang];
  }
  return {
    enabled: settings.enabled,
    name: lang === 'en' ? 'Assistant' : '智能助手',
    mode: !settings.enabled
      ? ('off' as const)
      : staff
        ? ('staff' as const)
        : ('assistant' as const),
    greeting: settings.enabled ? settings.greeting : null,
    quickReplies,
  };
}
