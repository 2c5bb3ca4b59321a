// What customer-view plugs into the application (wired by the composition root, src/modules.ts).
// Customer view: the customer list, card, create, edit and merge routes, answering the card.
import type { ModuleDef } from '../../app/module.ts';
import { customerViewRoutes } from './customer-view.routes.ts';

export const customerViewModule: ModuleDef = {
  name: 'customer-view',
  routes: [customerViewRoutes],
};
