import { z } from 'zod';
import {
  REMINDER_CHANNELS,
  REMINDER_TRIGGERS,
  SEND_STATUSES,
  STOP_CONDITIONS,
} from './reminders.tables.ts';
import { ANCHORS, LEAD_DAYS_MAX, REPEAT_MAX } from './definitions.ts';

export const ReminderRuleSchema = z
  .object({
    id: z.string(),
    key: z.string().describe('The built-in rule it started from (`maintenance`, `win_back_90` …)'),
    trigger: z.enum(REMINDER_TRIGGERS),
    triggerLabel: z.string(),
    name: z.string(),
    subject: z
      .enum(['vehicle', 'customer'])
      .describe('One reminder per car or per customer and cycle'),
    purpose: z.enum(['service', 'marketing']),
    anchor: z
      .enum(ANCHORS)
      .describe(
        'What leadDays count from: before a date ahead (`before_due` …) or after something that happened (`after_visit` …)',
      ),
    leadDays: z
      .number()
      .int()
      .describe('Days before the anchor date (before_…) or after the event (after_…)'),
    repeatEveryDays: z.number().int().nullable(),
    repeatMax: z.number().int().describe('Repeats after the first reminder (0: none)'),
    channels: z
      .array(z.enum(REMINDER_CHANNELS))
      .nullable()
      .describe('Send on these channels; null: the best reachable one, with fallback'),
    templateKey: z.string(),
    templateName: z.string().describe("The template's name in the staff member's language"),
    stopConditions: z.array(z.enum(STOP_CONDITIONS)),
    attributionDays: z.number().int(),
    params: z.object({
      days: z.number().int().nullable().describe('Win-back: days without a visit'),
      thresholdFen: z.number().int().nullable().describe('Stored value low: below this balance'),
      windowDays: z
        .number()
        .int()
        .nullable()
        .describe('How long a missed occasion is still reminded'),
    }),
    variables: z.array(z.string()).describe('Template variables this rule provides'),
    enabled: z.boolean(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ReminderRule' });
export type ReminderRuleDto = z.infer<typeof ReminderRuleSchema>;

export const ReminderRuleListSchema = z.object({
  items: z.array(ReminderRuleSchema),
  templates: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      purpose: z.string(),
      variables: z.array(z.string()),
      channels: z.array(z.string()),
    }),
  ),
});

export const ReminderRulePatchBody = z
  .object({
    name: z.string().trim().min(1).max(60).nullable().optional(),
    leadDays: z.number().int().min(0).max(LEAD_DAYS_MAX).optional(),
    repeatEveryDays: z.number().int().min(1).max(90).nullable().optional(),
    repeatMax: z.number().int().min(0).max(REPEAT_MAX).optional(),
    channels: z.array(z.enum(REMINDER_CHANNELS)).min(1).max(5).nullable().optional(),
    templateKey: z.string().min(1).max(100).optional(),
    stopConditions: z.array(z.enum(STOP_CONDITIONS)).max(4).optional(),
    attributionDays: z.number().int().min(1).max(90).optional(),
    params: z
      .object({
        days: z.number().int().min(30).max(1000).optional(),
        thresholdFen: z.number().int().min(100).max(10_000_000).optional(),
        windowDays: z.number().int().min(0).max(90).optional(),
      })
      .strict()
      .optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .meta({ example: { leadDays: 10, repeatMax: 1, repeatEveryDays: 7, enabled: true } });
export type ReminderRulePatch = z.infer<typeof ReminderRulePatchBody>;

export const TodayQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const TodayPreviewSchema = z.object({
  today: z.string(),
  rules: z.array(
    z.object({
      ruleId: z.string(),
      key: z.string(),
      name: z.string(),
      enabled: z.boolean(),
      willSend: z.number().int().describe('Due now and not yet decided: the next run sends these'),
      decidedToday: z.number().int(),
    }),
  ),
  items: z.array(
    z.object({
      ruleId: z.string(),
      ruleKey: z.string(),
      ruleName: z.string(),
      templateKey: z.string(),
      templateName: z.string(),
      customerId: z.string(),
      customerName: z.string().nullable(),
      phone: z.string().nullable(),
      vehicleId: z.string().nullable(),
      plate: z.string().nullable(),
      what: z.string(),
      dueDate: z.string().nullable(),
      cycleKey: z.string(),
      attempt: z.number().int(),
      status: z.enum(['will_send', ...SEND_STATUSES]),
      messageStatus: z.string().nullable(),
    }),
  ),
});

export const RunResultSchema = z.object({
  runDate: z.string(),
  selected: z.number().int(),
  queued: z.number().int(),
  resumed: z.boolean(),
  skipped: z.boolean().describe('Today’s run had already completed: nothing new'),
});

export const DashboardQuery = z.object({
  days: z.coerce.number().int().min(1).max(365).default(30),
});

export const RuleDashboardSchema = z.object({
  days: z.number().int(),
  items: z.array(
    z.object({
      ruleId: z.string(),
      key: z.string(),
      name: z.string(),
      enabled: z.boolean(),
      decided: z.number().int(),
      cancelled: z.number().int(),
      sent: z.number().int(),
      suppressed: z.number().int(),
      failed: z.number().int(),
      opened: z.number().int(),
      converted: z.number().int(),
      bookings: z.number().int(),
      orders: z.number().int(),
      revenueFen: z.number().int(),
      conversionRate: z.number().nullable(),
    }),
  ),
});
