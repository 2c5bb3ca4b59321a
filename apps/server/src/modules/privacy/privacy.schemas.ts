import { z } from 'zod';
import { CalendarDate } from '../../kernel/calendar.ts';
import { CursorQuery, LimitQuery } from '../../kernel/paging.ts';
import { DATA_REQUEST_KINDS, DATA_REQUEST_STATUSES } from './privacy.tables.ts';

export const DataRequestSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    customer: z.object({
      name: z.string().nullable(),
      phoneMasked: z.string().nullable(),
      memberNo: z.string(),
      erased: z.boolean(),
    }),
    kind: z.enum(DATA_REQUEST_KINDS),
    status: z.enum(DATA_REQUEST_STATUSES),
    message: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
    channel: z.enum(['app', 'staff']),
    requestedAt: z.string(),
    dueOn: z.string().describe('The statutory answer date (YYYY-MM-DD, tenant time zone)'),
    daysLeft: z.number().int().nullable().describe('Calendar days to the deadline; open only'),
    overdue: z.boolean(),
    handledAt: z.string().nullable(),
    handledBy: z.string().nullable(),
    resolution: z.string().nullable(),
  })
  .meta({ id: 'DataRequest' });

export const MyDataRequestSchema = z
  .object({
    id: z.string(),
    kind: z.enum(DATA_REQUEST_KINDS),
    status: z.enum(DATA_REQUEST_STATUSES),
    message: z.string().nullable(),
    requestedAt: z.string(),
    dueOn: z.string(),
    handledAt: z.string().nullable(),
    resolution: z.string().nullable(),
  })
  .meta({ id: 'MyDataRequest' });

export const DataRequestBody = z
  .object({
    kind: z.enum(DATA_REQUEST_KINDS),
    message: z.string().trim().max(1000).nullish(),
  })
  .meta({ example: { kind: 'deletion', message: '不再使用贵店服务，请删除我的个人信息' } });

export const DataRequestListQuery = z.object({
  status: z.enum(DATA_REQUEST_STATUSES).optional(),
  kind: z.enum(DATA_REQUEST_KINDS).optional(),
  customerId: z.string().uuid().optional(),
  limit: LimitQuery,
  cursor: CursorQuery,
});

export const ResolutionBody = z
  .object({ resolution: z.string().trim().max(1000).nullish() })
  .meta({ example: { resolution: '已按要求处理' } });
export const RejectBody = z
  .object({ resolution: z.string().trim().min(1).max(1000) })
  .meta({ example: { resolution: '该记录须依法保存至 2028 年' } });

export const ProfileCorrectionBody = z
  .object({
    name: z.string().trim().min(1).max(60).nullish(),
    email: z.string().trim().toLowerCase().max(200).pipe(z.email()).nullish(),
    address: z.string().trim().max(200).nullish(),
    birthday: CalendarDate.nullish(),
    gender: z.enum(['male', 'female', 'unknown']).optional(),
  })
  .meta({ example: { name: '张伟', email: 'zhang.wei@example.com', address: '广州市天河区…' } });

export const PersonalisationSchema = z
  .object({
    personalisedMarketing: z.boolean(),
    history: z.array(
      z.object({
        granted: z.boolean(),
        method: z.string(),
        recordedAt: z.string(),
        recordedBy: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'Personalisation' });

export const PersonalisationBody = z
  .object({ personalisedMarketing: z.boolean() })
  .meta({ example: { personalisedMarketing: false } });

export const PrivacyPolicySchema = z
  .object({
    tenantName: z.string(),
    version: z.string().describe('Send it as privacyPolicyVersion with the sign-in code request'),
    paragraphs: z.array(z.string()).describe('The policy text, in the Accept-Language language'),
  })
  .meta({ id: 'PrivacyPolicy' });

export const PrivacySettingsSchema = z
  .object({
    deadlineWorkingDays: z
      .number()
      .int()
      .min(1)
      .max(60)
      .describe('Working days to answer a data request (PIPL: 15 is the usual default)'),
  })
  .meta({ id: 'PrivacySettings' });

/** The customer's copy of their data: each section from the module that owns it. */
export const CustomerDataExportSchema = z
  .object({
    generatedAt: z.string(),
    controller: z.object({ name: z.string(), code: z.string() }),
    profile: z.record(z.string(), z.unknown()),
    consents: z.object({ current: z.array(z.unknown()), history: z.array(z.unknown()) }),
    personalisation: z.object({
      personalisedMarketing: z.boolean(),
      history: z.array(z.unknown()),
    }),
    cars: z.array(z.record(z.string(), z.unknown())),
    carOwnerships: z.array(z.unknown()),
    serviceHistory: z.array(z.record(z.string(), z.unknown())),
    declinedRecommendations: z.array(z.unknown()),
    appointments: z.array(z.unknown()),
    loyalty: z.object({
      summary: z.record(z.string(), z.unknown()),
      statement: z.array(z.record(z.string(), z.unknown())),
    }),
    coupons: z.array(z.record(z.string(), z.unknown())),
    messages: z.object({
      sent: z.array(z.unknown()),
      inbox: z.array(z.record(z.string(), z.unknown())),
      conversation: z.array(z.record(z.string(), z.unknown())),
    }),
    referrals: z.object({
      code: z.string().nullable(),
      referrals: z.array(z.unknown()),
      rewards: z.array(z.unknown()),
    }),
    events: z.array(z.record(z.string(), z.unknown())).describe('Event sign-ups (活动报名)'),
    interests: z
      .record(z.string(), z.unknown())
      .describe('Interest profile: the switch, follows, points per tag, reading events'),
    dataRequests: z.array(MyDataRequestSchema),
  })
  .meta({ id: 'CustomerDataExport' });
