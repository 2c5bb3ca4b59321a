// Magazine (电子杂志): issues with sections and pages staff edit and publish, themed calls for
// readers' contributions (moderated, placed as pages, credited with points once), subscribers.
export {
  magazineIssues,
  magazineSections,
  magazinePages,
  magazineCalls,
  magazineContributions,
  magazineSubscribers,
} from './magazine.tables.ts';
export { latestIssue, listIssues, magazineContentTags } from './magazine-read.ts';
export { contributionKey } from './credits.ts';
export { seedDemoMagazine } from './demo.ts';
