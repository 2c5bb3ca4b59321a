// What partners plugs into the application (wired by the composition root, src/modules.ts).
// Partners: the alliance, the partner portal and statements.
import type { ModuleDef } from '../../app/module.ts';
import { partnerRoutes } from './partners.routes.ts';

export const partnersModule: ModuleDef = { name: 'partners', routes: [partnerRoutes] };
