// What referrals plugs into the application (wired by the composition root, src/modules.ts).
// Referrals: the API and reward jobs; a sign-in with a referral code attributes, a merge moves
// referrals. (Payment and refund call referrals from checkout.)
import type { ModuleDef } from '../../app/module.ts';
import { referralRoutes } from './referrals.routes.ts';
import { REFERRAL_JOBS, onReferralMerge, signInWithReferral } from './index.ts';

export const referralsModule: ModuleDef = {
  name: 'referrals',
  routes: [referralRoutes],
  jobs: REFERRAL_JOBS,
  hooks: { customerMerge: onReferralMerge, signInWithReferral },
};
