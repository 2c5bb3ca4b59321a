// What deals plugs into the application (wired by the composition root, src/modules.ts).
// Deals: the staff and app API and the settlement job (every minute); a merge gives up the
// duplicate's place in a deal the survivor holds too.
import type { ModuleDef } from '../../app/module.ts';
import { dealRoutes } from './deals.routes.ts';
import { DEAL_JOBS, onDealsMerge } from './index.ts';

export const dealsModule: ModuleDef = {
  name: 'deals',
  routes: [dealRoutes],
  jobs: DEAL_JOBS,
  hooks: { customerMerge: onDealsMerge },
};
