// Tags staff keep: create (slug from the name unless given), rename (the slug stays: URLs, feeds
// and interest scores name tags by it), delete only when no article uses it.
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { sanitizePlainText } from '../../kernel/sanitize.ts';
import { SLUG_PATTERN, slugOf } from './articles-rules.ts';
import { articleTags, contentTags } from './articles.tables.ts';

export interface TagRow {
  id: string;
  slug: string;
  name: string;
  articles: number;
}

export async function listTagsForStaff(ctx: Ctx): Promise<TagRow[]> {
  return ctx.tx
    .select({
      id: contentTags.id,
      slug: contentTags.slug,
      name: contentTags.name,
      articles: sql<number>`(select count(*)::int from ${articleTags}
        where ${articleTags.tenantId} = ${contentTags.tenantId}
          and ${articleTags.tagId} = ${contentTags.id})`,
    })
    .from(contentTags)
    .orderBy(asc(contentTags.name));
}

async function tagRow(ctx: Ctx, id: string): Promise<TagRow> {
  const row = (await listTagsForStaff(ctx)).find((t) => t.id === id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function createTag(ctx: Ctx, input: { name: string; slug?: string | undefined }) {
  const name = sanitizePlainText(input.name);
  if (!name) throw new AppError('VALIDATION_FAILED', { field: 'name' });
  const slug = input.slug?.trim() ? input.slug.trim().toLowerCase() : slugOf(name);
  if (!SLUG_PATTERN.test(slug)) throw new AppError('VALIDATION_FAILED', { field: 'slug' });
  const [clash] = await ctx.tx
    .select({ name: contentTags.name })
    .from(contentTags)
    .where(or(eq(contentTags.slug, slug), eq(contentTags.name, name)));
  if (clash) throw new AppError('TAG_TAKEN', { field: clash.name === name ? 'name' : 'slug' });
  const id = newId();
  await ctx.tx
    .insert(contentTags)
    .values({ tenantId: ctx.tenantId, id, slug, name, createdAt: ctx.clock.now() });
  return tagRow(ctx, id);
}

export async function renameTag(ctx: Ctx, id: string, input: { name: string }) {
  await tagRow(ctx, id);
  const name = sanitizePlainText(input.name);
  if (!name) throw new AppError('VALIDATION_FAILED', { field: 'name' });
  const [clash] = await ctx.tx
    .select({ id: contentTags.id })
    .from(contentTags)
    .where(and(eq(contentTags.name, name), sql`${contentTags.id} <> ${id}`));
  if (clash) throw new AppError('TAG_TAKEN', { field: 'name' });
  await ctx.tx.update(contentTags).set({ name }).where(eq(contentTags.id, id));
  return tagRow(ctx, id);
}

export async function deleteTag(ctx: Ctx, id: string): Promise<void> {
  const tag = await tagRow(ctx, id);
  if (tag.articles > 0) throw new AppError('TAG_IN_USE', { details: { articles: tag.articles } });
  await ctx.tx.delete(contentTags).where(eq(contentTags.id, id));
}

/** Tag ids of slugs, in order; an unknown slug answers ARTICLE_TAG_UNKNOWN on `tagSlugs.<i>`. */
export async function resolveTags(ctx: Ctx, slugs: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(slugs)];
  if (!wanted.length) return [];
  const rows = await ctx.tx
    .select({ id: contentTags.id, slug: contentTags.slug })
    .from(contentTags)
    .where(inArray(contentTags.slug, wanted));
  return wanted.map((slug) => {
    const row = rows.find((r) => r.slug === slug);
    if (!row)
      throw new AppError('ARTICLE_TAG_UNKNOWN', {
        field: `tagSlugs.${slugs.indexOf(slug)}`,
        details: { slug },
      });
    return row.id;
  });
}

/** Tag slugs per article id. */
export async function tagSlugsOf(
  ctx: Ctx,
  articleIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!articleIds.length) return out;
  const rows = await ctx.tx
    .select({ articleId: articleTags.articleId, slug: contentTags.slug })
    .from(articleTags)
    .innerJoin(
      contentTags,
      and(eq(contentTags.tenantId, articleTags.tenantId), eq(contentTags.id, articleTags.tagId)),
    )
    .where(inArray(articleTags.articleId, [...articleIds]))
    .orderBy(asc(contentTags.slug));
  for (const r of rows) out.set(r.articleId, [...(out.get(r.articleId) ?? []), r.slug]);
  return out;
}
