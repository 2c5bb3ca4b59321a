// Events (活动): trips, workshops, test drives and meetups with sign-up, waitlist, reminders,
// tickets and check-in that grants attendance points through the loyalty ledger.
export { communityEvents, eventSignups, EVENT_KINDS, SIGNUP_STATUSES } from './events.tables.ts';
export { attendanceByMonth, attendanceCounts, eventSignupsOf } from './events-read.ts';
export { EventSchema, type EventDto } from './events.schemas.ts';
export { sendDueEventReminders, EVENT_JOBS } from './events.jobs.ts';
export { seedDemoEvents } from './demo.ts';
export { signUp as signUpForEvent } from './signups.ts';
