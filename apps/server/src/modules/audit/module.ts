// What audit plugs into the application (wired by the composition root, src/modules.ts).
// Audit: browsing and exporting the audit log.
import type { ModuleDef } from '../../app/module.ts';
import { auditRoutes } from './audit.routes.ts';

export const auditModule: ModuleDef = { name: 'audit', routes: [auditRoutes] };
