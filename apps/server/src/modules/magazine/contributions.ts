// 投稿: a car owner contributes to an open call (plain text ≤ 2,000 characters and up to 9 of
// their own photos). Moderation screens it (a muted owner is refused) and every contribution
// joins its review queue; staff accept or reject it (through moderation's decision, so both
// consoles agree) and place an accepted one as a page of the call's section.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { iso, isoOrNull } from '../../kernel/paging.ts';
import { sanitizePlainText } from '../../kernel/sanitize.ts';
import { recordAudit } from '../audit/index.ts';
import { claimImages } from '../media/index.ts';
import { decideModeration, enqueueHeld, screenSubmission } from '../moderation/index.ts';
import { findCall } from './calls.ts';
import { creditContribution } from './credits.ts';
import { findSection, insertPage } from './editor.ts';
import { findIssue, imagesOf, namesOf } from './magazine-read.ts';
import {
  CONTRIBUTION_MAX_CHARS,
  CONTRIBUTION_MAX_PHOTOS,
  callTakesContributions,
  canPlace,
  layoutForPhotos,
  plainTextToHtml,
} from './magazine-rules.ts';
import type { ContributionDto, ContributionInput } from './magazine.schemas.ts';
import {
  magazineCalls,
  magazineContributions,
  magazinePages,
  type CONTRIBUTION_STATUSES,
} from './magazine.tables.ts';

export const CONTRIBUTION_KIND = 'magazine_contribution';

type Row = typeof magazineContributions.$inferSelect;

export async function findContribution(ctx: Ctx, id: string, lock = false): Promise<Row> {
  const q = ctx.tx
    .select()
    .from(magazineContributions)
    .where(and(eq(magazineContributions.tenantId, ctx.tenantId), eq(magazineContributions.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('NOT_FOUND', { field: 'contributionId' });
  return row;
}

export async function contributionDtos(ctx: Ctx, rows: readonly Row[]): Promise<ContributionDto[]> {
  if (!rows.length) return [];
  const [images, names, calls, pages] = await Promise.all([
    imagesOf(
      ctx,
      rows.flatMap((r) => r.imageIds),
    ),
    namesOf(
      ctx,
      rows.map((r) => r.customerId),
    ),
    ctx.tx
      .select({ id: magazineCalls.id, theme: magazineCalls.theme })
      .from(magazineCalls)
      .where(
        and(
          eq(magazineCalls.tenantId, ctx.tenantId),
          inArray(magazineCalls.id, [...new Set(rows.map((r) => r.callId))]),
        ),
      ),
    pageIssues(
      ctx,
      rows.flatMap((r) => (r.pageId ? [r.pageId] : [])),
    ),
  ]);
  const themes = new Map(calls.map((c) => [c.id, c.theme]));
  const issues = pages;
  return rows.map((r) => ({
    id: r.id,
    callId: r.callId,
    callTheme: themes.get(r.callId) ?? '',
    customerId: r.customerId,
    customerName: names.get(r.customerId) ?? null,
    title: r.title,
    text: r.body,
    images: r.imageIds.flatMap((id) => {
      const img = images.get(id);
      return img ? [img] : [];
    }),
    status: r.status,
    rejectReason: r.rejectReason,
    pageId: r.pageId,
    issueId: (r.pageId && issues.get(r.pageId)) || null,
    pointsGranted: r.pointsGranted,
    creditedAt: isoOrNull(r.creditedAt),
    createdAt: iso(r.createdAt),
  }));
}

async function pageIssues(ctx: Ctx, pageIds: readonly string[]) {
  if (!pageIds.length) return new Map<string, string>();
  const rows = await ctx.tx
    .select({ id: magazinePages.id, issueId: magazinePages.issueId })
    .from(magazinePages)
    .where(and(eq(magazinePages.tenantId, ctx.tenantId), inArray(magazinePages.id, [...pageIds])));
  return new Map(rows.map((p) => [p.id, p.issueId]));
}

const oneDto = async (ctx: Ctx, id: string) =>
  (await contributionDtos(ctx, [await findContribution(ctx, id)]))[0]!;

function cleanBody(input: ContributionInput) {
  const text = sanitizePlainText(input.text);
  if ([...text].length > CONTRIBUTION_MAX_CHARS)
    throw new AppError('MAGAZINE_TEXT_TOO_LONG', {
      field: 'text',
      details: { max: CONTRIBUTION_MAX_CHARS },
    });
  if (!text) throw new AppError('MAGAZINE_TEXT_EMPTY', { field: 'text' });
  if (input.imageIds.length > CONTRIBUTION_MAX_PHOTOS)
    throw new AppError('MAGAZINE_TOO_MANY_PHOTOS', {
      field: 'imageIds',
      details: { max: CONTRIBUTION_MAX_PHOTOS },
    });
  if (new Set(input.imageIds).size !== input.imageIds.length)
    throw new AppError('VALIDATION_FAILED', { field: 'imageIds' });
  return { text, title: sanitizePlainText(input.title).slice(0, 60) };
}

/** An owner contributes to an open call; the contribution waits in moderation's queue. */
export async function contribute(
  ctx: Ctx,
  customerId: string,
  callId: string,
  input: ContributionInput,
): Promise<ContributionDto> {
  const call = await findCall(ctx, callId);
  if (!callTakesContributions(call, ctx.clock.now()))
    throw new AppError('MAGAZINE_CALL_CLOSED', { field: 'callId' });
  const { text, title } = cleanBody(input);
  await claimImages(ctx, input.imageIds, { customerId }, 'imageIds');
  // A newcomer's trust: links and photos are named as reasons; the queue holds every piece anyway.
  const verdict = await screenSubmission(ctx, {
    kind: CONTRIBUTION_KIND,
    authorCustomerId: customerId,
    scopeId: null,
    text: `${title}\n${text}`,
    hasImage: input.imageIds.length > 0,
    trustLevel: 0,
  });
  const id = newId();
  const now = ctx.clock.now();
  await ctx.tx.insert(magazineContributions).values({
    tenantId: ctx.tenantId,
    id,
    callId,
    customerId,
    title,
    body: text,
    imageIds: input.imageIds,
    status: 'pending',
    createdAt: now,
    updatedAt: now,
  });
  await enqueueHeld(ctx, { kind: CONTRIBUTION_KIND, subjectId: id, reasons: verdict.reasons });
  return oneDto(ctx, id);
}

/** The owner's contributions, newest first, with where each stands. */
export async function listMyContributions(ctx: Ctx, customerId: string) {
  const rows = await ctx.tx
    .select()
    .from(magazineContributions)
    .where(
      and(
        eq(magazineContributions.tenantId, ctx.tenantId),
        eq(magazineContributions.customerId, customerId),
      ),
    )
    .orderBy(desc(magazineContributions.createdAt))
    .limit(100);
  return contributionDtos(ctx, rows);
}

/** Contributions for the 投稿审核 page, by call and status, newest first. */
export async function listContributions(
  ctx: Ctx,
  q: { callId?: string | undefined; status?: (typeof CONTRIBUTION_STATUSES)[number] | undefined },
) {
  const rows = await ctx.tx
    .select()
    .from(magazineContributions)
    .where(
      and(
        eq(magazineContributions.tenantId, ctx.tenantId),
        q.callId ? eq(magazineContributions.callId, q.callId) : undefined,
        q.status ? eq(magazineContributions.status, q.status) : undefined,
      ),
    )
    .orderBy(desc(magazineContributions.createdAt))
    .limit(500);
  return contributionDtos(ctx, rows);
}

/** Accept (→ accepted, ready to place), through moderation's approve. */
export async function approveContribution(ctx: Ctx, id: string) {
  await findContribution(ctx, id, true);
  await decideModeration(ctx, { kind: CONTRIBUTION_KIND, subjectId: id, action: 'approve' });
  return oneDto(ctx, id);
}

/** Reject with a reason the owner sees, through moderation's hide (its page, if any, comes down). */
export async function rejectContribution(ctx: Ctx, id: string, input: { reason: string }) {
  const c = await findContribution(ctx, id, true);
  if (c.status === 'rejected') throw new AppError('MAGAZINE_CONTRIBUTION_STATUS');
  const reason = sanitizePlainText(input.reason);
  if (!reason) throw new AppError('MODERATION_REASON_REQUIRED', { field: 'reason' });
  await decideModeration(ctx, { kind: CONTRIBUTION_KIND, subjectId: id, action: 'hide', reason });
  await ctx.tx
    .update(magazineContributions)
    .set({ rejectReason: reason })
    .where(and(eq(magazineContributions.tenantId, ctx.tenantId), eq(magazineContributions.id, id)));
  return oneDto(ctx, id);
}

/**
 * Places an accepted contribution as the last page of the call's section (or another section):
 * its text as paragraphs, its photos, a layout for their number. Placed in an issue already
 * published, the author is credited at once.
 */
export async function placeContribution(
  ctx: Ctx,
  id: string,
  input: { sectionId?: string | undefined },
) {
  const c = await findContribution(ctx, id, true);
  if (!canPlace(c.status))
    throw new AppError('MAGAZINE_CONTRIBUTION_STATUS', { details: { status: c.status } });
  const call = await findCall(ctx, c.callId);
  const section = await findSection(ctx, input.sectionId ?? call.sectionId);
  const issue = await findIssue(ctx, section.issueId, { lock: true });
  const pageId = await insertPage(ctx, {
    issueId: issue.id,
    sectionId: section.id,
    title: c.title || call.theme,
    bodyHtml: plainTextToHtml(c.body),
    imageIds: c.imageIds,
    layout: layoutForPhotos(c.imageIds.length),
    contributionId: c.id,
  });
  await ctx.tx
    .update(magazineContributions)
    .set({ status: 'placed', pageId, updatedAt: ctx.clock.now() })
    .where(and(eq(magazineContributions.tenantId, ctx.tenantId), eq(magazineContributions.id, id)));
  await recordAudit(ctx, {
    action: 'magazine.contributionPlaced',
    entityType: 'magazine_issue',
    entityId: issue.id,
    changes: { contributionId: id, pageId },
  });
  if (issue.status === 'published')
    await creditContribution(ctx, issue, await findContribution(ctx, id));
  return oneDto(ctx, id);
}

/** Its page was deleted: a placed contribution is accepted again (a published one keeps its credit). */
export async function unplaceContribution(ctx: Ctx, id: string): Promise<void> {
  const c = await findContribution(ctx, id, true);
  await ctx.tx
    .update(magazineContributions)
    .set({
      pageId: null,
      ...(c.status === 'placed' || c.status === 'published' ? { status: 'accepted' as const } : {}),
      updatedAt: ctx.clock.now(),
    })
    .where(and(eq(magazineContributions.tenantId, ctx.tenantId), eq(magazineContributions.id, id)));
}
