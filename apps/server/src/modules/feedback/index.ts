// Feedback (客服): complaint tickets with SLA clocks over each store's business hours and
// escalation at a breach; after-service surveys (NPS, stars) with the early warning and metrics.
export {
  complaintTickets,
  complaintEvents,
  surveys,
  feedbackSettings,
  slaPolicies,
  feedbackHolidays,
} from './feedback.tables.ts';
export { openComplaint, type OpenComplaintInput } from './complaints.ts';
export { npsMonthly, surveyMetrics } from './metrics.ts';
export { scheduleSurvey, sendDueSurveys } from './surveys.ts';
export { escalateBreaches } from './escalation.ts';
export { FEEDBACK_JOBS, runFeedbackTick, setSurveyLinkBase } from './feedback.jobs.ts';
export { FEEDBACK_EVENT_HANDLERS } from './feedback.events.ts';
export { seedDemoFeedback } from './demo.ts';
