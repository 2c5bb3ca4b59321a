// Demo data: most demo customers read for the past weeks, each with one or two favourite topics
// (轮胎, 保养, 新能源, 自驾…) and an occasional look elsewhere, so scores vary and decay shows; a
// few follow a tag and one switched personalisation off. Reading goes on the published articles
// of each tag when there are any (the articles demo seeds first); scores are built with the same
// rules as live events. Deterministic: choices are a hash of the customer id, never Math.random.
import { createHash } from 'node:crypto';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { ensureTags, listPublishedArticles } from '../articles/index.ts';
import { decay, eventPoints, level } from './interest-rules.ts';
import {
  interestFollows,
  interestScores,
  interestSettings,
  readingEvents,
} from './interests.tables.ts';

const DAY = 86_400_000;
export const DEMO_TAGS = [
  { slug: 'maintenance', name: '保养' },
  { slug: 'tyres', name: '轮胎' },
  { slug: 'ev', name: '新能源' },
  { slug: 'road-trips', name: '自驾' },
  { slug: 'saving', name: '省钱窍门' },
  { slug: 'winter', name: '冬季用车' },
] as const;

const hash = (s: string, salt: string) =>
  createHash('sha256').update(`${salt}:${s}`).digest().readUInt32BE(0);

type EventRow = typeof readingEvents.$inferInsert;

/** One demo reading of a subject: opened, then finished or a progress ping, points by the rules. */
function reading(ctx: Ctx, customerId: string, subjectId: string | null, at: Date, full: boolean) {
  const seconds = full ? 150 + (hash(customerId + at.getTime(), 's') % 200) : 40;
  const opened = eventPoints({ event: 'opened' }, { opened: false, finished: false, seconds: 0 });
  const rest = eventPoints(
    { event: full ? 'finished' : 'progress', seconds },
    { opened: true, finished: false, seconds: 0 },
  );
  const rows: EventRow[] = subjectId
    ? [
        { event: 'opened' as const, points: opened, seconds: null, depth: null, at },
        {
          event: full ? ('finished' as const) : ('progress' as const),
          points: rest,
          seconds,
          depth: full ? 1 : 0.4,
          at: new Date(at.getTime() + seconds * 1000),
        },
      ].map((e) => ({
        tenantId: ctx.tenantId,
        id: newId(),
        customerId,
        subjectType: 'article' as const,
        subjectId,
        event: e.event,
        seconds: e.seconds,
        depth: e.depth,
        points: e.points,
        occurredAt: e.at,
      }))
    : [];
  return { rows, points: opened + rest };
}

export async function seedDemoInterests(
  ctx: Ctx,
  opts: { customerIds: readonly string[]; demoCustomerId: string | null },
): Promise<{ readingEvents: number; scored: number; follows: number }> {
  const now = ctx.clock.now();
  await ensureTags(ctx, [...DEMO_TAGS]);
  const articlesByTag = new Map<string, string[]>();
  for (const a of await listPublishedArticles(ctx, { limit: 200 }))
    for (const t of a.tags) articlesByTag.set(t.slug, [...(articlesByTag.get(t.slug) ?? []), a.id]);
  const events: EventRow[] = [];
  const scores: (typeof interestScores.$inferInsert)[] = [];
  const follows: (typeof interestFollows.$inferInsert)[] = [];
  const readers = opts.customerIds.filter(
    (id) => id === opts.demoCustomerId || hash(id, 'reads') % 10 < 8,
  );
  for (const id of readers) {
    const favourite = DEMO_TAGS[hash(id, 'fav') % DEMO_TAGS.length]!.slug;
    const second = DEMO_TAGS[hash(id, 'second') % DEMO_TAGS.length]!.slug;
    const points = new Map<string, number>();
    const reads = 2 + (hash(id, 'n') % 7);
    for (let i = 0; i < reads; i++) {
      const tag = i % 3 === 2 ? second : favourite;
      const at = new Date(now.getTime() - (1 + (hash(id, `d${i}`) % 50)) * DAY);
      const pool = articlesByTag.get(tag) ?? [];
      const subject = pool.length ? pool[hash(id, `a${i}`) % pool.length]! : null;
      const r = reading(ctx, id, subject, at, hash(id, `f${i}`) % 3 !== 0);
      events.push(...r.rows);
      points.set(tag, (points.get(tag) ?? 0) + decay(r.points, at, now));
    }
    for (const [tagSlug, p] of points)
      scores.push({
        tenantId: ctx.tenantId,
        customerId: id,
        tagSlug,
        points: p,
        asOf: now,
        level: level(p, now),
      });
    if (id === opts.demoCustomerId || hash(id, 'follow') % 4 === 0)
      follows.push({ tenantId: ctx.tenantId, customerId: id, tagSlug: favourite, createdAt: now });
  }
  for (let i = 0; i < events.length; i += 1000)
    await ctx.tx.insert(readingEvents).values(events.slice(i, i + 1000));
  for (let i = 0; i < scores.length; i += 1000)
    await ctx.tx.insert(interestScores).values(scores.slice(i, i + 1000));
  if (follows.length) await ctx.tx.insert(interestFollows).values(follows);
  // One owner who switched personalisation off: nothing kept of their reading.
  const off = opts.customerIds.find((id) => id !== opts.demoCustomerId && !readers.includes(id));
  if (off)
    await ctx.tx
      .insert(interestSettings)
      .values({ tenantId: ctx.tenantId, customerId: off, personalised: false, updatedAt: now });
  return {
    readingEvents: events.length,
    scored: new Set(scores.map((s) => s.customerId)).size,
    follows: follows.length,
  };
}
