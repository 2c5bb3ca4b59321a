// What loyalty plugs into the application (wired by the composition root, src/modules.ts).
// Loyalty: the ledger's API and jobs; balances move on a customer merge, a redeemed package
// coupon puts its package on the card. (Payment and refund call loyalty from checkout.)
import type { ModuleDef } from '../../app/module.ts';
import { loyaltyRoutes } from './loyalty.routes.ts';
import { LOYALTY_JOBS, grantPackageForCoupon, mergeLoyalty } from './index.ts';

export const loyaltyModule: ModuleDef = {
  name: 'loyalty',
  routes: [loyaltyRoutes],
  jobs: LOYALTY_JOBS,
  hooks: { customerMerge: mergeLoyalty, packageCouponRedeemed: grantPackageForCoupon },
};
