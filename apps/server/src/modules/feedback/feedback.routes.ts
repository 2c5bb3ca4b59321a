import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import { DESK_ROLES, MARKETING_ROLES, TEAM_ROLES } from '../../kernel/roles.ts';
import { zonedInstant } from '../messaging/index.ts';
import { tenantZone } from './complaint-store.ts';
import { addDays } from './sla-rules.ts';
import {
  AnswerBody,
  DetailsBody,
  HolidayBody,
  HolidayParams,
  HolidaySchema,
  HolidaysSchema,
  MetricsQuery,
  MetricsSchema,
  ResponsesPage,
  ResponsesQuery,
  SettingsBody,
  SettingsSchema,
  SlaPoliciesBody,
  SlaPoliciesSchema,
  SurveyPageSchema,
  TokenParams,
} from './feedback.schemas.ts';
import { surveyMetrics } from './metrics.ts';
import {
  addHoliday,
  getSettings,
  listHolidays,
  listSlaPolicies,
  removeHoliday,
  saveSettings,
  saveSlaPolicies,
} from './settings.ts';
import { listSurveyResponses } from './survey-read.ts';
import { escalateBreaches } from './escalation.ts';
import {
  addSurveyDetails,
  answerSurvey,
  sendDueSurveys,
  surveyOfToken,
  surveyPage,
  tenantOfSurveyToken,
} from './surveys.ts';

const TAGS = ['feedback'];

function settingsRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/feedback/settings',
    audience: 'staff',
    roles: TEAM_ROLES,
    summary:
      'Survey and complaint settings (delay, expiry, reopen window, recovery coupon, review pages, categories)',
    tags: TAGS,
    response: SettingsSchema,
    handler: async (ctx) => getSettings(ctx),
  });
  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/feedback/settings',
    audience: 'staff',
    roles: MARKETING_ROLES,
    summary: 'Change the survey and complaint settings (only what is given changes)',
    tags: TAGS,
    body: SettingsBody,
    response: SettingsSchema,
    handler: async (ctx, { body }) => saveSettings(ctx, body),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/feedback/sla-policies',
    audience: 'staff',
    roles: TEAM_ROLES,
    summary: 'SLA targets per severity, in business minutes',
    tags: TAGS,
    response: SlaPoliciesSchema,
    handler: async (ctx) => listSlaPolicies(ctx),
  });
  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/feedback/sla-policies',
    audience: 'staff',
    roles: MARKETING_ROLES,
    summary: 'Set SLA targets (applies to tickets opened or reopened from now)',
    tags: TAGS,
    body: SlaPoliciesBody,
    response: SlaPoliciesSchema,
    handler: async (ctx, { body }) => saveSlaPolicies(ctx, body),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/feedback/holidays',
    audience: 'staff',
    roles: TEAM_ROLES,
    summary: 'Holidays on which the SLA clocks do not run',
    tags: TAGS,
    response: HolidaysSchema,
    handler: async (ctx) => listHolidays(ctx),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/feedback/holidays',
    audience: 'staff',
    roles: MARKETING_ROLES,
    summary: 'Add a holiday',
    tags: TAGS,
    body: HolidayBody,
    status: 201,
    response: HolidaySchema,
    errors: ['HOLIDAY_EXISTS'],
    handler: async (ctx, { body }) => addHoliday(ctx, body),
  });
  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/staff/feedback/holidays/{day}',
    audience: 'staff',
    roles: MARKETING_ROLES,
    summary: 'Remove a holiday',
    tags: TAGS,
    params: HolidayParams,
    status: 204,
    response: z.null(),
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => {
      await removeHoliday(ctx, params.day);
      return null;
    },
  });
}

function resultRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/surveys/metrics',
    audience: 'staff',
    roles: DESK_ROLES,
    summary: 'NPS, response rate and recovery rate by month, store or advisor',
    description:
      'A survey counts in the month it was sent (tenant calendar). Recovery: detractors with a later paid order within 90 days.',
    tags: TAGS,
    querystring: MetricsQuery,
    response: MetricsSchema,
    handler: async (ctx, { query }) => {
      const tz = await tenantZone(ctx);
      const from = zonedInstant(query.from, 0, tz);
      const to = zonedInstant(addDays(query.to, 1), 0, tz);
      return {
        items: await surveyMetrics(ctx, { from, to, storeId: query.storeId, by: query.by }),
      };
    },
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/surveys/responses',
    audience: 'staff',
    roles: DESK_ROLES,
    summary: 'Survey answers, newest first',
    tags: TAGS,
    querystring: ResponsesQuery,
    response: ResponsesPage,
    handler: async (ctx, { query }) => listSurveyResponses(ctx, query),
  });
}

function runNowRoute(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/feedback/run-due',
    audience: 'staff',
    roles: MARKETING_ROLES,
    summary: 'Send the due surveys and escalate SLA breaches now (the job does it every minute)',
    tags: TAGS,
    response: z.object({ surveysSent: z.number().int(), escalated: z.number().int() }),
    handler: async (ctx) => ({
      surveysSent: await sendDueSurveys(ctx, { linkBase: deps.config.publicUrl }),
      escalated: await escalateBreaches(ctx),
    }),
  });
}

function publicSurveyRoutes(app: FastifyInstance, deps: RouteDeps) {
  const publicTenant = async (input: { params: { token: string } }) =>
    tenantOfSurveyToken(input.params.token);
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/public/surveys/{token}',
    audience: 'public',
    summary: 'The survey a link opens (signed link: no sign-in)',
    tags: TAGS,
    params: TokenParams,
    response: SurveyPageSchema,
    errors: ['SURVEY_LINK_INVALID'],
    publicTenant,
    handler: async (ctx, { params }) => surveyPage(ctx, await surveyOfToken(ctx, params.token)),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/public/surveys/{token}/answer',
    audience: 'public',
    summary: 'Answer the survey: the score (one tap), optionally stars, comment and reasons',
    tags: TAGS,
    params: TokenParams,
    body: AnswerBody,
    response: SurveyPageSchema,
    errors: ['SURVEY_LINK_INVALID', 'SURVEY_ALREADY_ANSWERED', 'SURVEY_EXPIRED'],
    publicTenant,
    handler: async (ctx, { params, body }) =>
      answerSurvey(ctx, await surveyOfToken(ctx, params.token), body),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/public/surveys/{token}/details',
    audience: 'public',
    summary: 'Add stars, a comment and the reasons after the score (once)',
    tags: TAGS,
    params: TokenParams,
    body: DetailsBody,
    response: SurveyPageSchema,
    errors: [
      'SURVEY_LINK_INVALID',
      'SURVEY_ALREADY_ANSWERED',
      'SURVEY_EXPIRED',
      'SURVEY_NOT_ANSWERED',
    ],
    publicTenant,
    handler: async (ctx, { params, body }) =>
      addSurveyDetails(ctx, await surveyOfToken(ctx, params.token), body),
  });
}

export function feedbackRoutes(app: FastifyInstance, deps: RouteDeps) {
  settingsRoutes(app, deps);
  resultRoutes(app, deps);
  runNowRoute(app, deps);
  publicSurveyRoutes(app, deps);
}
