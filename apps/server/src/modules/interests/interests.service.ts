// Reading events in, interest scores out: recording (deduped, scored with interest-rules and
// folded set-based into interest_scores), follows, the personalisation switch and the read model.
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { listTags } from '../articles/index.ts';
import { recordAudit } from '../audit/index.ts';
import { contentTagsOf } from './content-tags.ts';
import {
  combinedScore,
  decay,
  DEDUPE_WINDOW_MS,
  eventPoints,
  HALF_LIFE_MS,
  level,
  roundScore,
  type ReadingEvent,
} from './interest-rules.ts';
import {
  interestConsents,
  interestFollows,
  interestScores,
  interestSettings,
  readingEvents,
  type SubjectType,
} from './interests.tables.ts';

export interface ReadingInput {
  subjectType: SubjectType;
  subjectId: string;
  event: ReadingEvent;
  seconds?: number | undefined;
  depth?: number | undefined;
}

/** Whether the owner lets their reading be used (no row: yes). */
export async function isPersonalised(ctx: Ctx, customerId: string): Promise<boolean> {
  const [row] = await ctx.tx
    .select({ on: interestSettings.personalised })
    .from(interestSettings)
    .where(eq(interestSettings.customerId, customerId));
  return row?.on ?? true;
}

/** What already counted for this subject within the dedupe window. */
async function countedBefore(ctx: Ctx, customerId: string, input: ReadingInput, now: Date) {
  const [row] = await ctx.tx
    .select({
      opened: sql<boolean>`coalesce(bool_or(${readingEvents.event} = 'opened'), false)`,
      finished: sql<boolean>`coalesce(bool_or(${readingEvents.event} = 'finished'), false)`,
      seconds: sql<number>`coalesce(max(${readingEvents.seconds}), 0)::int`,
    })
    .from(readingEvents)
    .where(
      and(
        eq(readingEvents.customerId, customerId),
        eq(readingEvents.subjectType, input.subjectType),
        eq(readingEvents.subjectId, input.subjectId),
        gt(readingEvents.occurredAt, new Date(now.getTime() - DEDUPE_WINDOW_MS)),
      ),
    );
  return {
    opened: Boolean(row?.opened),
    finished: Boolean(row?.finished),
    seconds: Number(row?.seconds ?? 0),
  };
}

/**
 * Adds points to the customer's tags in one statement: existing points are decayed to now
 * before the new ones are added, and the level recomputed (see interest-rules.ts).
 */
async function addPoints(
  ctx: Ctx,
  customerId: string,
  slugs: readonly string[],
  points: number,
  now: Date,
) {
  if (!slugs.length || !(points > 0)) return;
  await ctx.tx
    .insert(interestScores)
    .values(
      slugs.map((tagSlug) => ({
        tenantId: ctx.tenantId,
        customerId,
        tagSlug,
        points,
        asOf: now,
        level: level(points, now),
      })),
    )
    .onConflictDoUpdate({
      target: [interestScores.tenantId, interestScores.customerId, interestScores.tagSlug],
      set: {
        points: sql`${decayedSql()} + excluded.points`,
        asOf: sql`greatest(excluded.as_of, interest_scores.as_of)`,
        level: sql`ln(${decayedSql()} + excluded.points) / ln(2)
          + extract(epoch from greatest(excluded.as_of, interest_scores.as_of)) * 1000 / ${HALF_LIFE_MS}::float8`,
      },
    });
}

/** The stored points decayed to the incoming row's instant (not grown if it is older). */
const decayedSql = () =>
  sql`interest_scores.points * power(0.5::float8, greatest(0, extract(epoch from (excluded.as_of - interest_scores.as_of))) * 1000 / ${HALF_LIFE_MS}::float8)`;

/**
 * Records one reading event. Personalisation off: nothing is written (`recorded: false`). An
 * unknown subject (no content module knows it) is NOT_FOUND. The customer's events are
 * serialised (a transaction lock per customer), so two pings at once cannot both count.
 */
export async function recordReading(
  ctx: Ctx,
  customerId: string,
  input: ReadingInput,
): Promise<{ recorded: boolean }> {
  const key = `${input.subjectType}:${input.subjectId}`;
  const tags = await contentTagsOf(ctx, [{ type: input.subjectType, id: input.subjectId }]);
  const slugs = tags.get(key);
  if (!slugs) throw new AppError('NOT_FOUND', { field: 'subjectId' });
  if (!(await isPersonalised(ctx, customerId))) return { recorded: false };
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`interests:${customerId}`}))`);
  const now = ctx.clock.now();
  const points = eventPoints(input, await countedBefore(ctx, customerId, input, now));
  await ctx.tx.insert(readingEvents).values({
    tenantId: ctx.tenantId,
    id: newId(),
    customerId,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    event: input.event,
    seconds: input.seconds ?? null,
    depth: input.depth ?? null,
    points,
    occurredAt: now,
  });
  await addPoints(ctx, customerId, slugs, points, now);
  return { recorded: true };
}

async function requireTag(ctx: Ctx, slug: string) {
  const tag = (await listTags(ctx)).find((t) => t.slug === slug);
  if (!tag) throw new AppError('NOT_FOUND', { field: 'tagSlug' });
  return tag;
}

/** Follows a tag (关注); following it again changes nothing. */
export async function follow(ctx: Ctx, customerId: string, tagSlug: string): Promise<void> {
  await requireTag(ctx, tagSlug);
  await ctx.tx
    .insert(interestFollows)
    .values({ tenantId: ctx.tenantId, customerId, tagSlug, createdAt: ctx.clock.now() })
    .onConflictDoNothing();
}

/** Stops following; the follow's signal goes with it (reading stays). Unknown tag: 404. */
export async function unfollow(ctx: Ctx, customerId: string, tagSlug: string): Promise<void> {
  await requireTag(ctx, tagSlug);
  await ctx.tx
    .delete(interestFollows)
    .where(and(eq(interestFollows.customerId, customerId), eq(interestFollows.tagSlug, tagSlug)));
}

/** Deletes what reading recorded of the customers (events and scores), follows kept. */
export async function forgetReading(ctx: Ctx, customerIds: readonly string[]): Promise<void> {
  if (!customerIds.length) return;
  await ctx.tx.delete(readingEvents).where(inArray(readingEvents.customerId, customerIds));
  await ctx.tx.delete(interestScores).where(inArray(interestScores.customerId, customerIds));
}

/**
 * Switches personalisation on or off, recording the consent (history row and audit entry) when
 * it changes. Off: the reading events and scores are deleted at once.
 */
export async function setPersonalised(
  ctx: Ctx,
  customerId: string,
  personalised: boolean,
  method: 'app' | 'staff',
): Promise<{ personalised: boolean }> {
  const before = await isPersonalised(ctx, customerId);
  const now = ctx.clock.now();
  await ctx.tx
    .insert(interestSettings)
    .values({ tenantId: ctx.tenantId, customerId, personalised, updatedAt: now })
    .onConflictDoUpdate({
      target: [interestSettings.tenantId, interestSettings.customerId],
      set: { personalised, updatedAt: now },
    });
  if (!personalised) await forgetReading(ctx, [customerId]);
  if (before !== personalised) {
    await ctx.tx.insert(interestConsents).values({
      tenantId: ctx.tenantId,
      id: newId(),
      customerId,
      granted: personalised,
      method,
      recordedAt: now,
      recordedBy: ctx.actor.id,
    });
    await recordAudit(ctx, {
      action: 'interests.personalisationChanged',
      entityType: 'customer',
      entityId: customerId,
      changes: { before: { personalised: before }, after: { personalised }, method },
    });
  }
  return { personalised };
}

export async function followsOf(ctx: Ctx, customerId: string): Promise<string[]> {
  const rows = await ctx.tx
    .select({ slug: interestFollows.tagSlug })
    .from(interestFollows)
    .where(eq(interestFollows.customerId, customerId))
    .orderBy(interestFollows.tagSlug);
  return rows.map((r) => r.slug);
}

/**
 * The customer's interest per tag slug now (0–1, reading decayed to now, follows as a floor);
 * empty when they switched personalisation off. Tags below 0.01 are left out.
 */
export async function interestScoresOf(ctx: Ctx, customerId: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!(await isPersonalised(ctx, customerId))) return out;
  const now = ctx.clock.now();
  const rows = await ctx.tx
    .select()
    .from(interestScores)
    .where(eq(interestScores.customerId, customerId));
  const follows = new Set(await followsOf(ctx, customerId));
  const points = new Map(rows.map((r) => [r.tagSlug, decay(r.points, r.asOf, now)]));
  for (const slug of new Set([...points.keys(), ...follows])) {
    const s = roundScore(combinedScore(points.get(slug) ?? 0, follows.has(slug)));
    if (s >= 0.01) out.set(slug, s);
  }
  return out;
}

/** The owner's view: the switch, follows, and scores by tag name (highest first). */
export async function myInterests(ctx: Ctx, customerId: string) {
  const [personalised, follows, scores, tags] = [
    await isPersonalised(ctx, customerId),
    await followsOf(ctx, customerId),
    await interestScoresOf(ctx, customerId),
    await listTags(ctx),
  ];
  const names = new Map(tags.map((t) => [t.slug, t.name]));
  return {
    personalised,
    follows,
    scores: [...scores]
      .filter(([slug]) => names.has(slug))
      .map(([slug, score]) => ({ slug, name: names.get(slug)!, score }))
      .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name)),
  };
}

/** The staff card: the top tags with names and whether each is followed. */
export async function topInterests(ctx: Ctx, customerId: string, limit = 5) {
  const mine = await myInterests(ctx, customerId);
  const followed = new Set(mine.follows);
  return {
    personalised: mine.personalised,
    items: mine.scores.slice(0, limit).map((s) => ({ ...s, followed: followed.has(s.slug) })),
  };
}
