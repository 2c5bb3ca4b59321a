// The app's 资讯: published articles ordered by the owner's interests (sum of the article's tag
// scores, newest first on a tie; newest first with no scores), one article to read, and a
// nominated KOL owner's own drafts.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { claimImages, findImages } from '../media/index.ts';
import { listStaffMembers } from '../identity/index.ts';
import { getTenant, stores } from '../tenancy/index.ts';
import { htmlOfPlainText, plainTextOfHtml } from './articles-rules.ts';
import {
  getPublishedArticle,
  listPublishedArticles,
  type PublishedArticle,
} from './articles-read.ts';
import { articleAuthors, articles } from './articles.tables.ts';
import type { KolDraftDto, NewsArticleDto, NewsItemDto } from './articles.schemas.ts';
import { publicPath, type ArticleRecord } from './articles-view.ts';
import {
  articleFor,
  changeStatus,
  createArticle,
  saveArticle,
  type Editor,
} from './articles.service.ts';
import { authorOf } from './authors.ts';
import { scoresFor } from './interests-port.ts';
import { tagSlugsOf } from './tags.ts';

/** Sum of the tag scores per article; stable order: higher score, then newer. */
export function orderByInterest<T extends { tags: { slug: string }[]; publishedAt: Date }>(
  items: readonly T[],
  scores: ReadonlyMap<string, number>,
): T[] {
  const score = (a: T) => a.tags.reduce((s, t) => s + (scores.get(t.slug) ?? 0), 0);
  return [...items].sort(
    (a, b) => score(b) - score(a) || b.publishedAt.getTime() - a.publishedAt.getTime(),
  );
}

async function bylines(ctx: Ctx, list: readonly PublishedArticle[]) {
  const authorIds = [...new Set(list.map((a) => a.author.id))];
  const authors = authorIds.length
    ? await ctx.tx
        .select({ id: articleAuthors.id, staffUserId: articleAuthors.staffUserId })
        .from(articleAuthors)
        .where(inArray(articleAuthors.id, authorIds))
    : [];
  const staffIds = authors.flatMap((a) => (a.staffUserId ? [a.staffUserId] : []));
  const staff = staffIds.length ? await listStaffMembers(ctx, { ids: staffIds }) : [];
  const storeIds = [...new Set(list.flatMap((a) => (a.author.storeId ? [a.author.storeId] : [])))];
  const storeRows = storeIds.length
    ? await ctx.tx
        .select({ id: stores.id, name: stores.name })
        .from(stores)
        .where(inArray(stores.id, storeIds))
    : [];
  return (a: PublishedArticle): NewsItemDto['byline'] => {
    const staffUserId = authors.find((x) => x.id === a.author.id)?.staffUserId;
    return {
      kind: a.author.kind,
      displayName: a.author.displayName,
      staffRole: staff.find((s) => s.id === staffUserId)?.role ?? null,
      storeName: storeRows.find((s) => s.id === a.author.storeId)?.name ?? null,
    };
  };
}

const item = (a: PublishedArticle, byline: NewsItemDto['byline']): NewsItemDto => ({
  id: a.id,
  slug: a.slug,
  title: a.title,
  summary: a.summary,
  cover: a.cover,
  readingMinutes: a.readingMinutes,
  byline,
  tags: a.tags,
  publishedAt: a.publishedAt.toISOString(),
});

export async function listNews(
  ctx: Ctx,
  customerId: string,
  tag: string | undefined,
): Promise<{ items: NewsItemDto[]; personalised: boolean }> {
  const list = await listPublishedArticles(ctx, { tagSlug: tag, limit: 100 });
  const scores = await scoresFor(ctx, customerId);
  const ordered = scores.size ? orderByInterest(list, scores) : list;
  const by = await bylines(ctx, ordered);
  return { items: ordered.map((a) => item(a, by(a))), personalised: scores.size > 0 };
}

export async function readNews(ctx: Ctx, slug: string): Promise<NewsArticleDto> {
  const a = await getPublishedArticle(ctx, slug);
  if (!a) throw new AppError('NOT_FOUND');
  const by = await bylines(ctx, [a]);
  const tenant = await getTenant(ctx);
  return {
    ...item(a, by(a)),
    html: a.html,
    updatedAt: a.updatedAt.toISOString(),
    publicPath: publicPath(tenant.slug, a.slug),
  };
}

// ---- KOL drafting ----

/** The owner's editor identity as a nominated KOL, or ARTICLE_NOT_AUTHOR. */
export async function kolEditor(ctx: Ctx, customerId: string): Promise<Editor> {
  const author = await authorOf(ctx, { customerId });
  if (!author || author.kind !== 'kol') throw new AppError('ARTICLE_NOT_AUTHOR');
  return { kind: 'kol', customerId, authorId: author.id };
}

export async function newsMe(ctx: Ctx, customerId: string) {
  const author = await authorOf(ctx, { customerId });
  return { kol: author?.kind === 'kol', tenantSlug: (await getTenant(ctx)).slug };
}

async function draftDtos(ctx: Ctx, rows: readonly ArticleRecord[]): Promise<KolDraftDto[]> {
  const tags = await tagSlugsOf(
    ctx,
    rows.map((r) => r.id),
  );
  const images = await findImages(
    ctx,
    rows.flatMap((r) => r.imageIds),
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    text: plainTextOfHtml(r.html),
    images: r.imageIds.flatMap((id) => images.get(id) ?? []),
    tagSlugs: tags.get(r.id) ?? [],
    status: r.status,
    slug: r.slug,
    reviewNote: r.reviewNote,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

export async function myDrafts(ctx: Ctx, customerId: string) {
  const e = await kolEditor(ctx, customerId);
  if (e.kind !== 'kol') return { items: [] };
  const rows = await ctx.tx
    .select()
    .from(articles)
    .where(and(eq(articles.authorId, e.authorId)))
    .orderBy(desc(articles.updatedAt));
  return { items: await draftDtos(ctx, rows) };
}

export async function myDraft(ctx: Ctx, customerId: string, id: string) {
  const e = await kolEditor(ctx, customerId);
  const row = await articleFor(ctx, e, id);
  return (await draftDtos(ctx, [row]))[0]!;
}

interface KolInput {
  title: string;
  text: string;
  imageIds: readonly string[];
  tagSlugs: readonly string[];
}

async function kolContent(ctx: Ctx, customerId: string, input: KolInput) {
  const images = await claimImages(ctx, input.imageIds, { customerId }, 'imageIds');
  return {
    title: input.title,
    summary: input.text.replace(/\s+/g, ' ').trim().slice(0, 80),
    html: htmlOfPlainText(
      input.text,
      images.map((i) => i.url),
    ),
    coverImageId: images[0]?.id ?? null,
    tagSlugs: input.tagSlugs,
  };
}

export async function createKolDraft(ctx: Ctx, customerId: string, input: KolInput) {
  const e = await kolEditor(ctx, customerId);
  const row = await createArticle(ctx, e, await kolContent(ctx, customerId, input));
  return (await draftDtos(ctx, [row]))[0]!;
}

export async function saveKolDraft(
  ctx: Ctx,
  customerId: string,
  id: string,
  input: KolInput & { version: number },
) {
  const e = await kolEditor(ctx, customerId);
  await articleFor(ctx, e, id);
  const row = await saveArticle(ctx, e, id, {
    ...(await kolContent(ctx, customerId, input)),
    version: input.version,
  });
  return (await draftDtos(ctx, [row]))[0]!;
}

export async function submitKolDraft(ctx: Ctx, customerId: string, id: string) {
  const e = await kolEditor(ctx, customerId);
  const row = await changeStatus(ctx, e, id, 'submit');
  return (await draftDtos(ctx, [row]))[0]!;
}
