import { z } from 'zod';
import { CalendarDate } from '../../kernel/calendar.ts';
import { CursorQuery, LimitQuery } from '../../kernel/paging.ts';
import {
  CONFIDENCES,
  CUSTOM_DUE_KINDS,
  CUSTOM_DUE_STATUSES,
  DUE_BASES,
  DUE_KINDS,
  DUE_TRIGGERS,
  RATE_SOURCES,
} from './automation.tables.ts';
import { INTERVAL_CODES } from './intervals.ts';

export const DUE_STATUSES = ['overdue', 'due_soon', 'ok'] as const;
export const DUE_WINDOWS = ['due', 'overdue', 'today', 'week', 'month'] as const;

const DueDate = CalendarDate.refine(
  (s) => s >= '2000-01-01' && s <= '2100-12-31',
  'Between 2000 and 2100',
);

export const DueItemSchema = z
  .object({
    key: z.string().describe('`maintenance:oil_change`, `insurance`, `custom:<id>` …'),
    kind: z.enum(DUE_KINDS),
    code: z.string().nullable().describe('Service interval code (maintenance items)'),
    customItemId: z.string().nullable(),
    label: z.string().describe('What is due, in the caller’s language'),
    dueDate: z.string().describe('YYYY-MM-DD, the first of the time and mileage dates'),
    dueKm: z.number().int().nullable(),
    status: z.enum(DUE_STATUSES),
    trigger: z.enum(DUE_TRIGGERS).describe('Which came first: time, predicted mileage, or a date'),
    leadDays: z.number().int().describe('Due soon from this many days before the due date'),
    intervalKm: z.number().int().nullable(),
    intervalMonths: z.number().int().nullable(),
    basis: z.enum(DUE_BASES).describe('What the interval is counted from'),
    lastDoneOn: z.string().nullable(),
    lastDoneKm: z.number().int().nullable(),
    lastOrderId: z.string().nullable(),
    predictedKmOnDueDate: z.number().int().nullable(),
    note: z
      .string()
      .nullable()
      .describe('A staff-entered item’s description (a declined job: what was found, and why)'),
    photos: z
      .array(z.object({ id: z.string(), url: z.string(), thumbUrl: z.string() }))
      .describe('Photos of what was found (a declined inspection item’s)'),
    why: z
      .string()
      .describe('E.g. "Last done at 45,200 km on 2026-03-01; predicted to reach 55,200 km on …"'),
  })
  .meta({ id: 'DueItem' });
export type DueItemDto = z.infer<typeof DueItemSchema>;

export const MileageEstimateSchema = z
  .object({
    dailyKm: z.number(),
    source: z.enum(RATE_SOURCES).describe('own readings, the tenant’s fleet, or the default'),
    confidence: z.enum(CONFIDENCES),
    readingsUsed: z.number().int(),
    readingsTotal: z.number().int(),
    spreadKmPerDay: z.number().nullable(),
    lastReading: z.object({ km: z.number().int(), at: z.string() }).nullable(),
    predictedKmToday: z.number().int().nullable(),
  })
  .meta({ id: 'MileageEstimate' });

export const VehicleDueSchema = z
  .object({
    vehicleId: z.string(),
    today: z.string(),
    mileage: MileageEstimateSchema.nullable(),
    items: z.array(DueItemSchema),
  })
  .meta({ id: 'VehicleDue' });
export type VehicleDueDto = z.infer<typeof VehicleDueSchema>;

export const TenantDueItemSchema = DueItemSchema.extend({
  vehicleId: z.string(),
  plate: z.string().nullable(),
  make: z.string().nullable(),
  model: z.string().nullable(),
  customerId: z.string(),
  customerName: z.string(),
  storeId: z.string().nullable(),
}).meta({ id: 'TenantDueItem' });
export type TenantDueItemDto = z.infer<typeof TenantDueItemSchema>;

export const DueListQuery = z.object({
  window: z
    .enum(DUE_WINDOWS)
    .default('due')
    .describe('due = overdue or within lead days; overdue; today; week (7 days); month (30 days)'),
  storeId: z.string().uuid().optional().describe('The customer’s home store'),
  kind: z.enum(DUE_KINDS).optional(),
  limit: LimitQuery,
  cursor: CursorQuery,
});
export type DueListQuery = z.infer<typeof DueListQuery>;

export const DueListSchema = z.object({
  today: z.string(),
  items: z.array(TenantDueItemSchema),
  nextCursor: z.string().nullable(),
});

// ---- staff-entered items ----

export const CustomDueItemSchema = z
  .object({
    id: z.string(),
    vehicleId: z.string(),
    kind: z.enum(CUSTOM_DUE_KINDS),
    title: z.string(),
    description: z.string().nullable(),
    dueDate: z.string().nullable(),
    dueKm: z.number().int().nullable(),
    leadDays: z.number().int(),
    photoIds: z.array(z.string()),
    status: z.enum(CUSTOM_DUE_STATUSES),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
  })
  .meta({ id: 'CustomDueItem' });
export type CustomDueItemDto = z.infer<typeof CustomDueItemSchema>;

const Title = z.string().trim().min(1).max(100);
const Description = z.string().trim().max(1000).nullable();
const DueKm = z.number().int().min(1).max(2_000_000).nullable();
const LeadDays = z.number().int().min(0).max(365);

export const CustomDueItemBody = z
  .object({
    kind: z.enum(CUSTOM_DUE_KINDS),
    title: Title,
    description: Description.optional(),
    dueDate: DueDate.nullable().optional().describe('Without a date or km: due at once'),
    dueKm: DueKm.optional(),
    leadDays: LeadDays.default(30),
  })
  .strict()
  .meta({
    example: {
      kind: 'recall',
      title: '安全气囊气体发生器召回',
      description: '厂家召回编号 S-2026-031，免费更换',
      dueDate: '2026-12-31',
      leadDays: 30,
    },
  });
export type CustomDueItemInput = z.infer<typeof CustomDueItemBody>;

export const CustomDueItemPatchBody = z
  .object({
    title: Title.optional(),
    description: Description.optional(),
    dueDate: DueDate.nullable().optional(),
    dueKm: DueKm.optional(),
    leadDays: LeadDays.optional(),
    status: z.enum(CUSTOM_DUE_STATUSES).optional(),
  })
  .strict()
  .meta({ example: { status: 'done' } });
export type CustomDueItemPatch = z.infer<typeof CustomDueItemPatchBody>;

// ---- settings ----

const IntervalOverride = z
  .object({
    code: z.enum(INTERVAL_CODES),
    make: z.string().trim().min(1).max(40).nullable().default(null).describe('Null: every make'),
    intervalKm: z.number().int().min(500).max(200_000).nullable(),
    intervalMonths: z.number().int().min(1).max(120).nullable(),
    leadDays: z.number().int().min(0).max(180).default(30),
    enabled: z.boolean().default(true),
  })
  .strict()
  .refine((o) => o.intervalKm != null || o.intervalMonths != null || !o.enabled, {
    message: 'Give a distance, a time or both',
    path: ['intervalKm'],
  });

export const DueSettingsBody = z
  .object({
    insuranceLeadDays: z.number().int().min(0).max(180),
    inspectionLeadDays: z.number().int().min(0).max(180),
    warrantyYears: z.number().int().min(1).max(15),
    warrantyKm: z.number().int().min(1000).max(1_000_000).nullable(),
    warrantyLeadDays: z.number().int().min(0).max(365),
    defaultDailyKm: z
      .number()
      .min(1)
      .max(500)
      .nullable()
      .describe('For cars without enough readings when the fleet has no average yet'),
    intervals: z.array(IntervalOverride).max(200),
  })
  .strict()
  .meta({
    example: {
      insuranceLeadDays: 30,
      inspectionLeadDays: 30,
      warrantyYears: 3,
      warrantyKm: 100000,
      warrantyLeadDays: 60,
      defaultDailyKm: null,
      intervals: [
        {
          code: 'oil_change',
          make: null,
          intervalKm: 5000,
          intervalMonths: 6,
          leadDays: 30,
          enabled: true,
        },
      ],
    },
  });
export type DueSettingsInput = z.infer<typeof DueSettingsBody>;

export const DueSettingsSchema = z
  .object({
    insuranceLeadDays: z.number().int(),
    inspectionLeadDays: z.number().int(),
    warrantyYears: z.number().int(),
    warrantyKm: z.number().int().nullable(),
    warrantyLeadDays: z.number().int(),
    defaultDailyKm: z.number().nullable(),
    fleetDailyKm: z.number().nullable().describe('Median km a day of the cars with own readings'),
    globalDefaultDailyKm: z.number(),
    builtIn: z.array(
      z.object({
        code: z.string(),
        label: z.string(),
        intervalKm: z.number().int().nullable(),
        intervalMonths: z.number().int().nullable(),
        leadDays: z.number().int(),
      }),
    ),
    intervals: z.array(
      z.object({
        code: z.string(),
        make: z.string().nullable(),
        intervalKm: z.number().int().nullable(),
        intervalMonths: z.number().int().nullable(),
        leadDays: z.number().int(),
        enabled: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'DueSettings' });
export type DueSettingsDto = z.infer<typeof DueSettingsSchema>;
