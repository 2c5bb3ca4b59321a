import { z } from 'zod';
import { Instant } from '../../kernel/calendar.ts';
import { CursorQuery, LimitQuery } from '../../kernel/paging.ts';
import { SERVICE_CATEGORIES } from '../service/index.ts';
import {
  COUPON_KINDS,
  COUPON_SOURCES,
  COUPON_STATUSES,
  COUPON_TEMPLATE_STATUSES,
  PARTNER_DIRECTIONS,
  REFUND_RULES,
} from './coupons.tables.ts';

/** ¥1,000,000: more is a typo. */
const MAX_FEN = 100_000_000;
const Fen = z.number().int().min(1).max(MAX_FEN);

const TemplateFields = {
  name: z.string().trim().min(1).max(60),
  description: z.string().trim().max(500).nullish(),
  kind: z
    .enum(COUPON_KINDS)
    .describe(
      'amount_off (立减), percent_off (折扣, with cap), free_item (免费项目), package (套餐)',
    ),
  amountOffFen: Fen.nullish().describe('amount_off: fen off'),
  percentOff: z.number().int().min(1).max(100).nullish().describe('percent_off: 1–100'),
  maxDiscountFen: Fen.nullish().describe('percent_off: the cap; free_item: the item’s value cap'),
  freeItemName: z.string().trim().min(1).max(60).nullish(),
  freeItemCategory: z.enum(SERVICE_CATEGORIES).nullish(),
  packageName: z.string().trim().min(1).max(60).nullish(),
  packageUses: z.number().int().min(1).max(1000).nullish(),
  packageValidDays: z.number().int().min(1).max(3650).nullish(),
  validFrom: Instant.nullish(),
  validUntil: Instant.nullish(),
  validDays: z.number().int().min(1).max(3650).nullish().describe('Valid N days from issue'),
  minSpendFen: z.number().int().min(0).max(MAX_FEN).optional(),
  storeIds: z.array(z.string().uuid()).max(200).optional().describe('Empty: every store'),
  categories: z.array(z.enum(SERVICE_CATEGORIES)).max(20).optional().describe('Empty: everything'),
  partnerId: z.string().uuid().nullish().describe('A partner merchant’s coupon (异业联盟)'),
  partnerDirection: z
    .enum(PARTNER_DIRECTIONS)
    .nullish()
    .describe(
      'With partnerId: redeem_at_partner (issued by the business, redeemed at the partner; default) or redeem_at_business (issued by the partner, redeemed at the business)',
    ),
  settlementFen: z
    .number()
    .int()
    .min(0)
    .max(MAX_FEN)
    .optional()
    .describe('What the redeeming side is owed per redemption by the issuing side (fen)'),
  perCustomerLimit: z.number().int().min(1).max(1000).nullish(),
  budget: z.number().int().min(1).max(10_000_000).nullish().describe('Total that may be issued'),
  issueOnTier: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .nullish()
    .describe('Issue one automatically when a customer reaches this tier code'),
  refundRule: z.enum(REFUND_RULES).optional().describe('On refund of the order: void or restore'),
};

export const CreateTemplateBody = z.object(TemplateFields).meta({
  example: {
    name: '保养立减 50 元',
    kind: 'amount_off',
    amountOffFen: 5000,
    minSpendFen: 30000,
    validDays: 30,
    categories: ['oil_change'],
    perCustomerLimit: 2,
    budget: 500,
  },
});
export type CreateTemplateInput = z.infer<typeof CreateTemplateBody>;

export const UpdateTemplateBody = z
  .object({ ...TemplateFields, status: z.enum(COUPON_TEMPLATE_STATUSES) })
  .partial()
  .meta({ example: { budget: 800, status: 'active' } });
export type UpdateTemplateInput = z.infer<typeof UpdateTemplateBody>;

export const TemplateListQuery = z.object({
  status: z.enum(COUPON_TEMPLATE_STATUSES).optional(),
  limit: LimitQuery,
  cursor: CursorQuery,
});

export const CouponTemplateSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    kind: z.enum(COUPON_KINDS),
    terms: z.string().describe('The terms in words, e.g. "满 300 减 50 元"'),
    amountOffFen: z.number().int().nullable(),
    percentOff: z.number().int().nullable(),
    maxDiscountFen: z.number().int().nullable(),
    freeItemName: z.string().nullable(),
    freeItemCategory: z.string().nullable(),
    packageName: z.string().nullable(),
    packageUses: z.number().int().nullable(),
    packageValidDays: z.number().int().nullable(),
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
    validDays: z.number().int().nullable(),
    minSpendFen: z.number().int(),
    storeIds: z.array(z.string()),
    categories: z.array(z.string()),
    partnerId: z.string().nullable(),
    partnerDirection: z.enum(PARTNER_DIRECTIONS).nullable(),
    settlementFen: z.number().int(),
    perCustomerLimit: z.number().int().nullable(),
    budget: z.number().int().nullable(),
    issuedCount: z.number().int(),
    redeemedCount: z.number().int(),
    issueOnTier: z.string().nullable(),
    refundRule: z.enum(REFUND_RULES),
    status: z.enum(COUPON_TEMPLATE_STATUSES),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CouponTemplate' });
export type CouponTemplateDto = z.infer<typeof CouponTemplateSchema>;

export const IssueBody = z
  .object({
    customerIds: z.array(z.string().uuid()).max(5000).optional(),
    phones: z
      .array(z.string().trim().min(1).max(30))
      .max(5000)
      .optional()
      .describe('Phone numbers as typed or pasted; unknown ones are reported, not issued'),
    batchKey: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe('Issuing again with the same key gives no customer a second coupon'),
  })
  .meta({
    example: { customerIds: ['01900000-0000-7000-8000-000000000001'], batchKey: 'spring-2026' },
  });
export type IssueInput = z.infer<typeof IssueBody>;

export const CouponSchema = z
  .object({
    id: z.string(),
    code: z.string().describe('Short human code, unique in the tenant (e.g. 7KQ3MXP2)'),
    templateId: z.string(),
    templateName: z.string(),
    kind: z.enum(COUPON_KINDS),
    terms: z.string(),
    customerId: z.string(),
    customerName: z.string().nullable(),
    status: z.enum(COUPON_STATUSES),
    /** issued but past its window reads as expired. */
    state: z.enum(['valid', 'not_yet_valid', 'expired', 'redeemed', 'voided']),
    source: z.enum(COUPON_SOURCES),
    validFrom: z.string(),
    validUntil: z.string().nullable(),
    issuedAt: z.string(),
    redeemedAt: z.string().nullable(),
    redeemedOrderId: z.string().nullable(),
    discountFen: z.number().int().nullable(),
    redemptionNote: z.string().nullable(),
    voidedAt: z.string().nullable(),
    voidReason: z.string().nullable(),
    reissuedFromId: z.string().nullable(),
  })
  .meta({ id: 'Coupon' });
export type CouponDto = z.infer<typeof CouponSchema>;

export const IssueResultSchema = z
  .object({
    issued: z.number().int().describe('Coupons created by this call'),
    alreadyIssued: z.number().int().describe('Customers that had one under the same batch key'),
    overLimit: z.array(z.string()).describe('Customer ids at the per-customer limit (skipped)'),
    unknownPhones: z.array(z.string()).describe('Phones that match no customer'),
    unknownCustomerIds: z.array(z.string()),
    coupons: z.array(CouponSchema).describe('The coupons created (first 200)'),
  })
  .meta({ id: 'CouponIssueResult' });

export const CouponListQuery = z.object({
  customerId: z.string().uuid().optional(),
  templateId: z.string().uuid().optional(),
  status: z.enum(COUPON_STATUSES).optional(),
  limit: LimitQuery,
  cursor: CursorQuery,
});

export const VoidBody = z
  .object({ reason: z.string().trim().min(1).max(200) })
  .meta({ example: { reason: '发错客户' } });
export const ReissueBody = z
  .object({ reason: z.string().trim().min(1).max(200) })
  .meta({ example: { reason: '客户券码丢失，补发' } });

const CodeField = z.string().trim().min(4).max(20).describe('The coupon code (case-insensitive)');

export const ValidateBody = z
  .object({
    code: CodeField,
    orderId: z.string().uuid().optional().describe('Check against this order (preferred)'),
    storeId: z.string().uuid().optional().describe('Without an order: the store'),
    amountFen: z
      .number()
      .int()
      .min(0)
      .max(MAX_FEN)
      .optional()
      .describe('Without an order: the total'),
    categoryTotals: z
      .partialRecord(z.enum(SERVICE_CATEGORIES), z.number().int().min(0).max(MAX_FEN))
      .optional()
      .describe('Without an order: line totals per category'),
  })
  .meta({
    example: {
      code: '7KQ3MXP2',
      storeId: '01900000-0000-7000-8000-000000000003',
      amountFen: 46800,
      categoryTotals: { oil_change: 46800 },
    },
  });
export type ValidateInput = z.infer<typeof ValidateBody>;

export const ValidateQuery = z.object({
  code: CodeField,
  orderId: z.string().uuid().optional(),
  storeId: z.string().uuid().optional(),
  amountFen: z.coerce.number().int().min(0).max(MAX_FEN).optional(),
});

export const ValidationSchema = z
  .object({
    valid: z.boolean(),
    reason: z
      .string()
      .nullable()
      .describe(
        'Why not: COUPON_EXPIRED, COUPON_NOT_YET_VALID, COUPON_MIN_SPEND_NOT_MET, COUPON_OUT_OF_SCOPE, COUPON_ALREADY_REDEEMED, COUPON_VOIDED, COUPON_WRONG_CUSTOMER, COUPON_NOT_FOR_ORDERS, COUPON_ORDER_HAS_COUPON',
      ),
    message: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
    discountFen: z.number().int().describe('What it takes off (0 when not valid)'),
    coupon: CouponSchema,
  })
  .meta({ id: 'CouponValidation' });

export const ApplyCouponBody = z
  .object({
    code: CodeField.optional(),
    couponId: z.string().uuid().optional(),
  })
  .meta({ example: { code: '7KQ3MXP2' } });

export const MyCouponsQuery = z.object({
  state: z.enum(['valid', 'used', 'expired']).optional().describe('valid, used, or expired/voided'),
});

export const MyCouponSchema = CouponSchema.omit({
  customerId: true,
  customerName: true,
  voidReason: true,
  reissuedFromId: true,
  source: true,
})
  .extend({
    description: z.string().nullable().describe('The template’s own words (conditions, notes)'),
    minSpendFen: z.number().int().describe('Usable on orders of at least this much (0: any)'),
    categories: z
      .array(z.string())
      .describe('Service categories it applies to; empty: every service'),
    stores: z.array(z.string()).describe('Names of the stores it is valid at; empty: every store'),
    qrPayload: z.string().describe('What the counter scans: the coupon code itself'),
    timeZone: z.string().describe('The business’s time zone (validity is read in it)'),
  })
  .meta({ id: 'MyCoupon' });

export const MemberCardSchema = z
  .object({
    memberNo: z.string().describe('会员号, e.g. "LK00000123"'),
    name: z.string().nullable(),
    phoneMasked: z.string(),
    token: z.string().describe('Rotating token; not the customer id'),
    qrPayload: z.string().describe('What the QR code encodes (LKMC:<token>)'),
    expiresAt: z.string(),
    refreshInSeconds: z.number().int().describe('Fetch the card again after this long'),
    validCouponCount: z.number().int(),
  })
  .meta({ id: 'MemberCard' });

export const MemberCardLookupSchema = z
  .object({
    customerId: z.string(),
    memberNo: z.string(),
    name: z.string().nullable(),
    phone: z.string(),
    expiresAt: z.string(),
    validCouponCount: z.number().int(),
  })
  .meta({ id: 'MemberCardLookup' });
