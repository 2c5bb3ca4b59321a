// What articles plugs into the application (wired by the composition root, src/modules.ts).
// Articles: staff and app routes, the public site and its feeds, the scheduled-publishing job,
// and the tags of articles.
import type { ModuleDef } from '../../app/module.ts';
import { ARTICLE_JOBS } from './articles.jobs.ts';
import { articleRoutes } from './articles.routes.ts';
import { articleContentTags } from './interests-port.ts';
import { newsRoutes } from './news.routes.ts';
import { siteRoutes } from './site.routes.ts';

export const articlesModule: ModuleDef = {
  name: 'articles',
  routes: [articleRoutes, newsRoutes, siteRoutes],
  jobs: ARTICLE_JOBS,
  hooks: { contentTags: articleContentTags },
};
