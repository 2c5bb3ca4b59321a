// Monitoring (竞争情报 · 舆情预警): outside feeds the shop watches, the fetcher that reads them
// safely, keyword rules with their matches and alerts, and the crisis early warning.
export {
  monitorFeeds,
  monitorItems,
  monitorRules,
  monitorMatches,
  monitorSettings,
  FEED_KINDS,
  FETCH_RESULTS,
} from './monitoring.tables.ts';
export { fetchDueFeeds, sendMonitorDigest, monitorDigestTick } from './monitoring.jobs.ts';
export { MONITORING_JOBS } from './monitoring.job-defs.ts';
export { detectCrisis, BUILT_IN_NEGATIVE_WORDS } from './crisis.ts';
export { seedDemoMonitoring } from './demo.ts';
