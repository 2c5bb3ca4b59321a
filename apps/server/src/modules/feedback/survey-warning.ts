// The early warning (危机预警): a detractor score (0–6) or two stars or fewer alerts the store's
// managers at once and opens a complaint ticket (source survey), and — within the tenant's
// monthly budget — gives the owner a recovery coupon. Happens once per survey.
import { and, count, eq, gte, isNotNull, isNull } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { issueCoupon } from '../coupons/index.ts';
import { localDateTime, zonedInstant } from '../messaging/index.ts';
import { alertManagers } from './alerts.ts';
import { isWarning, surveySeverity } from './complaint-rules.ts';
import { addTimeline, tenantZone } from './complaint-store.ts';
import { openComplaint } from './complaints.ts';
import { feedbackSettings, surveys } from './feedback.tables.ts';

type Survey = typeof surveys.$inferSelect;

function summaryOf(s: Survey): string {
  const parts = [
    s.nps !== null ? `推荐意愿 ${s.nps}/10` : null,
    s.stars !== null ? `满意度 ${s.stars} 星` : null,
    s.reasons.length ? `原因：${s.reasons.join('、')}` : null,
    s.comment ? `“${s.comment}”` : null,
  ].filter(Boolean);
  return `满意度调查差评：${parts.join('；')}`;
}

export async function earlyWarning(ctx: Ctx, s: Survey): Promise<void> {
  if (!isWarning(s)) return;
  const now = ctx.clock.now();
  const [claimed] = await ctx.tx
    .update(surveys)
    .set({ alertedAt: now })
    .where(and(eq(surveys.id, s.id), isNull(surveys.alertedAt)))
    .returning({ id: surveys.id });
  if (!claimed) {
    // Already raised by the score: the details the owner added go on the ticket.
    if (s.ticketId && s.comment)
      await addTimeline(ctx, s.ticketId, {
        kind: 'owner_message',
        body: s.comment,
        ownerVisible: true,
      });
    return;
  }
  const ticket = await openComplaint(ctx, {
    customerId: s.customerId,
    storeId: s.storeId,
    serviceOrderId: s.serviceOrderId,
    source: 'survey',
    severity: surveySeverity(s),
    summary: summaryOf(s),
    surveyId: s.id,
  });
  await alertManagers(ctx, {
    storeId: s.storeId,
    kind: 'survey_warning',
    ticketId: ticket.ticketId,
    dedupeKey: `survey.warning:${s.id}`,
    text: `差评预警：客户在满意度调查中给出 ${s.nps ?? '-'} 分，已生成投诉工单 ${ticket.number}，请立即联系客户。`,
  });
  const couponId = await recoveryCoupon(ctx, s);
  await ctx.tx
    .update(surveys)
    .set({ ticketId: ticket.ticketId, couponId })
    .where(eq(surveys.id, s.id));
  if (couponId)
    await addTimeline(ctx, ticket.ticketId, {
      kind: 'coupon',
      data: { couponId },
      ownerVisible: false,
    });
}

/** A coupon from the tenant's recovery template while this month's budget lasts, else null. */
async function recoveryCoupon(ctx: Ctx, s: Survey): Promise<string | null> {
  // The settings row is the lock: two warnings at once cannot both take the last coupon.
  const [settings] = await ctx.tx.select().from(feedbackSettings).for('update');
  if (!settings?.recoveryTemplateId || settings.recoveryMonthlyBudget <= 0) return null;
  const tz = await tenantZone(ctx);
  const today = localDateTime(ctx.clock.now(), tz).date;
  const monthStart = zonedInstant(`${today.slice(0, 7)}-01`, 0, tz);
  const [used] = await ctx.tx
    .select({ n: count() })
    .from(surveys)
    .where(and(isNotNull(surveys.couponId), gte(surveys.alertedAt, monthStart)));
  if ((used?.n ?? 0) >= settings.recoveryMonthlyBudget) return null;
  try {
    const coupon = await ctx.tx.transaction(async (tx) =>
      issueCoupon(
        { ...ctx, tx },
        {
          templateId: settings.recoveryTemplateId!,
          customerId: s.customerId,
          key: `survey-recovery:${s.id}`,
          source: 'rule',
          sourceRef: `survey:${s.id}`,
        },
      ),
    );
    return coupon.id;
  } catch (err) {
    // A template archived or out of stock, or the owner at its limit: no coupon, the rest stays.
    if (err instanceof AppError) return null;
    throw err;
  }
}
