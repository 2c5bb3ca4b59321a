import { z } from 'zod';
import { Instant } from '../../kernel/calendar.ts';
import { SERVICE_CATEGORIES } from '../service/index.ts';
import {
  CHECK_STATUSES,
  INSPECTION_STATUSES,
  JOB_DECISIONS,
  MEASUREMENT_KINDS,
} from './inspections.tables.ts';

/** ¥100,000 for one job: more is a typo. */
const JobFen = z.number().int().min(0).max(10_000_000).describe('Integer fen (分)');

export const TemplatePointSchema = z.object({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/)
    .describe('Stable key of the point within the template'),
  section: z.string().trim().min(1).max(20),
  label: z.string().trim().min(1).max(40),
  measurement: z.enum(MEASUREMENT_KINDS),
  min: z.number().nullish(),
  max: z.number().nullish(),
  amberAt: z.number().nullish().describe('A reading at or past this suggests amber'),
  redAt: z.number().nullish().describe('A reading at or past this suggests red'),
  higherIsWorse: z.boolean().optional().describe('Readings get worse upwards (water in fluid)'),
  wearPerThousandKm: z.number().positive().nullish().describe('Wear per 1,000 km, to predict'),
  category: z.enum(SERVICE_CATEGORIES),
  why: z.string().trim().max(200).default('').describe('Why it matters, shown to the owner'),
});

export const TemplateBody = z
  .object({
    name: z.string().trim().min(1).max(40),
    points: z
      .array(TemplatePointSchema)
      .min(1)
      .max(80)
      .refine((ps) => new Set(ps.map((p) => p.key)).size === ps.length, 'Keys must be unique'),
  })
  .meta({
    example: {
      name: '轮胎与刹车快检',
      points: [
        {
          key: 'pads_front',
          section: '制动',
          label: '前刹车片',
          measurement: 'mm',
          min: 0,
          max: 15,
          amberAt: 4,
          redAt: 2,
          wearPerThousandKm: 0.25,
          category: 'brakes',
          why: '刹车片过薄会伤到刹车盘',
        },
      ],
    },
  });
export type TemplateInput = z.infer<typeof TemplateBody>;

export const TemplateSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  points: z.array(TemplatePointSchema),
  createdAt: Instant,
});

export const OpenInspectionBody = z
  .object({ templateId: z.string().uuid().nullish().describe('Default: the first template') })
  .meta({ example: { templateId: null } });

export const ItemPatchBody = z
  .object({
    status: z.enum(CHECK_STATUSES).nullish().describe('Null: not checked yet'),
    value: z.number().nullish().describe('The reading, in the point’s unit'),
    note: z.string().trim().max(500).nullish(),
    photoIds: z
      .array(z.string().uuid())
      .max(20)
      .optional()
      .describe('Images uploaded by this staff member (purpose `inspection`), in order'),
  })
  .meta({ example: { status: 'red', value: 2, note: '内侧磨损严重', photoIds: [] } });
export type ItemPatch = z.infer<typeof ItemPatchBody>;

export const JobBody = z
  .object({
    description: z.string().trim().min(1).max(200),
    labourFen: JobFen,
    partsFen: JobFen,
  })
  .meta({ example: { description: '更换前刹车片', labourFen: 12000, partsFen: 38000 } });
export type JobInput = z.infer<typeof JobBody>;

export const DecisionBody = z
  .object({ decision: z.enum(JOB_DECISIONS) })
  .meta({ example: { decision: 'approved' } });

export const ViewBody = z
  .object({ seconds: z.number().int().min(1).max(600).describe('Seconds since the last ping') })
  .meta({ example: { seconds: 15 } });

const Photo = z.object({ id: z.string().uuid(), url: z.string(), thumbUrl: z.string() });

export const InspectionItemSchema = z.object({
  id: z.string().uuid(),
  position: z.number().int(),
  key: z.string(),
  section: z.string(),
  label: z.string(),
  measurement: z.enum(MEASUREMENT_KINDS),
  min: z.number().nullable(),
  max: z.number().nullable(),
  category: z.enum(SERVICE_CATEGORIES),
  why: z.string(),
  status: z.enum(CHECK_STATUSES).nullable(),
  suggestedStatus: z.enum(CHECK_STATUSES).nullable(),
  value: z.number().nullable(),
  note: z.string().nullable(),
  photos: z.array(Photo),
  job: z
    .object({
      description: z.string(),
      labourFen: z.number().int(),
      partsFen: z.number().int(),
      totalFen: z.number().int(),
    })
    .nullable(),
  decision: z.enum(JOB_DECISIONS).nullable(),
  decidedAt: Instant.nullable(),
  dueItemId: z.string().uuid().nullable(),
  recoveredAt: Instant.nullable(),
});

export const InspectionSchema = z.object({
  id: z.string().uuid(),
  orderId: z.string().uuid(),
  orderNumber: z.string(),
  orderStatus: z.string(),
  orderTotalFen: z.number().int(),
  vehicleId: z.string().uuid(),
  plate: z.string().nullable(),
  vehicleName: z.string(),
  storeName: z.string(),
  technicianId: z.string().uuid().nullable(),
  technicianName: z.string().nullable(),
  status: z.enum(INSPECTION_STATUSES),
  mileageKm: z.number().int().nullable(),
  sentAt: Instant.nullable(),
  firstViewedAt: Instant.nullable(),
  viewSeconds: z.number().int(),
  createdAt: Instant,
  /** Whether the one asking is the owner who decides (app). */
  canDecide: z.boolean(),
  counts: z.object({
    green: z.number(),
    amber: z.number(),
    red: z.number(),
    unchecked: z.number(),
  }),
  items: z.array(InspectionItemSchema),
});
export type InspectionDto = z.infer<typeof InspectionSchema>;

export const InspectionSummarySchema = InspectionSchema.omit({ items: true });

export const MetricsQuery = z.object({
  from: Instant.describe('Inspections opened at or after'),
  to: Instant.describe('Inspections opened before'),
});

const MetricsRow = z.object({
  orders: z.number().int().describe('Orders opened in the range (technician: they lead)'),
  inspections: z.number().int(),
  inspectionsPerOrder: z.number().nullable(),
  photos: z.number().int(),
  photosPerInspection: z.number().nullable(),
  sent: z.number().int(),
  sentShare: z.number().nullable(),
  viewed: z.number().int(),
  avgViewSeconds: z.number().nullable(),
  recommended: z.number().int(),
  approved: z.number().int(),
  declined: z.number().int(),
  approvalRate: z.number().nullable().describe('Approved of the jobs decided'),
  approvedFen: z.number().int(),
  declinedDue: z.number().int().describe('Declined at least 180 days ago, or recovered'),
  recovered: z.number().int().describe('Of those, done within 180 days'),
  recoveryRate: z.number().nullable(),
});
export type MetricsRow = z.infer<typeof MetricsRow>;

export const MetricsSchema = z.object({
  total: MetricsRow,
  byTechnician: z.array(
    MetricsRow.extend({ staffId: z.string().uuid().nullable(), name: z.string().nullable() }),
  ),
  byAdvisor: z.array(
    MetricsRow.extend({ staffId: z.string().uuid().nullable(), name: z.string().nullable() }),
  ),
});
