// Service orders (工单): the list, an order's page and items, opening one for a car.
// Other parts of the console use only what this file exports.

export { default as OpenOrderButton, OpenOrderForCustomer } from './OpenOrderButton.tsx';
export { default as ServiceOrderListPage } from './ServiceOrderListPage.tsx';
export { default as ServiceOrderPage } from './ServiceOrderPage.tsx';
export { default as ServiceOrdersTable } from './ServiceOrdersTable.tsx';
export { SERVICE_CATEGORIES } from './orders.ts';
export type { ServiceOrder } from './orders.ts';
