// What the assistant plugs into the application (wired by the composition root, src/modules.ts).
// Assistant: the staff and app API, and the answer to an owner's message (inbox's hook, in the
// message's transaction under a savepoint).
import type { ModuleDef } from '../../app/module.ts';
import { assistantRoutes } from './assistant.routes.ts';
import { answerOwnerMessage } from './index.ts';

export const assistantModule: ModuleDef = {
  name: 'assistant',
  routes: [assistantRoutes],
  hooks: { customerMessage: answerOwnerMessage },
};
