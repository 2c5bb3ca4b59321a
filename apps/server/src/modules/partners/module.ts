// What partners plugs into the application (wired by the composition root, src/modules.ts).
// Partners: the alliance, the partner portal and statements; tells coupons which partners exist.
import type { ModuleDef } from '../../app/module.ts';
import { partnerRoutes } from './partners.routes.ts';
import { partnerExists } from './index.ts';

export const partnersModule: ModuleDef = {
  name: 'partners',
  routes: [partnerRoutes],
  hooks: { partnerExists },
};
