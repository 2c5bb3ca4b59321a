// What tenancy plugs into the application (wired by the composition root, src/modules.ts).
// Tenancy: the routes of tenants and stores.
import type { ModuleDef } from '../../app/module.ts';
import { tenancyRoutes } from './tenancy.routes.ts';

export const tenancyModule: ModuleDef = { name: 'tenancy', routes: [tenancyRoutes] };
