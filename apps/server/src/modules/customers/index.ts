// Customers: the people who own the cars — profile, contact, consent per channel and purpose,
// search, merging duplicates.
export {
  findOrCreateCustomerByPhone,
  getCustomerCard,
  createCustomer,
  getCustomer,
  updateCustomer,
  phoneForViewer,
} from './customers.service.ts';
export { currentConsents, recordConsents, type ConsentState } from './consents.ts';
export { mergeCustomers, onCustomerMerge } from './merge.ts';
export {
  anonymiseCustomer,
  correctProfile,
  customerProfileData,
  isErased,
  isErasedPhone,
  personalisationHistory,
  setPersonalisedMarketing,
  type ProfileCorrection,
} from './privacy.ts';
export {
  customers,
  customerConsents,
  personalisationConsents,
  erasedPhones,
  CHANNELS,
  CONSENT_PURPOSES,
} from './customers.tables.ts';
export { nameInitials, planSearch } from './search.ts';
export {
  CustomerBody,
  CustomerListQuery,
  CustomerPatchBody,
  CustomerRecordSchema,
  CustomerRecordSummarySchema,
  MergeBody,
} from './customers.schemas.ts';
export { listCustomers, type LastVisit } from './customers.service.ts';
export { CUSTOMER_SOURCES, GENDERS } from './customers.tables.ts';
export { insertCustomerHistory } from './history.ts';
export {
  saveImportedCustomers,
  IMPORTED_CUSTOMER_FIELDS,
  type ImportedCustomer,
} from './bulk-import.ts';
export { markCameByReferral } from './referral-source.ts';
