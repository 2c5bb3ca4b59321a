// What moderation plugs into the application (wired by the composition root, src/modules.ts).
// Moderation: its staff and car-owner routes, and its mutes and reports following a merge.
import type { ModuleDef } from '../../app/module.ts';
import { moveModerationOnMerge } from './merge.ts';
import { moderationRoutes } from './moderation.routes.ts';

export const moderationModule: ModuleDef = {
  name: 'moderation',
  routes: [moderationRoutes],
  hooks: { customerMerge: moveModerationOnMerge },
};
