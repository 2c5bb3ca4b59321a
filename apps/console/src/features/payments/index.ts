// Online payments: the list with each payment's timeline and refunds, reconciliation, settings.
// Other parts of the console use only what this file exports.

export { default as PaymentsPage } from './PaymentsPage.tsx';
