// Identity: who may act — staff accounts and roles, sessions, car-owner sign-in by SMS code,
// API keys. Other modules and the HTTP layer use only what is exported here.
export {
  resolveSession,
  sessionStatement,
  sessionFromRows,
  resolveApiKey,
  createStaffUser,
  createSession,
  endStaffSessions,
  hashPassword,
  purgeExpiredCredentials,
  forgetCustomerCredentials,
  onCustomerSignInWithReferral,
  onCustomerSignInConsent,
} from './identity.service.ts';
export { STAFF_ROLES, TEAM_ROLES, type StaffRole, type TeamRole } from './identity.tables.ts';
export { PasswordInput } from './staff-admin.schemas.ts';
export { getStaffMe, staffStoreIds } from './identity.service.ts';
export { addStaffMember } from './staff-admin.service.ts';
export { identityAuthenticator } from './authenticator.ts';
export { IDENTITY_JOBS } from './identity.jobs.ts';
export { StaffSessionResponse } from './identity.schemas.ts';
export { staffUsers, staffStores } from './identity.tables.ts';
export { listStaffMembers, type StaffMember } from './staff-directory.ts';
export {
  contactsOf,
  storeContacts,
  tellStaff,
  type Contact as StaffContact,
} from './staff-notices.ts';
export {
  listPartnerStaff,
  partnerOfStaff,
  disablePartnerStaff,
  bindPartnerStaff,
  type PartnerStaffAccount,
} from './partner-staff.ts';
export { moveCustomerSessions } from './identity.service.ts';
