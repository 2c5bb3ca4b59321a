// Service orders (工单): the list, an order's page and items, opening one for a car or a walk-in,
// technicians and labour time, and 我的工单 (a technician's jobs, anyone's hours for the leads).
// Other parts of the console use only what this file exports.

export { default as OpenOrderButton, OpenOrderForCustomer } from './OpenOrderButton.tsx';
export { default as ServiceOrderListPage } from './ServiceOrderListPage.tsx';
export { default as ServiceOrderPage } from './ServiceOrderPage.tsx';
export { default as ServiceOrdersTable } from './ServiceOrdersTable.tsx';
export { default as MyJobsPage } from './MyJobsPage.tsx';
export { default as WalkInOrderButton } from './WalkInOrderButton.tsx';
export { SERVICE_CATEGORIES } from './orders.ts';
export type { ServiceOrder } from './orders.ts';
export { ServiceOrderStatusTag } from './ServiceOrderStatusTag.tsx';
