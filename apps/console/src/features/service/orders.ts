// Shapes and helpers of service orders (工单) in the console: types from the generated OpenAPI
// document, the enumerations, and who may do what.
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
  'points',
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
