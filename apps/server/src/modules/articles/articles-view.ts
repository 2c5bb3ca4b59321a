// Articles as staff see them in the console: any status, with author, tags, cover and version.
import { and, desc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { findImages } from '../media/index.ts';
import { getTenant } from '../tenancy/index.ts';
import { articleAuthors, articles, type ArticleStatus } from './articles.tables.ts';
import type { ArticleDto, ArticleRowDto } from './articles.schemas.ts';
import { tagSlugsOf } from './tags.ts';

export type ArticleRecord = typeof articles.$inferSelect;

export const publicPath = (tenantSlug: string, slug: string) =>
  `/site/${tenantSlug}/articles/${slug}`;

export async function articleRows(
  ctx: Ctx,
  rows: readonly ArticleRecord[],
): Promise<ArticleRowDto[]> {
  if (!rows.length) return [];
  const authors = await ctx.tx
    .select()
    .from(articleAuthors)
    .where(inArray(articleAuthors.id, [...new Set(rows.map((r) => r.authorId))]));
  const tags = await tagSlugsOf(
    ctx,
    rows.map((r) => r.id),
  );
  const covers = await findImages(
    ctx,
    rows.flatMap((r) => (r.coverImageId ? [r.coverImageId] : [])),
  );
  return rows.map((r) => {
    const a = authors.find((x) => x.id === r.authorId)!;
    return {
      id: r.id,
      slug: r.slug,
      title: r.title,
      summary: r.summary,
      status: r.status,
      author: { id: a.id, kind: a.kind, displayName: a.displayName, slug: a.slug },
      tagSlugs: tags.get(r.id) ?? [],
      cover: (r.coverImageId && covers.get(r.coverImageId)) || null,
      readingMinutes: r.readingMinutes,
      publishAt: r.publishAt?.toISOString() ?? null,
      publishedAt: r.publishedAt?.toISOString() ?? null,
      updatedAt: r.updatedAt.toISOString(),
      version: r.version,
      reviewNote: r.reviewNote,
    };
  });
}

export async function findArticle(ctx: Ctx, id: string): Promise<ArticleRecord> {
  const [row] = await ctx.tx.select().from(articles).where(eq(articles.id, id));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function articleDto(ctx: Ctx, row: ArticleRecord): Promise<ArticleDto> {
  const [dto] = await articleRows(ctx, [row]);
  const tenant = await getTenant(ctx);
  return { ...dto!, html: row.html, publicPath: publicPath(tenant.slug, row.slug) };
}

/** Newest change first; `authorIds` limits the list (a writer without the publishing role). */
export async function listArticles(
  ctx: Ctx,
  q: { status?: ArticleStatus | undefined; q?: string | undefined },
  authorIds: readonly string[] | null,
): Promise<ArticleRowDto[]> {
  const where: SQL[] = [];
  if (q.status) where.push(eq(articles.status, q.status));
  if (q.q) {
    const like = `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(articles.title, like), ilike(articles.summary, like))!);
  }
  if (authorIds) {
    if (!authorIds.length) return [];
    where.push(inArray(articles.authorId, [...authorIds]));
  }
  const rows = await ctx.tx
    .select()
    .from(articles)
    .where(and(...where))
    .orderBy(desc(articles.updatedAt), desc(articles.id))
    .limit(200);
  return articleRows(ctx, rows);
}
