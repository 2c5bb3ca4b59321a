// Identity: who may act — staff accounts and roles, sessions, car-owner sign-in by SMS code,
// API keys. Other modules and the HTTP layer use only what is exported here.
export {
  resolveSession,
  sessionStatement,
  sessionFromRows,
  resolveApiKey,
  createStaffUser,
  hashPassword,
  purgeExpiredCredentials,
  onCustomerSignInWithReferral,
  type SignInReferralHook,
} from './identity.service.ts';
export { STAFF_ROLES, type StaffRole } from './identity.tables.ts';
export { identityRoutes } from './identity.routes.ts';
