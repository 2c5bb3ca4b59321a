// Customer view (客户视图): the customer list and card as the console and integrators see them —
// the record with their cars and last visit — composed from customers, vehicles and service.
// Owns no table.
export { customerView, listCustomerViews } from './customer-view.service.ts';
export { CustomerSchema, CustomerSummarySchema } from './customer-view.schemas.ts';
