// After-service surveys: scheduled when an order is paid (after the tenant's delay), sent by the
// job through messaging (in-app with the survey page, SMS with the signed public link), answered
// once with one tap on a score, then optionally stars, a comment and the reasons.
import { and, eq, lte } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { sendToCustomer } from '../messaging/index.ts';
import { serviceOrders } from '../service/index.ts';
import { stores } from '../tenancy/index.ts';
import { npsClass } from './complaint-rules.ts';
import { SURVEY_INVITE } from './feedback.messages.ts';
import { surveys } from './feedback.tables.ts';
import { loadSettings } from './settings.ts';
import { earlyWarning } from './survey-warning.ts';
import { readSurveyToken, signSurveyToken, verifySurveyToken } from './survey-token.ts';

const DAY = 86_400_000;
/** The chips offered when the score is low (the "why" follow-up). */
export const LOW_SCORE_REASONS = ['服务态度', '维修质量', '价格', '等待时间', '配件', '环境卫生'];

/** A paid order gets one survey, due after the tenant's delay (a replayed event adds none). */
export async function scheduleSurvey(ctx: Ctx, orderId: string): Promise<string | null> {
  const [o] = await ctx.tx
    .select({
      customerId: serviceOrders.customerId,
      storeId: serviceOrders.storeId,
      advisorId: serviceOrders.advisorId,
      paidAt: serviceOrders.paidAt,
    })
    .from(serviceOrders)
    .where(eq(serviceOrders.id, orderId));
  if (!o) return null;
  const settings = await loadSettings(ctx);
  const paidAt = o.paidAt ?? ctx.clock.now();
  const [row] = await ctx.tx
    .insert(surveys)
    .values({
      tenantId: ctx.tenantId,
      id: newId(),
      serviceOrderId: orderId,
      customerId: o.customerId,
      storeId: o.storeId,
      advisorId: o.advisorId,
      paidAt,
      dueAt: new Date(paidAt.getTime() + settings.surveyDelayMinutes * 60_000),
    })
    .onConflictDoNothing()
    .returning({ id: surveys.id });
  return row?.id ?? null;
}

/** Sends the tenant's due surveys; `linkBase` is the public address the SMS link starts with. */
export async function sendDueSurveys(ctx: Ctx, opts: { linkBase: string }): Promise<number> {
  const now = ctx.clock.now();
  const settings = await loadSettings(ctx);
  const due = await ctx.tx
    .select({ s: surveys, storeName: stores.name })
    .from(surveys)
    .leftJoin(stores, eq(stores.id, surveys.storeId))
    .where(and(eq(surveys.status, 'scheduled'), lte(surveys.dueAt, now)))
    .orderBy(surveys.dueAt)
    .limit(200)
    .for('update', { of: surveys, skipLocked: true });
  for (const { s, storeName } of due) {
    const token = signSurveyToken(settings.signingKey, ctx.tenantId, s.id);
    await sendToCustomer(ctx, {
      customerId: s.customerId,
      templateKey: SURVEY_INVITE,
      data: {
        survey: { token, link: `${opts.linkBase}/app/s/${token}`, store: storeName ?? '' },
      },
      dedupeKey: `survey.invite:${s.id}`,
      priority: 'transactional',
      purpose: 'service',
      source: { type: 'system', id: s.id },
    });
    await ctx.tx
      .update(surveys)
      .set({
        status: 'sent',
        sentAt: now,
        expiresAt: new Date(now.getTime() + settings.surveyExpiryDays * DAY),
      })
      .where(eq(surveys.id, s.id));
  }
  return due.length;
}

export function tenantOfSurveyToken(token: string): string {
  const claims = readSurveyToken(token);
  if (!claims) throw new AppError('SURVEY_LINK_INVALID', { field: 'token' });
  return claims.tenantId;
}

/** The survey a link names, its signature checked (a forged or foreign link: 404). */
export async function surveyOfToken(ctx: Ctx, token: string): Promise<string> {
  const claims = readSurveyToken(token);
  const settings = await loadSettings(ctx);
  if (!claims || claims.tenantId !== ctx.tenantId || !verifySurveyToken(settings.signingKey, token))
    throw new AppError('SURVEY_LINK_INVALID', { field: 'token' });
  return claims.surveyId;
}

async function surveyRow(ctx: Ctx, surveyId: string, lock = false) {
  const q = ctx.tx.select().from(surveys).where(eq(surveys.id, surveyId));
  const [row] = lock ? await q.for('update') : await q;
  if (!row || row.status === 'scheduled')
    throw new AppError('SURVEY_LINK_INVALID', { field: 'token' });
  return row;
}

const expired = (s: typeof surveys.$inferSelect, now: Date) =>
  s.status === 'sent' && s.expiresAt !== null && s.expiresAt <= now;

/** What the survey page shows. */
export async function surveyPage(ctx: Ctx, surveyId: string) {
  const s = await surveyRow(ctx, surveyId);
  const settings = await loadSettings(ctx);
  const [store] = s.storeId
    ? await ctx.tx.select({ name: stores.name }).from(stores).where(eq(stores.id, s.storeId))
    : [];
  const promoter = s.nps !== null && npsClass(s.nps) === 'promoter';
  return {
    surveyId: s.id,
    storeName: store?.name ?? null,
    paidAt: s.paidAt.toISOString(),
    status: expired(s, ctx.clock.now()) ? ('expired' as const) : s.status,
    expiresAt: s.expiresAt?.toISOString() ?? null,
    nps: s.nps,
    stars: s.stars,
    comment: s.comment,
    reasons: s.reasons,
    detailsGiven: s.detailsAt !== null,
    reasonChoices: LOW_SCORE_REASONS,
    reviewPages: promoter ? settings.reviewPages : [],
  };
}

/** The one tap: the score is saved (once); a low one raises the early warning. */
export async function answerSurvey(
  ctx: Ctx,
  surveyId: string,
  input: { nps: number; stars?: number | null; comment?: string | null; reasons?: string[] },
) {
  const s = await surveyRow(ctx, surveyId, true);
  if (s.status === 'answered') throw new AppError('SURVEY_ALREADY_ANSWERED');
  if (expired(s, ctx.clock.now())) throw new AppError('SURVEY_EXPIRED');
  const withDetails = input.stars != null || !!input.comment?.trim() || !!input.reasons?.length;
  const [row] = await ctx.tx
    .update(surveys)
    .set({
      status: 'answered',
      nps: input.nps,
      stars: input.stars ?? null,
      comment: input.comment?.trim() || null,
      reasons: input.reasons ?? [],
      answeredAt: ctx.clock.now(),
      detailsAt: withDetails ? ctx.clock.now() : null,
    })
    .where(eq(surveys.id, s.id))
    .returning();
  await recordAudit(ctx, {
    action: 'survey.answered',
    entityType: 'survey',
    entityId: s.id,
    changes: { nps: input.nps, stars: input.stars ?? null },
  });
  await earlyWarning(ctx, row!);
  return surveyPage(ctx, s.id);
}

/** The optional second step: stars, a comment, the reasons (once, after the score). */
export async function addSurveyDetails(
  ctx: Ctx,
  surveyId: string,
  input: { stars?: number | null; comment?: string | null; reasons?: string[] },
) {
  const s = await surveyRow(ctx, surveyId, true);
  if (s.status !== 'answered') {
    if (expired(s, ctx.clock.now())) throw new AppError('SURVEY_EXPIRED');
    throw new AppError('SURVEY_NOT_ANSWERED');
  }
  if (s.detailsAt) throw new AppError('SURVEY_ALREADY_ANSWERED');
  const [row] = await ctx.tx
    .update(surveys)
    .set({
      stars: input.stars ?? null,
      comment: input.comment?.trim() || null,
      reasons: input.reasons ?? [],
      detailsAt: ctx.clock.now(),
    })
    .where(eq(surveys.id, s.id))
    .returning();
  await recordAudit(ctx, {
    action: 'survey.detailsAdded',
    entityType: 'survey',
    entityId: s.id,
    changes: { stars: input.stars ?? null },
  });
  await earlyWarning(ctx, row!);
  return surveyPage(ctx, s.id);
}
