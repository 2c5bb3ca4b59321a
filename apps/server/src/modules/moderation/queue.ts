// The review queue: one open item per piece, which holds and reports join; a decision closes it.
// Staff read the open items with the pieces as their owners show them and the reports made.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { ModerationSubjectView } from '../../app/module.ts';
import { pgArray } from '../../db/arrays.ts';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { decodeCursor, encodeCursor, iso, isoOrNull } from '../../kernel/paging.ts';
import type { QueueListInput } from './moderation.schemas.ts';
import type { DECISION_ACTIONS, QUEUE_REASONS } from './moderation.tables.ts';
import { moderationQueueItems, moderationReports } from './moderation.tables.ts';
import { customerNames } from './names.ts';
import { storedHandlerOf } from './subjects.ts';

export type QueueReason = (typeof QUEUE_REASONS)[number];

/**
 * Opens the piece's queue item or joins the open one: its reasons merged, `weight` added to its
 * weighted report sum in one statement (so concurrent reports each see the sum before them).
 */
export async function openOrJoinQueueItem(
  ctx: Ctx,
  input: { kind: string; subjectId: string; reasons: readonly QueueReason[]; weight: number },
): Promise<{ id: string; before: number; after: number; autoHidden: boolean }> {
  const reasons = [...new Set(input.reasons)];
  const [row] = await ctx.tx
    .insert(moderationQueueItems)
    .values({
      tenantId: ctx.tenantId,
      id: newId(),
      kind: input.kind,
      subjectId: input.subjectId,
      reasons,
      reportWeight: input.weight,
      openedAt: ctx.clock.now(),
    })
    .onConflictDoUpdate({
      target: [
        moderationQueueItems.tenantId,
        moderationQueueItems.kind,
        moderationQueueItems.subjectId,
      ],
      targetWhere: sql`closed_at is null`,
      set: {
        reportWeight: sql`${moderationQueueItems.reportWeight} + ${input.weight}`,
        reasons: sql`array(select distinct r from unnest(${moderationQueueItems.reasons} || ${pgArray(reasons)}::text[]) as r order by r)`,
      },
    })
    .returning({
      id: moderationQueueItems.id,
      after: moderationQueueItems.reportWeight,
      autoHiddenAt: moderationQueueItems.autoHiddenAt,
    });
  const item = row!;
  return {
    id: item.id,
    before: item.after - input.weight,
    after: item.after,
    autoHidden: item.autoHiddenAt !== null,
  };
}

/** Marks the open item as hidden by the system (it stays open for a human to decide). */
export async function markAutoHidden(ctx: Ctx, itemId: string): Promise<void> {
  await ctx.tx
    .update(moderationQueueItems)
    .set({ autoHiddenAt: ctx.clock.now() })
    .where(eq(moderationQueueItems.id, itemId));
}

/** Closes the piece's open item with the decision; answers whether there was one. */
export async function closeQueueItem(
  ctx: Ctx,
  kind: string,
  subjectId: string,
  decision: (typeof DECISION_ACTIONS)[number],
): Promise<boolean> {
  const closed = await ctx.tx
    .update(moderationQueueItems)
    .set({ closedAt: ctx.clock.now(), decision })
    .where(
      and(
        eq(moderationQueueItems.kind, kind),
        eq(moderationQueueItems.subjectId, subjectId),
        isNull(moderationQueueItems.closedAt),
      ),
    )
    .returning({ id: moderationQueueItems.id });
  return closed.length > 0;
}

/** Closes the open items of pieces hidden together (a mute's past pieces). */
export async function closeQueueItems(
  ctx: Ctx,
  kind: string,
  subjectIds: readonly string[],
  decision: (typeof DECISION_ACTIONS)[number],
): Promise<void> {
  if (!subjectIds.length) return;
  await ctx.tx
    .update(moderationQueueItems)
    .set({ closedAt: ctx.clock.now(), decision })
    .where(
      and(
        eq(moderationQueueItems.kind, kind),
        inArray(moderationQueueItems.subjectId, [...subjectIds]),
        isNull(moderationQueueItems.closedAt),
      ),
    );
}

type ItemRow = typeof moderationQueueItems.$inferSelect;

/** The pieces of the items, loaded kind by kind through their owners' handlers. */
async function loadSubjects(ctx: Ctx, rows: readonly ItemRow[]) {
  const byKind = new Map<string, string[]>();
  for (const r of rows) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.subjectId]);
  const views = new Map<string, ModerationSubjectView>();
  for (const [kind, ids] of byKind) {
    const handler = storedHandlerOf(kind);
    if (!handler) continue;
    for (const v of await handler.load(ctx, ids)) views.set(`${kind}:${v.id}`, v);
  }
  return views;
}

const viewDto = (v: ModerationSubjectView, names: Map<string, string>) => ({
  kind: v.kind,
  id: v.id,
  authorCustomerId: v.authorCustomerId,
  authorName: (v.authorCustomerId && names.get(v.authorCustomerId)) || null,
  scopeId: v.scopeId,
  scopeName: v.scopeName,
  text: v.text,
  imageUrls: v.imageUrls,
  state: v.state,
  createdAt: iso(v.createdAt),
});

/** The open items, oldest first (first come, first looked at), with pieces and reports. */
export async function listQueue(ctx: Ctx, input: QueueListInput) {
  const after = decodeCursor(input.cursor, ['instant', 'uuid'] as const);
  const rows = await ctx.tx
    .select({
      row: moderationQueueItems,
      sortKey: sql<string>`"moderation_queue_items"."opened_at"::text`,
    })
    .from(moderationQueueItems)
    .where(
      and(
        isNull(moderationQueueItems.closedAt),
        input.kind ? eq(moderationQueueItems.kind, input.kind) : undefined,
        after
          ? sql`("moderation_queue_items"."opened_at", "moderation_queue_items"."id") > (${after[0]}::timestamptz, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(moderationQueueItems.openedAt), asc(moderationQueueItems.id))
    .limit(input.limit + 1);
  const pageRows = rows.slice(0, input.limit);
  const last = rows.length > input.limit ? pageRows[pageRows.length - 1] : undefined;
  const items = pageRows.map((r) => r.row);
  const views = await loadSubjects(ctx, items);
  const reports = items.length
    ? await ctx.tx
        .select()
        .from(moderationReports)
        .where(
          inArray(
            moderationReports.queueItemId,
            items.map((i) => i.id),
          ),
        )
        .orderBy(asc(moderationReports.createdAt), asc(moderationReports.id))
    : [];
  const names = await customerNames(ctx, [
    ...[...views.values()].map((v) => v.authorCustomerId),
    ...reports.map((r) => r.reporterCustomerId),
  ]);
  return {
    items: items.map((i) => {
      const view = views.get(`${i.kind}:${i.subjectId}`);
      return {
        id: i.id,
        kind: i.kind,
        subjectId: i.subjectId,
        reasons: i.reasons,
        reportWeight: i.reportWeight,
        openedAt: iso(i.openedAt),
        autoHiddenAt: isoOrNull(i.autoHiddenAt),
        subject: view ? viewDto(view, names) : null,
        reports: reports
          .filter((r) => r.queueItemId === i.id)
          .map((r) => ({
            id: r.id,
            reporterCustomerId: r.reporterCustomerId,
            reporterName: names.get(r.reporterCustomerId) ?? null,
            reason: r.reason,
            note: r.note,
            weight: r.weight,
            createdAt: iso(r.createdAt),
          })),
      };
    }),
    nextCursor: last ? encodeCursor([last.sortKey, last.row.id]) : null,
  };
}
