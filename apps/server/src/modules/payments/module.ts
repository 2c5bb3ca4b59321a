// What payments plugs into the application (wired by the composition root, src/modules.ts):
// the app's and the console's API, the providers' notification endpoints and the query job.
import type { ModuleDef } from '../../app/module.ts';
import { PAYMENT_JOBS } from './index.ts';
import { paymentRoutes } from './payments.routes.ts';
import { paymentWebhookRoutes } from './webhooks.routes.ts';

export const paymentsModule: ModuleDef = {
  name: 'payments',
  routes: [paymentRoutes, paymentWebhookRoutes],
  jobs: PAYMENT_JOBS,
};
