import { z } from 'zod';
import { CalendarDate } from '../../kernel/calendar.ts';
import { COUPON_KINDS, COUPON_STATUSES, PARTNER_DIRECTIONS } from '../coupons/index.ts';
import { PARTNER_KINDS, PARTNER_STATUSES } from './partners.tables.ts';

const DateString = CalendarDate.describe('Calendar date YYYY-MM-DD (tenant time)');

const Email = z.string().trim().toLowerCase().max(200).pipe(z.email());

export const PartnerAccountSchema = z
  .object({ id: z.string(), name: z.string(), email: z.string().nullable() })
  .meta({ id: 'PartnerAccount' });

export const PartnerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(PARTNER_KINDS),
    contactName: z.string(),
    contactPhone: z.string(),
    email: z.string().nullable(),
    status: z.enum(PARTNER_STATUSES),
    note: z.string(),
    createdAt: z.string(),
    accounts: z.array(PartnerAccountSchema),
  })
  .meta({ id: 'Partner' });
export type PartnerDto = z.infer<typeof PartnerSchema>;

const PartnerFields = {
  name: z.string().trim().min(1).max(60),
  kind: z.enum(PARTNER_KINDS).describe('car_wash, insurer, tyre_shop, cafe, other'),
  contactName: z.string().trim().min(1).max(60),
  contactPhone: z.string().trim().min(5).max(32).describe('Mobile or landline'),
  email: Email.nullish().describe('Redemption notices go here (optional)'),
  note: z.string().trim().max(500).optional(),
};

export const CreatePartnerBody = z.object(PartnerFields).meta({
  example: {
    name: '洁途洗车',
    kind: 'car_wash',
    contactName: '周美玲',
    contactPhone: '13912345678',
    email: 'wash@example.com',
    note: '天河北路店旁',
  },
});
export type CreatePartnerInput = z.infer<typeof CreatePartnerBody>;

export const UpdatePartnerBody = z
  .object({ ...PartnerFields, status: z.enum(PARTNER_STATUSES) })
  .partial()
  .meta({ example: { status: 'suspended', note: '合同续签中' } });
export type UpdatePartnerInput = z.infer<typeof UpdatePartnerBody>;

export const CreateAccountBody = z
  .object({
    name: z.string().trim().min(1).max(60),
    email: Email.describe('The sign-in login'),
    password: z.string().min(8).max(200),
  })
  .meta({
    example: { name: '洁途前台', email: 'frontdesk@jietu.example', password: 'Wash@2026!' },
  });

export const PartnerParams = z.object({ partnerId: z.string().uuid() });

export const PeriodQuery = z.object({
  from: DateString.optional().describe('Default: the first day of the month of `to`'),
  to: DateString.optional().describe('Default: today'),
});
export type Period = z.infer<typeof PeriodQuery>;
export const StatementLineSchema = z
  .object({
    couponId: z.string(),
    code: z.string(),
    templateName: z.string(),
    direction: z.enum(PARTNER_DIRECTIONS),
    customerName: z.string().describe('Masked, e.g. 王**'),
    redeemedAt: z.string(),
    storeName: z.string().nullable().describe('The business’s store (redeem_at_business)'),
    settlementFen: z.number().int(),
  })
  .meta({ id: 'PartnerStatementLine' });
export type StatementLine = z.infer<typeof StatementLineSchema>;

export const StatementSchema = z
  .object({
    partner: z.object({ id: z.string(), name: z.string() }),
    from: z.string(),
    to: z.string(),
    lines: z.array(StatementLineSchema),
    totals: z.object({
      redemptionsAtPartner: z.number().int(),
      redemptionsAtBusiness: z.number().int(),
      businessOwesPartnerFen: z.number().int(),
      partnerOwesBusinessFen: z.number().int(),
      netFen: z.number().int().describe('Positive: the business pays the partner'),
    }),
  })
  .meta({ id: 'PartnerStatement' });
export type Statement = z.infer<typeof StatementSchema>;

export const PortalMeSchema = z
  .object({
    partner: PartnerSchema.omit({ accounts: true }),
    account: z.object({ id: z.string(), name: z.string() }),
  })
  .meta({ id: 'PartnerPortalMe' });

export const CodeParams = z.object({
  code: z
    .string()
    .trim()
    .min(4)
    .max(200)
    .describe('The coupon code (case-insensitive) or the scanned QR text (LKCP:<code>)'),
});

export const PORTAL_REASONS = [
  'COUPON_NOT_FOUND',
  'COUPON_EXPIRED',
  'COUPON_NOT_YET_VALID',
  'COUPON_ALREADY_REDEEMED',
  'COUPON_VOIDED',
  'COUPON_OUT_OF_SCOPE',
] as const;
export type PortalReason = (typeof PORTAL_REASONS)[number];

export const PortalValidationSchema = z
  .object({
    valid: z.boolean(),
    reason: z.enum(PORTAL_REASONS).nullable(),
    message: z.string().nullable().describe('The reason in the request’s language'),
    coupon: z
      .object({
        code: z.string(),
        templateName: z.string(),
        kind: z.enum(COUPON_KINDS),
        valueText: z.string().describe('The terms in words, e.g. "免费标准洗车"'),
        validUntil: z.string().nullable(),
        customerName: z.string().describe('Masked'),
        status: z.enum(COUPON_STATUSES),
        settlementFen: z.number().int(),
      })
      .nullable()
      .describe('Null when the code is unknown or outside this partner’s scope'),
  })
  .meta({ id: 'PartnerCouponValidation' });

export const RedemptionSchema = z
  .object({
    redemption: z.object({
      couponId: z.string(),
      code: z.string(),
      templateName: z.string(),
      redeemedAt: z.string(),
      settlementFen: z.number().int(),
    }),
  })
  .meta({ id: 'PartnerRedemption' });

export const PortalIssueBody = z
  .object({
    templateId: z.string().uuid().describe('One of this partner’s redeem_at_business templates'),
    phone: z.string().trim().min(5).max(32).describe('The customer’s mobile number'),
  })
  .meta({ example: { templateId: '01900000-0000-7000-8000-000000000001', phone: '13912345678' } });

export const PortalIssueResultSchema = z
  .object({
    code: z.string(),
    customerName: z.string().describe('Masked'),
    templateName: z.string(),
    validUntil: z.string().nullable(),
    newCustomer: z.boolean().describe('The phone was not yet a customer of the business'),
  })
  .meta({ id: 'PartnerIssueResult' });

export const PortalTemplateSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(COUPON_KINDS),
    valueText: z.string(),
    direction: z.enum(PARTNER_DIRECTIONS),
    settlementFen: z.number().int(),
    status: z.enum(['active', 'archived']),
  })
  .meta({ id: 'PartnerPortalTemplate' });
