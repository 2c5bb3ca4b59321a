// Writing articles: create and save (every save a revision, `version` guarding against a stale
// editor), publish now, schedule, unpublish, review a KOL's draft, restore a revision. Owners and
// managers publish; other staff authors and KOL owners write drafts of their own.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { actorRole } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { listStaffMembers } from '../identity/index.ts';
import { editableBy, nextStatus, PUBLISHER_ROLES, type ArticleAction } from './articles-rules.ts';
import { articleRevisions, articles, contentTags } from './articles.tables.ts';
import type { ArticleDto } from './articles.schemas.ts';
import { articleDto, findArticle, type ArticleRecord } from './articles-view.ts';
import { authorOf, businessAuthor, findAuthor } from './authors.ts';
import {
  freeArticleSlug,
  prepareContent,
  setTags,
  writeRevision,
  type ContentInput,
} from './content.ts';

/** Who edits: staff (publishers or not) or a KOL owner writing as their author. */
export type Editor =
  | { kind: 'staff'; staffUserId: string; publisher: boolean }
  | { kind: 'kol'; customerId: string; authorId: string };

export function staffEditor(ctx: Ctx): Editor {
  const role = actorRole(ctx.actor);
  return {
    kind: 'staff',
    staffUserId: ctx.actor.id!,
    publisher: (PUBLISHER_ROLES as readonly string[]).includes(role ?? ''),
  };
}

const savedBy = (e: Editor) =>
  e.kind === 'staff' ? { staffUserId: e.staffUserId } : { customerId: e.customerId };

/** The author an editor writes as: publishers any active one (default the business). */
async function authorFor(ctx: Ctx, e: Editor, authorId: string | undefined): Promise<string> {
  if (e.kind === 'kol') return e.authorId;
  if (e.publisher) {
    if (!authorId) return (await businessAuthor(ctx)).id;
    const a = await findAuthor(ctx, authorId);
    if (!a || a.active !== 1) throw new AppError('ARTICLE_AUTHOR_UNKNOWN', { field: 'authorId' });
    return a.id;
  }
  const own = await authorOf(ctx, { staffUserId: e.staffUserId });
  if (!own || (authorId && authorId !== own.id))
    throw new AppError('ARTICLE_NOT_AUTHOR', { field: authorId ? 'authorId' : undefined });
  return own.id;
}

/** The article if this editor may open it: publishers all, others their own author's only. */
export async function articleFor(ctx: Ctx, e: Editor, id: string): Promise<ArticleRecord> {
  const row = await findArticle(ctx, id);
  if (e.kind === 'staff' && e.publisher) return row;
  const own =
    e.kind === 'kol' ? { id: e.authorId } : await authorOf(ctx, { staffUserId: e.staffUserId });
  if (!own || own.id !== row.authorId) throw new AppError('ARTICLE_NOT_AUTHOR');
  return row;
}

export async function createArticle(
  ctx: Ctx,
  e: Editor,
  input: ContentInput & { authorId?: string | undefined },
): Promise<ArticleRecord> {
  const authorId = await authorFor(ctx, e, input.authorId);
  const c = await prepareContent(ctx, input);
  const id = newId();
  const now = ctx.clock.now();
  const [row] = await ctx.tx
    .insert(articles)
    .values({
      tenantId: ctx.tenantId,
      id,
      slug: await freeArticleSlug(ctx, c.title, null),
      authorId,
      title: c.title,
      summary: c.summary,
      html: c.html,
      coverImageId: c.coverImageId,
      imageIds: c.imageIds,
      readingMinutes: c.readingMinutes,
      version: 1,
      createdBy: e.kind === 'staff' ? e.staffUserId : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await setTags(ctx, id, c.tagIds);
  await writeRevision(ctx, id, 1, c, savedBy(e));
  await recordAudit(ctx, { action: 'article.created', entityType: 'article', entityId: id });
  return row!;
}

/**
 * Saves the editor's text as the next version. A save from an older version than the current
 * one answers ARTICLE_VERSION_STALE (someone saved meanwhile). The slug follows the title until
 * the first publication; a published article's edit moves its `contentUpdatedAt`.
 */
export async function saveArticle(
  ctx: Ctx,
  e: Editor,
  id: string,
  input: ContentInput & { authorId?: string | undefined; version: number },
): Promise<ArticleRecord> {
  const row = await articleFor(ctx, e, id);
  if (!editableBy(row.status, e.kind))
    throw new AppError(row.status === 'in_review' ? 'ARTICLE_IN_REVIEW' : 'ARTICLE_STATUS_INVALID');
  if (e.kind === 'staff' && !e.publisher && row.status !== 'draft')
    throw new AppError('ARTICLE_PUBLISH_FORBIDDEN');
  const authorId =
    input.authorId && input.authorId !== row.authorId
      ? await authorFor(ctx, e, input.authorId)
      : row.authorId;
  const c = await prepareContent(ctx, input);
  const now = ctx.clock.now();
  const slug =
    row.publishedAt || c.title === row.title ? row.slug : await freeArticleSlug(ctx, c.title, id);
  const [updated] = await ctx.tx
    .update(articles)
    .set({
      slug,
      authorId,
      title: c.title,
      summary: c.summary,
      html: c.html,
      coverImageId: c.coverImageId,
      imageIds: c.imageIds,
      readingMinutes: c.readingMinutes,
      version: sql`${articles.version} + 1`,
      ...(row.status === 'published' ? { contentUpdatedAt: now } : {}),
      updatedAt: now,
    })
    .where(and(eq(articles.id, id), eq(articles.version, input.version)))
    .returning();
  if (!updated)
    throw new AppError('ARTICLE_VERSION_STALE', {
      field: 'version',
      details: { currentVersion: row.version },
    });
  await setTags(ctx, id, c.tagIds);
  await writeRevision(ctx, id, updated.version, c, savedBy(e));
  return updated;
}

/** Applies a status action; publishing ones need the owner or a manager. */
export async function changeStatus(
  ctx: Ctx,
  e: Editor,
  id: string,
  action: Exclude<ArticleAction, 'due'>,
  extra: { publishAt?: string; note?: string } = {},
): Promise<ArticleRecord> {
  if (action === 'submit' ? e.kind !== 'kol' : !(e.kind === 'staff' && e.publisher))
    throw new AppError(action === 'submit' ? 'ARTICLE_NOT_AUTHOR' : 'ARTICLE_PUBLISH_FORBIDDEN');
  const row = await articleFor(ctx, e, id);
  const to = nextStatus(row.status, action);
  if (!to) throw new AppError('ARTICLE_STATUS_INVALID', { details: { status: row.status } });
  const now = ctx.clock.now();
  const set: Partial<typeof articles.$inferInsert> = { status: to, updatedAt: now };
  if (action === 'publish') {
    Object.assign(set, { publishAt: null, reviewNote: null, publishedAt: row.publishedAt ?? now });
    if (row.publishedAt) set.contentUpdatedAt = now;
  } else if (action === 'schedule') {
    const at = new Date(extra.publishAt!);
    if (!(at.getTime() > now.getTime()))
      throw new AppError('ARTICLE_PUBLISH_AT_PAST', { field: 'publishAt' });
    Object.assign(set, { publishAt: at, reviewNote: null });
  } else if (action === 'unpublish') {
    set.publishAt = null;
  } else if (action === 'return') {
    set.reviewNote = extra.note ?? '';
  } else if (action === 'submit') {
    set.reviewNote = null;
  }
  const [updated] = await ctx.tx.update(articles).set(set).where(eq(articles.id, id)).returning();
  await recordAudit(ctx, {
    action: `article.${action}`,
    entityType: 'article',
    entityId: id,
    changes: { from: row.status, to },
  });
  return updated!;
}

export async function listRevisions(ctx: Ctx, e: Editor, id: string) {
  await articleFor(ctx, e, id);
  const rows = await ctx.tx
    .select()
    .from(articleRevisions)
    .where(eq(articleRevisions.articleId, id))
    .orderBy(asc(articleRevisions.version));
  const staffIds = [...new Set(rows.flatMap((r) => r.savedByStaffUserId ?? []))];
  const staff = staffIds.length ? await listStaffMembers(ctx, { ids: staffIds }) : [];
  return rows.reverse().map((r) => ({
    version: r.version,
    title: r.title,
    summary: r.summary,
    tagSlugs: r.tagSlugs,
    savedBy: staff.find((s) => s.id === r.savedByStaffUserId)?.name ?? null,
    savedAt: r.createdAt.toISOString(),
    chars: r.html.replace(/<[^>]*>/g, '').length,
  }));
}

/** An older revision comes back as a new save (its tags that were deleted since are left out). */
export async function restoreRevision(
  ctx: Ctx,
  e: Editor,
  id: string,
  revision: number,
  version: number,
): Promise<ArticleRecord> {
  await articleFor(ctx, e, id);
  const [rev] = await ctx.tx
    .select()
    .from(articleRevisions)
    .where(and(eq(articleRevisions.articleId, id), eq(articleRevisions.version, revision)));
  if (!rev) throw new AppError('ARTICLE_REVISION_UNKNOWN', { field: 'revision' });
  const known = await ctx.tx.select({ slug: contentTags.slug }).from(contentTags);
  return saveArticle(ctx, e, id, {
    title: rev.title,
    summary: rev.summary,
    html: rev.html,
    coverImageId: rev.coverImageId,
    tagSlugs: rev.tagSlugs.filter((s) => known.some((k) => k.slug === s)),
    version,
  });
}

export const asDto = (ctx: Ctx, row: ArticleRecord): Promise<ArticleDto> => articleDto(ctx, row);
