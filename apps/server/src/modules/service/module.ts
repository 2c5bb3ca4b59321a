// What service plugs into the application (wired by the composition root, src/modules.ts).
// Service: service orders, their lines and status moves; a car's service history.
import type { ModuleDef } from '../../app/module.ts';
import { garageRoutes } from './garage.routes.ts';
import { pastVisitRoutes } from './past-visits.routes.ts';
import { serviceRoutes } from './service.routes.ts';

export const serviceModule: ModuleDef = {
  name: 'service',
  routes: [serviceRoutes, garageRoutes, pastVisitRoutes],
};
