// Group deals (拼团): a deal happens only if enough owners join before its deadline. A joiner's
// price is held in loyalty's escrow (the participation's hold key is `deal:<participationId>`);
// settlement captures or releases each hold, one participation at a time.
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId, updatedAt } from '../../db/columns.ts';
import { customers } from '../customers/index.ts';
import { stores } from '../tenancy/index.ts';

/** settling: the deadline passed (or staff cancelled) and holds are being captured or released. */
export const DEAL_STATUSES = [
  'draft',
  'open',
  'settling',
  'succeeded',
  'failed',
  'cancelled',
] as const;
export const DEAL_OUTCOMES = ['succeeded', 'failed', 'cancelled'] as const;
export const DEAL_REWARD_KINDS = ['package', 'coupon'] as const;
/** holding: the price is in escrow; left: released when the joiner left before the deadline;
 * captured: the deal succeeded and the reward was granted; released: the deal did not happen
 * (or the reward could not be granted) and the hold went back. */
export const PARTICIPATION_STATUSES = ['holding', 'left', 'captured', 'released'] as const;

export const deals = pgTable(
  'deals',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    rewardKind: text('reward_kind', { enum: DEAL_REWARD_KINDS }).notNull(),
    /** loyalty's package product (计次卡) granted on success. */
    packageProductId: uuid('package_product_id'),
    /** coupons' template issued on success. */
    couponTemplateId: uuid('coupon_template_id'),
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
    originalPriceFen: bigint('original_price_fen', { mode: 'number' }).notNull(),
    minJoiners: integer('min_joiners').notNull(),
    maxJoiners: integer('max_joiners'),
    deadlineAt: instant('deadline_at').notNull(),
    status: text('status', { enum: DEAL_STATUSES }).notNull().default('draft'),
    /** Decided once when settlement starts; `status` takes it when every joiner is settled. */
    outcome: text('outcome', { enum: DEAL_OUTCOMES }),
    publishedAt: instant('published_at'),
    settledAt: instant('settled_at'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('deals_status_deadline_idx').on(t.status, t.deadlineAt),
    index('deals_tenant_created_idx').on(t.tenantId, t.createdAt),
    check('deals_price', sql`${t.priceFen} > 0 and ${t.originalPriceFen} >= ${t.priceFen}`),
    check(
      'deals_joiners',
      sql`${t.minJoiners} >= 2 and (${t.maxJoiners} is null or ${t.maxJoiners} >= ${t.minJoiners})`,
    ),
    check(
      'deals_reward',
      sql`(${t.rewardKind} = 'package' and ${t.packageProductId} is not null and ${t.couponTemplateId} is null)
        or (${t.rewardKind} = 'coupon' and ${t.couponTemplateId} is not null and ${t.packageProductId} is null)`,
    ),
  ],
);

/** The stores where a deal is redeemed (none: every store). */
export const dealStores = pgTable(
  'deal_stores',
  {
    tenantId: tenantId(),
    dealId: uuid('deal_id').notNull(),
    storeId: uuid('store_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.dealId, t.storeId] }),
    foreignKey({
      columns: [t.tenantId, t.dealId],
      foreignColumns: [deals.tenantId, deals.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
  ],
);

/** One owner's joining of a deal; leaving and joining again makes a new row (a new hold). */
export const dealParticipations = pgTable(
  'deal_participations',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    dealId: uuid('deal_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    status: text('status', { enum: PARTICIPATION_STATUSES }).notNull().default('holding'),
    holdFen: bigint('hold_fen', { mode: 'number' }).notNull(),
    /** Fraud links to joiners already in at join time: `{ code, customerId }` (same phone, car,
     * household); linked joiners count once towards the minimum. */
    flags: jsonb('flags').$type<{ code: string; customerId: string }[]>().notNull().default([]),
    /** The referral code the owner came through (a sharer's), if any. */
    viaCode: text('via_code'),
    /** What the owner got: the customer package or coupon id. */
    grantedRef: text('granted_ref'),
    joinedAt: instant('joined_at').notNull(),
    leftAt: instant('left_at'),
    settledAt: instant('settled_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.dealId],
      foreignColumns: [deals.tenantId, deals.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    // Joined once: one holding participation per owner and deal (joining is checked under the
    // deal's lock; a deal that ended takes no joins, so settled rows need no key).
    uniqueIndex('deal_participations_holding_key')
      .on(t.tenantId, t.dealId, t.customerId)
      .where(sql`status = 'holding'`),
    index('deal_participations_deal_idx').on(t.tenantId, t.dealId, t.joinedAt),
    index('deal_participations_customer_idx').on(t.tenantId, t.customerId),
    check('deal_participations_hold', sql`${t.holdFen} > 0`),
  ],
);
