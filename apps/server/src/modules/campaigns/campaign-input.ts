// A campaign as saved: checked at save time — the segment exists, the variants are A (and B with
// a split), each template is a marketing one whose variables the campaign gives and which has
// the channels asked for, the coupon is active, the schedule is complete and in the future —
// then turned into the row's values.
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { couponTemplates } from '../coupons/index.ts';
import { builtInTemplate } from '../messaging/index.ts';
import { segmentRow } from '../segments/index.ts';
import type { CampaignInput } from './campaigns.schemas.ts';
import type { CampaignVariant, Recurrence } from './campaigns.tables.ts';

/** What a campaign always gives its template, and what a coupon adds. */
export const PROVIDED_VARIABLES = ['campaign.text'];
export const COUPON_VARIABLES = ['coupon.name', 'coupon.code', 'coupon.expiresAt'];
export const ALWAYS = ['customer.name', 'tenant.name', 'unsubscribe.url'];

/** The variables a template needs that the campaign does not give it (empty when it fits). */
export function missingVariables(templateKey: string, withCoupon: boolean): string[] | null {
  const template = builtInTemplate(templateKey);
  if (!template || template.purpose !== 'marketing') return null;
  const provided = new Set([
    ...ALWAYS,
    ...PROVIDED_VARIABLES,
    ...(withCoupon ? COUPON_VARIABLES : []),
  ]);
  return template.variables.filter((v) => !provided.has(v));
}

export async function checkInput(ctx: Ctx, input: CampaignInput) {
  const segment = await segmentRow(ctx, input.segmentId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'NOT_FOUND')
      throw new AppError('NOT_FOUND', { field: 'segmentId', details: { entity: 'segment' } });
    throw err;
  });
  checkVariants(input);
  const couponValueFen = await checkCoupon(ctx, input);
  checkSchedule(input, ctx.clock.now());
  return { segment, couponValueFen };
}

function checkVariants(input: CampaignInput) {
  const keys = input.variants.map((v) => v.key);
  if (new Set(keys).size !== keys.length || keys[0] !== 'A')
    throw new AppError('VALIDATION_FAILED', {
      field: 'variants',
      message: { 'zh-CN': '方案须为 A，或 A 与 B', en: 'Variants must be A, or A and B' },
    });
  if (input.variants.length === 2 && input.splitPercent === undefined)
    throw new AppError('VALIDATION_FAILED', {
      field: 'splitPercent',
      message: {
        'zh-CN': '两个方案时须填写 A 方案的比例',
        en: 'With two variants, give the share of variant A',
      },
    });
  const withCoupon = Boolean(input.couponTemplateId);
  input.variants.forEach((v, i) => {
    const missing = missingVariables(v.templateKey, withCoupon);
    if (missing === null)
      throw new AppError('CAMPAIGN_TEMPLATE_INVALID', {
        field: `variants.${i}.templateKey`,
        details: { templateKey: v.templateKey, reason: 'not_found' },
      });
    if (missing.length)
      throw new AppError('CAMPAIGN_TEMPLATE_INVALID', {
        field: `variants.${i}.templateKey`,
        details: { templateKey: v.templateKey, reason: 'variables_missing', missing },
      });
    const template = builtInTemplate(v.templateKey)!;
    const absent = (input.channels ?? []).filter((c) => !template.channels[c]);
    if (absent.length)
      throw new AppError('CAMPAIGN_TEMPLATE_INVALID', {
        field: 'channels',
        details: {
          templateKey: v.templateKey,
          reason: 'channel_not_in_template',
          channels: absent,
        },
      });
  });
}

/** The coupon's value in fen (0 without one); a coupon budget needs a coupon. */
async function checkCoupon(ctx: Ctx, input: CampaignInput): Promise<number> {
  let couponValueFen = 0;
  if (input.couponTemplateId) {
    const [t] = await ctx.tx
      .select()
      .from(couponTemplates)
      .where(eq(couponTemplates.id, input.couponTemplateId));
    if (!t) throw new AppError('NOT_FOUND', { field: 'couponTemplateId' });
    if (t.status !== 'active')
      throw new AppError('COUPON_TEMPLATE_ARCHIVED', { field: 'couponTemplateId' });
    couponValueFen = Number(t.amountOffFen ?? t.maxDiscountFen ?? 0);
  }
  if (input.budgetMaxCouponFen && !input.couponTemplateId)
    throw new AppError('VALIDATION_FAILED', {
      field: 'budgetMaxCouponFen',
      message: {
        'zh-CN': '未选择优惠券时不能设置券额预算',
        en: 'A coupon budget needs a coupon',
      },
    });
  return couponValueFen;
}

function checkSchedule(input: CampaignInput, now: Date) {
  const invalid = (field: string, reason: 'required' | 'past') =>
    new AppError('CAMPAIGN_SCHEDULE_INVALID', { field, details: { reason } });
  if (input.scheduleKind === 'once') {
    if (!input.sendAt) throw invalid('sendAt', 'required');
    if (new Date(input.sendAt).getTime() <= now.getTime()) throw invalid('sendAt', 'past');
  }
  if (input.scheduleKind === 'recurring') {
    const r = input.recurrence;
    if (!r) throw invalid('recurrence', 'required');
    if (r.frequency === 'weekly' && r.weekday === undefined)
      throw invalid('recurrence.weekday', 'required');
    if (r.frequency === 'monthly' && r.dayOfMonth === undefined)
      throw invalid('recurrence.dayOfMonth', 'required');
  }
}

/** The row's values of a checked input. */
export function values(input: CampaignInput) {
  return {
    name: input.name,
    play: input.play ?? null,
    segmentId: input.segmentId,
    variants: input.variants as CampaignVariant[],
    splitPercent: input.variants.length === 2 ? (input.splitPercent ?? 50) : 100,
    couponTemplateId: input.couponTemplateId ?? null,
    holdoutPercent: input.holdoutPercent,
    budgetMaxRecipients: input.budgetMaxRecipients ?? null,
    budgetMaxCouponFen: input.budgetMaxCouponFen ?? null,
    attributionDays: input.attributionDays,
    channels: input.channels ?? null,
    scheduleKind: input.scheduleKind,
    sendAt: input.scheduleKind === 'once' && input.sendAt ? new Date(input.sendAt) : null,
    recurrence: input.scheduleKind === 'recurring' ? (input.recurrence as Recurrence) : null,
  };
}
