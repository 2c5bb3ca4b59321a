// Analytics (数据看板): the dashboards of panels the server defines. Other parts of the console
// use only what this file exports.
export { default as AnalyticsPage } from './AnalyticsPage.tsx';
