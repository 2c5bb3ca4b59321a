// Analytics (数据看板): the dashboards' panels over rollups rebuilt from other modules' read
// models (orders, customers, statistics, the due-list, the ledger), their CSVs, the weekly report.
export {
  analyticsCells,
  analyticsDirtyDays,
  analyticsBuilds,
  analyticsSettings,
  ALL_STORES,
} from './analytics.tables.ts';
export { rebuildRollups } from './rollup-runs.ts';
export { runRollups, rebuildTenant, ANALYTICS_JOBS } from './analytics.jobs.ts';
export { runWeeklyReports } from './weekly-report.ts';
export { panelAnswer, panelCsv, listDashboards } from './analytics.service.ts';
export type { PanelDef, PanelData, PanelQuery } from './panel.ts';
export { getAnalyticsSettings } from './settings.ts';
export { seedDemoAnalytics } from './demo.ts';
