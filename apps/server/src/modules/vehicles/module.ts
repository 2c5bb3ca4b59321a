// What vehicles plugs into the application (wired by the composition root, src/modules.ts).
// Vehicles: cars, odometer readings and ownership.
import type { ModuleDef } from '../../app/module.ts';
import { pastReadingRoutes } from './past-readings.routes.ts';
import { vehicleRoutes } from './vehicles.routes.ts';

export const vehiclesModule: ModuleDef = {
  name: 'vehicles',
  routes: [vehicleRoutes, pastReadingRoutes],
};
