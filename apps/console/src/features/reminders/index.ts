// Reminders (提醒): today's reminders, the rules and their results.
// Other parts of the console use only what this file exports.

export { default as ReminderPage } from './ReminderPage.tsx';
