// Referral use-cases, one file each: codes and links (codes.ts), attribution at sign-up and at
// the counter (attribution.ts), household facts (household.ts), review (review.ts),
// qualification on the referee's first paid order (qualification.ts), granting once the
// order's return window passed (grant.ts), reversal on refund (reversal.ts), the views
// (listing.ts, views.ts) and merging (merge.ts). The module's index takes its hooks and
// exports from here.
//
// Status rules (documented for the console):
//   attributed → the first paid order ≥ minOrderFen → qualified (rewards pending until
//   paidAt + loyalty returnWindowDays) → the grant job → rewarded.
//   A first paid order below the minimum ends it: it stays `attributed` with that order recorded
//   (qualifyingOrderFen < minOrderFen) and never rewards; later orders do not count.
//   Flagged referrals wait for review; their rewards (if the order came first) stay pending until
//   approval. Rejected: pending rewards cancelled. Refund of the qualifying order: pending
//   rewards cancelled, granted ones taken back (`reverseReward`, coupon voided when unused) →
//   reversed. The referrer's reward beyond the monthly cap is `capped` (never granted).
export { attribute, signInWithReferral } from './attribution.ts';
export { ensureCode } from './codes.ts';
export { grantDueForTenant } from './grant.ts';
export { setHousehold } from './household.ts';
export { onReferralMerge } from './merge.ts';
export { onReferralPayment } from './qualification.ts';
export { onReferralRefund } from './reversal.ts';
