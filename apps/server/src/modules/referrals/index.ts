// Referrals (老带新): codes, links and posters, attribution at sign-up and at the counter, fraud
// rules with review, two-sided rewards on the referee's first paid order, and the fission view.
export {
  referralSettings,
  referralCodes,
  referrals,
  referralRewards,
  referralHouseholds,
} from './referrals.tables.ts';
export { ReferralSchema, type ReferralDto } from './referrals.schemas.ts';
export {
  attribute,
  ensureCode,
  grantDueForTenant,
  onReferralMerge,
  onReferralPayment,
  onReferralRefund,
  setHousehold,
  signInWithReferral,
} from './referrals.service.ts';
export { referralLink } from './codes.ts';
export { linkedCustomers, type CustomerLink, type LinkCode } from './links.ts';
export { REFERRAL_JOBS, grantDueReferralRewards } from './referrals.jobs.ts';
export { referralsOf, anonymiseReferrals } from './privacy.ts';
export { seedDemoReferrals } from './demo.ts';
