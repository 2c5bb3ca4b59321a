// What the help center plugs into the application (wired by the composition root, src/modules.ts):
// staff and app routes, and the votes moved when two customer records are merged. Search is a
// function (searchHelp in index.ts), not a hook.
import type { ModuleDef } from '../../app/module.ts';
import { helpRoutes } from './help.routes.ts';
import { mergeHelpVotes } from './merge.ts';

export const helpModule: ModuleDef = {
  name: 'help',
  routes: [helpRoutes],
  hooks: { customerMerge: mergeHelpVotes },
};
