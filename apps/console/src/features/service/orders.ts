// Shapes and helpers of service orders (工单) in the console: types from the generated OpenAPI
// document, the enumerations, yuan ↔ fen, and who may do what.
import type { paths } from '@liuke/api-client';
import type { Body, Json, StaffMe } from '../../types.ts';

export type ServiceOrder = Json<paths['/api/v1/staff/service-orders/{orderId}']['get']>;
export type ServiceOrderListItem = Json<
  paths['/api/v1/staff/service-orders']['get']
>['items'][number];
export type ServiceOrderItem = ServiceOrder['items'][number];
export type DeclinedRecommendation = ServiceOrder['declined'][number];
export type ServiceOrderItemInput = Body<
  paths['/api/v1/staff/service-orders/{orderId}/items']['post']
>;
export type OrderStatus = ServiceOrder['status'];
export type ServiceCategory = ServiceOrderItem['category'];
export type ItemKind = ServiceOrderItem['kind'];
export type PaymentMethod = NonNullable<ServiceOrder['paymentMethod']>;

export const ORDER_STATUSES = [
  'open',
  'completed',
  'paid',
  'closed',
  'cancelled',
  'refunded',
] as const satisfies readonly OrderStatus[];
export const SERVICE_CATEGORIES = [
  'oil_change',
  'tyres',
  'brakes',
  'battery',
  'inspection',
  'wash',
  'other',
] as const satisfies readonly ServiceCategory[];
export const ITEM_KINDS = ['labour', 'part'] as const satisfies readonly ItemKind[];
export const PAYMENT_METHODS = [
  'wechat_pay',
  'alipay',
  'cash',
  'card',
  'stored_value',
  'transfer',
  'other',
] as const satisfies readonly PaymentMethod[];

/** Owners, managers and advisors run the front desk: open, price, take payment, cancel. */
export function canRunDesk(staff: StaffMe): boolean {
  return staff.role === 'owner' || staff.role === 'manager' || staff.role === 'advisor';
}

/** Technicians may also mark the work done. */
export function canComplete(staff: StaffMe): boolean {
  return canRunDesk(staff) || staff.role === 'technician';
}

/**
 * "68.5" or 68.5 yuan → 6850 fen, exactly (the digits are read as text, never multiplied as a
 * float). Null for anything that is not a non-negative amount with at most two decimals.
 */
export function yuanToFen(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  const m = /^(\d{1,10})(?:\.(\d{0,2}))?$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 6850 fen → "68.50" (for an input field; formatFen is for display). */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
