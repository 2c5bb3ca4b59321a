// What workbench plugs into the application (wired by the composition root, src/modules.ts).
// Workbench: the one route answering today's page.
import type { ModuleDef } from '../../app/module.ts';
import { workbenchRoutes } from './workbench.routes.ts';

export const workbenchModule: ModuleDef = {
  name: 'workbench',
  routes: [workbenchRoutes],
};
