// Muting a member for some days, in one scope or everywhere — with their visible pieces there
// hidden too, when asked — and lifting a mute early. Each step is logged with who and why.
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { iso, isoOrNull, newestFirst, takePage } from '../../kernel/paging.ts';
import { customers } from '../customers/index.ts';
import { reasonText } from './decisions.ts';
import { writeLog } from './moderation-log.ts';
import { muteEnd } from './moderation-rules.ts';
import type { MuteDto, MuteInput, MuteListInput } from './moderation.schemas.ts';
import { moderationMutes } from './moderation.tables.ts';
import { customerNames } from './names.ts';
import { closeQueueItems } from './queue.ts';
import { staffIdOf } from './settings.ts';
import { allSubjectHandlers } from './subjects.ts';

type MuteRow = typeof moderationMutes.$inferSelect;

function muteDto(ctx: Ctx, row: MuteRow, names: Map<string, string> = new Map()): MuteDto {
  return {
    id: row.id,
    customerId: row.customerId,
    customerName: names.get(row.customerId) ?? null,
    scopeId: row.scopeId,
    until: iso(row.until),
    reason: row.reason,
    hidePast: row.hidePast,
    createdBy: row.createdBy,
    createdAt: iso(row.createdAt),
    endedAt: isoOrNull(row.endedAt),
    active: !row.endedAt && row.until > ctx.clock.now(),
  };
}

/** Hides the member's visible pieces in the scope through every owner, each piece logged. */
async function hidePastPieces(ctx: Ctx, mute: MuteRow): Promise<number> {
  let hidden = 0;
  for (const [kind, handler] of allSubjectHandlers()) {
    const ids = await handler.visibleByAuthor(ctx, mute.customerId, mute.scopeId);
    if (!ids.length) continue;
    await handler.setState(ctx, ids, 'hidden');
    await closeQueueItems(ctx, kind, ids, 'hide');
    await writeLog(ctx, {
      action: 'hide',
      kind,
      subjectIds: ids,
      reason: mute.reason,
      muteId: mute.id,
      customerId: mute.customerId,
    });
    hidden += ids.length;
  }
  return hidden;
}

async function assertCustomer(ctx: Ctx, customerId: string) {
  const [c] = await ctx.tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.id, customerId), isNull(customers.mergedIntoId)));
  if (!c) throw new AppError('NOT_FOUND', { field: 'customerId' });
}

export async function muteMember(ctx: Ctx, input: MuteInput) {
  const reason = reasonText(input.reason, true);
  await assertCustomer(ctx, input.customerId);
  const now = ctx.clock.now();
  const row: MuteRow = {
    tenantId: ctx.tenantId,
    id: newId(),
    customerId: input.customerId,
    scopeId: input.scopeId ?? null,
    until: muteEnd(now, input.days),
    reason,
    hidePast: input.hidePast,
    createdBy: staffIdOf(ctx),
    createdAt: now,
    endedAt: null,
    endedBy: null,
  };
  await ctx.tx.insert(moderationMutes).values(row);
  await writeLog(ctx, { action: 'mute', customerId: row.customerId, muteId: row.id, reason });
  const hiddenCount = input.hidePast ? await hidePastPieces(ctx, row) : 0;
  const names = await customerNames(ctx, [row.customerId]);
  return { ...muteDto(ctx, row, names), hiddenCount };
}

/** Lifts a mute before its end (a mute already over is answered as it is). */
export async function unmuteMember(ctx: Ctx, muteId: string): Promise<MuteDto> {
  const [row] = await ctx.tx.select().from(moderationMutes).where(eq(moderationMutes.id, muteId));
  if (!row) throw new AppError('NOT_FOUND', { field: 'muteId' });
  if (!muteDto(ctx, row).active)
    return muteDto(ctx, row, await customerNames(ctx, [row.customerId]));
  const [ended] = await ctx.tx
    .update(moderationMutes)
    .set({ endedAt: ctx.clock.now(), endedBy: staffIdOf(ctx) })
    .where(and(eq(moderationMutes.id, muteId), isNull(moderationMutes.endedAt)))
    .returning();
  await writeLog(ctx, { action: 'unmute', customerId: row.customerId, muteId });
  return muteDto(ctx, ended ?? row, await customerNames(ctx, [row.customerId]));
}

export async function listMutes(ctx: Ctx, input: MuteListInput) {
  const paging = newestFirst('moderation_mutes', 'created_at', input.cursor);
  const rows = await ctx.tx
    .select({ row: moderationMutes, sortKey: paging.sortKey })
    .from(moderationMutes)
    .where(
      and(
        input.customerId ? eq(moderationMutes.customerId, input.customerId) : undefined,
        input.active
          ? and(isNull(moderationMutes.endedAt), gt(moderationMutes.until, ctx.clock.now()))
          : undefined,
        paging.after,
      ),
    )
    .orderBy(desc(moderationMutes.createdAt), desc(moderationMutes.id))
    .limit(input.limit + 1);
  const { pageRows, nextCursor } = takePage(rows, input.limit, (r) => [r.sortKey, r.row.id]);
  const names = await customerNames(
    ctx,
    pageRows.map((r) => r.row.customerId),
  );
  return { items: pageRows.map((r) => muteDto(ctx, r.row, names)), nextCursor };
}
