// Payments: owners paying online (WeChat Pay, Alipay, Stripe, a development provider) for top-ups,
// service packages, orders and group deals; notifications, queries, refunds and reconciliation.
export {
  payments,
  paymentRefunds,
  paymentEvents,
  paymentSettings,
  devProviderTransactions,
  PAYMENT_PROVIDERS,
  PAYMENT_KINDS,
  PAYMENT_STATUSES,
} from './payments.tables.ts';
export { PaymentSchema, type PaymentDto } from './payments.schemas.ts';
export { getPayment, listPayments } from './payment-read.ts';
export { startPayment } from './paying.ts';
export { handleNotification, settleByQuery } from './notifications.ts';
export { requestRefund } from './refunds.ts';
export { reconcileDay } from './reconciliation.ts';
export { savePaymentSettings, enabledProviders } from './payment-settings.ts';
export { PAYMENT_JOBS, queryDuePayments } from './payments.jobs.ts';
export { seedDemoPayments } from './demo.ts';
export { PAYMENT_EVENT_HANDLERS, refundReleasedDeal, setRefundNotifyBase } from './deal-refunds.ts';
