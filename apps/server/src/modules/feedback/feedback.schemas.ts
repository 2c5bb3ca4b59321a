import { z } from 'zod';
import { CalendarDate, Instant } from '../../kernel/calendar.ts';
import { CursorQuery, LimitQuery } from '../../kernel/paging.ts';
import { COMPLAINT_ACTIONS } from './complaint-rules.ts';
import {
  COMPLAINT_SOURCES,
  COMPLAINT_STATUSES,
  SEVERITIES,
  SURVEY_STATUSES,
  TIMELINE_KINDS,
} from './feedback.tables.ts';

const Id = z.string().uuid();
const Text = (max: number) => z.string().trim().min(1).max(max);

export const TicketParams = z.object({ ticketId: Id });
export const TokenParams = z.object({ token: z.string().min(1).max(200) });
export const HolidayParams = z.object({ day: CalendarDate });

export const StaffComplaintBody = z
  .object({
    customerId: Id,
    storeId: Id.nullish(),
    vehicleId: Id.nullish(),
    serviceOrderId: Id.nullish(),
    category: Text(20).optional().describe('One of the tenant’s categories (default 其他)'),
    severity: z.enum(SEVERITIES).default('medium'),
    summary: Text(2000),
  })
  .meta({
    example: {
      customerId: '01900000-0000-7000-8000-000000000001',
      category: '维修质量',
      severity: 'high',
      summary: '保养后发动机异响，第二次返修仍未解决',
    },
  });

export const AppComplaintBody = z
  .object({
    vehicleId: Id.nullish(),
    serviceOrderId: Id.nullish(),
    category: Text(20).optional(),
    summary: Text(2000),
  })
  .meta({ example: { category: '等待时间', summary: '预约了十点，等到十二点才开始做' } });

export const MoveBody = z
  .object({
    action: z.enum(COMPLAINT_ACTIONS),
    note: z.string().trim().max(2000).optional(),
  })
  .meta({ example: { action: 'wait_parts', note: '已订原厂配件，预计周三到货' } });

export const TextBody = z
  .object({ body: Text(2000) })
  .meta({ example: { body: '您好，已安排技师明天上午复查，复查免费。' } });

export const AssignBody = z
  .object({ assigneeId: Id.nullable() })
  .meta({ example: { assigneeId: '01900000-0000-7000-8000-000000000002' } });

export const ComplaintListQuery = z.object({
  status: z
    .string()
    .max(200)
    .optional()
    .describe('Comma-separated statuses (open,in_progress,…)')
    .transform((s, c) => {
      if (!s) return undefined;
      const xs = s.split(',').filter(Boolean);
      for (const x of xs)
        if (!(COMPLAINT_STATUSES as readonly string[]).includes(x)) {
          c.addIssue({ code: 'custom', message: `unknown status ${x}` });
          return z.NEVER;
        }
      return xs as (typeof COMPLAINT_STATUSES)[number][];
    }),
  storeId: Id.optional(),
  severity: z.enum(SEVERITIES).optional(),
  assigneeId: Id.optional(),
  customerId: Id.optional(),
  q: z.string().trim().max(100).optional(),
  limit: LimitQuery,
  cursor: CursorQuery,
});

const SlaClock = z.object({
  dueAt: Instant.nullable(),
  remainingMinutes: z.number().nullable(),
  breached: z.boolean(),
});
const SlaView = z.object({
  asOf: Instant,
  paused: z.boolean(),
  runningUntil: Instant.nullable(),
  firstResponse: SlaClock,
  resolution: SlaClock,
});

export const ComplaintSchema = z.object({
  id: Id,
  number: z.string(),
  customerId: Id,
  customerName: z.string(),
  storeId: Id.nullable(),
  storeName: z.string().nullable(),
  vehicleId: Id.nullable(),
  serviceOrderId: Id.nullable(),
  surveyId: Id.nullable(),
  source: z.enum(COMPLAINT_SOURCES),
  category: z.string(),
  severity: z.enum(SEVERITIES),
  summary: z.string(),
  status: z.enum(COMPLAINT_STATUSES),
  assigneeId: Id.nullable(),
  assigneeName: z.string().nullable(),
  firstRespondedAt: Instant.nullable(),
  resolvedAt: Instant.nullable(),
  closedAt: Instant.nullable(),
  createdAt: Instant,
  sla: SlaView,
});

const TimelineEntry = z.object({
  id: Id,
  at: Instant,
  kind: z.enum(TIMELINE_KINDS),
  actorType: z.string(),
  actorName: z.string().nullable(),
  body: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

export const ComplaintDetailSchema = ComplaintSchema.extend({ timeline: z.array(TimelineEntry) });
export const ComplaintPage = z.object({
  items: z.array(ComplaintSchema),
  nextCursor: z.string().nullable(),
});
export const TicketRef = z.object({ ticketId: Id });
export const OpenedSchema = z.object({ ticketId: Id, number: z.string(), status: z.string() });

export const OwnerComplaintSchema = z.object({
  id: Id,
  number: z.string(),
  category: z.string(),
  summary: z.string(),
  status: z.enum(COMPLAINT_STATUSES),
  storeName: z.string().nullable(),
  serviceOrderId: Id.nullable(),
  createdAt: Instant,
  resolvedAt: Instant.nullable(),
});
export const OwnerComplaintDetailSchema = OwnerComplaintSchema.extend({
  canReopen: z.boolean(),
  reopenUntil: Instant.nullable(),
  timeline: z.array(TimelineEntry),
});
export const CategoriesSchema = z.object({ items: z.array(z.string()) });

const ReviewPage = z.object({ name: Text(20), url: z.string().url().max(500) });

export const SettingsSchema = z.object({
  surveyDelayMinutes: z.number().int(),
  surveyExpiryDays: z.number().int(),
  reopenDays: z.number().int(),
  recoveryTemplateId: Id.nullable(),
  recoveryMonthlyBudget: z.number().int(),
  reviewPages: z.array(z.object({ name: z.string(), url: z.string() })),
  categories: z.array(z.string()),
  escalationReassign: z.boolean(),
});
export const SettingsBody = z
  .object({
    surveyDelayMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60),
    surveyExpiryDays: z.number().int().min(1).max(90),
    reopenDays: z.number().int().min(0).max(90),
    recoveryTemplateId: Id.nullable(),
    recoveryMonthlyBudget: z.number().int().min(0).max(10_000),
    reviewPages: z.array(ReviewPage).max(10),
    categories: z.array(Text(20)).min(1).max(30),
    escalationReassign: z.boolean(),
  })
  .partial()
  .meta({
    example: {
      surveyDelayMinutes: 120,
      surveyExpiryDays: 7,
      recoveryMonthlyBudget: 20,
      reviewPages: [{ name: '大众点评', url: 'https://www.dianping.com/shop/123456' }],
    },
  });

const SlaPolicy = z.object({
  severity: z.enum(SEVERITIES),
  firstResponseMinutes: z.number().int().min(1).max(100_000),
  resolutionMinutes: z.number().int().min(1).max(1_000_000),
});
export const SlaPoliciesSchema = z.object({ items: z.array(SlaPolicy) });
export const SlaPoliciesBody = z.object({ items: z.array(SlaPolicy).min(1).max(3) }).meta({
  example: { items: [{ severity: 'high', firstResponseMinutes: 30, resolutionMinutes: 480 }] },
});

export const HolidaySchema = z.object({ day: CalendarDate, name: z.string() });
export const HolidaysSchema = z.object({ items: z.array(HolidaySchema) });
export const HolidayBody = z
  .object({ day: CalendarDate, name: Text(30) })
  .meta({ example: { day: '2027-02-09', name: '春节调休' } });

const Score = z.number().int().min(0).max(10);
const Stars = z.number().int().min(1).max(5);
const Reasons = z.array(Text(20)).max(10);
export const AnswerBody = z
  .object({
    nps: Score.describe('0–10: how likely to recommend'),
    stars: Stars.nullish(),
    comment: z.string().trim().max(1000).nullish(),
    reasons: Reasons.optional(),
  })
  .meta({ example: { nps: 9 } });
export const DetailsBody = z
  .object({
    stars: Stars.nullish(),
    comment: z.string().trim().max(1000).nullish(),
    reasons: Reasons.optional(),
  })
  .meta({ example: { stars: 2, reasons: ['等待时间'], comment: '等了两个小时' } });

export const SurveyPageSchema = z.object({
  surveyId: Id,
  storeName: z.string().nullable(),
  paidAt: Instant,
  status: z.enum([...SURVEY_STATUSES, 'expired']),
  expiresAt: Instant.nullable(),
  nps: z.number().int().nullable(),
  stars: z.number().int().nullable(),
  comment: z.string().nullable(),
  reasons: z.array(z.string()),
  detailsGiven: z.boolean(),
  reasonChoices: z.array(z.string()),
  reviewPages: z.array(z.object({ name: z.string(), url: z.string() })),
});

export const MetricsQuery = z.object({
  from: CalendarDate.describe('First day (tenant calendar)'),
  to: CalendarDate.describe('Last day, included'),
  storeId: Id.optional(),
  by: z.enum(['month', 'store', 'advisor']).default('month'),
});
export const MetricsRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  sent: z.number().int(),
  responses: z.number().int(),
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
  recovered: z.number().int(),
  nps: z.number().nullable(),
  responseRate: z.number().nullable(),
  recoveryRate: z.number().nullable(),
});
export const MetricsSchema = z.object({ items: z.array(MetricsRowSchema) });

export const ResponsesQuery = z.object({
  storeId: Id.optional(),
  kind: z.enum(['promoter', 'passive', 'detractor']).optional(),
  limit: LimitQuery,
  cursor: CursorQuery,
});
export const ResponseSchema = z.object({
  id: Id,
  answeredAt: Instant,
  sentAt: Instant.nullable(),
  customerId: Id,
  customerName: z.string(),
  storeName: z.string().nullable(),
  advisorName: z.string().nullable(),
  orderNumber: z.string().nullable(),
  nps: z.number().int(),
  kind: z.enum(['promoter', 'passive', 'detractor']),
  stars: z.number().int().nullable(),
  comment: z.string().nullable(),
  reasons: z.array(z.string()),
  ticketId: Id.nullable(),
  ticketNumber: z.string().nullable(),
  couponId: Id.nullable(),
});
export const ResponsesPage = z.object({
  items: z.array(ResponseSchema),
  nextCursor: z.string().nullable(),
});
