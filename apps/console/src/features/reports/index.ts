// Reports (报表): the day's till report per payment method. Other parts of the console use only
// what this file exports.
export { default as TillReportPage } from './TillReportPage.tsx';
