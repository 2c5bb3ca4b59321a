// Service orders' use-cases, each in the file of its step: reading (order-views), opening and
// lines (order-editing), status moves (order-status), discounts (order-discounts).
export {
  listOrdersForVehicle,
  lastServiceForVehicles,
  assertCustomerOrder,
  getServiceOrder,
  listServiceOrders,
  listDeclinedForVehicle,
  getMyServiceOrder,
} from './order-views.ts';
export {
  createServiceOrder,
  addItem,
  updateItem,
  removeItem,
  addDeclined,
} from './order-editing.ts';
export {
  type OrderPayment,
  type OrderRefund,
  onOrderChange,
  completeOrder,
  beginPayment,
  markPaid,
  beginRefund,
  markRefunded,
  closeOrder,
  cancelOrder,
} from './order-status.ts';
export { applyOrderDiscount, removeOrderDiscount } from './order-discounts.ts';
export { assignTechnician, recordItemWork } from './order-technicians.ts';
export { listMyJobs, listTechnicianJobs, listTechnicians } from './technician-jobs.ts';
