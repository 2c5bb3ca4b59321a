// Staff edit an issue: its title and cover, sections (栏目) and pages (页) with sanitised rich
// text and photos they uploaded, and the order of both. Every change lands in the audit log.
import { and, eq, max } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { sanitizePlainText, sanitizeRichHtml } from '../../kernel/sanitize.ts';
import { recordAudit } from '../audit/index.ts';
import { claimImages } from '../media/index.ts';
import { findIssue, getIssue } from './magazine-read.ts';
import type { IssueInput, PageInput } from './magazine.schemas.ts';
import {
  magazineCalls,
  magazineIssues,
  magazinePages,
  magazineSections,
} from './magazine.tables.ts';

const staffOf = (ctx: Ctx) => ({ staffUserId: ctx.actor.id! });

function cleanTitle(raw: string, field = 'title'): string {
  const title = sanitizePlainText(raw);
  if (!title) throw new AppError('VALIDATION_FAILED', { field });
  return title;
}

async function claimStaffImages(ctx: Ctx, ids: readonly string[], field: string) {
  if (ids.length && ctx.actor.type === 'staff') await claimImages(ctx, ids, staffOf(ctx), field);
}

const audit = (ctx: Ctx, action: string, entityId: string, changes?: Record<string, unknown>) =>
  recordAudit(ctx, {
    action: `magazine.${action}`,
    entityType: 'magazine_issue',
    entityId,
    ...(changes ? { changes } : {}),
  });

export async function createIssue(ctx: Ctx, input: IssueInput) {
  const title = cleanTitle(input.title);
  if (input.coverImageId) await claimStaffImages(ctx, [input.coverImageId], 'coverImageId');
  const id = newId();
  const now = ctx.clock.now();
  await ctx.tx.insert(magazineIssues).values({
    tenantId: ctx.tenantId,
    id,
    title,
    summary: sanitizePlainText(input.summary),
    coverImageId: input.coverImageId ?? null,
    createdAt: now,
    updatedAt: now,
  });
  await audit(ctx, 'issueCreated', id);
  return getIssue(ctx, id);
}

export async function updateIssue(
  ctx: Ctx,
  issueId: string,
  input: {
    title?: string | undefined;
    summary?: string | undefined;
    coverImageId?: string | null | undefined;
  },
) {
  await findIssue(ctx, issueId, { lock: true });
  if (input.coverImageId) await claimStaffImages(ctx, [input.coverImageId], 'coverImageId');
  await ctx.tx
    .update(magazineIssues)
    .set({
      ...(input.title !== undefined ? { title: cleanTitle(input.title) } : {}),
      ...(input.summary !== undefined ? { summary: sanitizePlainText(input.summary) } : {}),
      ...(input.coverImageId !== undefined ? { coverImageId: input.coverImageId } : {}),
      updatedAt: ctx.clock.now(),
    })
    .where(and(eq(magazineIssues.tenantId, ctx.tenantId), eq(magazineIssues.id, issueId)));
  await audit(ctx, 'issueChanged', issueId);
  return getIssue(ctx, issueId);
}

export async function findSection(ctx: Ctx, sectionId: string, field = 'sectionId') {
  const [s] = await ctx.tx
    .select()
    .from(magazineSections)
    .where(and(eq(magazineSections.tenantId, ctx.tenantId), eq(magazineSections.id, sectionId)));
  if (!s) throw new AppError('NOT_FOUND', { field });
  return s;
}

export async function addSection(ctx: Ctx, issueId: string, input: { title: string }) {
  await findIssue(ctx, issueId, { lock: true });
  const [last] = await ctx.tx
    .select({ p: max(magazineSections.position) })
    .from(magazineSections)
    .where(and(eq(magazineSections.tenantId, ctx.tenantId), eq(magazineSections.issueId, issueId)));
  await ctx.tx.insert(magazineSections).values({
    tenantId: ctx.tenantId,
    id: newId(),
    issueId,
    title: cleanTitle(input.title),
    position: (last?.p ?? -1) + 1,
    createdAt: ctx.clock.now(),
  });
  await audit(ctx, 'sectionAdded', issueId);
  return getIssue(ctx, issueId);
}

export async function renameSection(ctx: Ctx, sectionId: string, input: { title: string }) {
  const s = await findSection(ctx, sectionId);
  await ctx.tx
    .update(magazineSections)
    .set({ title: cleanTitle(input.title) })
    .where(and(eq(magazineSections.tenantId, ctx.tenantId), eq(magazineSections.id, sectionId)));
  return getIssue(ctx, s.issueId);
}

/** A section goes only when empty: no page and no call feeding it. */
export async function deleteSection(ctx: Ctx, sectionId: string) {
  const s = await findSection(ctx, sectionId);
  const [pages, calls] = await Promise.all([
    ctx.tx
      .select({ id: magazinePages.id })
      .from(magazinePages)
      .where(and(eq(magazinePages.tenantId, ctx.tenantId), eq(magazinePages.sectionId, sectionId)))
      .limit(1),
    ctx.tx
      .select({ id: magazineCalls.id })
      .from(magazineCalls)
      .where(and(eq(magazineCalls.tenantId, ctx.tenantId), eq(magazineCalls.sectionId, sectionId)))
      .limit(1),
  ]);
  if (pages.length || calls.length)
    throw new AppError('MAGAZINE_SECTION_NOT_EMPTY', { field: 'sectionId' });
  await ctx.tx
    .delete(magazineSections)
    .where(and(eq(magazineSections.tenantId, ctx.tenantId), eq(magazineSections.id, sectionId)));
  await audit(ctx, 'sectionDeleted', s.issueId);
  return getIssue(ctx, s.issueId);
}

async function nextPagePosition(ctx: Ctx, sectionId: string) {
  const [last] = await ctx.tx
    .select({ p: max(magazinePages.position) })
    .from(magazinePages)
    .where(and(eq(magazinePages.tenantId, ctx.tenantId), eq(magazinePages.sectionId, sectionId)));
  return (last?.p ?? -1) + 1;
}

/** Inserts a page at the end of its section (for staff or from a placed contribution). */
export async function insertPage(
  ctx: Ctx,
  input: {
    issueId: string;
    sectionId: string;
    title: string;
    bodyHtml: string;
    imageIds: string[];
    layout: PageInput['layout'];
    contributionId: string | null;
  },
): Promise<string> {
  const id = newId();
  const now = ctx.clock.now();
  await ctx.tx.insert(magazinePages).values({
    tenantId: ctx.tenantId,
    id,
    ...input,
    position: await nextPagePosition(ctx, input.sectionId),
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

async function sectionOfIssue(ctx: Ctx, issueId: string, sectionId: string) {
  const s = await findSection(ctx, sectionId);
  if (s.issueId !== issueId) throw new AppError('NOT_FOUND', { field: 'sectionId' });
  return s;
}

export async function addPage(ctx: Ctx, issueId: string, input: PageInput) {
  await findIssue(ctx, issueId, { lock: true });
  await sectionOfIssue(ctx, issueId, input.sectionId);
  await claimStaffImages(ctx, input.imageIds, 'imageIds');
  await insertPage(ctx, {
    issueId,
    sectionId: input.sectionId,
    title: cleanTitle(input.title),
    bodyHtml: sanitizeRichHtml(input.bodyHtml),
    imageIds: input.imageIds,
    layout: input.layout,
    contributionId: null,
  });
  await audit(ctx, 'pageAdded', issueId);
  return getIssue(ctx, issueId);
}

async function findPage(ctx: Ctx, pageId: string) {
  const [p] = await ctx.tx
    .select()
    .from(magazinePages)
    .where(and(eq(magazinePages.tenantId, ctx.tenantId), eq(magazinePages.id, pageId)));
  if (!p) throw new AppError('NOT_FOUND', { field: 'pageId' });
  return p;
}

/** A contribution's page keeps the author's photos; staff may add their own. */
async function claimPagePhotos(ctx: Ctx, current: readonly string[], next: readonly string[]) {
  const added = next.filter((id) => !current.includes(id));
  if (!added.length) return;
  await claimStaffImages(ctx, added, 'imageIds');
}

export async function updatePage(
  ctx: Ctx,
  pageId: string,
  input: Partial<Omit<PageInput, 'imageIds'>> & { imageIds?: string[] | undefined },
) {
  const page = await findPage(ctx, pageId);
  await findIssue(ctx, page.issueId, { lock: true });
  if (input.sectionId) await sectionOfIssue(ctx, page.issueId, input.sectionId);
  if (input.imageIds) await claimPagePhotos(ctx, page.imageIds, input.imageIds);
  const moved = input.sectionId && input.sectionId !== page.sectionId;
  await ctx.tx
    .update(magazinePages)
    .set({
      ...(input.title !== undefined ? { title: cleanTitle(input.title) } : {}),
      ...(input.bodyHtml !== undefined ? { bodyHtml: sanitizeRichHtml(input.bodyHtml) } : {}),
      ...(input.imageIds !== undefined ? { imageIds: input.imageIds } : {}),
      ...(input.layout !== undefined ? { layout: input.layout } : {}),
      ...(moved
        ? { sectionId: input.sectionId!, position: await nextPagePosition(ctx, input.sectionId!) }
        : {}),
      updatedAt: ctx.clock.now(),
    })
    .where(and(eq(magazinePages.tenantId, ctx.tenantId), eq(magazinePages.id, pageId)));
  await audit(ctx, 'pageChanged', page.issueId, { pageId });
  return getIssue(ctx, page.issueId);
}

/** Removes a page; a contribution on it goes back to accepted (it may be placed again). */
export async function deletePage(
  ctx: Ctx,
  pageId: string,
  onContributionUnplaced: (ctx: Ctx, contributionId: string) => Promise<void>,
) {
  const page = await findPage(ctx, pageId);
  await findIssue(ctx, page.issueId, { lock: true });
  await ctx.tx
    .delete(magazinePages)
    .where(and(eq(magazinePages.tenantId, ctx.tenantId), eq(magazinePages.id, pageId)));
  if (page.contributionId) await onContributionUnplaced(ctx, page.contributionId);
  await audit(ctx, 'pageDeleted', page.issueId, { pageId });
  return getIssue(ctx, page.issueId);
}

/** Sets the order of sections and pages (pages may move between sections). */
export async function reorderIssue(
  ctx: Ctx,
  issueId: string,
  input: { sections: { id: string; pageIds: string[] }[] },
) {
  await findIssue(ctx, issueId, { lock: true });
  const [sections, pages] = await Promise.all([
    ctx.tx
      .select({ id: magazineSections.id })
      .from(magazineSections)
      .where(
        and(eq(magazineSections.tenantId, ctx.tenantId), eq(magazineSections.issueId, issueId)),
      ),
    ctx.tx
      .select({ id: magazinePages.id })
      .from(magazinePages)
      .where(and(eq(magazinePages.tenantId, ctx.tenantId), eq(magazinePages.issueId, issueId))),
  ]);
  const sameSet = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && new Set(a).size === a.length && a.every((x) => b.includes(x));
  const givenPages = input.sections.flatMap((s) => s.pageIds);
  if (
    !sameSet(
      input.sections.map((s) => s.id),
      sections.map((s) => s.id),
    ) ||
    !sameSet(
      givenPages,
      pages.map((p) => p.id),
    )
  )
    throw new AppError('MAGAZINE_ORDER_INVALID', { field: 'sections' });
  for (const [i, s] of input.sections.entries()) {
    await ctx.tx
      .update(magazineSections)
      .set({ position: i })
      .where(and(eq(magazineSections.tenantId, ctx.tenantId), eq(magazineSections.id, s.id)));
    for (const [j, pageId] of s.pageIds.entries())
      await ctx.tx
        .update(magazinePages)
        .set({ sectionId: s.id, position: j })
        .where(and(eq(magazinePages.tenantId, ctx.tenantId), eq(magazinePages.id, pageId)));
  }
  await audit(ctx, 'reordered', issueId);
  return getIssue(ctx, issueId);
}
