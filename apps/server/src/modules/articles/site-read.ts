// What the public site reads besides the published read model (articles-read.ts): the newest
// change a page or feed shows (its Last-Modified), and the names of staff authors' stores.
import { and, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { listStoresFor } from '../tenancy/index.ts';
import { articleAuthors, articles, articleTags, contentTags } from './articles.tables.ts';
import type { SiteScope } from './site-urls.ts';

function inScope(ctx: Ctx, scope: SiteScope): SQL | undefined {
  if (scope.kind === 'tag') {
    const tagged = ctx.tx
      .select({ id: articleTags.articleId })
      .from(articleTags)
      .innerJoin(
        contentTags,
        and(eq(contentTags.tenantId, articleTags.tenantId), eq(contentTags.id, articleTags.tagId)),
      )
      .where(eq(contentTags.slug, scope.slug));
    return inArray(articles.id, tagged);
  }
  if (scope.kind === 'author') {
    const author = ctx.tx
      .select({ id: articleAuthors.id })
      .from(articleAuthors)
      .where(eq(articleAuthors.slug, scope.slug));
    return inArray(articles.authorId, author);
  }
  return undefined;
}

/**
 * The newest change readers of a scope could notice: a publication or a published edit, an
 * article taken down (archived after publication: its `updated_at`), or a byline renamed. Null
 * when nothing was ever published there.
 */
export async function lastSiteChange(ctx: Ctx, scope: SiteScope): Promise<Date | null> {
  const [row] = await ctx.tx
    .select({
      at: sql<string | null>`max(greatest(
        coalesce(${articles.contentUpdatedAt}, ${articles.publishedAt}),
        case when ${articles.status} <> 'published' then ${articles.updatedAt} end))`,
    })
    .from(articles)
    .where(and(isNotNull(articles.publishedAt), inScope(ctx, scope)));
  const published = row?.at ? new Date(row.at) : null;
  if (!published) return null;
  // A byline edited after it was created (not its creation, which shows only with an article).
  const [authors] = await ctx.tx
    .select({ at: sql<string | null>`max(${articleAuthors.updatedAt})` })
    .from(articleAuthors)
    .where(
      and(
        sql`${articleAuthors.updatedAt} > ${articleAuthors.createdAt}`,
        scope.kind === 'author' ? eq(articleAuthors.slug, scope.slug) : undefined,
      ),
    );
  const renamed = authors?.at ? new Date(authors.at) : null;
  return renamed && renamed > published ? renamed : published;
}

/** Store names by id (staff bylines). */
export async function storeNames(
  ctx: Ctx,
  ids: readonly (string | null)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (!wanted.length) return new Map();
  const stores = await listStoresFor(ctx, wanted);
  return new Map(stores.map((s) => [s.id, s.name]));
}

/** The slugs of tags on at least one published article (the home page lists only those). */
export async function publishedTagSlugs(ctx: Ctx): Promise<Set<string>> {
  const rows = await ctx.tx
    .selectDistinct({ slug: contentTags.slug })
    .from(articleTags)
    .innerJoin(
      contentTags,
      and(eq(contentTags.tenantId, articleTags.tenantId), eq(contentTags.id, articleTags.tagId)),
    )
    .innerJoin(
      articles,
      and(eq(articles.tenantId, articleTags.tenantId), eq(articles.id, articleTags.articleId)),
    )
    .where(eq(articles.status, 'published'));
  return new Set(rows.map((r) => r.slug));
}
