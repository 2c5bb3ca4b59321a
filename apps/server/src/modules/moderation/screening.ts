// What moderation tells an owner module about a new piece before it is stored: refused (the
// author is muted), published, or held for review and why; and the queue item of a held piece.
import { and, desc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { writeLog } from './moderation-log.ts';
import { holdReasons, type HoldReason } from './moderation-rules.ts';
import { moderationMutes } from './moderation.tables.ts';
import { openOrJoinQueueItem } from './queue.ts';
import { getModerationSettings, normalisedKeywords } from './settings.ts';
import { handlerOf } from './subjects.ts';

/** The customer's current mute in the scope (or a tenant-wide one), or null. */
export async function activeMute(
  ctx: Ctx,
  customerId: string,
  scopeId: string | null,
): Promise<{ until: Date; reason: string } | null> {
  const [row] = await ctx.tx
    .select({ until: moderationMutes.until, reason: moderationMutes.reason })
    .from(moderationMutes)
    .where(
      and(
        eq(moderationMutes.customerId, customerId),
        isNull(moderationMutes.endedAt),
        gt(moderationMutes.until, ctx.clock.now()),
        scopeId
          ? or(isNull(moderationMutes.scopeId), eq(moderationMutes.scopeId, scopeId))
          : isNull(moderationMutes.scopeId),
      ),
    )
    .orderBy(desc(moderationMutes.until))
    .limit(1);
  return row ?? null;
}

/**
 * Before a new piece is stored: AppError MEMBER_MUTED (403, with the end of the mute) when the
 * author is muted in the scope or everywhere; otherwise whether it is published or held, and why.
 * Held: a keyword of the tenant's list; or (trustLevel below the tenant's `minTrustForLinks`,
 * default 1) a link (kernel/sanitize `containsLink`) or an image.
 */
export async function screenSubmission(
  ctx: Ctx,
  input: {
    kind: string;
    authorCustomerId: string;
    scopeId: string | null;
    text: string;
    hasImage: boolean;
    trustLevel: number;
  },
): Promise<{ state: 'visible' | 'held'; reasons: HoldReason[] }> {
  const mute = await activeMute(ctx, input.authorCustomerId, input.scopeId);
  if (mute) throw new AppError('MEMBER_MUTED', { details: { until: mute.until.toISOString() } });
  const settings = await getModerationSettings(ctx);
  const reasons = holdReasons({
    text: input.text,
    hasImage: input.hasImage,
    trustLevel: input.trustLevel,
    minTrustForLinks: settings.minTrustForLinks,
    normalisedKeywords: await normalisedKeywords(ctx),
  });
  return { state: reasons.length ? 'held' : 'visible', reasons };
}

/** After a held piece is stored (same transaction): put it in the review queue. */
export async function enqueueHeld(
  ctx: Ctx,
  input: { kind: string; subjectId: string; reasons: HoldReason[] },
): Promise<void> {
  handlerOf(input.kind);
  await openOrJoinQueueItem(ctx, { ...input, weight: 0 });
  await writeLog(ctx, {
    action: 'hold',
    kind: input.kind,
    subjectIds: [input.subjectId],
    reason: input.reasons.join(','),
    bySystem: true,
  });
}
