// Appointments (预约): the day board, booking a slot, a store's opening hours.
// Other parts of the console use only what this file exports.

export { default as AppointmentsPage } from './AppointmentsPage.tsx';
export { default as BookForCustomerButton } from './BookForCustomerButton.tsx';
export { default as BookNextVisitButton } from './BookNextVisitButton.tsx';
export { default as BookingModal } from './BookingModal.tsx';
export { default as OpeningHoursPage } from './OpeningHoursPage.tsx';
export { APPOINTMENT_STATUS_COLOR } from './appointments.ts';
