import { z } from 'zod';
import { CHANNEL_NAMES } from '../../channels/port.ts';
import { Instant } from '../../kernel/calendar.ts';
import { CAMPAIGN_PLAYS, CAMPAIGN_STATUSES, SCHEDULE_KINDS } from './campaigns.tables.ts';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const RecurrenceSchema = z
  .object({
    frequency: z.enum(['daily', 'weekly', 'monthly']),
    time: HHMM.describe('Local time in the tenant’s timezone'),
    weekday: z.number().int().min(0).max(6).optional().describe('0 = Sunday (weekly)'),
    dayOfMonth: z.number().int().min(1).max(28).optional().describe('1–28 (monthly)'),
  })
  .strict();

export const VariantSchema = z
  .object({
    key: z.enum(['A', 'B']),
    templateKey: z.string().min(1).max(100).describe('A marketing message template'),
    text: z.string().trim().min(1).max(300).describe('Fills {{campaign.text}}'),
  })
  .strict();

export const CampaignBody = z
  .object({
    name: z.string().trim().min(1).max(80),
    play: z.enum(CAMPAIGN_PLAYS).nullish(),
    segmentId: z.string().uuid(),
    variants: z.array(VariantSchema).min(1).max(2),
    splitPercent: z
      .number()
      .int()
      .min(1)
      .max(99)
      .optional()
      .describe('Share of the sends that get variant A (two variants only)'),
    couponTemplateId: z.string().uuid().nullish().describe('Issue one coupon per recipient'),
    holdoutPercent: z.number().int().min(0).max(50).default(0),
    budgetMaxRecipients: z.number().int().min(1).max(10_000_000).nullish(),
    budgetMaxCouponFen: z.number().int().min(1).max(1_000_000_000_00).nullish(),
    attributionDays: z.number().int().min(1).max(90).default(7),
    channels: z.array(z.enum(CHANNEL_NAMES)).min(1).max(5).nullish(),
    scheduleKind: z.enum(SCHEDULE_KINDS).default('now'),
    sendAt: Instant.nullish().describe('When (scheduleKind once)'),
    recurrence: RecurrenceSchema.nullish().describe('When (scheduleKind recurring)'),
  })
  .strict()
  .meta({
    example: {
      name: '冬季检测回店',
      segmentId: '01900000-0000-7000-8000-000000000001',
      variants: [
        { key: 'A', templateKey: 'marketing.campaign', text: '冬季免费检测，欢迎回店！' },
        { key: 'B', templateKey: 'marketing.campaign', text: '天冷了，来做个免费检测吧。' },
      ],
      splitPercent: 50,
      holdoutPercent: 10,
      attributionDays: 14,
      scheduleKind: 'now',
    },
  });
export type CampaignInput = z.infer<typeof CampaignBody>;

export const FromPlayBody = z
  .object({ play: z.enum(CAMPAIGN_PLAYS) })
  .strict()
  .meta({ example: { play: 'win_back' } });

export const AccountingSchema = z.object({
  targeted: z.number().int(),
  heldOut: z.number().int(),
  pending: z.number().int(),
  sent: z.number().int(),
  suppressed: z.number().int(),
  failed: z.number().int(),
});

export const CampaignSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    play: z.enum(CAMPAIGN_PLAYS).nullable(),
    segmentId: z.string(),
    segmentName: z.string().nullable(),
    variants: z.array(VariantSchema),
    splitPercent: z.number().int(),
    couponTemplateId: z.string().nullable(),
    holdoutPercent: z.number().int(),
    budgetMaxRecipients: z.number().int().nullable(),
    budgetMaxCouponFen: z.number().int().nullable(),
    attributionDays: z.number().int(),
    channels: z.array(z.enum(CHANNEL_NAMES)).nullable(),
    scheduleKind: z.enum(SCHEDULE_KINDS),
    sendAt: z.string().nullable(),
    recurrence: RecurrenceSchema.nullable(),
    nextRunAt: z.string().nullable(),
    status: z.enum(CAMPAIGN_STATUSES),
    runs: z.number().int(),
    launchedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    createdAt: z.string(),
    accounting: AccountingSchema.describe(
      'targeted = held out + pending + sent + suppressed + failed',
    ),
  })
  .meta({ id: 'Campaign' });
export type CampaignDto = z.infer<typeof CampaignSchema>;

const GroupSchema = z.object({
  group: z.string().describe('A, B or holdout'),
  targeted: z.number().int(),
  sent: z.number().int(),
  opened: z.number().int(),
  converted: z.number().int(),
  revenueFen: z.number().int(),
  conversionRate: z.number().nullable(),
});

export const CampaignReportSchema = z
  .object({
    campaignId: z.string(),
    accounting: AccountingSchema,
    opened: z.number().int(),
    converted: z.number().int().describe('Messaged customers with an attributed booking or order'),
    revenueFen: z.number().int(),
    conversionRate: z.number().nullable().describe('converted / sent'),
    holdoutConverted: z.number().int(),
    holdoutConversionRate: z.number().nullable(),
    lift: z
      .number()
      .nullable()
      .describe('conversionRate − holdoutConversionRate (percentage points as a fraction)'),
    groups: z.array(GroupSchema),
    daily: z.array(
      z.object({
        day: z.string(),
        converted: z.number().int(),
        holdoutConverted: z.number().int(),
      }),
    ),
    runs: z.array(
      z.object({
        runNo: z.number().int(),
        status: z.string(),
        targeted: z.number().int(),
        startedAt: z.string(),
        completedAt: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'CampaignReport' });

export const CampaignOptionsSchema = z
  .object({
    templates: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        variables: z.array(z.string()),
        channels: z.array(z.string()),
      }),
    ),
    plays: z.array(
      z.object({
        play: z.enum(CAMPAIGN_PLAYS),
        name: z.string(),
        description: z.string(),
        templateKey: z.string(),
        text: z.string(),
        attributionDays: z.number().int(),
      }),
    ),
    providedVariables: z.array(z.string()),
    couponVariables: z.array(z.string()),
  })
  .meta({ id: 'CampaignOptions' });
