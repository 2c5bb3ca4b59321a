// The tenant's referral programme: one JSON document per tenant; a tenant that never saved one
// gets the defaults (referrer 500 points; referee the welcome coupon when one is set, else 300).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { couponTemplates } from '../coupons/index.ts';
import type { ReferralSettings, Reward } from './referrals.schemas.ts';
import { referralSettings } from './referrals.tables.ts';

export const DEFAULT_WELCOME_TEXT =
  '好友邀请您体验我们的养车服务，首单满额双方都有奖励，欢迎到店！';

const DEFAULTS: Omit<ReferralSettings, 'refereeReward'> = {
  enabled: true,
  attributionWindowDays: 30,
  minOrderFen: 20000,
  referrerReward: { kind: 'points', amount: 500, couponTemplateId: null },
  welcomeCouponTemplateId: null,
  welcomeText: DEFAULT_WELCOME_TEXT,
  monthlyCapPerReferrer: 10,
  velocityMaxPerDay: 5,
  reviewFlagged: true,
};

export async function loadReferralSettings(ctx: Ctx): Promise<ReferralSettings> {
  const [row] = await ctx.tx.select().from(referralSettings);
  const stored = (row?.settings ?? {}) as Partial<ReferralSettings>;
  const merged = { ...DEFAULTS, ...stored };
  const refereeReward: Reward =
    stored.refereeReward ??
    (merged.welcomeCouponTemplateId
      ? { kind: 'coupon', amount: 0, couponTemplateId: merged.welcomeCouponTemplateId }
      : { kind: 'points', amount: 300, couponTemplateId: null });
  return { ...merged, refereeReward };
}

export async function saveReferralSettings(
  ctx: Ctx,
  next: ReferralSettings,
): Promise<ReferralSettings> {
  await ctx.tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`referral_settings|${ctx.tenantId}`}, 0))`,
  );
  const checks: [string, string | null][] = [
    ['welcomeCouponTemplateId', next.welcomeCouponTemplateId],
    [
      'referrerReward.couponTemplateId',
      next.referrerReward.kind === 'coupon' ? next.referrerReward.couponTemplateId : null,
    ],
    [
      'refereeReward.couponTemplateId',
      next.refereeReward.kind === 'coupon' ? next.refereeReward.couponTemplateId : null,
    ],
  ];
  for (const side of ['referrerReward', 'refereeReward'] as const)
    if (next[side].kind === 'coupon' && !next[side].couponTemplateId)
      throw new AppError('REFERRAL_REWARD_INVALID', { field: `${side}.couponTemplateId` });
  const ids = checks.map(([, id]) => id).filter((id): id is string => !!id);
  if (ids.length) {
    const found = await ctx.tx
      .select({ id: couponTemplates.id })
      .from(couponTemplates)
      .where(and(inArray(couponTemplates.id, ids), eq(couponTemplates.status, 'active')));
    const ok = new Set(found.map((f) => f.id));
    const bad = checks.find(([, id]) => id && !ok.has(id));
    if (bad) throw new AppError('REFERRAL_REWARD_INVALID', { field: bad[0] });
  }
  const settings = {
    ...next,
    referrerReward: normalise(next.referrerReward),
    refereeReward: normalise(next.refereeReward),
  };
  const now = ctx.clock.now();
  await ctx.tx
    .insert(referralSettings)
    .values({ tenantId: ctx.tenantId, settings, updatedAt: now })
    .onConflictDoUpdate({ target: referralSettings.tenantId, set: { settings, updatedAt: now } });
  await recordAudit(ctx, {
    action: 'referral.settingsChanged',
    entityType: 'referral_settings',
    entityId: null,
    changes: settings,
  });
  return settings;
}

/** A coupon reward has no amount; points and stored value no template. */
function normalise(r: Reward): Reward {
  if (r.kind === 'coupon')
    return { kind: 'coupon', amount: 0, couponTemplateId: r.couponTemplateId };
  if (r.kind === 'none') return { kind: 'none', amount: 0, couponTemplateId: null };
  return { kind: r.kind, amount: r.amount, couponTemplateId: null };
}

/** Whether a reward gives anything (none, or 0 points, gives nothing: no reward row). */
export const rewardGives = (r: Reward) =>
  r.kind === 'coupon' ? !!r.couponTemplateId : r.kind !== 'none' && r.amount > 0;
