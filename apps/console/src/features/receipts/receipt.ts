// The receipt as the server gives it, and small helpers both printed layouts share.
import type { TFunction } from 'i18next';
import type { paths } from '@liuke/api-client';
import { api, unwrap } from '../../api.ts';
import type { Json } from '../../types.ts';

export type Receipt = Json<paths['/api/v1/staff/service-orders/{orderId}/receipt']['get']>;
export type InvoiceRequest = NonNullable<Receipt['invoiceRequest']>;
export type PrintLayout = 'a4' | 'thermal';

export const loadReceipt = (orderId: string) =>
  unwrap(
    api.GET('/api/v1/staff/service-orders/{orderId}/receipt', { params: { path: { orderId } } }),
  );

/** The print page of an order in a layout (inside the console's base path). */
export const printPath = (orderId: string, layout: PrintLayout) =>
  `/service-orders/${orderId}/print?layout=${layout}`;

/** "微信支付", "积分抵扣 (5000 积分)". */
export function paymentLabel(t: TFunction, p: Receipt['payments'][number]): string {
  const method = t(`serviceOrders.method.${p.method}`);
  return p.points ? `${method} (${t('receipts.pointsUsed', { points: p.points })})` : method;
}

/** "机油保养 · 2026-11-01 或 60,000 公里". */
export function nextDueText(t: TFunction, due: NonNullable<Receipt['nextDue']>): string {
  const km = due.dueKm ? t('receipts.nextDueKm', { km: due.dueKm.toLocaleString('en') }) : '';
  return t('receipts.nextDueValue', { label: due.label, date: due.dueDate }) + km;
}
