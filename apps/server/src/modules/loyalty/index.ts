// Loyalty: one double-entry ledger for points, stored value (储值) and service packages (计次卡),
// with the earn/expiry/refund rules, member tiers, settings, jobs and the staff/app API.
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
export {
  getLoyaltySummary,
  grantReward,
  mergeLoyalty,
  reverseReward,
  settleOrderPayment,
  settleOrderRefund,
  valuePointsPart,
} from './loyalty.service.ts';
export { orderLedgerTotals, type OrderLedgerTotals } from './order-ledger.ts';
export { pointsEarnedForOrder, type OrderPointsEarned } from './order-points.ts';
export {
  createProduct as createPackageProduct,
  listProducts as listPackageProducts,
  grantPackageForCoupon,
  grantPackageProduct,
} from './packages.ts';
export {
  captureHold,
  holdState,
  holdStoredValue,
  releaseHold,
  type HoldInput,
  type HoldState,
} from './escrow.ts';
export { loyaltyStatementOf } from './privacy.ts';
export { refundWallet, topUp } from './stored-value.ts';
export { transfer, ensureAccount, type TransferInput, type TransferResult } from './ledger.ts';
export { LOYALTY_JOBS, runLoyaltyJobs } from './loyalty.jobs.ts';
export { loadSettings as loadLoyaltySettings } from './settings.ts';
export { seedDemoLoyalty } from './demo.ts';
