// What clubs plugs into the application (wired by the composition root, src/modules.ts).
// Clubs: the owners' and staff's routes; posts and comments as moderation's subjects; a merge
// moves the duplicate's memberships and posts.
import type { ModuleDef } from '../../app/module.ts';
import { clubRoutes } from './clubs.routes.ts';
import { moveClubsOnMerge } from './index.ts';
import { CLUB_SUBJECTS } from './subjects.ts';

export const clubsModule: ModuleDef = {
  name: 'clubs',
  routes: [clubRoutes],
  hooks: { customerMerge: moveClubsOnMerge, moderationSubjects: CLUB_SUBJECTS },
};
