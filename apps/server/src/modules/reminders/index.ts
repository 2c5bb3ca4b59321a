// Reminder rules: per-tenant rules with built-in defaults, the set-based daily run
// (one statement per rule, resumable, idempotent), incremental re-evaluation on events, stop
// conditions, last-touch attribution per rule and the console's preview and dashboard.
export {
  attributeToRule,
  checkRule,
  dedupeKeyOf,
  dispatchPending,
  ensureRules,
  evaluateSubject,
  listRules,
  ruleDashboard,
  runTenantDay,
  todayPreview,
  withdrawOnStop,
} from './reminders.service.ts';
export {
  REMINDER_EVENTS,
  REMINDER_JOBS,
  handleReminderEvent,
  reminderTick,
  registerReminderEventHandlers,
  runTenant,
  tenantDayJobId,
} from './reminders.jobs.ts';
export { BUILT_IN_RULES, TRIGGERS } from './definitions.ts';
export { remindVehicleNow } from './remind-now.ts';
export { anonymiseReminderSends } from './privacy.ts';
export {
  reminderAttributions,
  reminderRules,
  reminderRuns,
  reminderSends,
} from './reminders.tables.ts';
