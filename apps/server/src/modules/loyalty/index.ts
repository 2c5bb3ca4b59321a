// Loyalty: one double-entry ledger for points, stored value (储值) and service packages (计次卡),
// with the earn/expiry/refund rules, member tiers, settings, jobs and the staff/app API.
import { onPackageCouponRedeemed } from '../coupons/index.ts';
import { onCustomerMerge } from '../customers/index.ts';
import { onOrderPayment, onOrderRefund } from '../service/index.ts';
import { onMerge, onPayment, onRefund } from './loyalty.service.ts';
import { grantPackageForCoupon } from './packages.ts';

export {
  ledgerAccounts,
  ledgerTransfers,
  ledgerEntries,
  pointsLots,
  pointsReversals,
  packageProducts,
  customerPackages,
  customerTiers,
  loyaltySettings,
} from './loyalty.tables.ts';
export { LoyaltySummarySchema, type LoyaltySummary } from './loyalty.schemas.ts';
export { getLoyaltySummary, grantReward, reverseReward } from './loyalty.service.ts';
export { loyaltyStatementOf } from './privacy.ts';
export { transfer, ensureAccount, type TransferInput, type TransferResult } from './ledger.ts';
export { LOYALTY_JOBS, runLoyaltyJobs } from './loyalty.jobs.ts';
export { loadSettings as loadLoyaltySettings } from './settings.ts';
export { seedDemoLoyalty } from './demo.ts';
export { loyaltyRoutes } from './loyalty.routes.ts';

// Payments take stored value and book pending points, refunds take them back, merges move
// balances by transfers: all inside the caller's transaction.
onOrderPayment(onPayment);
onOrderRefund(onRefund);
onCustomerMerge(onMerge);
// A package coupon redeemed puts its package (计次卡) on the card.
onPackageCouponRedeemed(grantPackageForCoupon);
