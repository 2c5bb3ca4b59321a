// Monitoring (舆情监测): watched feeds with their health, keyword rules, matches and crisis alerts.
// Other parts of the console use only what this file exports.

export { default as MonitoringPage } from './MonitoringPage.tsx';
