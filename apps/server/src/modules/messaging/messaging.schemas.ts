import { z } from 'zod';
import { CHANNEL_NAMES } from '../../channels/port.ts';
import { CursorQuery, LimitQuery } from '../../kernel/paging.ts';
import { DELIVERY_STATUSES, INTENT_STATUSES, MESSAGE_PURPOSES } from './messaging.tables.ts';

const Language = z.enum(['zh-CN', 'en']);
const Channel = z.enum(CHANNEL_NAMES);
const HourMinute = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const TemplateKeyParams = z.object({
  templateKey: z
    .string()
    .regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/, 'e.g. appointment.confirmed')
    .max(80),
});
export const TemplateTextParams = TemplateKeyParams.extend({
  channel: Channel,
  language: Language,
});
export const IntentParams = z.object({ intentId: z.string().uuid() });
export const TokenParams = z.object({ token: z.string().min(1).max(200) });

const VariableSchema = z.object({
  name: z.string(),
  type: z.string(),
  sample: z.string(),
  description: z.string(),
});

export const TemplateTextSchema = z.object({
  channel: Channel,
  language: Language,
  subject: z.string().nullable(),
  body: z.string(),
  builtInSubject: z.string().nullable(),
  builtInBody: z.string(),
  overridden: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});

export const TemplateSchema = z
  .object({
    key: z.string(),
    name: z.string().describe("The template's name in the staff member's language"),
    purpose: z.enum(MESSAGE_PURPOSES),
    variables: z.array(VariableSchema),
    texts: z.array(TemplateTextSchema),
  })
  .meta({ id: 'MessageTemplate' });

export const TemplateListSchema = z.object({ items: z.array(TemplateSchema) });

export const TemplateTextBody = z
  .object({
    subject: z.string().trim().max(200).nullish(),
    body: z.string().trim().min(1).max(2000),
    version: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('The version you edited (409-free last write wins when omitted)'),
  })
  .meta({
    example: {
      body: '【{{tenant.name}}】{{customer.name}}您好，您的 {{vehicle.plate}} 预约已确认：{{appointment.time}}，{{store.name}}。',
    },
  });

export const PreviewBody = z
  .object({
    channel: Channel,
    language: Language.default('zh-CN'),
    subject: z.string().max(200).nullish(),
    body: z.string().min(1).max(2000),
    customerId: z
      .string()
      .uuid()
      .nullish()
      .describe('Preview with this customer’s real name and car'),
  })
  .meta({
    example: {
      channel: 'sms',
      language: 'zh-CN',
      body: '{{customer.name}}您好，{{vehicle.plate}} 该保养了',
    },
  });

export const PreviewSchema = z.object({
  subject: z.string().nullable(),
  text: z.string(),
  html: z.string().nullable(),
  sms: z
    .object({
      encoding: z.enum(['gsm7', 'ucs2']),
      units: z.number().int(),
      segments: z.number().int(),
      maxSegments: z.number().int(),
    })
    .nullable(),
  problem: z
    .object({ code: z.string(), variable: z.string().nullable(), field: z.string() })
    .nullable()
    .describe('What saving this text would refuse (null: it saves)'),
});

export const MessageListQuery = z.object({
  status: z.enum(INTENT_STATUSES).optional(),
  channel: Channel.optional(),
  purpose: z.enum(MESSAGE_PURPOSES).optional(),
  templateKey: z.string().max(80).optional(),
  customerId: z.string().uuid().optional(),
  cursor: CursorQuery,
  limit: LimitQuery,
});

const DeliverySchema = z.object({
  id: z.string(),
  channel: Channel,
  provider: z.string().nullable(),
  address: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  reason: z.string().nullable(),
  subject: z.string().nullable(),
  body: z.string().nullable(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const MessageSchema = z
  .object({
    id: z.string(),
    customerId: z.string().nullable(),
    customerName: z.string().nullable(),
    toAddress: z.string().nullable(),
    templateKey: z.string(),
    templateName: z.string().describe("The template's name in the staff member's language"),
    purpose: z.enum(MESSAGE_PURPOSES),
    priority: z.enum(['transactional', 'marketing']),
    status: z.enum(INTENT_STATUSES),
    reason: z.string().nullable(),
    notBefore: z.string(),
    source: z.object({ type: z.string().nullable(), id: z.string().nullable() }),
    createdAt: z.string(),
    deliveries: z.array(DeliverySchema),
  })
  .meta({ id: 'Message' });

export const MessagePageSchema = z.object({
  items: z.array(MessageSchema),
  nextCursor: z.string().nullable(),
});

export const MessageDetailSchema = MessageSchema.extend({
  data: z.record(z.string(), z.unknown()),
  timeline: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      channel: z.string().nullable(),
      deliveryId: z.string().nullable(),
      reason: z.string().nullable(),
      detail: z.record(z.string(), z.unknown()).nullable(),
      at: z.string(),
    }),
  ),
}).meta({ id: 'MessageDetail' });

export const SettingsSchema = z
  .object({
    quietStart: HourMinute,
    quietEnd: HourMinute,
    marketingPerDay: z.number().int().min(0).max(20),
    marketingPerWeek: z.number().int().min(0).max(50),
    fallbackMinutes: z.number().int().min(1).max(1440),
    reminderGapDays: z
      .number()
      .int()
      .min(0)
      .max(30)
      .default(1)
      .describe('At most one reminder (any rule) per customer every so many days; 0: no cap'),
  })
  .meta({
    id: 'MessagingSettings',
    example: {
      quietStart: '21:00',
      quietEnd: '08:00',
      marketingPerDay: 1,
      marketingPerWeek: 2,
      fallbackMinutes: 30,
      reminderGapDays: 1,
    },
  });

export const UnsubscribeInfoSchema = z.object({
  tenantName: z.string(),
  channel: Channel,
  subscribed: z.boolean(),
});
