// What appointments plugs into the application (wired by the composition root, src/modules.ts).
// Appointments: slots, bookings and the day board.
import type { ModuleDef } from '../../app/module.ts';
import { appointmentRoutes } from './appointments.routes.ts';

export const appointmentsModule: ModuleDef = { name: 'appointments', routes: [appointmentRoutes] };
