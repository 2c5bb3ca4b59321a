// Request and response schemas of the referral API (also its OpenAPI document).
import { z } from 'zod';
import { CalendarDate, Instant, YearMonth } from '../../kernel/calendar.ts';
import { CursorQuery, LimitQuery } from '../../kernel/paging.ts';
import {
  REFERRAL_CHANNELS,
  REFERRAL_FLAGS,
  REFERRAL_STATUSES,
  REWARD_KINDS,
  REWARD_SIDES,
  REWARD_STATUSES,
} from './referrals.tables.ts';

const Day = CalendarDate;
const Month = YearMonth;

export const RewardSchema = z
  .object({
    kind: z.enum(REWARD_KINDS).describe('points, stored_value (fen), coupon, none'),
    amount: z
      .number()
      .int()
      .min(0)
      .max(100_000_000)
      .describe('Points, or fen of stored value; ignored for coupon/none'),
    couponTemplateId: z.string().uuid().nullable().describe('The coupon template (kind coupon)'),
  })
  .meta({ id: 'ReferralReward' });
export type Reward = z.infer<typeof RewardSchema>;

export const ReferralSettingsSchema = z
  .object({
    enabled: z.boolean(),
    attributionWindowDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .describe('A customer counts as new (can be attributed at the counter) this many days'),
    minOrderFen: z.number().int().min(0).max(100_000_000),
    referrerReward: RewardSchema,
    refereeReward: RewardSchema,
    welcomeCouponTemplateId: z
      .string()
      .uuid()
      .nullable()
      .describe('Issued to the referee when they join (not for flagged ones until approved)'),
    welcomeText: z.string().trim().max(200),
    monthlyCapPerReferrer: z.number().int().min(1).max(1000),
    velocityMaxPerDay: z.number().int().min(1).max(100),
    reviewFlagged: z.boolean().describe('Flagged referrals wait for a manager’s review'),
  })
  .meta({
    id: 'ReferralSettings',
    example: {
      enabled: true,
      attributionWindowDays: 30,
      minOrderFen: 20000,
      referrerReward: { kind: 'points', amount: 500, couponTemplateId: null },
      refereeReward: { kind: 'points', amount: 300, couponTemplateId: null },
      welcomeCouponTemplateId: null,
      welcomeText: '好友推荐您来保养，首单满 200 元双方都有奖励',
      monthlyCapPerReferrer: 10,
      velocityMaxPerDay: 5,
      reviewFlagged: true,
    },
  });
export type ReferralSettings = z.infer<typeof ReferralSettingsSchema>;

export const ReferralFlagSchema = z.object({
  code: z.enum(REFERRAL_FLAGS),
  details: z.record(z.string(), z.unknown()),
});

export const ReferralSchema = z
  .object({
    id: z.string().uuid(),
    referrerId: z.string().uuid(),
    referrerName: z.string().nullable(),
    refereeId: z.string().uuid(),
    refereeName: z.string().nullable(),
    channel: z.enum(REFERRAL_CHANNELS),
    status: z.enum(REFERRAL_STATUSES),
    flags: z.array(ReferralFlagSchema),
    createdAt: Instant,
    qualifyingOrderId: z.string().uuid().nullable(),
    qualifyingOrderFen: z.number().int().nullable(),
    rewards: z.array(
      z.object({
        side: z.enum(REWARD_SIDES),
        kind: z.enum(REWARD_KINDS),
        amount: z.number().int(),
        couponTemplateId: z.string().uuid().nullable(),
        status: z.enum(REWARD_STATUSES),
        grantAt: Instant.nullable(),
      }),
    ),
    decision: z
      .object({
        decision: z.enum(['approve', 'reject']),
        note: z.string(),
        by: z.string(),
        at: Instant,
      })
      .nullable(),
  })
  .meta({ id: 'Referral' });
export type ReferralDto = z.infer<typeof ReferralSchema>;

export const ReferralListQuery = z.object({
  status: z.enum(REFERRAL_STATUSES).optional(),
  q: z.string().trim().max(50).optional().describe('Name or phone of referrer or referee'),
  cursor: CursorQuery,
  limit: LimitQuery,
});

export const ReviewBody = z
  .object({
    decision: z.enum(['approve', 'reject']),
    note: z.string().trim().min(1).max(500),
  })
  .meta({ example: { decision: 'approve', note: '已电话核实，确为朋友推荐' } });

const ReferralCode = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z]{4,12}$/, 'referral code');

export const AttributeBody = z
  .object({
    refereeCustomerId: z.string().uuid(),
    code: ReferralCode,
    address: z
      .string()
      .trim()
      .max(200)
      .optional()
      .describe('The referee’s home address, for the household rule (optional)'),
    payerRef: z
      .string()
      .trim()
      .max(100)
      .optional()
      .describe('Who pays (card tail, WeChat payer name), for the household rule (optional)'),
  })
  .meta({
    example: { refereeCustomerId: '0190a4b2-0000-7000-8000-000000000001', code: 'K7M2QX' },
  });

export const HouseholdBody = z
  .object({
    address: z.string().trim().max(200).nullable(),
    payerRef: z.string().trim().max(100).nullable(),
  })
  .meta({ example: { address: '北京市朝阳区望京西园三区 312 号楼', payerRef: '招行 6225' } });
export const HouseholdSchema = z.object({
  address: z.string().nullable(),
  payerRef: z.string().nullable(),
});

export const CustomerReferralsSchema = z.object({
  code: z.string(),
  link: z.string(),
  referredBy: ReferralSchema.nullable(),
  referrals: z.array(ReferralSchema),
  household: HouseholdSchema,
});

export type ReferralNode = {
  customerId: string;
  name: string | null;
  joinedAt: string;
  status: string | null;
  revenueFen: number;
  children: ReferralNode[];
};
export const ReferralNodeSchema: z.ZodType<ReferralNode> = z
  .object({
    customerId: z.string().uuid(),
    name: z.string().nullable(),
    joinedAt: Instant,
    status: z.string().nullable().describe('Status of the referral that brought them (root: null)'),
    revenueFen: z.number().int().describe('Paid revenue of this customer (all time, net)'),
    get children() {
      return z.array(ReferralNodeSchema);
    },
  })
  .meta({ id: 'ReferralNode' });

export const TreeQuery = z.object({ customerId: z.string().uuid() });
export const TreeSchema = z.object({
  root: ReferralNodeSchema,
  depth: z.number().int(),
  size: z.number().int(),
});

export const TopQuery = z.object({
  from: Day,
  to: Day,
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const TopSchema = z.object({
  items: z.array(
    z.object({
      customerId: z.string().uuid(),
      name: z.string().nullable(),
      direct: z.number().int(),
      total: z.number().int(),
      depth: z.number().int(),
      revenueFen: z.number().int(),
    }),
  ),
});

export const ShareQuery = z.object({
  from: Month,
  to: Month,
  storeId: z.string().uuid().optional(),
});
const ShareFigures = {
  revenueFen: z.number().int(),
  referredRevenueFen: z.number().int(),
  revenueShare: z.number().min(0).max(1),
  newCustomers: z.number().int(),
  referredNewCustomers: z.number().int(),
  newCustomerShare: z.number().min(0).max(1),
};
export const ShareSchema = z.object({
  rows: z.array(
    z.object({
      month: z.string(),
      storeId: z.string().uuid().nullable().describe('null: customers with no store yet'),
      storeName: z.string(),
      ...ShareFigures,
    }),
  ),
  total: z.object(ShareFigures),
});
export type Share = z.infer<typeof ShareSchema>;

export const MyReferralsSchema = z.object({
  code: z.string(),
  link: z.string(),
  posterPngUrl: z.string(),
  posterSvgUrl: z.string(),
  program: z.object({
    enabled: z.boolean(),
    referrerReward: RewardSchema.extend({ couponName: z.string().nullable() }),
    refereeReward: RewardSchema.extend({ couponName: z.string().nullable() }),
    minOrderFen: z.number().int(),
    text: z.string(),
  }),
  referrals: z.array(
    z.object({
      id: z.string().uuid(),
      name: z.string(),
      joinedAt: Instant,
      status: z.enum(REFERRAL_STATUSES),
      myReward: z
        .object({ kind: z.enum(REWARD_KINDS), amount: z.number().int(), status: z.string() })
        .nullable(),
    }),
  ),
  /** The reward the signed-in customer got as a referee, if they were referred. */
  referredBy: z
    .object({
      name: z.string(),
      status: z.enum(REFERRAL_STATUSES),
      myReward: z
        .object({ kind: z.enum(REWARD_KINDS), amount: z.number().int(), status: z.string() })
        .nullable(),
    })
    .nullable(),
  totals: z.object({
    joined: z.number().int(),
    rewarded: z.number().int(),
    pointsEarned: z.number().int(),
    storedValueEarnedFen: z.number().int(),
    couponsEarned: z.number().int(),
  }),
});

export const CodeParams = z.object({ code: ReferralCode });
export const PublicQuery = z.object({ tenant: z.string().trim().min(1).max(64) });
export const PublicReferralSchema = z.object({
  tenantName: z.string(),
  referrerName: z.string(),
  welcomeText: z.string(),
  refereeReward: RewardSchema.extend({ couponName: z.string().nullable() }),
  minOrderFen: z.number().int(),
});

export const RunRewardsSchema = z.object({
  granted: z.number().int().describe('Rewards granted by this run'),
});
