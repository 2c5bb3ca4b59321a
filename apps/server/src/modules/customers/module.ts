// What customers plugs into the application (wired by the composition root, src/modules.ts).
// Customers: profiles, consents, search and merging.
import type { ModuleDef } from '../../app/module.ts';
import { customerRoutes } from './customers.routes.ts';

export const customersModule: ModuleDef = { name: 'customers', routes: [customerRoutes] };
