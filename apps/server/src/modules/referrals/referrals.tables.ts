import {
  bigint,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId, updatedAt } from '../../db/columns.ts';
import { customers } from '../customers/index.ts';
import { tenants } from '../tenancy/index.ts';

export const REFERRAL_CHANNELS = ['link', 'counter'] as const;
export const REFERRAL_STATUSES = [
  'attributed',
  'flagged',
  'qualified',
  'rewarded',
  'rejected',
  'reversed',
] as const;
export const REFERRAL_FLAGS = [
  'PHONE_KNOWN',
  'VIN_KNOWN',
  'PLATE_KNOWN',
  'HOUSEHOLD_ADDRESS',
  'HOUSEHOLD_PAYER',
  'STAFF_SELF',
  'STAFF_RELATIVE',
  'VELOCITY',
  'MONTHLY_CAP',
] as const;
export const REWARD_KINDS = ['points', 'stored_value', 'coupon', 'none'] as const;
export const REWARD_SIDES = ['referrer', 'referee'] as const;
export const REWARD_STATUSES = ['pending', 'granted', 'reversed', 'capped', 'cancelled'] as const;

/** The tenant's referral programme as one document (defaults when absent). */
export const referralSettings = pgTable('referral_settings', {
  tenantId: tenantId()
    .primaryKey()
    .references(() => tenants.tenantId),
  settings: jsonb('settings').notNull(),
  updatedAt: updatedAt(),
});

/**
 * A customer's referral code, made on first need. The column is `holder_id`, not `customer_id`:
 * a merge must not re-point the duplicate's code onto a survivor that has its own (the lookup
 * follows `merged_into_id` instead).
 */
export const referralCodes = pgTable(
  'referral_codes',
  {
    tenantId: tenantId(),
    holderId: uuid('holder_id').notNull(),
    code: text('code').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.holderId] }),
    unique('referral_codes_tenant_code_key').on(t.tenantId, t.code),
    foreignKey({
      columns: [t.tenantId, t.holderId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
  ],
);

/** One referral per referee: the first touch wins (the unique key makes it so under races). */
export const referrals = pgTable(
  'referrals',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    referrerId: uuid('referrer_id').notNull(),
    refereeId: uuid('referee_id').notNull(),
    channel: text('channel', { enum: REFERRAL_CHANNELS }).notNull(),
    status: text('status', { enum: REFERRAL_STATUSES }).notNull(),
    /** `{ code, details }[]`: why the referral was flagged. */
    flags: jsonb('flags').notNull().default([]),
    qualifyingOrderId: uuid('qualifying_order_id'),
    qualifyingOrderFen: bigint('qualifying_order_fen', { mode: 'number' }),
    /** `{ decision, note, by, byId, at }` once a manager reviewed it. */
    decision: jsonb('decision'),
    /** Staff member who attributed it at the counter. */
    attributedBy: uuid('attributed_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('referrals_tenant_referee_key').on(t.tenantId, t.refereeId),
    foreignKey({
      columns: [t.tenantId, t.referrerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.refereeId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    index('referrals_referrer_idx').on(t.tenantId, t.referrerId, t.createdAt),
    index('referrals_status_idx').on(t.tenantId, t.status, t.createdAt),
    index('referrals_order_idx').on(t.tenantId, t.qualifyingOrderId),
  ],
);

/** The two sides' rewards of a qualified referral, pending until the order's return window. */
export const referralRewards = pgTable(
  'referral_rewards',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    referralId: uuid('referral_id').notNull(),
    side: text('side', { enum: REWARD_SIDES }).notNull(),
    customerId: uuid('customer_id').notNull(),
    kind: text('kind', { enum: REWARD_KINDS }).notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    couponTemplateId: uuid('coupon_template_id'),
    status: text('status', { enum: REWARD_STATUSES }).notNull(),
    grantAt: instant('grant_at'),
    grantedAt: instant('granted_at'),
    couponId: uuid('coupon_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('referral_rewards_side_key').on(t.tenantId, t.referralId, t.side),
    foreignKey({
      columns: [t.tenantId, t.referralId],
      foreignColumns: [referrals.tenantId, referrals.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    // The grant job's scan across tenants.
    index('referral_rewards_due_idx').on(t.status, t.grantAt),
  ],
);

/**
 * Household facts the customer record does not hold: a normalised home address and a payer
 * reference (the paying card / WeChat account shown on the receipt), recorded at the counter.
 * Used only by the household fraud rules.
 */
export const referralHouseholds = pgTable(
  'referral_households',
  {
    tenantId: tenantId(),
    holderId: uuid('holder_id').notNull(),
    addressKey: text('address_key'),
    payerKey: text('payer_key'),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.holderId] }),
    foreignKey({
      columns: [t.tenantId, t.holderId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    index('referral_households_address_idx').on(t.tenantId, t.addressKey),
    index('referral_households_payer_idx').on(t.tenantId, t.payerKey),
  ],
);
