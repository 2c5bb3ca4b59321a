// The matches a manager reads in the console: newest first, crisis alerts or rule matches, with
// the item, its feed and the rule that found it.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { iso, isoOrNull, newestFirst, takePage } from '../../kernel/paging.ts';
import type { MatchDto, MatchListQuery } from './monitoring.schemas.ts';
import { monitorFeeds, monitorItems, monitorMatches, monitorRules } from './monitoring.tables.ts';
import type { z } from 'zod';

export async function listMatches(
  ctx: Ctx,
  q: z.infer<typeof MatchListQuery>,
): Promise<{ items: MatchDto[]; nextCursor: string | null }> {
  const paging = newestFirst('monitor_matches', 'created_at', q.cursor);
  const rows = await ctx.tx
    .select({
      m: monitorMatches,
      i: monitorItems,
      f: { id: monitorFeeds.id, name: monitorFeeds.name, kind: monitorFeeds.kind },
      r: { id: monitorRules.id, name: monitorRules.name },
      sortKey: paging.sortKey,
    })
    .from(monitorMatches)
    .innerJoin(monitorItems, eq(monitorItems.id, monitorMatches.itemId))
    .innerJoin(monitorFeeds, eq(monitorFeeds.id, monitorMatches.feedId))
    .leftJoin(monitorRules, eq(monitorRules.id, monitorMatches.ruleId))
    .where(
      and(
        q.crisis ? eq(monitorMatches.crisis, q.crisis === 'true') : undefined,
        q.feedId ? eq(monitorMatches.feedId, q.feedId) : undefined,
        paging.after,
      ),
    )
    .orderBy(desc(monitorMatches.createdAt), desc(monitorMatches.id))
    .limit(q.limit + 1);
  const { pageRows, nextCursor } = takePage(rows, q.limit, (r) => [r.sortKey, r.m.id]);
  return {
    items: pageRows.map(({ m, i, f, r }) => ({
      id: m.id,
      crisis: m.crisis,
      terms: m.terms,
      delivery: m.delivery,
      notifiedAt: isoOrNull(m.notifiedAt),
      createdAt: iso(m.createdAt),
      rule: r?.id ? { id: r.id, name: r.name } : null,
      feed: f,
      item: {
        id: i.id,
        title: i.title,
        summary: i.summary,
        author: i.author,
        link: i.link,
        publishedAt: isoOrNull(i.publishedAt),
      },
    })),
    nextCursor,
  };
}

/** Crisis alerts of the last `days` days (the console's headline). */
export async function recentCrisisCount(ctx: Ctx, since: Date): Promise<number> {
  const [row] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(monitorMatches)
    .where(
      and(
        eq(monitorMatches.crisis, true),
        sql`${monitorMatches.createdAt} >= ${since.toISOString()}::timestamptz`,
      ),
    );
  return Number(row?.n ?? 0);
}
