// What inbox plugs into the application (wired by the composition root, src/modules.ts).
// Inbox: the in-app channel, conversations and real-time events; a customer merge moves the
// duplicate's inbox first.
import type { ModuleDef } from '../../app/module.ts';
import { inboxRoutes } from './inbox.routes.ts';
import { CONVERSATION_REPLY, inappChannel, mergeInboxOnCustomerMerge } from './index.ts';

export const inboxModule: ModuleDef = {
  name: 'inbox',
  routes: [inboxRoutes],
  channels: [{ name: 'inapp', resolve: async () => inappChannel }],
  templates: [CONVERSATION_REPLY],
  hooks: { customerMerge: mergeInboxOnCustomerMerge },
};
