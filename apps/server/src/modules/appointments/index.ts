// Appointments (预约): stores' opening hours and slots with capacity, bookings by the car owner
// and by staff, the day board, status moves and iCalendar files. Events: appointment.*.
export { appointmentsOf, anonymiseAppointments } from './privacy.ts';
export {
  appointments,
  appointmentSlots,
  storeOpeningHours,
  APPOINTMENT_STATUSES,
} from './appointments.tables.ts';
export {
  appointmentsBetween,
  bookAsCustomer,
  cancelAsCustomer,
  getAvailability,
  getMyAppointment,
  listMyAppointments,
  listStoresForCustomer,
  reschedule,
  TRANSITIONS,
  type AppointmentAction,
  type AppointmentStatus,
} from './appointments.service.ts';
export { getOpeningHours } from './opening-hours.ts';
export { insertOpeningHours, recordPastBooking, type PastBooking } from './history.ts';
export { dayBounds, todayIn, toLocal } from './slots.ts';
export type { AppointmentDto } from './appointments.schemas.ts';
