// What webhooks plugs into the application (wired by the composition root, src/modules.ts).
// Webhooks: subscriptions API, the delivery worker (with its fan-out of every event) and the
// log's purge.
import type { ModuleDef } from '../../app/module.ts';
import { webhookRoutes } from './webhooks.routes.ts';
import { WEBHOOK_JOBS, startWebhookWorker } from './index.ts';

export const webhooksModule: ModuleDef = {
  name: 'webhooks',
  routes: [webhookRoutes],
  jobs: WEBHOOK_JOBS,
  workers: [
    ({ database, clock, log, webhooksAllowPrivate }) =>
      startWebhookWorker({ database, clock, log, allowInternal: webhooksAllowPrivate }),
  ],
};
