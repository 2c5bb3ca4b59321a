// Partners: the alliance of partner merchants (异业联盟) — partners and their portal accounts, the
// partner portal (check, redeem and issue coupons), and the settlement statement per period.
export { partners, PARTNER_KINDS, PARTNER_STATUSES } from './partners.tables.ts';
export { PartnerSchema, StatementSchema, type PartnerDto } from './partners.schemas.ts';
export { getPartner, listPartners } from './partners.service.ts';
export { codeFromScan, COUPON_QR_PREFIX } from './portal.service.ts';
export { seedDemoPartners, DEMO_PARTNER_SIGN_INS } from './demo.ts';
export { partnerExists } from './coupon-partners.ts';
