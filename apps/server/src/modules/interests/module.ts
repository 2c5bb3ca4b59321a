// What interests plugs into the application (wired by the composition root, src/modules.ts).
// Interests: the app's reading and follow routes, /reading.js, the staff card, the interest
// scores other modules order content by, and folding a merged duplicate's profile.
import type { ModuleDef } from '../../app/module.ts';
import { interestScoresOf } from './interests.service.ts';
import { interestRoutes } from './interests.routes.ts';
import { mergeInterests } from './privacy.ts';

export const interestsModule: ModuleDef = {
  name: 'interests',
  routes: [interestRoutes],
  hooks: { interestScores: interestScoresOf, customerMerge: mergeInterests },
};
