// The partner alliance (异业联盟): partner merchants, their accounts and statements, the portal.
// Other parts of the console use only what this file exports.

export { default as PartnerDetailPage } from './PartnerDetailPage.tsx';
export { default as PartnerListPage } from './PartnerListPage.tsx';
export { default as PartnerPortalPage } from './PartnerPortalPage.tsx';
