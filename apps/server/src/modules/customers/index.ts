// Customers: the people who own the cars — profile, contact, consent (later), search.
export {
  findOrCreateCustomerByPhone,
  getCustomerCard,
  createCustomer,
  getCustomer,
} from './customers.service.ts';
export { customers } from './customers.tables.ts';
export { nameInitials } from './search.ts';
export { customerRoutes } from './customers.routes.ts';
