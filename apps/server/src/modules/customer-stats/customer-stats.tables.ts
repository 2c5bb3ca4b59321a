import { bigint, index, integer, pgTable, primaryKey, smallint, uuid } from 'drizzle-orm/pg-core';
import { instant, tenantId, updatedAt } from '../../db/columns.ts';
import { tenants } from '../tenancy/index.ts';

/**
 * 客户统计: one row per customer (not merged) with at least one visit (a service order that was not
 * cancelled), kept current in the transaction that opens, pays, cancels or refunds an order and
 * in the one that merges customers; refreshed set-based per tenant every night. Visits count
 * every order that was not cancelled; spend is what paid (or closed) orders took. RFM quintiles
 * are relative to the tenant's other customers: exact after the refresh, and between two
 * refreshes a changed customer is placed against the breaks of the last refresh
 * (`customer_rfm_breaks`). Customers without a row have no visit (0 everywhere).
 */
export const customerStats = pgTable(
  'customer_stats',
  {
    tenantId: tenantId().references(() => tenants.tenantId),
    customerId: uuid('customer_id').notNull(),
    visitCount: integer('visit_count').notNull().default(0),
    firstVisitAt: instant('first_visit_at'),
    lastVisitAt: instant('last_visit_at'),
    spendFen: bigint('spend_fen', { mode: 'number' }).notNull().default(0),
    /** Quintiles 1–5 (5 best); 0 without a visit. */
    rfmR: smallint('rfm_r').notNull().default(0),
    rfmF: smallint('rfm_f').notNull().default(0),
    rfmM: smallint('rfm_m').notNull().default(0),
    rfmScore: smallint('rfm_score').notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.customerId] }),
    // With the customer id, so a filter on them is answered from the index alone.
    index('customer_stats_last_visit_idx').on(t.tenantId, t.lastVisitAt, t.customerId),
    index('customer_stats_rfm_score_idx').on(t.tenantId, t.rfmScore, t.customerId),
  ],
);

/**
 * The RFM breaks of a tenant's last refresh: `r[q]` (q = 1…4) is the largest last visit whose
 * recency quintile was ≤ q (likewise visits for F and spend for M), so a customer changed since
 * is placed with `1 + count(q: value > break[q])` without ranking the whole tenant again.
 */
export const customerRfmBreaks = pgTable('customer_rfm_breaks', {
  tenantId: tenantId()
    .primaryKey()
    .references(() => tenants.tenantId),
  rBreaks: instant('r_breaks').array().notNull(),
  fBreaks: integer('f_breaks').array().notNull(),
  mBreaks: bigint('m_breaks', { mode: 'number' }).array().notNull(),
  customers: integer('customers').notNull(),
  refreshedAt: instant('refreshed_at').notNull(),
});

/**
 * 客户车辆年份: one row per customer with at least one car — the model years of all their cars
 * (model year, else year of first registration) with the oldest and newest — so "has a car 10
 * years or older" is one index range over one row per customer, never a de-duplication of cars.
 * Kept by the database: a trigger on vehicles (insert, delete, and an update of the owner, year
 * or registration date) recomputes the owners concerned (`liuke_refresh_car_facets`, migration
 * 0007); the merge hook drops the duplicate's row before its cars move.
 */
export const customerCarFacets = pgTable(
  'customer_car_facets',
  {
    tenantId: tenantId().references(() => tenants.tenantId),
    customerId: uuid('customer_id').notNull(),
    modelYears: integer('model_years').array().notNull().default([]),
    minModelYear: integer('min_model_year'),
    maxModelYear: integer('max_model_year'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.customerId] }),
    // "A car N years or older / newer": the oldest and newest model year, with the customer.
    index('customer_car_facets_oldest_idx').on(t.tenantId, t.minModelYear, t.customerId),
    index('customer_car_facets_newest_idx').on(t.tenantId, t.maxModelYear, t.customerId),
  ],
);
