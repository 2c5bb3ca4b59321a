// What an article's saved content becomes on the server: plain title and summary, sanitised
// HTML showing only this tenant's media images, a known cover, known tags and the reading time.
import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { sanitizePlainText, sanitizeRichHtml } from '../../kernel/sanitize.ts';
import { findImages } from '../media/index.ts';
import { imageIdsIn, keepOwnImages, readingMinutes, slugOf, uniqueSlug } from './articles-rules.ts';
import { articleRevisions, articles, articleTags } from './articles.tables.ts';
import { resolveTags } from './tags.ts';

export interface ContentInput {
  title: string;
  summary: string;
  html: string;
  coverImageId?: string | null | undefined;
  tagSlugs: readonly string[];
}

export interface Content {
  title: string;
  summary: string;
  html: string;
  coverImageId: string | null;
  imageIds: string[];
  readingMinutes: number;
  tagIds: string[];
  tagSlugs: string[];
}

export async function prepareContent(ctx: Ctx, input: ContentInput): Promise<Content> {
  const title = sanitizePlainText(input.title);
  if (!title) throw new AppError('ARTICLE_TITLE_EMPTY', { field: 'title' });
  const clean = sanitizeRichHtml(input.html);
  const found = await findImages(ctx, imageIdsIn(clean, ctx.tenantId));
  const { html, imageIds } = keepOwnImages(clean, ctx.tenantId, (id) => found.has(id));
  const coverImageId = input.coverImageId ?? null;
  if (coverImageId && !(await findImages(ctx, [coverImageId])).has(coverImageId))
    throw new AppError('MEDIA_NOT_FOUND', { field: 'coverImageId' });
  const tagSlugs = [...new Set(input.tagSlugs)];
  const tagIds = await resolveTags(ctx, input.tagSlugs);
  return {
    title,
    summary: sanitizePlainText(input.summary),
    html,
    coverImageId,
    imageIds,
    readingMinutes: readingMinutes(html),
    tagIds,
    tagSlugs,
  };
}

/** A slug for the title not used by another article of the tenant. */
export async function freeArticleSlug(
  ctx: Ctx,
  title: string,
  self: string | null,
): Promise<string> {
  const base = slugOf(title);
  const rows = await ctx.tx
    .select({ slug: articles.slug })
    .from(articles)
    .where(
      and(
        sql`(${articles.slug} = ${base} or ${articles.slug} like ${base + '-%'})`,
        self ? sql`${articles.id} <> ${self}` : undefined,
      ),
    );
  return uniqueSlug(base, new Set(rows.map((r) => r.slug)));
}

/** The article's tags become exactly these. */
export async function setTags(ctx: Ctx, articleId: string, tagIds: readonly string[]) {
  await ctx.tx.delete(articleTags).where(eq(articleTags.articleId, articleId));
  if (tagIds.length)
    await ctx.tx
      .insert(articleTags)
      .values(tagIds.map((tagId) => ({ tenantId: ctx.tenantId, articleId, tagId })));
}

/** Records a saved version. */
export async function writeRevision(
  ctx: Ctx,
  articleId: string,
  version: number,
  c: Content,
  by: { staffUserId: string } | { customerId: string } | null,
) {
  await ctx.tx.insert(articleRevisions).values({
    tenantId: ctx.tenantId,
    articleId,
    version,
    title: c.title,
    summary: c.summary,
    html: c.html,
    coverImageId: c.coverImageId,
    tagSlugs: c.tagSlugs,
    savedByStaffUserId: by && 'staffUserId' in by ? by.staffUserId : null,
    savedByCustomerId: by && 'customerId' in by ? by.customerId : null,
    createdAt: ctx.clock.now(),
  });
}
