// The customer's rights over their interest profile and what a merge of two records does to it:
// the section of their data copy, erasure (everything goes), and folding a duplicate into the
// survivor before customers re-points the remaining rows.
import { eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { decay, level } from './interest-rules.ts';
import { forgetReading, isPersonalised } from './interests.service.ts';
import {
  interestConsents,
  interestFollows,
  interestScores,
  interestSettings,
  readingEvents,
} from './interests.tables.ts';

/** The interest section of the customer's copy of their data. */
export async function interestsDataOf(ctx: Ctx, customerId: string) {
  const now = ctx.clock.now();
  const scores = await ctx.tx
    .select()
    .from(interestScores)
    .where(eq(interestScores.customerId, customerId));
  const events = await ctx.tx
    .select()
    .from(readingEvents)
    .where(eq(readingEvents.customerId, customerId))
    .orderBy(readingEvents.occurredAt);
  const follows = await ctx.tx
    .select()
    .from(interestFollows)
    .where(eq(interestFollows.customerId, customerId));
  const consents = await ctx.tx
    .select()
    .from(interestConsents)
    .where(eq(interestConsents.customerId, customerId))
    .orderBy(interestConsents.recordedAt);
  return {
    personalised: await isPersonalised(ctx, customerId),
    follows: follows.map((f) => ({ tag: f.tagSlug, since: f.createdAt.toISOString() })),
    points: scores.map((s) => ({ tag: s.tagSlug, points: decay(s.points, s.asOf, now) })),
    readingEvents: events.map((e) => ({
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      event: e.event,
      seconds: e.seconds,
      depth: e.depth,
      at: e.occurredAt.toISOString(),
    })),
    history: consents.map((c) => ({
      granted: c.granted,
      method: c.method,
      recordedAt: c.recordedAt.toISOString(),
    })),
  };
}

/** Erasure: the reading, scores, follows, the switch and its history all go. */
export async function eraseInterests(ctx: Ctx, customerId: string): Promise<void> {
  await forgetReading(ctx, [customerId]);
  await ctx.tx.delete(interestFollows).where(eq(interestFollows.customerId, customerId));
  await ctx.tx.delete(interestSettings).where(eq(interestSettings.customerId, customerId));
  await ctx.tx.delete(interestConsents).where(eq(interestConsents.customerId, customerId));
}

/**
 * Two records became one. A switch off under either stays off (and then both records' reading
 * goes); otherwise each tag's points are added (both decayed to now) on the survivor. Follows
 * are the union. Reading events and consents are then re-pointed by customers' generic step.
 */
export async function mergeInterests(
  ctx: Ctx,
  { survivorId, duplicateId }: { survivorId: string; duplicateId: string },
): Promise<void> {
  const both = [survivorId, duplicateId];
  const off = !(await isPersonalised(ctx, survivorId)) || !(await isPersonalised(ctx, duplicateId));
  await ctx.tx.delete(interestSettings).where(eq(interestSettings.customerId, duplicateId));
  if (off) {
    await ctx.tx
      .insert(interestSettings)
      .values({ tenantId: ctx.tenantId, customerId: survivorId, personalised: false })
      .onConflictDoUpdate({
        target: [interestSettings.tenantId, interestSettings.customerId],
        set: { personalised: false, updatedAt: ctx.clock.now() },
      });
    await forgetReading(ctx, both);
  } else await mergeScores(ctx, survivorId, duplicateId);
  await ctx.tx
    .execute(sql`insert into interest_follows (tenant_id, customer_id, tag_slug, created_at)
    select f.tenant_id, ${survivorId}::uuid, f.tag_slug, f.created_at from interest_follows f
    where f.tenant_id = ${ctx.tenantId}::uuid and f.customer_id = ${duplicateId}::uuid
    on conflict do nothing`);
  await ctx.tx.delete(interestFollows).where(eq(interestFollows.customerId, duplicateId));
}

async function mergeScores(ctx: Ctx, survivorId: string, duplicateId: string) {
  const now = ctx.clock.now();
  const rows = await ctx.tx
    .select()
    .from(interestScores)
    .where(inArray(interestScores.customerId, [survivorId, duplicateId]));
  const sum = new Map<string, number>();
  for (const r of rows)
    sum.set(r.tagSlug, (sum.get(r.tagSlug) ?? 0) + decay(r.points, r.asOf, now));
  await ctx.tx
    .delete(interestScores)
    .where(inArray(interestScores.customerId, [survivorId, duplicateId]));
  const values = [...sum]
    .filter(([, p]) => p > 0)
    .map(([tagSlug, points]) => ({
      tenantId: ctx.tenantId,
      customerId: survivorId,
      tagSlug,
      points,
      asOf: now,
      level: level(points, now),
    }));
  if (values.length) await ctx.tx.insert(interestScores).values(values);
}
