// Customers (客户): the list, a customer's page and form, merging, picking one, showing a phone.
// Other parts of the console use only what this file exports.

export { default as CustomerDetailPage } from './CustomerDetailPage.tsx';
export { default as CustomerListPage } from './CustomerListPage.tsx';
export { default as CustomerPicker } from './CustomerPicker.tsx';
