// What customer-stats plugs into the application (wired by the composition root, src/modules.ts).
// Customer statistics: kept current on every order change and merge, refreshed nightly.
import type { ModuleDef } from '../../app/module.ts';
import { CUSTOMER_STATS_JOBS, mergeCustomerStats, updateCustomerStats } from './index.ts';

export const customerStatsModule: ModuleDef = {
  name: 'customer-stats',
  jobs: CUSTOMER_STATS_JOBS,
  hooks: {
    orderChange: (ctx, change) => updateCustomerStats(ctx, [change.customerId]),
    customerMerge: mergeCustomerStats,
  },
};
