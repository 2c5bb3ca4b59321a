// What inspections plugs into the application (wired by the composition root, src/modules.ts).
// Inspections: the staff and app API, and the declined work recovered when a later order does it.
import type { ModuleDef } from '../../app/module.ts';
import { inspectionRoutes } from './inspections.routes.ts';
import { INSPECTION_EVENT_HANDLERS, INSPECTION_READY } from './index.ts';

export const inspectionsModule: ModuleDef = {
  name: 'inspections',
  routes: [inspectionRoutes],
  events: INSPECTION_EVENT_HANDLERS,
  templates: [INSPECTION_READY],
};
