// 征稿: themed pages open for readers' contributions. Staff open a call on a section of an issue
// (its theme, deadline and the points a published contribution earns), change or close it; owners
// see the calls that still take contributions.
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { iso } from '../../kernel/paging.ts';
import { sanitizePlainText } from '../../kernel/sanitize.ts';
import { recordAudit } from '../audit/index.ts';
import { findSection } from './editor.ts';
import { callTakesContributions } from './magazine-rules.ts';
import type { CallDto, CallInput } from './magazine.schemas.ts';
import {
  magazineCalls,
  magazineContributions,
  magazineIssues,
  magazineSections,
  type CALL_STATUSES,
} from './magazine.tables.ts';

export type CallRow = typeof magazineCalls.$inferSelect;

export async function findCall(ctx: Ctx, callId: string, field = 'callId'): Promise<CallRow> {
  const [c] = await ctx.tx
    .select()
    .from(magazineCalls)
    .where(and(eq(magazineCalls.tenantId, ctx.tenantId), eq(magazineCalls.id, callId)));
  if (!c) throw new AppError('NOT_FOUND', { field });
  return c;
}

const EMPTY_COUNTS = { pending: 0, accepted: 0, placed: 0, published: 0, rejected: 0 };

async function callDtos(ctx: Ctx, rows: readonly CallRow[]): Promise<CallDto[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [names, counts] = await Promise.all([
    ctx.tx
      .select({
        sectionId: magazineSections.id,
        sectionTitle: magazineSections.title,
        issueTitle: magazineIssues.title,
      })
      .from(magazineSections)
      .innerJoin(
        magazineIssues,
        and(
          eq(magazineIssues.tenantId, magazineSections.tenantId),
          eq(magazineIssues.id, magazineSections.issueId),
        ),
      )
      .where(
        and(
          eq(magazineSections.tenantId, ctx.tenantId),
          inArray(
            magazineSections.id,
            rows.map((r) => r.sectionId),
          ),
        ),
      ),
    ctx.tx
      .select({
        callId: magazineContributions.callId,
        status: magazineContributions.status,
        n: sql<number>`count(*)::int`,
      })
      .from(magazineContributions)
      .where(
        and(
          eq(magazineContributions.tenantId, ctx.tenantId),
          inArray(magazineContributions.callId, ids),
        ),
      )
      .groupBy(magazineContributions.callId, magazineContributions.status),
  ]);
  const bySection = new Map(names.map((n) => [n.sectionId, n]));
  const now = ctx.clock.now();
  return rows.map((r) => ({
    id: r.id,
    theme: r.theme,
    description: r.description,
    deadline: iso(r.deadline),
    issueId: r.issueId,
    issueTitle: bySection.get(r.sectionId)?.issueTitle ?? '',
    sectionId: r.sectionId,
    sectionTitle: bySection.get(r.sectionId)?.sectionTitle ?? '',
    points: r.points,
    status: r.status,
    open: callTakesContributions(r, now),
    counts: {
      ...EMPTY_COUNTS,
      ...Object.fromEntries(counts.filter((c) => c.callId === r.id).map((c) => [c.status, c.n])),
    },
  }));
}

export async function getCall(ctx: Ctx, callId: string): Promise<CallDto> {
  return (await callDtos(ctx, [await findCall(ctx, callId)]))[0]!;
}

/** Every call, newest first (staff). */
export async function listCalls(ctx: Ctx): Promise<CallDto[]> {
  const rows = await ctx.tx
    .select()
    .from(magazineCalls)
    .where(eq(magazineCalls.tenantId, ctx.tenantId))
    .orderBy(desc(magazineCalls.createdAt))
    .limit(200);
  return callDtos(ctx, rows);
}

/** The calls that take contributions now, the soonest deadline first (the app). */
export async function listOpenCalls(ctx: Ctx): Promise<CallDto[]> {
  const rows = await ctx.tx
    .select()
    .from(magazineCalls)
    .where(
      and(
        eq(magazineCalls.tenantId, ctx.tenantId),
        eq(magazineCalls.status, 'open'),
        gt(magazineCalls.deadline, ctx.clock.now()),
      ),
    )
    .orderBy(asc(magazineCalls.deadline));
  return callDtos(ctx, rows);
}

function cleanTheme(raw: string): string {
  const theme = sanitizePlainText(raw);
  if (!theme) throw new AppError('VALIDATION_FAILED', { field: 'theme' });
  return theme;
}

export async function createCall(ctx: Ctx, input: CallInput): Promise<CallDto> {
  const section = await findSection(ctx, input.sectionId);
  const id = newId();
  const now = ctx.clock.now();
  await ctx.tx.insert(magazineCalls).values({
    tenantId: ctx.tenantId,
    id,
    theme: cleanTheme(input.theme),
    description: sanitizePlainText(input.description),
    deadline: new Date(input.deadline),
    issueId: section.issueId,
    sectionId: section.id,
    points: input.points,
    createdAt: now,
    updatedAt: now,
  });
  await recordAudit(ctx, {
    action: 'magazine.callOpened',
    entityType: 'magazine_call',
    entityId: id,
  });
  return getCall(ctx, id);
}

export async function updateCall(
  ctx: Ctx,
  callId: string,
  input: {
    theme?: string | undefined;
    description?: string | undefined;
    deadline?: string | undefined;
    points?: number | undefined;
    status?: (typeof CALL_STATUSES)[number] | undefined;
  },
): Promise<CallDto> {
  await findCall(ctx, callId);
  await ctx.tx
    .update(magazineCalls)
    .set({
      ...(input.theme !== undefined ? { theme: cleanTheme(input.theme) } : {}),
      ...(input.description !== undefined
        ? { description: sanitizePlainText(input.description) }
        : {}),
      ...(input.deadline !== undefined ? { deadline: new Date(input.deadline) } : {}),
      ...(input.points !== undefined ? { points: input.points } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      updatedAt: ctx.clock.now(),
    })
    .where(and(eq(magazineCalls.tenantId, ctx.tenantId), eq(magazineCalls.id, callId)));
  await recordAudit(ctx, {
    action: 'magazine.callChanged',
    entityType: 'magazine_call',
    entityId: callId,
  });
  return getCall(ctx, callId);
}
