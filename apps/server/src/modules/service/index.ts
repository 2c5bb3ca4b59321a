// Service: service orders (工单), their items and declined recommendations. This foundation
// reads them; the full order lifecycle and its events come with the service-order issue.
export { listOrdersForVehicle, lastServiceForVehicles } from './service.service.ts';
export { ServiceOrderSummarySchema, type ServiceOrderSummary } from './service.schemas.ts';
export {
  serviceOrders,
  serviceOrderItems,
  declinedRecommendations,
  SERVICE_CATEGORIES,
  SERVICE_ORDER_STATUSES,
} from './service.tables.ts';
