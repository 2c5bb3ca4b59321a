// Published articles as readers, public pages and feeds see them: newest first, by tag or by
// author, with their byline, tags and cover. Drafts, reviews and schedules never show here.
import { and, asc, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { findImages, type StoredImage } from '../media/index.ts';
import {
  articleAuthors,
  articles,
  articleTags,
  contentTags,
  type AuthorKind,
} from './articles.tables.ts';

export interface ArticleTag {
  slug: string;
  name: string;
}

export interface ArticleByline {
  id: string;
  slug: string;
  kind: AuthorKind;
  displayName: string;
  bio: string;
  /** Staff authors: their store (shown with the role on tech tips). */
  storeId: string | null;
}

export interface PublishedArticle {
  id: string;
  slug: string;
  title: string;
  summary: string;
  /** Sanitised HTML. */
  html: string;
  cover: StoredImage | null;
  readingMinutes: number;
  author: ArticleByline;
  tags: ArticleTag[];
  publishedAt: Date;
  /** The last change readers saw (equal to publishedAt until an edit after publication). */
  updatedAt: Date;
}

export interface PublishedQuery {
  tagSlug?: string | undefined;
  authorSlug?: string | undefined;
  /** Newest first; continue below this (publishedAt, id). */
  before?: { publishedAt: Date; id: string } | undefined;
  limit: number;
}

type ArticleRow = typeof articles.$inferSelect;

/** Bylines, tags and covers of article rows, in their order. */
async function withDetails(ctx: Ctx, rows: readonly ArticleRow[]): Promise<PublishedArticle[]> {
  if (!rows.length) return [];
  const authorIds = [...new Set(rows.map((r) => r.authorId))];
  const authors = await ctx.tx
    .select()
    .from(articleAuthors)
    .where(inArray(articleAuthors.id, authorIds));
  const byAuthor = new Map(authors.map((a) => [a.id, a]));
  const tags = await ctx.tx
    .select({ articleId: articleTags.articleId, slug: contentTags.slug, name: contentTags.name })
    .from(articleTags)
    .innerJoin(
      contentTags,
      and(eq(contentTags.tenantId, articleTags.tenantId), eq(contentTags.id, articleTags.tagId)),
    )
    .where(
      inArray(
        articleTags.articleId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(contentTags.name));
  const covers = await findImages(
    ctx,
    rows.flatMap((r) => (r.coverImageId ? [r.coverImageId] : [])),
  );
  return rows.map((r) => {
    const a = byAuthor.get(r.authorId)!;
    return {
      id: r.id,
      slug: r.slug,
      title: r.title,
      summary: r.summary,
      html: r.html,
      cover: (r.coverImageId && covers.get(r.coverImageId)) || null,
      readingMinutes: r.readingMinutes,
      author: {
        id: a.id,
        slug: a.slug,
        kind: a.kind,
        displayName: a.displayName,
        bio: a.bio,
        storeId: a.storeId,
      },
      tags: tags.filter((t) => t.articleId === r.id).map(({ slug, name }) => ({ slug, name })),
      publishedAt: r.publishedAt!,
      updatedAt: r.contentUpdatedAt ?? r.publishedAt!,
    };
  });
}

/** Published articles, newest first, optionally of one tag or one author. */
export async function listPublishedArticles(
  ctx: Ctx,
  q: PublishedQuery,
): Promise<PublishedArticle[]> {
  const where: SQL[] = [eq(articles.status, 'published')];
  if (q.tagSlug !== undefined) {
    const tagged = ctx.tx
      .select({ id: articleTags.articleId })
      .from(articleTags)
      .innerJoin(
        contentTags,
        and(eq(contentTags.tenantId, articleTags.tenantId), eq(contentTags.id, articleTags.tagId)),
      )
      .where(eq(contentTags.slug, q.tagSlug));
    where.push(inArray(articles.id, tagged));
  }
  if (q.authorSlug !== undefined) {
    const author = ctx.tx
      .select({ id: articleAuthors.id })
      .from(articleAuthors)
      .where(eq(articleAuthors.slug, q.authorSlug));
    where.push(inArray(articles.authorId, author));
  }
  if (q.before) {
    where.push(
      or(
        lt(articles.publishedAt, q.before.publishedAt),
        and(eq(articles.publishedAt, q.before.publishedAt), lt(articles.id, q.before.id)),
      )!,
    );
  }
  const rows = await ctx.tx
    .select()
    .from(articles)
    .where(and(...where))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(q.limit);
  return withDetails(ctx, rows);
}

/** One published article by its slug (or id), or null. */
export async function getPublishedArticle(
  ctx: Ctx,
  slugOrId: string,
): Promise<PublishedArticle | null> {
  const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(slugOrId);
  const [row] = await ctx.tx
    .select()
    .from(articles)
    .where(
      and(
        eq(articles.status, 'published'),
        isId ? eq(articles.id, slugOrId) : eq(articles.slug, slugOrId),
      ),
    )
    .limit(1);
  if (!row) return null;
  const [out] = await withDetails(ctx, [row]);
  return out ?? null;
}

/** The tenant's tags, by name. */
export async function listTags(ctx: Ctx): Promise<(ArticleTag & { id: string })[]> {
  return ctx.tx
    .select({ id: contentTags.id, slug: contentTags.slug, name: contentTags.name })
    .from(contentTags)
    .orderBy(asc(contentTags.name));
}

/** Active authors with at least one published article, by name (the tenant home's bylines). */
export async function listAuthors(ctx: Ctx): Promise<ArticleByline[]> {
  const published = ctx.tx
    .select({ id: articles.authorId })
    .from(articles)
    .where(eq(articles.status, 'published'));
  const rows = await ctx.tx
    .select()
    .from(articleAuthors)
    .where(inArray(articleAuthors.id, published))
    .orderBy(asc(articleAuthors.displayName));
  return rows.map((a) => ({
    id: a.id,
    slug: a.slug,
    kind: a.kind,
    displayName: a.displayName,
    bio: a.bio,
    storeId: a.storeId,
  }));
}
