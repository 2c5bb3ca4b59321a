// What events plugs into the application (wired by the composition root, src/modules.ts).
// Events: staff and app routes, the reminder job, and attended-event counts for car clubs.
import type { ModuleDef } from '../../app/module.ts';
import { EVENT_JOBS } from './events.jobs.ts';
import { eventRoutes } from './events.routes.ts';
import { attendanceCounts } from './index.ts';
import { mergeEventSignups } from './merge.ts';

export const eventsModule: ModuleDef = {
  name: 'events',
  routes: [eventRoutes],
  jobs: EVENT_JOBS,
  hooks: { eventAttendance: attendanceCounts, customerMerge: mergeEventSignups },
};
