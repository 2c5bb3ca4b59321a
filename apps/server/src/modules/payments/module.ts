// What payments plugs into the application (wired by the composition root, src/modules.ts):
// the app's and the console's API, the providers' notification endpoints, the query job, and the
// automatic refund of a deal paid online that did not happen for its joiner.
import type { ModuleDef } from '../../app/module.ts';
import { PAYMENT_EVENT_HANDLERS, PAYMENT_JOBS, setRefundNotifyBase } from './index.ts';
import { paymentRoutes } from './payments.routes.ts';
import { paymentWebhookRoutes } from './webhooks.routes.ts';

export const paymentsModule: ModuleDef = {
  name: 'payments',
  routes: [paymentRoutes, paymentWebhookRoutes],
  jobs: PAYMENT_JOBS,
  events: PAYMENT_EVENT_HANDLERS,
  workers: [
    ({ publicUrl }) => {
      setRefundNotifyBase(publicUrl);
      return () => {};
    },
  ],
};
