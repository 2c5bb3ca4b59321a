// What feedback plugs into the application (wired by the composition root, src/modules.ts).
// Feedback: the complaint, settings, results and public survey routes; the every-minute tick
// (due surveys sent, SLA breaches escalated); a paid order schedules its survey; the worker
// hands the public address survey links start with.
import type { ModuleDef } from '../../app/module.ts';
import { complaintRoutes } from './complaints.routes.ts';
import { feedbackRoutes } from './feedback.routes.ts';
import { FEEDBACK_EVENT_HANDLERS, FEEDBACK_JOBS, setSurveyLinkBase } from './index.ts';
import { COMPLAINT_REPLY, SURVEY_INVITE } from './feedback.messages.ts';

export const feedbackModule: ModuleDef = {
  name: 'feedback',
  routes: [complaintRoutes, feedbackRoutes],
  jobs: FEEDBACK_JOBS,
  events: FEEDBACK_EVENT_HANDLERS,
  templates: [{ key: COMPLAINT_REPLY }, { key: SURVEY_INVITE }],
  workers: [
    ({ publicUrl }) => {
      setSurveyLinkBase(publicUrl);
      return () => {};
    },
  ],
};
