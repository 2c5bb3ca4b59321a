// What privacy plugs into the application (wired by the composition root, src/modules.ts).
// Privacy: data requests and the customer's rights.
import type { ModuleDef } from '../../app/module.ts';
import { mergePolicyConsents, signInConsent } from './index.ts';
import { privacyRoutes } from './privacy.routes.ts';

export const privacyModule: ModuleDef = {
  name: 'privacy',
  routes: [privacyRoutes],
  hooks: { signInConsent, customerMerge: mergePolicyConsents },
};
