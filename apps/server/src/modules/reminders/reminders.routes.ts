import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { StaffRole } from '../../kernel/roles.ts';
import {
  DashboardQuery,
  ReminderRuleListSchema,
  ReminderRulePatchBody,
  ReminderRuleSchema,
  RuleDashboardSchema,
  RunResultSchema,
  TodayPreviewSchema,
  TodayQuery,
} from './reminders.schemas.ts';
import * as reminders from './reminders.service.ts';

const RuleParams = z.object({ ruleId: z.string().uuid() });
const MANAGERS: readonly StaffRole[] = ['owner', 'manager'];
const TAGS = ['reminders'];

export function reminderRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/reminder-rules',
    audience: 'staff',
    summary:
      'The tenant’s reminder rules (built-in defaults on first use) and the usable templates',
    tags: TAGS,
    response: ReminderRuleListSchema,
    handler: async (ctx) => reminders.listRules(ctx),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/reminder-rules/{ruleId}',
    audience: 'staff',
    summary: 'One reminder rule',
    tags: TAGS,
    params: RuleParams,
    response: ReminderRuleSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => reminders.getRule(ctx, params.ruleId),
  });

  defineRoute(app, deps, {
    method: 'PATCH',
    url: '/api/v1/staff/reminder-rules/{ruleId}',
    audience: 'staff',
    roles: MANAGERS,
    summary:
      'Edit a reminder rule (lead days, repeats, channels, template, stop conditions, on/off)',
    description:
      'The template must exist and every variable it uses must be one the rule provides; the answer names the missing variable.',
    tags: TAGS,
    params: RuleParams,
    body: ReminderRulePatchBody,
    response: ReminderRuleSchema,
    errors: [
      'NOT_FOUND',
      'REMINDER_TEMPLATE_NOT_FOUND',
      'REMINDER_TEMPLATE_VARIABLE_MISSING',
      'REMINDER_CHANNEL_NOT_IN_TEMPLATE',
      'REMINDER_STOP_CONDITION_INVALID',
      'REMINDER_REPEAT_INVALID',
      'IDEMPOTENCY_KEY_REUSED',
    ],
    handler: async (ctx, { params, body }) => reminders.updateRule(ctx, params.ruleId, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/reminders/today',
    audience: 'staff',
    summary: 'Today’s reminders: what the run will send now, and what it decided today',
    tags: TAGS,
    querystring: TodayQuery,
    response: TodayPreviewSchema,
    handler: async (ctx, { query }) => reminders.todayPreview(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/reminders/run',
    audience: 'staff',
    roles: MANAGERS,
    summary: 'Run today’s reminder evaluation now (also runs daily); sends nothing twice',
    tags: TAGS,
    response: RunResultSchema,
    errors: ['IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx) => reminders.runNow(ctx),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/reminders/dashboard',
    audience: 'staff',
    summary: 'Per rule: decided, sent, opened, converted (booking or paid order), revenue',
    tags: TAGS,
    querystring: DashboardQuery,
    response: RuleDashboardSchema,
    handler: async (ctx, { query }) => reminders.ruleDashboard(ctx, query),
  });
}
