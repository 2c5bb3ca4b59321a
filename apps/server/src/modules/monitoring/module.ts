// What monitoring plugs into the application (wired by the composition root, src/modules.ts).
// Monitoring: the staff routes (feeds, rules, matches, crisis settings), the fetcher and the digest.
import type { ModuleDef } from '../../app/module.ts';
import { MONITORING_JOBS } from './index.ts';
import { monitoringRoutes } from './monitoring.routes.ts';

export const monitoringModule: ModuleDef = {
  name: 'monitoring',
  routes: [monitoringRoutes],
  jobs: MONITORING_JOBS,
};
