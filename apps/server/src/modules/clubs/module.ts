// What clubs plugs into the application (wired by the composition root, src/modules.ts).
// Clubs: the owners' and staff's routes; a merge moves the duplicate's memberships and posts.
import type { ModuleDef } from '../../app/module.ts';
import { clubRoutes } from './clubs.routes.ts';
import { moveClubsOnMerge } from './index.ts';

export const clubsModule: ModuleDef = {
  name: 'clubs',
  routes: [clubRoutes],
  hooks: { customerMerge: moveClubsOnMerge },
};
