// The tenant's loyalty rules: one JSON document per tenant, validated by these schemas (which are
// also the API's). A tenant that never saved any gets the defaults.
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { SERVICE_CATEGORIES } from '../service/index.ts';
import { loyaltySettings } from './loyalty.tables.ts';

const Fen = z.number().int().min(0).max(100_000_000);

export const RedemptionSettingsSchema = z
  .object({
    pointsPerYuan: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .describe('Points that pay ¥1 at the counter; 0 turns points as payment off'),
    maxOrderSharePercent: z
      .number()
      .int()
      .min(0)
      .max(100)
      .describe('The most of an order’s amount due that points may pay, in percent'),
    minPoints: z
      .number()
      .int()
      .min(0)
      .max(1_000_000)
      .describe('The fewest points a customer may spend on one order'),
  })
  .meta({ id: 'RedemptionSettings' });

export const DEFAULT_REDEMPTION: RedemptionSettings = {
  pointsPerYuan: 100,
  maxOrderSharePercent: 50,
  minPoints: 100,
};

export const PointsSettingsSchema = z
  .object({
    pointsPerYuan: z
      .number()
      .min(0)
      .max(100)
      .describe('Points per ¥1 actually paid (after discounts); 0 turns earning off'),
    categoryMultipliers: z
      .partialRecord(z.enum(SERVICE_CATEGORIES), z.number().min(0).max(10))
      .describe('Per service category, e.g. { "wash": 2 }; missing categories count 1×'),
    actions: z
      .object({
        review: z.number().int().min(0).max(1_000_000),
        referral: z.number().int().min(0).max(1_000_000),
        event: z.number().int().min(0).max(1_000_000),
      })
      .describe('Points granted per action'),
    returnWindowDays: z
      .number()
      .int()
      .min(0)
      .max(90)
      .describe('Order points stay pending this many days after payment'),
    expiryMonths: z.number().int().min(1).max(120).describe('Points expire by lot after this'),
    allowNegativeOnReversal: z
      .boolean()
      .describe('A refund may take back points already spent as a negative balance (debt)'),
    redemption: RedemptionSettingsSchema.default(DEFAULT_REDEMPTION).describe(
      'Points as payment at the counter (积分抵扣): rate and limits',
    ),
  })
  .meta({ id: 'PointsSettings' });

export const StoredValueSettingsSchema = z
  .object({
    capRegisteredFen: Fen.describe(
      'Balance cap of a registered (named, 记名) card; default ¥5,000',
    ),
    capAnonymousFen: Fen.describe('Balance cap of an anonymous (不记名) card; default ¥1,000'),
    spendOrder: z
      .enum(['principal_first', 'bonus_first', 'proportional'])
      .describe('How a payment splits between principal and bonus'),
    refundRule: z
      .enum(['forfeit_bonus', 'deduct_spent_bonus'])
      .describe(
        'forfeit_bonus: principal back, bonus forfeited; deduct_spent_bonus: bonus already spent is deducted from the cash returned (full refunds only)',
      ),
  })
  .meta({ id: 'StoredValueSettings' });

export const LoyaltySettingsSchema = z
  .object({ points: PointsSettingsSchema, storedValue: StoredValueSettingsSchema })
  .meta({
    id: 'LoyaltySettings',
    example: {
      points: {
        pointsPerYuan: 1,
        categoryMultipliers: { wash: 2 },
        actions: { review: 50, referral: 200, event: 100 },
        returnWindowDays: 7,
        expiryMonths: 24,
        allowNegativeOnReversal: false,
        redemption: { pointsPerYuan: 100, maxOrderSharePercent: 50, minPoints: 100 },
      },
      storedValue: {
        capRegisteredFen: 500000,
        capAnonymousFen: 100000,
        spendOrder: 'proportional',
        refundRule: 'forfeit_bonus',
      },
    },
  });

export const TopUpPackageSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string().trim().min(1).max(60),
    payFen: Fen.min(1),
    bonusFen: Fen,
    active: z.boolean(),
  })
  .meta({ id: 'TopUpPackage' });

export const TopUpPackagesSchema = z.object({ items: z.array(TopUpPackageSchema).max(50) }).meta({
  example: {
    items: [
      {
        id: '0190d7a0-0000-7000-8000-000000000001',
        name: '充 500 送 50',
        payFen: 50000,
        bonusFen: 5000,
        active: true,
      },
    ],
  },
});

export const TierLevelSchema = z
  .object({
    code: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,29}$/)
      .describe('Stable code, e.g. "gold"'),
    name: z.string().trim().min(1).max(30),
    threshold: z
      .number()
      .int()
      .min(0)
      .max(1_000_000_000)
      .describe('Spend in fen or points over the period that reaches this tier'),
    earnMultiplier: z.number().min(0).max(10),
    upgradeCouponTemplateIds: z
      .array(z.string().uuid())
      .max(10)
      .describe('Coupons issued on reaching this tier (carried by loyalty.tierChanged)'),
  })
  .meta({ id: 'TierLevel' });

export const TierSettingsSchema = z
  .object({
    metric: z.enum(['spend', 'points']),
    periodMonths: z.number().int().min(1).max(60).describe('Rolling period the metric covers'),
    noticeDays: z.number().int().min(0).max(180).describe('Notice before a downgrade'),
    levels: z
      .array(TierLevelSchema)
      .max(10)
      .describe('Ascending thresholds; the first is the base tier (threshold 0)'),
  })
  .meta({
    id: 'TierSettings',
    example: {
      metric: 'spend',
      periodMonths: 12,
      noticeDays: 30,
      levels: [
        {
          code: 'normal',
          name: '普通',
          threshold: 0,
          earnMultiplier: 1,
          upgradeCouponTemplateIds: [],
        },
        {
          code: 'silver',
          name: '银卡',
          threshold: 200000,
          earnMultiplier: 1.2,
          upgradeCouponTemplateIds: [],
        },
      ],
    },
  });

export type PointsSettings = z.infer<typeof PointsSettingsSchema>;
export type RedemptionSettings = z.infer<typeof RedemptionSettingsSchema>;
export type StoredValueSettings = z.infer<typeof StoredValueSettingsSchema>;
export type TopUpPackage = z.infer<typeof TopUpPackageSchema>;
export type TierSettings = z.infer<typeof TierSettingsSchema>;

export interface AllSettings {
  points: PointsSettings;
  storedValue: StoredValueSettings;
  topUpPackages: TopUpPackage[];
  tiers: TierSettings;
}

export const DEFAULT_SETTINGS: AllSettings = {
  points: {
    pointsPerYuan: 1,
    categoryMultipliers: {},
    actions: { review: 50, referral: 200, event: 100 },
    returnWindowDays: 7,
    expiryMonths: 24,
    allowNegativeOnReversal: false,
    redemption: DEFAULT_REDEMPTION,
  },
  storedValue: {
    capRegisteredFen: 500_000,
    capAnonymousFen: 100_000,
    spendOrder: 'proportional',
    refundRule: 'forfeit_bonus',
  },
  topUpPackages: [],
  tiers: {
    metric: 'spend',
    periodMonths: 12,
    noticeDays: 30,
    levels: [
      {
        code: 'normal',
        name: '普通会员',
        threshold: 0,
        earnMultiplier: 1,
        upgradeCouponTemplateIds: [],
      },
      {
        code: 'silver',
        name: '银卡会员',
        threshold: 300_000,
        earnMultiplier: 1.2,
        upgradeCouponTemplateIds: [],
      },
      {
        code: 'gold',
        name: '金卡会员',
        threshold: 800_000,
        earnMultiplier: 1.5,
        upgradeCouponTemplateIds: [],
      },
      {
        code: 'diamond',
        name: '钻石会员',
        threshold: 2_000_000,
        earnMultiplier: 2,
        upgradeCouponTemplateIds: [],
      },
    ],
  },
};

export async function loadSettings(ctx: Ctx): Promise<AllSettings> {
  const [row] = await ctx.tx.select().from(loyaltySettings);
  const stored = (row?.settings ?? {}) as Partial<AllSettings>;
  return {
    points: { ...DEFAULT_SETTINGS.points, ...stored.points },
    storedValue: { ...DEFAULT_SETTINGS.storedValue, ...stored.storedValue },
    topUpPackages: stored.topUpPackages ?? DEFAULT_SETTINGS.topUpPackages,
    tiers: stored.tiers ?? DEFAULT_SETTINGS.tiers,
  };
}

export async function saveSettings(ctx: Ctx, patch: Partial<AllSettings>): Promise<AllSettings> {
  // Lock the row (or take the tenant's settings lock) so two saves of different parts both land.
  await ctx.tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`loyalty_settings|${ctx.tenantId}`}, 0))`,
  );
  const next = { ...(await loadSettings(ctx)), ...patch };
  if (patch.tiers) validateTiers(patch.tiers);
  if (patch.topUpPackages) {
    const ids = new Set(patch.topUpPackages.map((p) => p.id));
    if (ids.size !== patch.topUpPackages.length)
      throw new AppError('VALIDATION_FAILED', { field: 'items' });
  }
  const now = ctx.clock.now();
  await ctx.tx
    .insert(loyaltySettings)
    .values({ tenantId: ctx.tenantId, settings: next, updatedAt: now })
    .onConflictDoUpdate({
      target: loyaltySettings.tenantId,
      set: { settings: next, updatedAt: now },
    });
  return next;
}

function validateTiers(tiers: TierSettings): void {
  const levels = tiers.levels;
  const bad = (field: string, zh: string, en: string) =>
    new AppError('VALIDATION_FAILED', { field, message: { 'zh-CN': zh, en } });
  if (levels.length && levels[0]!.threshold !== 0)
    throw bad('levels.0.threshold', '第一个等级的门槛须为 0', 'The first tier must start at 0');
  for (let i = 1; i < levels.length; i++)
    if (levels[i]!.threshold <= levels[i - 1]!.threshold)
      throw bad(
        `levels.${i}.threshold`,
        '等级门槛须逐级递增',
        'Tier thresholds must increase from one tier to the next',
      );
  if (new Set(levels.map((l) => l.code)).size !== levels.length)
    throw bad('levels', '等级代码不能重复', 'Tier codes must be unique');
}
