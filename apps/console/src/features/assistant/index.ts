// 智能助手: the self-service assistant's settings, handover queue and transcripts.
// Other parts of the console use only what this file exports.

export { default as AssistantPage } from './AssistantPage.tsx';
