// Published articles for the public site's tests, written straight into the articles tables
// (the editing routes live on another branch): an author, tags and articles as the editor would
// leave them — the body sanitised, published at a given time.
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../kernel/context.ts';
import { newId } from '../../../kernel/ids.ts';
import { sanitizeRichHtml } from '../../../kernel/sanitize.ts';
import { articleAuthors, articles, articleTags, type AuthorKind } from '../articles.tables.ts';
import { ensureTags } from '../tags-ensure.ts';

export interface AuthorFixture {
  slug: string;
  displayName: string;
  kind?: AuthorKind;
  bio?: string;
  staffUserId?: string;
  storeId?: string;
}

/** An author (business by default), found by slug when it is already there. */
export async function fixtureAuthor(ctx: Ctx, a: AuthorFixture): Promise<string> {
  const [found] = await ctx.tx
    .select({ id: articleAuthors.id })
    .from(articleAuthors)
    .where(eq(articleAuthors.slug, a.slug));
  if (found) return found.id;
  const id = newId();
  await ctx.tx.insert(articleAuthors).values({
    tenantId: ctx.tenantId,
    id,
    kind: a.kind ?? 'business',
    slug: a.slug,
    displayName: a.displayName,
    bio: a.bio ?? '',
    staffUserId: a.staffUserId ?? null,
    storeId: a.storeId ?? null,
  });
  return id;
}

export interface ArticleFixture {
  slug: string;
  title: string;
  summary?: string;
  html: string;
  author: AuthorFixture;
  tags?: { slug: string; name: string }[];
  publishedAt: Date;
  /** A published edit after publication. */
  contentUpdatedAt?: Date;
  coverImageId?: string;
  readingMinutes?: number;
  status?: 'published' | 'draft' | 'archived';
  /** The row's last write (an archived article: when it was taken down). */
  updatedAt?: Date;
}

/** A published (or draft, or archived) article with its tags; returns its id. */
export async function fixtureArticle(ctx: Ctx, f: ArticleFixture): Promise<string> {
  const authorId = await fixtureAuthor(ctx, f.author);
  const id = newId();
  const status = f.status ?? 'published';
  await ctx.tx.insert(articles).values({
    tenantId: ctx.tenantId,
    id,
    slug: f.slug,
    authorId,
    title: f.title,
    summary: f.summary ?? '',
    html: sanitizeRichHtml(f.html),
    coverImageId: f.coverImageId ?? null,
    readingMinutes: f.readingMinutes ?? 3,
    status,
    publishedAt: status === 'draft' ? null : f.publishedAt,
    contentUpdatedAt: f.contentUpdatedAt ?? null,
    ...(f.updatedAt ? { updatedAt: f.updatedAt } : {}),
  });
  const tagIds = await ensureTags(ctx, f.tags ?? []);
  if (tagIds.size)
    await ctx.tx
      .insert(articleTags)
      .values(
        [...tagIds.values()].map((tagId) => ({ tenantId: ctx.tenantId, articleId: id, tagId })),
      );
  return id;
}

/** A published edit: the new text and the time readers see it changed. */
export async function fixtureEdit(
  ctx: Ctx,
  id: string,
  change: { title?: string; html?: string; at: Date },
): Promise<void> {
  await ctx.tx
    .update(articles)
    .set({
      ...(change.title ? { title: change.title } : {}),
      ...(change.html ? { html: sanitizeRichHtml(change.html) } : {}),
      contentUpdatedAt: change.at,
      updatedAt: change.at,
    })
    .where(eq(articles.id, id));
}

/** Takes a published article down (archived), at a given time. */
export async function fixtureArchive(ctx: Ctx, id: string, at: Date): Promise<void> {
  await ctx.tx
    .update(articles)
    .set({ status: 'archived', updatedAt: at })
    .where(eq(articles.id, id));
}
