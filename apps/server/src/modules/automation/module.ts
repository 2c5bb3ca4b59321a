// What automation plugs into the application (wired by the composition root, src/modules.ts).
// Automation: the due-list API, its nightly refresh, and the per-car recompute on events.
import type { ModuleDef } from '../../app/module.ts';
import { dueRoutes } from './due.routes.ts';
import { DUE_JOBS, registerDueEventHandlers } from './index.ts';

export const automationModule: ModuleDef = {
  name: 'automation',
  routes: [dueRoutes],
  jobs: DUE_JOBS,
  workers: [({ database, clock, log }) => registerDueEventHandlers({ database, clock, log })],
};
