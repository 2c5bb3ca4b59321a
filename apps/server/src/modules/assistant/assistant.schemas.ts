import { z } from 'zod';
import { CursorQuery, LimitQuery, page } from '../../kernel/paging.ts';
import { AUTHOR_TYPES } from '../inbox/index.ts';
import { ACTION_KINDS } from './assistant.tables.ts';

export const SettingsSchema = z
  .object({
    enabled: z.boolean(),
    handoverKeywords: z.array(z.string()),
    maxFailures: z.number().int(),
    silenceHours: z.number().int(),
    greeting: z.string(),
  })
  .meta({ id: 'AssistantSettings' });

export const SettingsBody = z
  .object({
    enabled: z.boolean().optional(),
    handoverKeywords: z
      .array(z.string().trim().min(1).max(10))
      .max(20)
      .optional()
      .describe('Words that hand the conversation to a person (投诉 also starts a complaint)'),
    maxFailures: z
      .number()
      .int()
      .min(1)
      .max(10)
      .optional()
      .describe('Turns it could not answer before it hands over'),
    silenceHours: z
      .number()
      .int()
      .min(1)
      .max(72)
      .optional()
      .describe('Hours it stays silent after a handover unless staff hand back'),
    greeting: z.string().trim().min(1).max(200).optional(),
  })
  .meta({
    example: {
      enabled: true,
      handoverKeywords: ['投诉', '人工', '转人工', '客服'],
      maxFailures: 2,
      silenceHours: 4,
    },
  });

const SessionSchema = z.object({
  conversationId: z.string(),
  customerId: z.string(),
  status: z.enum(['waiting', 'handed_over', 'resolved']).describe('waiting: a person has it now'),
  turns: z.number().int(),
  handovers: z.number().int(),
  handoverReason: z.string().nullable(),
  handedOverAt: z.string().nullable(),
  silentUntil: z.string().nullable(),
  lastTurnAt: z.string(),
});

const CustomerRef = z.object({ id: z.string(), name: z.string().nullable(), phone: z.string() });

export const TranscriptListQuery = z.object({
  filter: z.enum(['all', 'waiting', 'handed_over', 'resolved']).default('all'),
  limit: LimitQuery,
  cursor: CursorQuery,
});

export const TranscriptListSchema = page(
  SessionSchema.extend({
    customer: CustomerRef,
    lastMessagePreview: z.string(),
    lastMessageAuthor: z.enum(AUTHOR_TYPES).nullable(),
  }),
);

export const TranscriptSchema = z
  .object({
    customer: CustomerRef,
    session: SessionSchema,
    messages: z.array(
      z.object({
        id: z.string(),
        authorType: z.enum(AUTHOR_TYPES),
        staffName: z.string().nullable(),
        body: z.string(),
        createdAt: z.string(),
      }),
    ),
    actions: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(ACTION_KINDS),
        entityType: z.string().nullable(),
        entityId: z.string().nullable(),
        summary: z.string(),
        createdAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'AssistantTranscript' });

export const CustomerParams = z.object({ customerId: z.string().uuid() });

export const OwnerAssistantSchema = z
  .object({
    enabled: z.boolean(),
    name: z.string(),
    mode: z.enum(['off', 'assistant', 'staff']).describe('staff: a person has the conversation'),
    greeting: z.string().nullable(),
    quickReplies: z.array(z.string()).describe('Chips the app offers as one-tap answers'),
  })
  .meta({ id: 'OwnerAssistant' });
