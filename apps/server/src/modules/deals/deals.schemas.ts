import { z } from 'zod';
import { Instant } from '../../kernel/calendar.ts';
import {
  DEAL_OUTCOMES,
  DEAL_REWARD_KINDS,
  DEAL_STATUSES,
  PARTICIPATION_STATUSES,
} from './deals.tables.ts';

/** ¥1,000,000: more is a typo for a group deal. */
const MAX_PRICE_FEN = 100_000_000;
const Fen = z.number().int().min(1).max(MAX_PRICE_FEN).describe('Integer fen (分)');

const dealFields = {
  title: z.string().trim().min(1).max(60),
  description: z.string().max(2000).default('').describe('Plain text; markup is removed'),
  rewardKind: z.enum(DEAL_REWARD_KINDS).describe('What each joiner gets if the deal happens'),
  packageProductId: z.string().uuid().nullish().describe('package: a service package product'),
  couponTemplateId: z.string().uuid().nullish().describe('coupon: an active coupon template'),
  priceFen: Fen.describe('The group price each joiner pays (held from the wallet on joining)'),
  originalPriceFen: Fen.describe('The usual price, shown struck through (≥ the group price)'),
  minJoiners: z.number().int().min(2).max(1000).describe('The deal happens with this many'),
  maxJoiners: z.number().int().min(2).max(1000).nullish().describe('Seats; null: no limit'),
  deadlineAt: Instant.describe('Joining closes and settlement runs at this instant'),
  storeIds: z.array(z.string().uuid()).max(50).default([]).describe('Where; empty: every store'),
};

export const CreateDealBody = z.object(dealFields).meta({
  example: {
    title: '四条轮胎拼团',
    description: '米其林浪潮 205/55R16 四条含安装，满 5 人成团',
    rewardKind: 'package',
    packageProductId: '01900000-0000-7000-8000-000000000001',
    priceFen: 168000,
    originalPriceFen: 216000,
    minJoiners: 5,
    maxJoiners: 20,
    deadlineAt: '2026-12-20T12:00:00+08:00',
    storeIds: [],
  },
});
export type CreateDealInput = z.infer<typeof CreateDealBody>;
/** Only what is given changes (no defaults: a missing store list keeps the stores). */
export const UpdateDealBody = z
  .object({
    ...dealFields,
    description: z.string().max(2000).describe('Plain text; markup is removed'),
    storeIds: z.array(z.string().uuid()).max(50).describe('Where; empty: every store'),
  })
  .partial()
  .meta({ example: { title: '四条轮胎拼团（加推）', minJoiners: 4 } });
export type UpdateDealInput = z.infer<typeof UpdateDealBody>;

export const DealListQuery = z.object({
  status: z.enum(DEAL_STATUSES).optional(),
});

export const DealSchema = z.object({
  id: z.string().uuid(),
  title: z.string(),
  description: z.string(),
  rewardKind: z.enum(DEAL_REWARD_KINDS),
  packageProductId: z.string().uuid().nullable(),
  couponTemplateId: z.string().uuid().nullable(),
  rewardName: z.string().nullable().describe('The package or coupon template name'),
  priceFen: z.number().int(),
  originalPriceFen: z.number().int(),
  minJoiners: z.number().int(),
  maxJoiners: z.number().int().nullable(),
  deadlineAt: z.string(),
  storeIds: z.array(z.string().uuid()),
  status: z.enum(DEAL_STATUSES),
  outcome: z.enum(DEAL_OUTCOMES).nullable(),
  joiners: z
    .number()
    .int()
    .describe('Owners in (an ended deal: in at its end, given back or not); real people only'),
  counted: z.number().int().describe('Joiners counted towards the minimum (a household once)'),
  publishedAt: z.string().nullable(),
  settledAt: z.string().nullable(),
  createdAt: z.string(),
});
export type DealDto = z.infer<typeof DealSchema>;

export const ParticipationSchema = z.object({
  id: z.string().uuid(),
  customerId: z.string().uuid(),
  customerName: z.string().nullable(),
  phoneTail: z.string().nullable(),
  status: z.enum(PARTICIPATION_STATUSES),
  leader: z.boolean(),
  holdFen: z.number().int(),
  flags: z.array(z.object({ code: z.string(), customerId: z.string().uuid() })),
  grantedRef: z.string().nullable(),
  joinedAt: z.string(),
  leftAt: z.string().nullable(),
  settledAt: z.string().nullable(),
});

export const DealDetailSchema = DealSchema.extend({
  participations: z.array(ParticipationSchema),
});

export const AppDealSchema = DealSchema.omit({ packageProductId: true, couponTemplateId: true })
  .extend({
    leaderName: z.string().nullable().describe('The leader (团长), masked'),
    mine: z
      .object({
        participationId: z.string().uuid(),
        status: z.enum(PARTICIPATION_STATUSES),
        holdFen: z.number().int(),
        leader: z.boolean(),
      })
      .nullable(),
  })
  .describe('A deal as a car owner sees it');

export const ShareSchema = z.object({
  code: z.string(),
  link: z.string().describe('The owner’s referral link, landing on the deal'),
});

export const MyHoldSchema = z.object({
  participationId: z.string().uuid(),
  dealId: z.string().uuid(),
  title: z.string(),
  status: z.enum(PARTICIPATION_STATUSES),
  dealStatus: z.enum(DEAL_STATUSES),
  holdFen: z.number().int(),
  deadlineAt: z.string(),
  joinedAt: z.string(),
});

export const JoinBody = z
  .object({
    via: z
      .string()
      .trim()
      .max(16)
      .nullish()
      .describe('The referral code of the link the owner came through'),
  })
  .meta({ example: { via: 'K7M2QX' } });

export const SettleResultSchema = z.object({
  deals: z.number().int(),
  participations: z.number().int(),
});
