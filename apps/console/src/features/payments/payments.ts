// Online payments' shapes (from the API contract), their status colours, and who may refund.
import type { paths } from '@liuke/api-client';
import type { Json, StaffMe } from '../../types.ts';

export type Payment = Json<paths['/api/v1/staff/payments']['get']>['items'][number];
export type PaymentDetail = Json<paths['/api/v1/staff/payments/{paymentId}']['get']>;
export type Reconciliation = Json<paths['/api/v1/staff/payments/reconciliation']['get']>;
export type Difference = Reconciliation['differences'][number];
export type PaymentSetting = Json<paths['/api/v1/staff/payment-settings']['get']>['items'][number];
export type Provider = Payment['provider'];

export const PROVIDERS: Provider[] = ['wechat', 'alipay', 'stripe', 'dev'];

export const STATUS_COLORS: Record<Payment['status'], string> = {
  pending: 'processing',
  paid: 'success',
  held: 'warning',
  closed: 'default',
  failed: 'error',
  refunded: 'default',
  partially_refunded: 'cyan',
};

/** Owner and manager refund and reconcile. */
export const canRefund = (staff: StaffMe): boolean =>
  staff.role === 'owner' || staff.role === 'manager';

/** The settings each provider shows (config) and keeps write-only (secrets). */
export const FIELDS: Record<Provider, { config: string[]; secrets: string[] }> = {
  wechat: {
    config: [
      'mchid',
      'appid',
      'merchantSerialNo',
      'platformPublicKeyId',
      'platformPublicKeyPem',
      'platformCertSerial',
      'platformCertPem',
      'baseUrl',
    ],
    secrets: ['privateKey', 'apiV3Key'],
  },
  alipay: { config: ['appId', 'alipayPublicKeyPem', 'gatewayUrl'], secrets: ['privateKey'] },
  stripe: {
    config: ['publishableKey', 'currency', 'baseUrl'],
    secrets: ['secretKey', 'webhookSecret'],
  },
  dev: { config: [], secrets: [] },
};

/** A fresh refund number for one refund form (the same number is the same refund). */
export const newRefundNumber = () =>
  `R${Date.now().toString(36).toUpperCase()}${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
