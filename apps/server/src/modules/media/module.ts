// What media plugs into the application (wired by the composition root, src/modules.ts).
// Media: image uploads for car owners and staff, and serving them publicly by id.
import type { ModuleDef } from '../../app/module.ts';
import { mediaRoutes } from './media.routes.ts';
import { moveUploads } from './media.service.ts';

export const mediaModule: ModuleDef = {
  name: 'media',
  routes: [mediaRoutes],
  hooks: { customerMerge: moveUploads },
};
