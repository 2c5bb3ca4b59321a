import { z } from 'zod';
import {
  CHANNELS,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  CUSTOMER_SOURCES,
  GENDERS,
} from './customers.tables.ts';
import { CalendarDate } from '../../kernel/calendar.ts';
import { CursorQuery, LimitQuery } from '../../kernel/paging.ts';

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const ConsentStateSchema = z
  .object({
    channel: z.enum(CHANNELS),
    purpose: z.enum(CONSENT_PURPOSES),
    granted: z.boolean(),
    method: z.enum(CONSENT_METHODS).nullable(),
    recordedAt: z.string().nullable(),
  })
  .meta({ id: 'ConsentState' });

export const ConsentInput = z.object({
  channel: z.enum(CHANNELS),
  purpose: z.enum(CONSENT_PURPOSES),
  granted: z.boolean(),
});

export const ConsentsBody = z
  .object({
    consents: z.array(ConsentInput).min(1).max(20),
    method: z
      .enum(['staff', 'reply', 'api'])
      .default('staff')
      .describe('How the customer gave or withdrew it'),
  })
  .meta({
    example: {
      consents: [{ channel: 'sms', purpose: 'marketing', granted: false }],
      method: 'staff',
    },
  });

export const ConsentHistorySchema = z.object({
  items: z.array(
    z.object({
      channel: z.enum(CHANNELS),
      purpose: z.enum(CONSENT_PURPOSES),
      granted: z.boolean(),
      method: z.enum(CONSENT_METHODS),
      recordedAt: z.string(),
      recordedBy: z.string().nullable(),
    }),
  ),
});

export const MergeBody = z
  .object({ duplicateId: z.string().uuid().describe('The record to fold into this one') })
  .meta({ example: { duplicateId: '01900000-0000-7000-8000-000000000001' } });
/** A customer's record; the customer view adds their cars (`CustomerSummary`, `Customer`). */
export const CustomerRecordSummarySchema = z.object({
  id: z.string(),
  memberNo: z.string(),
  name: z.string().nullable(),
  phone: z.string().describe('E.164, or masked (138****5678) for roles that do not need it'),
  gender: z.enum(GENDERS),
  tags: z.array(z.string()),
  source: z.enum(CUSTOMER_SOURCES),
  homeStoreId: z.string().nullable(),
  lastVisitAt: z.string().nullable(),
  createdAt: z.string(),
});

export const CustomerRecordSchema = CustomerRecordSummarySchema.extend({
  birthday: z.string().nullable(),
  notes: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  preferredChannel: z.enum(CHANNELS).nullable(),
  language: z.string(),
  personalisedMarketing: z.boolean(),
  /** Set once the customer's data was erased on request: the record is anonymised. */
  erasedAt: z.string().nullable(),
  timezone: z.string().nullable(),
  externalId: z.string().nullable(),
  consents: z.array(ConsentStateSchema),
  updatedAt: z.string(),
});

export const CustomerBody = z
  .object({
    name: z.string().trim().min(1).max(60),
    phone: z.string().trim().min(5).max(32),
    gender: z.enum(GENDERS).optional(),
    birthday: CalendarDate.nullish(),
    tags: z.array(z.string().trim().min(1).max(30)).max(30).optional(),
    source: z.enum(CUSTOMER_SOURCES).optional(),
    homeStoreId: z.string().uuid().nullish(),
    notes: z.string().max(2000).nullish(),
    email: z.string().trim().toLowerCase().max(200).pipe(z.email()).nullish(),
    address: z.string().trim().max(200).nullish(),
    preferredChannel: z.enum(CHANNELS).nullish(),
    language: z.enum(['zh-CN', 'en']).optional(),
    timezone: z
      .string()
      .max(64)
      .refine(isTimeZone, 'an IANA timezone such as Asia/Shanghai')
      .nullish(),
    externalId: z.string().trim().min(1).max(100).nullish(),
    consents: z
      .array(ConsentInput)
      .max(20)
      .optional()
      .describe('Consents given at the counter (method: staff)'),
  })
  .meta({
    example: {
      name: '张伟',
      phone: '13812345678',
      gender: 'male',
      tags: ['VIP'],
      source: 'walk_in',
    },
  });
export type CustomerInput = z.infer<typeof CustomerBody>;

export const CustomerPatchBody = CustomerBody.partial().meta({
  example: { tags: ['VIP', '车队客户'], notes: '周末到店' },
});

export const CustomerListQuery = z.object({
  q: z
    .string()
    .trim()
    .max(64)
    .optional()
    .describe('4+ phone digits, a name, pinyin initials, or part of a plate / VIN'),
  storeId: z.string().uuid().optional().describe('Only customers whose home store this is'),
  limit: LimitQuery,
  cursor: CursorQuery,
});
