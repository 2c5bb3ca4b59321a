// Loyalty tables: one double-entry ledger (accounts, transfers, entries) holding everything of
// value — points, stored value (储值), service-package uses (计次卡) — plus the bookkeeping the
// rules need around it (points lots for FIFO expiry, reversals, packages, tiers, settings).
//
// Ledger conventions (why they look like this):
// - A transfer moves `amount` (> 0) from its debit account to its credit account: the debit
//   account's balance goes down, the credit account's up. Every transfer writes exactly two
//   entries (−amount, +amount), so the entries of a tenant always sum to zero (debits = credits)
//   and an account's balance equals the sum of its entries; `balance_after` keeps the running
//   balance for the history screens.
// - Balances live on the account row; `CHECK (allow_negative OR balance >= 0)` lets the database
//   itself refuse a forbidden negative, whatever the code does. Customer accounts never allow a
//   negative; the tenant's system accounts (points issued, cash received…) are the other side of
//   every movement and do.
// - Transfers and entries are append-only (a trigger raises on UPDATE/DELETE, see the migration
//   `loyalty_ledger_functions`); a correction is a reversing transfer, `reverses_transfer_id`
//   UNIQUE so a transfer is reversed at most once.
// - The customer column of accounts is `owner_customer_id`, not `customer_id`: customer merge
//   re-points every `customer_id` column, but value must move between people by transfers (the
//   merge hook does that), never by rewriting who owned an account.
import { sql } from 'drizzle-orm';
import {
  uniqueIndex,
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId, updatedAt } from '../../db/columns.ts';
import { customers } from '../customers/index.ts';
import { stores, tenants } from '../tenancy/index.ts';

export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    /** The customer holding the value; null for the tenant's own (system) accounts. */
    ownerCustomerId: uuid('owner_customer_id'),
    /** points_available, points_pending, points_debt, stored_value_principal, stored_value_bonus,
     * package:<customerPackageId>; system: points_issued, points_expired, points_redeemed,
     * stored_value_cash, stored_value_bonus_funding, stored_value_spent, package_sold,
     * package_used, package_expired. */
    kind: text('kind').notNull(),
    balance: bigint('balance', { mode: 'number' }).notNull().default(0),
    allowNegative: boolean('allow_negative').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('ledger_accounts_owner_kind_key')
      .on(t.tenantId, t.ownerCustomerId, t.kind)
      .nullsNotDistinct(),
    foreignKey({
      columns: [t.tenantId, t.ownerCustomerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    check('ledger_accounts_balance_check', sql`${t.allowNegative} or ${t.balance} >= 0`),
  ],
);

export const ledgerTransfers = pgTable(
  'ledger_transfers',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    /** Every mutation carries one; a retry with the same key returns the first transfer. */
    idempotencyKey: text('idempotency_key').notNull(),
    debitAccountId: uuid('debit_account_id').notNull(),
    creditAccountId: uuid('credit_account_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    /** earn, settle, expire, redeem, reverse, adjust, top_up, top_up_bonus, spend, refund… */
    kind: text('kind').notNull(),
    referenceType: text('reference_type'),
    referenceId: text('reference_id'),
    reversesTransferId: uuid('reverses_transfer_id'),
    memo: text('memo'),
    actorType: text('actor_type'),
    actorId: uuid('actor_id'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('ledger_transfers_idempotency_key').on(t.tenantId, t.idempotencyKey),
    // Partial: never a candidate for the foreign-key checks `tenant_id = $1 and id = $2` (a
    // plan on a table without statistics picked such an index and read the tenant's history).
    uniqueIndex('ledger_transfers_reverses_key')
      .on(t.tenantId, t.reversesTransferId)
      .where(sql`reverses_transfer_id is not null`),
    foreignKey({
      columns: [t.tenantId, t.debitAccountId],
      foreignColumns: [ledgerAccounts.tenantId, ledgerAccounts.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.creditAccountId],
      foreignColumns: [ledgerAccounts.tenantId, ledgerAccounts.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.reversesTransferId],
      foreignColumns: [t.tenantId, t.id],
    }),
    check('ledger_transfers_amount_positive', sql`${t.amount} > 0`),
    check('ledger_transfers_distinct_accounts', sql`${t.debitAccountId} <> ${t.creditAccountId}`),
    index('ledger_transfers_reference_idx')
      .on(t.tenantId, t.referenceType, t.referenceId)
      .where(sql`reference_id is not null`),
  ],
);

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    transferId: uuid('transfer_id').notNull(),
    accountId: uuid('account_id').notNull(),
    /** Signed: −amount on the debit account, +amount on the credit account. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    balanceAfter: bigint('balance_after', { mode: 'number' }).notNull(),
    /** Taken when the entry is written, after the account row is locked: the order in which an
     * account's balance actually changed (clocks of concurrent writers need not agree). */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // No foreign key to the transfer: entries are written only by liuke_ledger_transfer, right
    // after their transfer in the same call, and neither can be updated or deleted (triggers), so
    // an entry without its transfer cannot arise (the invariant tests check it). The key's check
    // — two look-ups per transfer — was the costliest part of a transfer once a connection had
    // planned it on a table without statistics (it then read the tenant's whole history).
    foreignKey({
      columns: [t.tenantId, t.accountId],
      foreignColumns: [ledgerAccounts.tenantId, ledgerAccounts.id],
    }),
    index('ledger_entries_account_seq_idx').on(t.tenantId, t.accountId, t.seq.desc()),
  ],
);

export const POINTS_LOT_STATUSES = ['pending', 'available', 'reversed', 'used', 'expired'] as const;

/**
 * A batch of points earned together: pending until `available_at` (return window), then spent
 * oldest-expiry first and expired by lot. The available lots' `remaining` add up to the
 * customer's points_available balance.
 */
export const pointsLots = pgTable(
  'points_lots',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    remaining: bigint('remaining', { mode: 'number' }).notNull(),
    status: text('status', { enum: POINTS_LOT_STATUSES }).notNull(),
    source: text('source').notNull(),
    referenceType: text('reference_type'),
    referenceId: text('reference_id'),
    earnedAt: instant('earned_at').notNull(),
    availableAt: instant('available_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    /** When the "expiring soon" event went out for this lot. */
    expiryNoticeAt: instant('expiry_notice_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    check('points_lots_remaining', sql`${t.remaining} >= 0 and ${t.remaining} <= ${t.amount}`),
    index('points_lots_customer_idx').on(t.tenantId, t.customerId, t.status, t.expiresAt),
    index('points_lots_due_idx').on(t.status, t.availableAt),
    index('points_lots_expiry_idx').on(t.status, t.expiresAt),
    index('points_lots_reference_idx').on(t.tenantId, t.referenceType, t.referenceId),
  ],
);

/** A reversal of what a reference (an order, a referral) earned: once, with any shortfall. */
export const pointsReversals = pgTable(
  'points_reversals',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    referenceType: text('reference_type').notNull(),
    referenceId: text('reference_id').notNull(),
    /** Points the reference had earned. */
    earned: bigint('earned', { mode: 'number' }).notNull(),
    /** Points actually taken back (pending, available, and as debt where the rule allows). */
    reversed: bigint('reversed', { mode: 'number' }).notNull(),
    /** Points already spent that could not be taken back (negative balances not allowed). */
    shortfall: bigint('shortfall', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('points_reversals_reference_key').on(t.tenantId, t.referenceType, t.referenceId),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
  ],
);

/** A service package on sale (计次卡): e.g. 5 washes valid 365 days. */
export const packageProducts = pgTable(
  'package_products',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    uses: integer('uses').notNull(),
    validityDays: integer('validity_days').notNull(),
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    check('package_products_uses', sql`${t.uses} > 0`),
    check('package_products_validity', sql`${t.validityDays} > 0`),
    check('package_products_price', sql`${t.priceFen} >= 0`),
  ],
);

export const CUSTOMER_PACKAGE_STATUSES = ['active', 'used_up', 'expired'] as const;

/** A package sold to a customer; its remaining uses are the balance of its ledger account. */
export const customerPackages = pgTable(
  'customer_packages',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    productId: uuid('product_id').notNull(),
    name: text('name').notNull(),
    totalUses: integer('total_uses').notNull(),
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
    storeId: uuid('store_id'),
    status: text('status', { enum: CUSTOMER_PACKAGE_STATUSES }).notNull().default('active'),
    soldAt: instant('sold_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.productId],
      foreignColumns: [packageProducts.tenantId, packageProducts.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.storeId],
      foreignColumns: [stores.tenantId, stores.id],
    }),
    index('customer_packages_customer_idx').on(t.tenantId, t.customerId),
    index('customer_packages_expiry_idx').on(t.status, t.expiresAt),
  ],
);

/** A customer's tier, with a pending downgrade announced in advance. */
export const customerTiers = pgTable(
  'customer_tiers',
  {
    tenantId: tenantId(),
    customerId: uuid('customer_id').notNull(),
    tierCode: text('tier_code').notNull(),
    since: instant('since').notNull(),
    /** A lower tier the customer will drop to at `downgrade_at` unless they qualify again. */
    downgradeTo: text('downgrade_to'),
    downgradeAt: instant('downgrade_at'),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.customerId] }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
  ],
);

/** The tenant's loyalty rules (points, stored value, top-up packages, tiers) as one document. */
export const loyaltySettings = pgTable('loyalty_settings', {
  tenantId: tenantId()
    .primaryKey()
    .references(() => tenants.tenantId),
  settings: jsonb('settings').notNull(),
  updatedAt: updatedAt(),
});
