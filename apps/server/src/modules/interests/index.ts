// Interests: what each owner reads and follows (reading events, tag follows), the decaying
// per-tag interest scores built from them, and the owner's personalisation switch.
export { levelNeeded, readingNeeded } from './interest-rules.ts';
export { registerContentTags, type ContentTagsProvider } from './content-tags.ts';
export {
  follow,
  forgetReading,
  interestScoresOf,
  isPersonalised,
  myInterests,
  recordReading,
  setPersonalised,
  unfollow,
} from './interests.service.ts';
export { eraseInterests, interestsDataOf, mergeInterests } from './privacy.ts';
export { readingByMonth } from './reading-activity.ts';
export {
  interestConsents,
  interestFollows,
  interestScores,
  interestSettings,
  readingEvents,
  SUBJECT_TYPES,
} from './interests.tables.ts';
export { seedDemoInterests } from './demo.ts';
