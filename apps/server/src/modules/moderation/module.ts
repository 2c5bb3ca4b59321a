// What moderation plugs into the application (wired by the composition root, src/modules.ts).
// Moderation: its staff and car-owner routes; the kinds it moderates come from other modules.
import type { ModuleDef } from '../../app/module.ts';
import { moderationRoutes } from './moderation.routes.ts';

export const moderationModule: ModuleDef = {
  name: 'moderation',
  routes: [moderationRoutes],
};
