// Checkout (收银): taking payment for a service order and refunding it, as named workflows over
// the service order, the loyalty ledger (points, stored value) and referral rewards. Owns no table.
export { payOrder, refundOrder } from './pay-order.ts';
export type { PaymentInput, RefundInput } from './checkout.schemas.ts';
