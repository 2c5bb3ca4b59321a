// What the magazine plugs into the application (wired by the composition root, src/modules.ts).
// Magazine: staff and app routes, readers' contributions as moderation's subjects, the
// duplicate's contributions and subscription moved on a merge, published issues known to the
// content-tags registry (type `magazine_issue`, no tags yet).
import type { ModuleDef } from '../../app/module.ts';
import { magazineContentTags } from './magazine-read.ts';
import { moveMagazineOnMerge } from './merge.ts';
import { magazineRoutes } from './magazine.routes.ts';
import { MAGAZINE_SUBJECTS } from './subjects.ts';

export const magazineModule: ModuleDef = {
  name: 'magazine',
  routes: [magazineRoutes],
  hooks: {
    customerMerge: moveMagazineOnMerge,
    moderationSubjects: MAGAZINE_SUBJECTS,
    contentTags: magazineContentTags,
  },
};
