import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId, updatedAt } from '../../db/columns.ts';
import { customers } from '../customers/index.ts';
import { serviceOrders } from '../service/index.ts';

export const COUPON_KINDS = ['amount_off', 'percent_off', 'free_item', 'package'] as const;
export const COUPON_TEMPLATE_STATUSES = ['active', 'archived'] as const;
export const COUPON_STATUSES = ['issued', 'redeemed', 'voided'] as const;
export const COUPON_SOURCES = [
  'manual',
  'bulk',
  'rule',
  'campaign',
  'referral',
  'reissue',
  'partner',
  'deal',
] as const;
export const REFUND_RULES = ['void', 'restore'] as const;
/**
 * A partner's coupon: redeem_at_partner — issued by the business, redeemed at the
 * partner (the business owes the partner settlement_fen per redemption); redeem_at_business —
 * issued by the partner, redeemed at the business's tills (the partner owes the business).
 */
export const PARTNER_DIRECTIONS = ['redeem_at_partner', 'redeem_at_business'] as const;

/** 券模板: what a coupon is worth, when and where it can be used, and how many may be issued. */
export const couponTemplates = pgTable(
  'coupon_templates',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    kind: text('kind', { enum: COUPON_KINDS }).notNull(),
    /** amount_off: fen off the order. */
    amountOffFen: bigint('amount_off_fen', { mode: 'number' }),
    /** percent_off: 1–100 per cent off the amount in scope… */
    percentOff: integer('percent_off'),
    /** …capped at this many fen (percent_off), or the value of the free item (free_item). */
    maxDiscountFen: bigint('max_discount_fen', { mode: 'number' }),
    /** free_item: the item named (e.g. "标准洗车") and its service category. */
    freeItemName: text('free_item_name'),
    freeItemCategory: text('free_item_category'),
    /** package: the service package granted (e.g. 5 washes valid 365 days). */
    packageName: text('package_name'),
    packageUses: integer('package_uses'),
    packageValidDays: integer('package_valid_days'),
    /** Validity: a fixed window, or a number of days from the day of issue. */
    validFrom: instant('valid_from'),
    validUntil: instant('valid_until'),
    validDays: integer('valid_days'),
    minSpendFen: bigint('min_spend_fen', { mode: 'number' }).notNull().default(0),
    /** Scope: empty = every store / every category. */
    storeIds: uuid('store_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    categories: text('categories')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** A partner merchant's coupon (异业联盟). */
    partnerId: uuid('partner_id'),
    /** Set exactly when partner_id is. */
    partnerDirection: text('partner_direction', { enum: PARTNER_DIRECTIONS }),
    /** What the redeeming side is owed per redemption by the issuing side, in fen. */
    settlementFen: bigint('settlement_fen', { mode: 'number' }).notNull().default(0),
    perCustomerLimit: integer('per_customer_limit'),
    /** Total number that may be issued; issued_count ≤ budget is a database constraint. */
    budget: integer('budget'),
    issuedCount: integer('issued_count').notNull().default(0),
    /** Issued automatically when a customer reaches this tier (loyalty.tierChanged). */
    issueOnTier: text('issue_on_tier'),
    /** What a refund of the order does to the coupon used on it. */
    refundRule: text('refund_rule', { enum: REFUND_RULES }).notNull().default('void'),
    status: text('status', { enum: COUPON_TEMPLATE_STATUSES }).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    check(
      'coupon_templates_budget',
      sql`${t.issuedCount} >= 0 and (${t.budget} is null or ${t.issuedCount} <= ${t.budget})`,
    ),
    check(
      'coupon_templates_percent',
      sql`${t.percentOff} is null or ${t.percentOff} between 1 and 100`,
    ),
    check(
      'coupon_templates_amounts',
      sql`coalesce(${t.amountOffFen}, 1) > 0 and coalesce(${t.maxDiscountFen}, 1) > 0 and ${t.minSpendFen} >= 0`,
    ),
    index('coupon_templates_tier_idx').on(t.tenantId, t.issueOnTier),
    check(
      'coupon_templates_partner',
      sql`(${t.partnerId} is null) = (${t.partnerDirection} is null) and ${t.settlementFen} >= 0`,
    ),
    index('coupon_templates_partner_idx').on(t.tenantId, t.partnerId),
  ],
);

/** 券: one coupon issued to one customer, with a short human code unique in the tenant. */
export const coupons = pgTable(
  'coupons',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    templateId: uuid('template_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    code: text('code').notNull(),
    status: text('status', { enum: COUPON_STATUSES }).notNull().default('issued'),
    source: text('source', { enum: COUPON_SOURCES }).notNull(),
    sourceRef: text('source_ref'),
    /** Makes issuing idempotent: one coupon per (template, key). */
    issueKey: text('issue_key').notNull(),
    validFrom: instant('valid_from').notNull(),
    validUntil: instant('valid_until'),
    issuedAt: instant('issued_at').notNull(),
    issuedBy: uuid('issued_by'),
    redeemedAt: instant('redeemed_at'),
    redeemedOrderId: uuid('redeemed_order_id'),
    discountFen: bigint('discount_fen', { mode: 'number' }),
    /** A package coupon redeemed: what was granted (or recorded when no package API exists). */
    redemptionNote: text('redemption_note'),
    /** A partner coupon redeemed: the template's settlement at that moment (statements). */
    settlementFen: bigint('settlement_fen', { mode: 'number' }),
    voidedAt: instant('voided_at'),
    voidReason: text('void_reason'),
    reissuedFromId: uuid('reissued_from_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('coupons_tenant_code_key').on(t.tenantId, t.code),
    unique('coupons_issue_key').on(t.tenantId, t.templateId, t.issueKey),
    foreignKey({
      columns: [t.tenantId, t.templateId],
      foreignColumns: [couponTemplates.tenantId, couponTemplates.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.redeemedOrderId],
      foreignColumns: [serviceOrders.tenantId, serviceOrders.id],
    }),
    check(
      'coupons_redeemed_state',
      sql`(${t.status} = 'redeemed') = (${t.redeemedAt} is not null)`,
    ),
    index('coupons_customer_idx').on(t.tenantId, t.customerId, t.status, t.issuedAt.desc()),
    index('coupons_template_customer_idx').on(t.tenantId, t.templateId, t.customerId),
    index('coupons_order_idx').on(t.tenantId, t.redeemedOrderId),
    index('coupons_redeemed_idx').on(t.tenantId, t.templateId, t.redeemedAt),
  ],
);

/**
 * Rotating member-card tokens (会员码): what the card's QR code carries instead of the customer
 * id. A token lives a few minutes and only opens the customer to signed-in staff of the same
 * tenant, so it is kept as is (the card shows the newest one until it is about to expire).
 */
export const memberCardTokens = pgTable(
  'member_card_tokens',
  {
    tenantId: tenantId(),
    token: text('token').notNull(),
    customerId: uuid('customer_id').notNull(),
    issuedAt: instant('issued_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.token] }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }).onDelete('cascade'),
    index('member_card_tokens_customer_idx').on(t.tenantId, t.customerId, t.expiresAt.desc()),
  ],
);

export type CouponTemplateRow = typeof couponTemplates.$inferSelect;
export type CouponRow = typeof coupons.$inferSelect;
export type CouponSource = (typeof COUPON_SOURCES)[number];
