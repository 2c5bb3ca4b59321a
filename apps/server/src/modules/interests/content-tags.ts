// Which tags a piece of content carries, asked of the modules that own content (articles, the
// magazine) through the `contentTags` hook. Several providers: each answers the refs it knows,
// and a ref no provider knows is unknown (the reading route answers 404).
import type { Ctx } from '../../kernel/context.ts';

export type ContentTagsProvider = (
  ctx: Ctx,
  refs: readonly { type: string; id: string }[],
) => Promise<Map<string, string[]>>;

const providers: ContentTagsProvider[] = [];

/** Adds a provider (wired by src/modules.ts); answers a function that removes it (tests). */
export function registerContentTags(provider: ContentTagsProvider): () => void {
  providers.push(provider);
  return () => {
    const i = providers.indexOf(provider);
    if (i >= 0) providers.splice(i, 1);
  };
}

/** Tag slugs by `${type}:${id}`, from every provider; refs nobody knows are absent. */
export async function contentTagsOf(
  ctx: Ctx,
  refs: readonly { type: string; id: string }[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const provider of providers) {
    const answer = await provider(ctx, refs);
    for (const [key, slugs] of answer)
      out.set(key, [...new Set([...(out.get(key) ?? []), ...slugs])]);
  }
  return out;
}
