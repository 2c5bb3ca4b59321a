// What imports plugs into the application (wired by the composition root, src/modules.ts).
// Imports: CSV import and export.
import type { ModuleDef } from '../../app/module.ts';
import { importRoutes } from './imports.routes.ts';

export const importsModule: ModuleDef = { name: 'imports', routes: [importRoutes] };
