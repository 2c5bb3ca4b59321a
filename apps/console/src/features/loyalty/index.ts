// Loyalty (会员): points, stored value, packages and tiers of a customer, the settings and the
// liability report. Other parts of the console use only what this file exports.

export { default as LoyaltyCustomerPanel } from './LoyaltyCustomerPanel.tsx';
export { default as LoyaltyLiabilityPage } from './LoyaltyLiabilityPage.tsx';
export { default as LoyaltySettingsPage } from './LoyaltySettingsPage.tsx';
