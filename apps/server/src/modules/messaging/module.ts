// What messaging plugs into the application (wired by the composition root, src/modules.ts).
// Messaging: the message log and templates API; the delivery pipeline runs as a worker.
import type { ModuleDef } from '../../app/module.ts';
import { messagingRoutes } from './messaging.routes.ts';
import { MESSAGING_JOBS, startMessagingWorker } from './index.ts';

export const messagingModule: ModuleDef = {
  name: 'messaging',
  routes: [messagingRoutes],
  jobs: MESSAGING_JOBS,
  workers: [
    ({ database, clock, log, publicUrl }) =>
      startMessagingWorker({ database, clock, log, publicUrl }),
  ],
};
