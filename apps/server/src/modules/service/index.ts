// Service: service orders (工单) — opening, items, the status machine (open → completed → paid →
// closed, or cancelled) with its domain events — and declined recommendations kept with the car.
// Tables and schemas come first: modules that this one reads at load time import them back.
export {
  serviceOrders,
  serviceOrderItems,
  serviceOrderDiscounts,
  serviceOrderPayments,
  declinedRecommendations,
  SERVICE_CATEGORIES,
  SERVICE_ORDER_STATUSES,
  PAYMENT_METHODS,
} from './service.tables.ts';
export { unlessRefunded, withdrawOrderCredit, type ConversionInput } from './conversions.ts';
export {
  ServiceOrderSummarySchema,
  ServiceOrderSchema,
  PayBody,
  PaymentPartBody,
  RefundBody,
  type ServiceOrderSummary,
  type ServiceOrderDto,
} from './service.schemas.ts';
export {
  listOrdersForVehicle,
  lastServiceForVehicles,
  getServiceOrder,
  addItem,
  addDeclined,
  assertCustomerOrder,
  beginPayment,
  beginRefund,
  markPaid,
  markRefunded,
  onOrderChange,
  type OrderPayment,
  type OrderRefund,
  applyOrderDiscount,
  removeOrderDiscount,
  createServiceOrder,
  completeOrder,
} from './service.service.ts';
export { serviceHistoryOf, anonymiseServiceOrders } from './privacy.ts';
export { customerLastVisit, listMyVehicles, getMyVehicle } from './garage.ts';
export { insertOrderHistory } from './history.ts';
export { saveImportedOrders, type ImportedOrder, type ImportedWork } from './bulk-import.ts';
export { takingsBetween, type Takings, type MethodTotal } from './takings.ts';
export { getMyServiceOrder, tenantTimeZone } from './order-views.ts';
export { zonedDayStart, type PaymentPart, type PaymentMethod } from './service-order-rules.ts';
export { ordersInShop, paidBetween, IN_SHOP_STATUSES, type OrderScope } from './shop-floor.ts';
