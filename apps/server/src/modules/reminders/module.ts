// What reminders plugs into the application (wired by the composition root, src/modules.ts).
// Reminders: the rules API, the daily run, and re-evaluation on events.
import type { ModuleDef } from '../../app/module.ts';
import { reminderRoutes } from './reminders.routes.ts';
import { REMINDER_JOBS, registerReminderEventHandlers, remindVehicleNow } from './index.ts';

export const remindersModule: ModuleDef = {
  name: 'reminders',
  routes: [reminderRoutes],
  jobs: REMINDER_JOBS,
  hooks: { remindNow: remindVehicleNow },
  workers: [({ database, clock, log }) => registerReminderEventHandlers({ database, clock, log })],
};
