// Campaigns (营销活动): one-off, scheduled or recurring sends to a segment through the messaging
// pipeline, with A/B variants, a hold-out group, budgets, coupons, lifecycle plays and last-touch
// conversion attribution with its report.
export {
  campaigns,
  campaignRuns,
  campaignRecipients,
  campaignAttributions,
} from './campaigns.tables.ts';
export {
  attributeConversion,
  bucketOf,
  campaignReport,
  createCampaign,
  dispatchBatch,
  getCampaign,
  launchCampaign,
  startRun,
} from './campaigns.service.ts';
export { CAMPAIGN_JOBS, runCampaignTick } from './campaigns.jobs.ts';
export { handleConversionEvent } from './campaigns.events.ts';
export { seedDemoCampaigns } from './demo.ts';
export { onMergeCampaigns, segmentInUse } from './campaigns.service.ts';
export { CAMPAIGN_EVENT_HANDLERS } from './campaigns.events.ts';
