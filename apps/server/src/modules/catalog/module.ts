// What catalog plugs into the application (wired by the composition root, src/modules.ts).
// Catalog: the price list and adding its items to orders; takes paid parts off the shelf.
import type { ModuleDef } from '../../app/module.ts';
import { catalogRoutes } from './catalog.routes.ts';
import { CATALOG_EVENT_HANDLERS } from './index.ts';

export const catalogModule: ModuleDef = {
  name: 'catalog',
  routes: [catalogRoutes],
  events: CATALOG_EVENT_HANDLERS,
};
