// Privacy: the customer's data rights (PIPL) — their copy, corrections, erasure — and the data
// requests staff answer within the deadline. Each owning module supplies its section and its
// anonymisation; this module only orchestrates and keeps the requests.
export {
  eraseCustomer,
  exportCustomerData,
  createDataRequest,
  loadPrivacySettings,
  mergePolicyConsents,
  policyConsentsOf,
  signInConsent,
  type CustomerDataExport,
} from './privacy.service.ts';
export { dataRequests, privacyPolicyConsents, privacySettings } from './privacy.tables.ts';
export { PRIVACY_POLICY_VERSION } from './policy.ts';
export { seedDemoPrivacy } from './demo.ts';
