// Online payments: each tenant's payment providers (credentials sealed), the payments owners make
// from the app (amount fixed on the server), their refunds, a timeline of what happened to each,
// and the development provider's own books (it stands in for a merchant account).
import { sql } from 'drizzle-orm';
import {
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
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId, updatedAt } from '../../db/columns.ts';
import { registerSealedColumn } from '../../kernel/sealed-columns.ts';
import { customers } from '../customers/index.ts';
import { tenants } from '../tenancy/index.ts';

export const PAYMENT_PROVIDERS = ['dev', 'wechat', 'alipay', 'stripe'] as const;
export type PaymentProviderName = (typeof PAYMENT_PROVIDERS)[number];
/** jsapi: inside WeChat; h5: a phone browser; native/qr: a code on the counter screen;
 * wap: Alipay mobile web; intent: a Stripe Payment Intent; dev: the development page. */
export const PAYMENT_CHANNELS = ['jsapi', 'h5', 'native', 'wap', 'qr', 'intent', 'dev'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];
/** What is paid: a stored-value top-up package, a service package, an order's balance, a deal. */
export const PAYMENT_KINDS = ['top_up', 'package', 'order', 'deal'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];
/** held: the provider says paid but something did not match (amount, or the thing could no
 * longer be credited): nothing was credited, staff review it (usually refund it). */
export const PAYMENT_STATUSES = [
  'pending',
  'paid',
  'held',
  'closed',
  'failed',
  'refunded',
  'partially_refunded',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export const REFUND_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export const paymentSettings = pgTable(
  'payment_settings',
  {
    tenantId: tenantId().references(() => tenants.tenantId),
    provider: text('provider', { enum: PAYMENT_PROVIDERS }).notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** What may be shown: merchant and app ids, key serials, platform public keys, base URL. */
    config: jsonb('config').$type<Record<string, string>>().notNull(),
    /** Private keys and API keys, each sealed (secret box): never returned by the API. */
    secrets: jsonb('secrets').$type<Record<string, string>>().notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.provider] })],
);

/** AAD field of one credential: `payment_settings.secrets.<provider>.<name>`. */
export const paymentSecretField = (provider: string, name: string) =>
  `payment_settings.secrets.${provider}.${name}`;
registerSealedColumn({
  table: 'payment_settings',
  column: 'secrets',
  keys: ['provider'],
  shape: 'json',
  field: (key, member) => paymentSecretField(key.provider!, member!),
});

export const payments = pgTable(
  'payments',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    /** Our order number at the provider (out_trade_no): 32 characters at most, letters and digits. */
    number: text('number').notNull(),
    customerId: uuid('customer_id').notNull(),
    kind: text('kind', { enum: PAYMENT_KINDS }).notNull(),
    /** The top-up package, package product, service order or deal paid for. */
    subjectId: text('subject_id').notNull(),
    description: text('description').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    refundedFen: bigint('refunded_fen', { mode: 'number' }).notNull().default(0),
    provider: text('provider', { enum: PAYMENT_PROVIDERS }).notNull(),
    channel: text('channel', { enum: PAYMENT_CHANNELS }).notNull(),
    status: text('status', { enum: PAYMENT_STATUSES }).notNull().default('pending'),
    /** The provider's transaction id (WeChat transaction_id, Alipay trade_no, Stripe intent id). */
    providerTxnId: text('provider_txn_id'),
    /** What was sold at creation (a top-up's pay and bonus), credited as it was then. */
    terms: jsonb('terms').$type<{ payFen?: number; bonusFen?: number }>().notNull().default({}),
    /** What the owner's client needs to pay (prepay id, code URL, redirect URL, client secret). */
    action: jsonb('action').$type<Record<string, string>>().notNull().default({}),
    /** Why a paid payment was held for review. */
    heldReason: text('held_reason'),
    /** What was credited (top-up, package or order reference), once. */
    creditedRef: text('credited_ref'),
    paidAt: instant('paid_at'),
    expiresAt: instant('expires_at').notNull(),
    /** When the query job asks the provider next (a notification that never came). */
    nextQueryAt: instant('next_query_at'),
    queryAttempts: integer('query_attempts').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('payments_number_key').on(t.tenantId, t.number),
    uniqueIndex('payments_provider_txn_key')
      .on(t.tenantId, t.provider, t.providerTxnId)
      .where(sql`provider_txn_id is not null`),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    index('payments_customer_idx').on(t.tenantId, t.customerId, t.createdAt),
    index('payments_created_idx').on(t.tenantId, t.createdAt),
    index('payments_query_due_idx')
      .on(t.nextQueryAt)
      .where(sql`next_query_at is not null`),
    check('payments_amount', sql`${t.amountFen} > 0`),
    check('payments_refunded', sql`${t.refundedFen} >= 0 and ${t.refundedFen} <= ${t.amountFen}`),
  ],
);

export const paymentRefunds = pgTable(
  'payment_refunds',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    paymentId: uuid('payment_id').notNull(),
    /** Our refund number (out_refund_no): the same number is the same refund, once. */
    number: text('number').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: REFUND_STATUSES }).notNull().default('pending'),
    providerRefundId: text('provider_refund_id'),
    failure: text('failure'),
    /** The ledger reversal was posted (once). */
    reversedAt: instant('reversed_at'),
    requestedBy: uuid('requested_by'),
    nextQueryAt: instant('next_query_at'),
    createdAt: createdAt(),
    settledAt: instant('settled_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('payment_refunds_number_key').on(t.tenantId, t.number),
    foreignKey({
      columns: [t.tenantId, t.paymentId],
      foreignColumns: [payments.tenantId, payments.id],
    }),
    index('payment_refunds_payment_idx').on(t.tenantId, t.paymentId),
    check('payment_refunds_amount', sql`${t.amountFen} > 0`),
  ],
);

/** The timeline of a payment: created, sent, notified, queried, paid, held, refunds. */
export const paymentEvents = pgTable(
  'payment_events',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    paymentId: uuid('payment_id').notNull(),
    type: text('type').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    at: instant('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.paymentId],
      foreignColumns: [payments.tenantId, payments.id],
    }),
    index('payment_events_payment_idx').on(t.tenantId, t.paymentId, t.at),
  ],
);

/** The development provider's own books: what it "charged" and "refunded" (its statement). */
export const devProviderTransactions = pgTable(
  'dev_provider_transactions',
  {
    tenantId: tenantId(),
    /** Our payment number, or refund number for a refund line. */
    number: text('number').notNull(),
    kind: text('kind', { enum: ['payment', 'refund'] }).notNull(),
    paymentNumber: text('payment_number').notNull(),
    txnId: text('txn_id').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    status: text('status', { enum: ['pending', 'paid', 'closed'] }).notNull(),
    at: instant('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.number] }),
    index('dev_provider_transactions_at_idx').on(t.tenantId, t.at),
  ],
);
