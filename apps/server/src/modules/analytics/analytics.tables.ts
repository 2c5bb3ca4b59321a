import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, tenantId } from '../../db/columns.ts';
import { tenants } from '../tenancy/index.ts';

/** The store key of figures over every store of the tenant (a key column cannot be null). */
export const ALL_STORES = '00000000-0000-0000-0000-000000000000';

/**
 * 看板汇总: the dashboards' rollups, rebuilt per tenant by the rollup job from the read models
 * (service orders, customers, customer statistics, the due-list, the ledger). One row per figure
 * cell: `kind` names the rollup (`month`, `active`, `cohort`, `cohort_status`, `rfm`,
 * `liability`), `store_key` the store (or ALL_STORES), `k1` / `k2` the cell (a local month
 * `YYYY-MM`, a window, an offset…), `v1`…`v8` its figures (what each means is written with the
 * statement that fills the kind, `rollup.ts`). A panel reads a few hundred of these rows instead
 * of scanning millions of orders.
 */
export const analyticsCells = pgTable(
  'analytics_cells',
  {
    tenantId: tenantId().references(() => tenants.tenantId),
    kind: text('kind').notNull(),
    storeKey: uuid('store_key').notNull(),
    k1: text('k1').notNull(),
    k2: text('k2').notNull().default(''),
    v1: bigint('v1', { mode: 'number' }).notNull().default(0),
    v2: bigint('v2', { mode: 'number' }).notNull().default(0),
    v3: bigint('v3', { mode: 'number' }).notNull().default(0),
    v4: bigint('v4', { mode: 'number' }).notNull().default(0),
    v5: bigint('v5', { mode: 'number' }).notNull().default(0),
    v6: bigint('v6', { mode: 'number' }).notNull().default(0),
    v7: bigint('v7', { mode: 'number' }).notNull().default(0),
    v8: bigint('v8', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.kind, t.storeKey, t.k1, t.k2] })],
);

/**
 * 待重算日: local days whose paid orders changed after the last rollup (an order paid or refunded
 * late, an import of history). The rollup job rebuilds a tenant with dirty days (or one not built
 * today: "not yet due" and the current month move with the calendar) and then removes the days
 * it saw, so a day marked during the rebuild stays for the next run.
 */
export const analyticsDirtyDays = pgTable(
  'analytics_dirty_days',
  {
    tenantId: tenantId().references(() => tenants.tenantId),
    day: date('day', { mode: 'string' }).notNull(),
    markedAt: instant('marked_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.day] })],
);

/**
 * 到店日: the paid visits the rollups were last built from, one row per customer (the survivor of
 * a merge, as of the build), store of the orders and local day: their takings, how many orders,
 * and whether the customer came by referral. The every-store figures are their sums, made when
 * read (half the rows). A run for dirty days takes the affected
 * customers' contribution out of the cells as these rows say, replaces the rows of those days from
 * the orders, and adds the contribution back: the cells stay the sum over these rows.
 */
export const analyticsVisits = pgTable(
  'analytics_visits',
  {
    tenantId: tenantId().references(() => tenants.tenantId),
    customerId: uuid('customer_id').notNull(),
    storeKey: uuid('store_key').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    fen: bigint('fen', { mode: 'number' }).notNull(),
    orders: integer('orders').notNull(),
    referred: boolean('referred').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.customerId, t.storeKey, t.day] }),
    index('analytics_visits_day_idx').on(t.tenantId, t.day),
  ],
);

/** Each customer's first and second paid-visit day per store scope, from `analytics_visits`. */
export const analyticsFirsts = pgTable(
  'analytics_firsts',
  {
    tenantId: tenantId().references(() => tenants.tenantId),
    customerId: uuid('customer_id').notNull(),
    storeKey: uuid('store_key').notNull(),
    firstDay: date('first_day', { mode: 'string' }).notNull(),
    secondDay: date('second_day', { mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.customerId, t.storeKey] })],
);

/** When a tenant's rollups were last built, and from how many paid visits. */
export const analyticsBuilds = pgTable('analytics_builds', {
  tenantId: tenantId()
    .primaryKey()
    .references(() => tenants.tenantId),
  builtAt: instant('built_at').notNull(),
  /** The local day the build counted as "today". */
  asOf: date('as_of', { mode: 'string' }).notNull(),
  visits: integer('visits').notNull(),
  millis: integer('millis').notNull(),
});

/**
 * 渠道成本与周报: per tenant, what one message costs on each channel (fen; SMS per 70-character
 * segment) for cost per conversion, and whether the owner gets the weekly report by e-mail.
 */
export const analyticsSettings = pgTable('analytics_settings', {
  tenantId: tenantId()
    .primaryKey()
    .references(() => tenants.tenantId),
  smsSegmentFen: integer('sms_segment_fen').notNull().default(5),
  wechatFen: integer('wechat_fen').notNull().default(0),
  emailFen: integer('email_fen').notNull().default(0),
  pushFen: integer('push_fen').notNull().default(0),
  weeklyReport: text('weekly_report', { enum: ['on', 'off'] })
    .notNull()
    .default('on'),
  /** Signs the weekly report's unsubscribe links (HMAC); made when the first report goes out. */
  signingKey: text('signing_key'),
  /** The local Monday of the last week reported (one report per week). */
  reportWeek: date('report_week', { mode: 'string' }),
  updatedAt: instant('updated_at').notNull(),
});
