// Publishing an issue (draft or archived → published): the authors of its readers' pages are
// credited (points once per contribution, an inbox message) and its subscribers told through
// messaging (marketing: consent, quiet hours and caps apply), one intent per issue and owner, so
// publishing again tells and pays no one twice. Archiving takes it off the app.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { sendToCustomers } from '../messaging/index.ts';
import { creditContribution } from './credits.ts';
import { findIssue, getIssue, type IssueRow } from './magazine-read.ts';
import { canMoveIssue } from './magazine-rules.ts';
import { MAGAZINE_ISSUE_PUBLISHED } from './magazine.messages.ts';
import {
  magazineContributions,
  magazineIssues,
  magazinePages,
  magazineSubscribers,
} from './magazine.tables.ts';

/** Credits the placed contributions on the issue's pages; answers how many and the points. */
async function creditPages(ctx: Ctx, issue: IssueRow) {
  const pages = await ctx.tx
    .select({ contributionId: magazinePages.contributionId })
    .from(magazinePages)
    .where(and(eq(magazinePages.tenantId, ctx.tenantId), eq(magazinePages.issueId, issue.id)));
  const ids = pages.flatMap((p) => (p.contributionId ? [p.contributionId] : []));
  if (!ids.length) return { credited: 0, points: 0 };
  const rows = await ctx.tx
    .select()
    .from(magazineContributions)
    .where(
      and(eq(magazineContributions.tenantId, ctx.tenantId), inArray(magazineContributions.id, ids)),
    )
    .orderBy(asc(magazineContributions.createdAt))
    .for('update');
  let credited = 0;
  let points = 0;
  for (const c of rows) {
    const r = await creditContribution(ctx, issue, c);
    if (r.credited) credited += 1;
    points += r.points;
  }
  return { credited, points };
}

/** Tells every subscriber of the issue once (dedupe key per issue and owner); answers how many were new. */
export async function announceIssue(ctx: Ctx, issue: IssueRow): Promise<number> {
  if (issue.status !== 'published')
    throw new AppError('MAGAZINE_STATUS_INVALID', {
      field: 'issueId',
      details: { status: issue.status },
    });
  const subs = await ctx.tx
    .select({ customerId: magazineSubscribers.customerId })
    .from(magazineSubscribers)
    .where(eq(magazineSubscribers.tenantId, ctx.tenantId));
  if (!subs.length) return 0;
  const sent = await sendToCustomers(
    ctx,
    subs.map((s) => ({
      customerId: s.customerId,
      templateKey: MAGAZINE_ISSUE_PUBLISHED.key,
      data: { issue: { id: issue.id, title: issue.title } },
      dedupeKey: `${MAGAZINE_ISSUE_PUBLISHED.key}:${issue.id}:${s.customerId}`,
      priority: 'marketing' as const,
      purpose: 'marketing' as const,
      source: { type: 'system' as const, id: issue.id },
    })),
  );
  return sent.filter((r) => !r.deduplicated).length;
}

export async function publishIssue(ctx: Ctx, issueId: string) {
  const issue = await findIssue(ctx, issueId, { lock: true });
  if (!canMoveIssue(issue.status, 'published'))
    throw new AppError('MAGAZINE_STATUS_INVALID', { details: { status: issue.status } });
  const [page] = await ctx.tx
    .select({ id: magazinePages.id })
    .from(magazinePages)
    .where(and(eq(magazinePages.tenantId, ctx.tenantId), eq(magazinePages.issueId, issueId)))
    .limit(1);
  if (!page) throw new AppError('MAGAZINE_ISSUE_EMPTY');
  const now = ctx.clock.now();
  const [published] = await ctx.tx
    .update(magazineIssues)
    .set({ status: 'published', publishedAt: issue.publishedAt ?? now, updatedAt: now })
    .where(and(eq(magazineIssues.tenantId, ctx.tenantId), eq(magazineIssues.id, issueId)))
    .returning();
  const credits = await creditPages(ctx, published!);
  const announced = await announceIssue(ctx, published!);
  await recordAudit(ctx, {
    action: 'magazine.issuePublished',
    entityType: 'magazine_issue',
    entityId: issueId,
    changes: { ...credits, announced },
  });
  return {
    issue: await getIssue(ctx, issueId),
    credited: credits.credited,
    pointsGranted: credits.points,
    announced,
  };
}

export async function archiveIssue(ctx: Ctx, issueId: string) {
  const issue = await findIssue(ctx, issueId, { lock: true });
  if (!canMoveIssue(issue.status, 'archived'))
    throw new AppError('MAGAZINE_STATUS_INVALID', { details: { status: issue.status } });
  await ctx.tx
    .update(magazineIssues)
    .set({ status: 'archived', updatedAt: ctx.clock.now() })
    .where(and(eq(magazineIssues.tenantId, ctx.tenantId), eq(magazineIssues.id, issueId)));
  await recordAudit(ctx, {
    action: 'magazine.issueArchived',
    entityType: 'magazine_issue',
    entityId: issueId,
  });
  return getIssue(ctx, issueId);
}

/** Staff tell subscribers again who have not heard of this issue yet (new subscribers). */
export async function announceAgain(ctx: Ctx, issueId: string) {
  const issue = await findIssue(ctx, issueId, { lock: true });
  return { announced: await announceIssue(ctx, issue) };
}
