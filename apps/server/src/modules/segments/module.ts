// What segments plugs into the application (wired by the composition root, src/modules.ts).
// Segments: the filter catalogue, saved segments and their export.
import type { ModuleDef } from '../../app/module.ts';
import { segmentRoutes } from './segments.routes.ts';

export const segmentsModule: ModuleDef = { name: 'segments', routes: [segmentRoutes] };
