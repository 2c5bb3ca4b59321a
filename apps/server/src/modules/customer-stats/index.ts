// Customer statistics (客户统计): per-customer visits, last visit, spend and RFM quintiles that
// segments filter on without aggregating the tenant's service orders at query time. Kept current
// in the transaction of every order change and merge (its hooks), refreshed per tenant nightly.

export { customerStats, customerRfmBreaks, customerCarFacets } from './customer-stats.tables.ts';
export {
  refreshTenantStats,
  updateCustomerStats,
  type RefreshResult,
} from './customer-stats.service.ts';
export {
  CUSTOMER_STATS_JOBS,
  refreshCustomerStats,
  type StatsJobDeps,
} from './customer-stats.jobs.ts';
export { mergeCustomerStats } from './customer-stats.service.ts';
