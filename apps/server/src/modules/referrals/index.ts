// Referrals (老带新): codes, links and posters, attribution at sign-up and at the counter, fraud
// rules with review, two-sided rewards on the referee's first paid order, and the fission view.
import { onCustomerMerge } from '../customers/index.ts';
import { onCustomerSignInWithReferral } from '../identity/index.ts';
import { onOrderPayment, onOrderRefund } from '../service/index.ts';
import './messages.ts';
import {
  onReferralMerge,
  onReferralPayment,
  onReferralRefund,
  signInWithReferral,
} from './referrals.service.ts';

export {
  referralSettings,
  referralCodes,
  referrals,
  referralRewards,
  referralHouseholds,
} from './referrals.tables.ts';
export { ReferralSchema, type ReferralDto } from './referrals.schemas.ts';
export { attribute, ensureCode, grantDueForTenant, setHousehold } from './referrals.service.ts';
export { REFERRAL_JOBS, grantDueReferralRewards } from './referrals.jobs.ts';
export { referralRoutes } from './referrals.routes.ts';
export { referralsOf, anonymiseReferrals } from './privacy.ts';
export { seedDemoReferrals } from './demo.ts';

// The referee's first paid order qualifies the referral in the payment's own transaction; a refund
// of that order takes the rewards back in the refund's. A sign-in with a code attributes.
onOrderPayment(onReferralPayment);
onOrderRefund(onReferralRefund);
onCustomerSignInWithReferral(signInWithReferral);
onCustomerMerge(onReferralMerge);
