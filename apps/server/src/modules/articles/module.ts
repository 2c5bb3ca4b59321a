// What articles plug into the application (wired by the composition root, src/modules.ts).
// Articles: the public site and its feeds (server-rendered pages, RSS, Atom, JSON Feed).
import type { ModuleDef } from '../../app/module.ts';
import { siteRoutes } from './site.routes.ts';

export const articlesModule: ModuleDef = {
  name: 'articles',
  routes: [siteRoutes],
};
