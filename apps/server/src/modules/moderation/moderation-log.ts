// The moderation log: every decision written with its actor and reason, in the decision's
// transaction; read by staff newest first, by subject or by actor.
import { and, desc, eq, isNull, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { iso, newestFirst, takePage } from '../../kernel/paging.ts';
import type { LogEntryDto, LogListInput } from './moderation.schemas.ts';
import type { LOG_ACTIONS } from './moderation.tables.ts';
import { moderationLog } from './moderation.tables.ts';
import { customerNames, staffNames } from './names.ts';
import { storedHandlerOf } from './subjects.ts';

export type LogAction = (typeof LOG_ACTIONS)[number];

export interface LogWrite {
  action: LogAction;
  reason?: string | null | undefined;
  kind?: string;
  subjectIds?: readonly string[];
  customerId?: string;
  muteId?: string;
  keyword?: string;
  /** Decided by the system (an automatic hide, a hold), whoever's request led to it. */
  bySystem?: boolean;
}

function actorOf(ctx: Ctx, bySystem: boolean) {
  const a = ctx.actor;
  if (bySystem || a.type === 'system' || a.type === 'customer')
    return { actorType: 'system' as const, actorId: null };
  return { actorType: a.type, actorId: a.id };
}

/** Writes one log row per subject (or one row when the decision is about no subject). */
export async function writeLog(ctx: Ctx, entry: LogWrite): Promise<void> {
  const at = ctx.clock.now();
  const actor = actorOf(ctx, entry.bySystem ?? false);
  const subjects = entry.subjectIds?.length ? entry.subjectIds : [null];
  await ctx.tx.insert(moderationLog).values(
    subjects.map((subjectId) => ({
      tenantId: ctx.tenantId,
      id: newId(),
      action: entry.action,
      ...actor,
      kind: entry.kind ?? null,
      subjectId,
      customerId: entry.customerId ?? null,
      muteId: entry.muteId ?? null,
      keyword: entry.keyword ?? null,
      reason: entry.reason ?? '',
      at,
    })),
  );
}

function actorFilter(actor: string | undefined): SQL | undefined {
  if (!actor) return undefined;
  if (actor === 'system')
    return and(eq(moderationLog.actorType, 'system'), isNull(moderationLog.actorId));
  return eq(moderationLog.actorId, actor);
}

/** The log, newest first, optionally of one subject, one member, one actor or one action. */
export async function listLog(ctx: Ctx, input: LogListInput) {
  const paging = newestFirst('moderation_log', 'at', input.cursor);
  const rows = await ctx.tx
    .select({ row: moderationLog, sortKey: paging.sortKey })
    .from(moderationLog)
    .where(
      and(
        input.kind ? eq(moderationLog.kind, input.kind) : undefined,
        input.subjectId ? eq(moderationLog.subjectId, input.subjectId) : undefined,
        input.customerId ? eq(moderationLog.customerId, input.customerId) : undefined,
        input.action ? eq(moderationLog.action, input.action) : undefined,
        actorFilter(input.actor),
        paging.after,
      ),
    )
    .orderBy(desc(moderationLog.at), desc(moderationLog.id))
    .limit(input.limit + 1);
  const { pageRows, nextCursor } = takePage(rows, input.limit, (r) => [r.sortKey, r.row.id]);
  const rowsShown = pageRows.map((r) => r.row);
  const subjects = await subjectsOf(ctx, rowsShown);
  const names = {
    staff: await staffNames(
      ctx,
      rowsShown.map((r) => (r.actorType === 'staff' ? r.actorId : null)),
    ),
    customers: await customerNames(
      ctx,
      rowsShown.map((r) => r.customerId),
    ),
  };
  return { items: rowsShown.map((row) => logDto(row, names, subjects)), nextCursor };
}

type LogRow = typeof moderationLog.$inferSelect;
type Names = { staff: Map<string, string>; customers: Map<string, string> };
type Subjects = Map<string, { text: string; scopeName: string | null }>;

/** Beginning of a logged piece's text, so a reader knows which one. */
const EXCERPT_CHARS = 60;

/** The pieces the rows are about, kind by kind through their owners (a gone piece is absent). */
async function subjectsOf(ctx: Ctx, rows: readonly LogRow[]): Promise<Subjects> {
  const byKind = new Map<string, Set<string>>();
  for (const r of rows)
    if (r.kind && r.subjectId)
      byKind.set(r.kind, (byKind.get(r.kind) ?? new Set()).add(r.subjectId));
  const out: Subjects = new Map();
  for (const [kind, ids] of byKind) {
    const handler = storedHandlerOf(kind);
    if (!handler) continue;
    for (const v of await handler.load(ctx, [...ids])) {
      const chars = [...v.text];
      const text =
        chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS).join('')}…` : v.text;
      out.set(`${kind}:${v.id}`, { text, scopeName: v.scopeName });
    }
  }
  return out;
}

function logDto(row: LogRow, names: Names, subjects: Subjects): LogEntryDto {
  const subject =
    row.kind && row.subjectId ? subjects.get(`${row.kind}:${row.subjectId}`) : undefined;
  return {
    id: row.id,
    action: row.action,
    actor: row.actorType === 'system' ? 'system' : (row.actorId ?? 'system'),
    actorType: row.actorType,
    actorName: (row.actorId && names.staff.get(row.actorId)) || null,
    kind: row.kind,
    subjectId: row.subjectId,
    subjectText: subject?.text ?? null,
    scopeName: subject?.scopeName ?? null,
    customerId: row.customerId,
    customerName: (row.customerId && names.customers.get(row.customerId)) || null,
    muteId: row.muteId,
    keyword: row.keyword,
    reason: row.reason,
    at: iso(row.at),
  };
}
