// Coupons: templates (券模板), issued coupons (券) with their short codes, validation and
// at-most-once redemption on service orders, void and reissue; and the member card's rotating code.
export {
  couponTemplates,
  coupons,
  memberCardTokens,
  PARTNER_DIRECTIONS,
} from './coupons.tables.ts';
export { describeTerms, normalizeCode, redeemerOf } from './coupon-rules.ts';
export { CouponSchema, CouponTemplateSchema, type CouponDto } from './coupons.schemas.ts';
export { createTemplate } from './templates.ts';
export { issueCoupon, issueCoupons } from './issuing.ts';
export { getCoupon, validCouponCount } from './reading.ts';
export { onPackageCouponRedeemed } from './package-redemption.ts';
export { validateCoupon } from './order-redemption.ts';
export { voidCoupon } from './void-reissue.ts';
export { myMemberCard, lookupMemberCard } from './member-card.ts';
export { couponsOf, anonymiseCoupons } from './privacy.ts';
export { seedDemoCoupons } from './demo.ts';
export { COUPON_EVENT_HANDLERS } from './coupons.events.ts';
export { claimCoupon, type CouponClaim } from './claim.ts';
export { setPartnerLookup, type PartnerLookup } from './partner-lookup.ts';
export { COUPON_KINDS, COUPON_STATUSES } from './coupons.tables.ts';
export { selectCoupons } from './reading.ts';
export { COUPON_JOBS } from './coupons.jobs.ts';
