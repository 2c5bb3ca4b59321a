// What campaigns plugs into the application (wired by the composition root, src/modules.ts).
// Campaigns: the API, the campaign tick, conversion attribution on events; a segment used by a
// campaign cannot be deleted; a merge moves recipients.
import type { ModuleDef } from '../../app/module.ts';
import { campaignRoutes } from './campaigns.routes.ts';
import { CAMPAIGN_EVENT_HANDLERS, CAMPAIGN_JOBS, onMergeCampaigns, segmentInUse } from './index.ts';

export const campaignsModule: ModuleDef = {
  name: 'campaigns',
  routes: [campaignRoutes],
  jobs: CAMPAIGN_JOBS,
  events: CAMPAIGN_EVENT_HANDLERS,
  hooks: { customerMerge: onMergeCampaigns, segmentInUse },
};
