// 内容审核 (moderation): the review queue, mutes, keywords, settings and the log of decisions.
// Other parts of the console use only what this file exports.

export { default as ModerationPage } from './ModerationPage.tsx';
export { canModerate } from './moderation.ts';
export { DecisionModal, type DecisionTarget } from './DecisionModal.tsx';
export { MuteModal, type MuteTarget } from './MuteModal.tsx';
