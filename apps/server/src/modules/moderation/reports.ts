// A car owner's report of a piece: weighed by the piece's owner (an organiser's or a KOL's
// report counts more), added to the piece's open queue item, and, when the open weighted sum
// reaches the tenant's threshold, the piece is hidden by the system until a moderator decides.
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { iso } from '../../kernel/paging.ts';
import { pgError } from '../../kernel/pg-errors.ts';
import { sanitizePlainText } from '../../kernel/sanitize.ts';
import { writeLog } from './moderation-log.ts';
import { crossesThreshold } from './moderation-rules.ts';
import type { ReportInput } from './moderation.schemas.ts';
import { moderationReports } from './moderation.tables.ts';
import { markAutoHidden, openOrJoinQueueItem } from './queue.ts';
import { getModerationSettings } from './settings.ts';
import { handlerOf } from './subjects.ts';

const REPORTED_TWICE = 'moderation_reports_reporter_key';

async function assertFirstReport(ctx: Ctx, input: ReportInput, reporterId: string) {
  const [earlier] = await ctx.tx
    .select({ createdAt: moderationReports.createdAt })
    .from(moderationReports)
    .where(
      and(
        eq(moderationReports.kind, input.kind),
        eq(moderationReports.subjectId, input.subjectId),
        eq(moderationReports.reporterCustomerId, reporterId),
      ),
    );
  if (earlier)
    throw new AppError('MODERATION_ALREADY_REPORTED', {
      field: 'subjectId',
      details: { reportedAt: iso(earlier.createdAt) },
    });
}

/**
 * Records the report (one per reporter and piece: a second is 409 MODERATION_ALREADY_REPORTED)
 * and hides the piece when it is the report that brings the open sum to the threshold.
 */
export async function reportSubject(ctx: Ctx, input: ReportInput) {
  if (ctx.actor.type !== 'customer') throw new AppError('FORBIDDEN');
  const reporterId = ctx.actor.id;
  const handler = handlerOf(input.kind);
  const [view] = await handler.load(ctx, [input.subjectId]);
  const weight = view ? await handler.reportWeight(ctx, input.subjectId, reporterId) : null;
  if (!view || weight === null) throw new AppError('NOT_FOUND', { field: 'subjectId' });
  if (view.authorCustomerId === reporterId)
    throw new AppError('MODERATION_OWN_SUBJECT', { field: 'subjectId' });
  await assertFirstReport(ctx, input, reporterId);

  const item = await openOrJoinQueueItem(ctx, {
    kind: input.kind,
    subjectId: input.subjectId,
    reasons: ['reports'],
    weight,
  });
  const note = input.note ? sanitizePlainText(input.note) : '';
  const row = {
    tenantId: ctx.tenantId,
    id: newId(),
    kind: input.kind,
    subjectId: input.subjectId,
    queueItemId: item.id,
    reporterCustomerId: reporterId,
    reason: input.reason,
    note: note || null,
    weight,
    createdAt: ctx.clock.now(),
  };
  try {
    await ctx.tx.insert(moderationReports).values(row);
  } catch (err) {
    if (pgError(err)?.constraint === REPORTED_TWICE)
      throw new AppError('MODERATION_ALREADY_REPORTED', { field: 'subjectId', cause: err });
    throw err;
  }

  const { autoHideThreshold } = await getModerationSettings(ctx);
  if (
    view.state === 'visible' &&
    !item.autoHidden &&
    crossesThreshold(item.before, item.after, autoHideThreshold)
  ) {
    await handler.setState(ctx, [input.subjectId], 'hidden');
    await markAutoHidden(ctx, item.id);
    await writeLog(ctx, {
      action: 'auto_hide',
      kind: input.kind,
      subjectIds: [input.subjectId],
      reason: `reports ${item.after}/${autoHideThreshold}`,
      bySystem: true,
    });
  }
  return {
    id: row.id,
    kind: row.kind,
    subjectId: row.subjectId,
    reason: row.reason,
    createdAt: iso(row.createdAt),
  };
}
