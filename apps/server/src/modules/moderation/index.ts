// Moderation: reports, the review queue, hide/restore/approve, mutes, the keyword list and the
// log of every decision, over pieces of user text that other modules own (club posts, comments…).
export type {
  ModerationState,
  ModerationSubjectView,
  ModerationSubjectHandler,
  ModerationSubjects,
} from '../../app/module.ts';
export type { HoldReason } from './moderation-rules.ts';
export { screenSubmission, enqueueHeld, activeMute } from './screening.ts';
export { registerModerationSubjects } from './subjects.ts';
export { decide as decideModeration } from './decisions.ts';
export { seedDemoModeration } from './demo.ts';
