// What analytics plugs into the application (wired by the composition root, src/modules.ts).
// Analytics: the dashboards' routes, the hourly rollup job, late orders marking their day dirty.
import type { ModuleDef } from '../../app/module.ts';
import { ANALYTICS_EVENT_HANDLERS } from './analytics.events.ts';
import { ANALYTICS_JOBS } from './analytics.jobs.ts';
import { analyticsRoutes } from './analytics.routes.ts';

export const analyticsModule: ModuleDef = {
  name: 'analytics',
  routes: [analyticsRoutes],
  jobs: ANALYTICS_JOBS,
  events: ANALYTICS_EVENT_HANDLERS,
};
