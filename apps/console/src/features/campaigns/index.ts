// Campaigns (营销活动): the list, the editor and a campaign's report.
// Other parts of the console use only what this file exports.

export { default as CampaignDetailPage } from './CampaignDetailPage.tsx';
export { default as CampaignEditorPage } from './CampaignEditorPage.tsx';
export { default as CampaignListPage } from './CampaignListPage.tsx';
