// What identity plugs into the application (wired by the composition root, src/modules.ts).
// Identity: sign-in, sessions, staff administration, API keys; expired credentials purged hourly;
// a customer merge moves the duplicate's app sessions.
import type { ModuleDef } from '../../app/module.ts';
import { identityRoutes } from './identity.routes.ts';
import { IDENTITY_JOBS, moveCustomerSessions } from './index.ts';

export const identityModule: ModuleDef = {
  name: 'identity',
  routes: [identityRoutes],
  jobs: IDENTITY_JOBS,
  hooks: { customerMerge: moveCustomerSessions },
};
