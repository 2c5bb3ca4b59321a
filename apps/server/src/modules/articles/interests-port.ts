// The interests a customer has per tag (answered by the interests module through the root), and
// the tags of articles other modules ask for (the contentTags hook).
import { inArray } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { articles } from './articles.tables.ts';
import { tagSlugsOf } from './tags.ts';

export type InterestScores = (ctx: Ctx, customerId: string) => Promise<Map<string, number>>;

let interestScores: InterestScores | null = null;

/** Wired by src/modules.ts when a module provides interest scores. */
export function setInterestScores(fn: InterestScores): void {
  interestScores = fn;
}

/** The customer's score per tag slug; empty with no provider or personalisation off. */
export async function scoresFor(ctx: Ctx, customerId: string): Promise<Map<string, number>> {
  return interestScores ? interestScores(ctx, customerId) : new Map();
}

/** Tag slugs by `article:<id>` for the article refs among `refs`; unknown ids are absent. */
export async function articleContentTags(
  ctx: Ctx,
  refs: readonly { type: string; id: string }[],
): Promise<Map<string, string[]>> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const ids = refs.filter((r) => r.type === 'article' && uuid.test(r.id)).map((r) => r.id);
  const out = new Map<string, string[]>();
  if (!ids.length) return out;
  const rows = await ctx.tx
    .select({ id: articles.id })
    .from(articles)
    .where(inArray(articles.id, ids));
  const tags = await tagSlugsOf(
    ctx,
    rows.map((r) => r.id),
  );
  for (const r of rows) out.set(`article:${r.id}`, tags.get(r.id) ?? []);
  return out;
}
