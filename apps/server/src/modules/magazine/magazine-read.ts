// The e-magazine as readers and editors see it: an issue with its sections, pages, photos and the
// credits of readers' pages, and the list of issues (the app sees published ones only).
import { and, asc, desc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { iso, isoOrNull } from '../../kernel/paging.ts';
import { customers } from '../customers/index.ts';
import { findImages, type StoredImage } from '../media/index.ts';
import { courtesyName, creditInitial } from './magazine-rules.ts';
import type { IssueDto, IssueSummary } from './magazine.schemas.ts';
import {
  magazineCalls,
  magazineContributions,
  magazineIssues,
  magazinePages,
  magazineSections,
} from './magazine.tables.ts';

export type IssueRow = typeof magazineIssues.$inferSelect;
export type PageRow = typeof magazinePages.$inferSelect;

export const CREDIT_LABEL = '读者投稿';

/** The app's reader of an issue (signed-in owners). */
export const shareUrlOf = (issueId: string) => `/app/magazine/${issueId}`;

/** The issue row (locked when asked); NOT_FOUND otherwise, or when the app may not see it. */
export async function findIssue(
  ctx: Ctx,
  issueId: string,
  opts: { lock?: boolean; publishedOnly?: boolean } = {},
): Promise<IssueRow> {
  const q = ctx.tx
    .select()
    .from(magazineIssues)
    .where(and(eq(magazineIssues.tenantId, ctx.tenantId), eq(magazineIssues.id, issueId)));
  const [row] = opts.lock ? await q.for('update') : await q;
  if (!row || (opts.publishedOnly && row.status !== 'published'))
    throw new AppError('NOT_FOUND', { field: 'issueId' });
  return row;
}

/** Names of customers by id (absent: unknown or no name). */
export async function namesOf(ctx: Ctx, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return new Map();
  const rows = await ctx.tx
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(and(eq(customers.tenantId, ctx.tenantId), inArray(customers.id, wanted)));
  return new Map(rows.filter((r) => r.name?.trim()).map((r) => [r.id, r.name!.trim()]));
}

export async function imagesOf(ctx: Ctx, ids: readonly string[]) {
  return ids.length ? findImages(ctx, ids) : new Map<string, StoredImage>();
}

const pick = (images: Map<string, StoredImage>, ids: readonly string[]) =>
  ids.flatMap((id) => {
    const img = images.get(id);
    return img ? [img] : [];
  });

/** Who wrote each contribution placed on these pages, by contribution id. */
async function creditsOf(ctx: Ctx, pages: readonly PageRow[]) {
  const ids = pages.flatMap((p) => (p.contributionId ? [p.contributionId] : []));
  if (!ids.length) return new Map<string, { customerId: string; name: string }>();
  const rows = await ctx.tx
    .select({ id: magazineContributions.id, customerId: magazineContributions.customerId })
    .from(magazineContributions)
    .where(
      and(eq(magazineContributions.tenantId, ctx.tenantId), inArray(magazineContributions.id, ids)),
    );
  const people = await ctx.tx
    .select({ id: customers.id, name: customers.name, gender: customers.gender })
    .from(customers)
    .where(
      and(
        eq(customers.tenantId, ctx.tenantId),
        inArray(customers.id, [...new Set(rows.map((r) => r.customerId))]),
      ),
    );
  const names = new Map(people.map((p) => [p.id, courtesyName(p.name, p.gender)]));
  return new Map(
    rows.map((r) => [r.id, { customerId: r.customerId, name: names.get(r.customerId) ?? '车友' }]),
  );
}

export async function issueDto(ctx: Ctx, issue: IssueRow): Promise<IssueDto> {
  const [sections, pages] = await Promise.all([
    ctx.tx
      .select()
      .from(magazineSections)
      .where(
        and(eq(magazineSections.tenantId, ctx.tenantId), eq(magazineSections.issueId, issue.id)),
      )
      .orderBy(asc(magazineSections.position), asc(magazineSections.createdAt)),
    ctx.tx
      .select()
      .from(magazinePages)
      .where(and(eq(magazinePages.tenantId, ctx.tenantId), eq(magazinePages.issueId, issue.id)))
      .orderBy(asc(magazinePages.position), asc(magazinePages.createdAt)),
  ]);
  const [images, credits] = await Promise.all([
    imagesOf(ctx, [
      ...pages.flatMap((p) => p.imageIds),
      ...(issue.coverImageId ? [issue.coverImageId] : []),
    ]),
    creditsOf(ctx, pages),
  ]);
  return {
    ...summaryOf(issue, images, {
      pageCount: pages.length,
      contributionCount: pages.filter((p) => p.contributionId).length,
    }),
    sections: sections.map((s) => ({
      id: s.id,
      title: s.title,
      position: s.position,
      pages: pages
        .filter((p) => p.sectionId === s.id)
        .map((p) => {
          const c = p.contributionId ? credits.get(p.contributionId) : undefined;
          return {
            id: p.id,
            sectionId: p.sectionId,
            title: p.title,
            bodyHtml: p.bodyHtml,
            images: pick(images, p.imageIds),
            layout: p.layout,
            position: p.position,
            contributionId: p.contributionId,
            credit: c ? { ...c, initial: creditInitial(c.name), label: CREDIT_LABEL } : null,
          };
        }),
    })),
  };
}

function summaryOf(
  issue: IssueRow,
  images: Map<string, StoredImage>,
  counts: { pageCount: number; contributionCount: number },
): IssueSummary {
  const cover = issue.coverImageId ? images.get(issue.coverImageId) : undefined;
  return {
    id: issue.id,
    title: issue.title,
    summary: issue.summary,
    coverUrl: cover?.url ?? null,
    coverImageId: issue.coverImageId,
    status: issue.status,
    publishedAt: isoOrNull(issue.publishedAt),
    ...counts,
    shareUrl: shareUrlOf(issue.id),
    createdAt: iso(issue.createdAt),
  };
}

export async function getIssue(ctx: Ctx, issueId: string, publishedOnly = false) {
  return issueDto(ctx, await findIssue(ctx, issueId, { publishedOnly }));
}

/** Issues newest first (published ones by publication; the app sees only those). */
export async function listIssues(ctx: Ctx, publishedOnly: boolean): Promise<IssueSummary[]> {
  const rows = await ctx.tx
    .select()
    .from(magazineIssues)
    .where(
      and(
        eq(magazineIssues.tenantId, ctx.tenantId),
        publishedOnly ? eq(magazineIssues.status, 'published') : undefined,
      ),
    )
    .orderBy(desc(sql`coalesce(${magazineIssues.publishedAt}, ${magazineIssues.createdAt})`))
    .limit(100);
  const counts = rows.length
    ? await ctx.tx
        .select({
          issueId: magazinePages.issueId,
          pages: sql<number>`count(*)::int`,
          contributions: sql<number>`count(${magazinePages.contributionId})::int`,
        })
        .from(magazinePages)
        .where(
          and(
            eq(magazinePages.tenantId, ctx.tenantId),
            inArray(
              magazinePages.issueId,
              rows.map((r) => r.id),
            ),
          ),
        )
        .groupBy(magazinePages.issueId)
    : [];
  const byIssue = new Map(counts.map((c) => [c.issueId, c]));
  const images = await imagesOf(
    ctx,
    rows.flatMap((r) => (r.coverImageId ? [r.coverImageId] : [])),
  );
  return rows.map((r) =>
    summaryOf(r, images, {
      pageCount: byIssue.get(r.id)?.pages ?? 0,
      contributionCount: byIssue.get(r.id)?.contributions ?? 0,
    }),
  );
}

/** The latest published issue with how many calls take contributions; MAGAZINE_NONE otherwise. */
export async function latestIssue(ctx: Ctx) {
  const [row] = await ctx.tx
    .select()
    .from(magazineIssues)
    .where(
      and(
        eq(magazineIssues.tenantId, ctx.tenantId),
        eq(magazineIssues.status, 'published'),
        isNotNull(magazineIssues.publishedAt),
      ),
    )
    .orderBy(desc(magazineIssues.publishedAt))
    .limit(1);
  if (!row) throw new AppError('MAGAZINE_NONE');
  const [[calls], images] = await Promise.all([
    ctx.tx
      .select({ n: sql<number>`count(*)::int` })
      .from(magazineCalls)
      .where(
        and(
          eq(magazineCalls.tenantId, ctx.tenantId),
          eq(magazineCalls.status, 'open'),
          gt(magazineCalls.deadline, ctx.clock.now()),
        ),
      ),
    imagesOf(ctx, row.coverImageId ? [row.coverImageId] : []),
  ]);
  return {
    id: row.id,
    title: row.title,
    coverUrl: (row.coverImageId && images.get(row.coverImageId)?.url) || null,
    publishedAt: iso(row.publishedAt!),
    openCalls: calls?.n ?? 0,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The `contentTags` hook for `magazine_issue` refs: every published issue is known (with no tags
 * yet); drafts, archived and unknown issues are absent, as are refs of other types.
 */
export async function magazineContentTags(
  ctx: Ctx,
  refs: readonly { type: string; id: string }[],
): Promise<Map<string, string[]>> {
  const ids = refs.filter((r) => r.type === 'magazine_issue' && UUID.test(r.id)).map((r) => r.id);
  if (!ids.length) return new Map();
  const rows = await ctx.tx
    .select({ id: magazineIssues.id })
    .from(magazineIssues)
    .where(
      and(
        eq(magazineIssues.tenantId, ctx.tenantId),
        eq(magazineIssues.status, 'published'),
        inArray(magazineIssues.id, ids),
      ),
    );
  return new Map(rows.map((r) => [`magazine_issue:${r.id}`, []]));
}
