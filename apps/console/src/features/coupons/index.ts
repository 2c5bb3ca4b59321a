// Coupons (券): templates, issuing, a customer's coupons, coupons on a service order, the
// member-card scan. Other parts of the console use only what this file exports.

export type { CouponTemplate } from './CouponCommon.tsx';
export { default as CouponCustomerPanel } from './CouponCustomerPanel.tsx';
export { default as CouponOrderPanel } from './CouponOrderPanel.tsx';
export { default as CouponTemplatesPage } from './CouponTemplatesPage.tsx';
export { default as MemberCardScanPage } from './MemberCardScanPage.tsx';
