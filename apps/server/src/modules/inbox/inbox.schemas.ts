import { z } from 'zod';
import { CursorQuery, LimitQuery, page } from '../../kernel/paging.ts';
import { AUTHOR_TYPES, CONVERSATION_STATUSES } from './inbox.tables.ts';

const boolQuery = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

// ---- inbox ----

export const UnreadCountsSchema = z
  .object({
    inbox: z.number().int().describe('Unread inbox messages'),
    conversation: z.number().int().describe('Advisor messages not yet read in the conversation'),
    total: z.number().int().describe('The badge: both together'),
  })
  .meta({ id: 'UnreadCounts' });

export const InboxMessageSchema = z
  .object({
    id: z.string(),
    title: z.string().nullable(),
    body: z.string(),
    url: z.string().nullable().describe('In-app path a tap leads to'),
    purpose: z.string(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'InboxMessage' });

export const InboxQuery = z.object({
  limit: LimitQuery,
  cursor: CursorQuery,
  unread: boolQuery.describe('Only unread messages'),
});

export const InboxPageSchema = page(InboxMessageSchema).extend({ unread: UnreadCountsSchema });

export const InboxReadSchema = z.object({
  message: InboxMessageSchema,
  unread: UnreadCountsSchema,
});

export const InboxReadAllSchema = z.object({
  updated: z.number().int(),
  unread: UnreadCountsSchema,
});

export const MessageParams = z.object({ messageId: z.string().uuid() });

// ---- conversation ----

const MessageBody = z
  .string()
  .trim()
  .min(1, 'empty message')
  .max(2000)
  .describe('The text (1–2000 characters)');

export const WriteMessageBody = z
  .object({ body: MessageBody })
  .meta({ example: { body: '您好，我的车保养大概要多久？' } });

export const ConversationMessageSchema = z
  .object({
    id: z.string(),
    authorType: z
      .enum(AUTHOR_TYPES)
      .describe("`assistant`: the shop's self-service assistant (智能助手)"),
    staff: z.object({ id: z.string(), name: z.string() }).nullable(),
    body: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'ConversationMessage' });

export const MyConversationSchema = z.object({
  conversation: z
    .object({
      id: z.string(),
      status: z.enum(CONVERSATION_STATUSES),
      customerUnread: z.number().int(),
      assignedStaff: z.object({ id: z.string(), name: z.string() }).nullable(),
    })
    .nullable()
    .describe('Null until the first message'),
  items: z.array(ConversationMessageSchema).describe('Oldest first within the page'),
  nextCursor: z.string().nullable().describe('Cursor to older messages'),
});

export const ConversationQuery = z.object({ limit: LimitQuery, cursor: CursorQuery });

// ---- staff ----

export const ConversationSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    status: z.enum(CONVERSATION_STATUSES),
    assignedStaff: z.object({ id: z.string(), name: z.string() }).nullable(),
    staffUnread: z.number().int().describe('Customer messages no staff member has read'),
    customerUnread: z.number().int().describe('Staff messages the customer has not read'),
    lastMessageAt: z.string(),
    lastMessagePreview: z.string(),
    lastMessageAuthor: z.enum(AUTHOR_TYPES).nullable(),
  })
  .meta({ id: 'Conversation' });

export const ConversationListQuery = z.object({
  scope: z
    .enum(['unassigned', 'mine', 'all'])
    .default('all')
    .describe('unassigned, assigned to me, or all'),
  status: z.enum(CONVERSATION_STATUSES).optional(),
  unread: boolQuery.describe('Only conversations with unread customer messages'),
  limit: LimitQuery,
  cursor: CursorQuery,
});

export const ConversationListSchema = page(
  ConversationSchema.extend({
    customer: z.object({ id: z.string(), name: z.string().nullable(), phone: z.string() }),
  }),
);

export const StaffUnreadSchema = z.object({
  unreadConversations: z.number().int(),
  unreadMessages: z.number().int(),
  unassignedOpen: z.number().int(),
  mineUnread: z.number().int(),
});

const DeliverySummary = z.object({
  status: z.string().describe('Intent status: queued, processing, sent, failed, suppressed'),
  reason: z.string().nullable().describe('Why it was suppressed or failed'),
  channel: z.string().nullable().describe('The channel that carried it (or was tried last)'),
  subject: z.string().nullable(),
  body: z.string().nullable(),
  readAt: z.string().nullable().describe('When the customer read it in the app inbox'),
  deliveries: z.array(
    z.object({
      channel: z.string(),
      status: z.string(),
      reason: z.string().nullable(),
      updatedAt: z.string(),
    }),
  ),
});

export const ThreadItemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('conversation'),
    at: z.string(),
    message: ConversationMessageSchema,
    delivery: DeliverySummary.nullable().describe('How a staff reply reached the customer'),
  }),
  z.object({
    kind: z.literal('outbound'),
    at: z.string(),
    outbound: DeliverySummary.extend({
      intentId: z.string(),
      templateKey: z.string(),
      templateName: z.string(),
      purpose: z.string(),
    }),
  }),
]);

export const StaffThreadSchema = z
  .object({
    customer: z.object({ id: z.string(), name: z.string().nullable(), phone: z.string() }),
    conversation: ConversationSchema.nullable(),
    items: z.array(ThreadItemSchema).describe('Oldest first'),
  })
  .meta({ id: 'ConversationThread' });

export const ThreadQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(100).describe('Latest items (1–200)'),
});

export const ReplySchema = z.object({
  message: ConversationMessageSchema,
  intentId: z.string().describe('The messaging intent carrying the reply (see its timeline)'),
});

export const AssignBody = z
  .object({
    staffId: z.string().uuid().nullable().describe('The staff member; null to unassign'),
  })
  .meta({ example: { staffId: '01900000-0000-7000-8000-0000000000d4' } });

export const CustomerParams = z.object({ customerId: z.string().uuid() });

export const AssigneesSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })),
});
