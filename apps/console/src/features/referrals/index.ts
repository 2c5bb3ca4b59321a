// Referrals (老带新): the records, the fission view, the settings, a customer's referral panel.
// Other parts of the console use only what this file exports.

export { default as ReferralCustomerPanel } from './ReferralCustomerPanel.tsx';
export { default as ReferralFissionPage } from './ReferralFissionPage.tsx';
export { default as ReferralListPage } from './ReferralListPage.tsx';
export { default as ReferralSettingsPage } from './ReferralSettingsPage.tsx';
