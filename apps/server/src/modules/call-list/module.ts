// What the call list plugs into the application (wired by the composition root, src/modules.ts).
// Call list: its routes, and its calls and holds following a customer merge.
import type { ModuleDef } from '../../app/module.ts';
import { callListRoutes } from './call-list.routes.ts';
import { moveCallListOnMerge } from './index.ts';

export const callListModule: ModuleDef = {
  name: 'call-list',
  routes: [callListRoutes],
  hooks: { customerMerge: moveCallListOnMerge },
};
