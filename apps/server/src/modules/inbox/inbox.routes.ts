import type { FastifyInstance } from 'fastify';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { Ctx } from '../../kernel/context.ts';
import {
  AssignBody,
  AssigneesSchema,
  ConversationListQuery,
  ConversationListSchema,
  ConversationMessageSchema,
  ConversationQuery,
  ConversationSchema,
  CustomerParams,
  InboxMessageSchema,
  InboxPageSchema,
  InboxQuery,
  InboxReadAllSchema,
  InboxReadSchema,
  MessageParams,
  MyConversationSchema,
  ReplySchema,
  StaffThreadSchema,
  StaffUnreadSchema,
  ThreadQuery,
  UnreadCountsSchema,
  WriteMessageBody,
} from './inbox.schemas.ts';
import * as inbox from './inbox.service.ts';
import * as talk from './conversations.service.ts';
import { realtimeRoutes } from './realtime.routes.ts';

/** Who answers customers in the console. */
export const CONVERSATION_ROLES = ['owner', 'manager', 'advisor'] as const;
const me = (ctx: Ctx) => ctx.actor.id!;

export function inboxRoutes(app: FastifyInstance, deps: RouteDeps) {
  realtimeRoutes(app, deps);

  // ---- the app: inbox ----

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/inbox',
    audience: 'app',
    summary: 'My inbox, newest first, with the unread counts',
    tags: ['inbox'],
    querystring: InboxQuery,
    response: InboxPageSchema,
    errors: ['CURSOR_INVALID'],
    handler: async (ctx, { query }) => {
      await inbox.recordAppPresence(ctx, me(ctx));
      return inbox.listInbox(ctx, me(ctx), query);
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/inbox/unread-count',
    audience: 'app',
    summary: 'Unread inbox and conversation messages (the badge)',
    tags: ['inbox'],
    response: UnreadCountsSchema,
    handler: async (ctx) => {
      await inbox.recordAppPresence(ctx, me(ctx));
      return inbox.unreadCounts(ctx, me(ctx));
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/inbox/{messageId}',
    audience: 'app',
    summary: 'One inbox message',
    tags: ['inbox'],
    params: MessageParams,
    response: InboxMessageSchema,
    handler: async (ctx, { params }) => inbox.getInboxMessage(ctx, me(ctx), params.messageId),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/me/inbox/{messageId}/read',
    audience: 'app',
    summary: 'Mark one inbox message read',
    description: 'Reading it also counts as the message being opened in its delivery timeline.',
    tags: ['inbox'],
    params: MessageParams,
    response: InboxReadSchema,
    errors: ['IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params }) => inbox.markInboxRead(ctx, me(ctx), params.messageId),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/me/inbox/read-all',
    audience: 'app',
    summary: 'Mark every inbox message read',
    tags: ['inbox'],
    response: InboxReadAllSchema,
    errors: ['IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx) => inbox.markAllInboxRead(ctx, me(ctx)),
  });

  // ---- the app: conversation with the business ----

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/conversation',
    audience: 'app',
    summary: 'My conversation with the business (联系顾问), latest messages',
    tags: ['conversations'],
    querystring: ConversationQuery,
    response: MyConversationSchema,
    errors: ['CURSOR_INVALID'],
    handler: async (ctx, { query }) => talk.customerThread(ctx, me(ctx), query),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/me/conversation/messages',
    audience: 'app',
    summary: 'Write to the business; the staff see it in the console at once',
    tags: ['conversations'],
    body: WriteMessageBody,
    status: 201,
    response: ConversationMessageSchema,
    errors: ['IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { body }) => talk.postCustomerMessage(ctx, me(ctx), body.body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/me/conversation/read',
    audience: 'app',
    summary: 'I have read the conversation (advisor messages and their notifications)',
    tags: ['conversations'],
    response: UnreadCountsSchema,
    errors: ['IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx) => talk.customerReadConversation(ctx, me(ctx)),
  });

  // ---- the console ----

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/conversations',
    audience: 'staff',
    roles: CONVERSATION_ROLES,
    summary: 'Conversations, most recent first: unassigned, mine or all, with unread counts',
    tags: ['conversations'],
    querystring: ConversationListQuery,
    response: ConversationListSchema,
    errors: ['CURSOR_INVALID'],
    handler: async (ctx, { query }) => talk.listConversations(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/conversations/unread',
    audience: 'staff',
    roles: CONVERSATION_ROLES,
    summary: 'Unread and unassigned conversation counts (the menu badge)',
    tags: ['conversations'],
    response: StaffUnreadSchema,
    handler: async (ctx) => talk.staffUnreadSummary(ctx),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/conversations/assignees',
    audience: 'staff',
    roles: CONVERSATION_ROLES,
    summary: 'Staff a conversation can be assigned to (active owners, managers, advisors)',
    tags: ['conversations'],
    response: AssigneesSchema,
    handler: async (ctx) => talk.listAssignees(ctx),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/conversations/{customerId}',
    audience: 'staff',
    roles: CONVERSATION_ROLES,
    summary: 'A customer’s thread: the conversation and every message sent on any channel',
    description:
      'Customer and staff messages interleaved with every message the business sent the customer (any channel), each with its delivery status, oldest first.',
    tags: ['conversations'],
    params: CustomerParams,
    querystring: ThreadQuery,
    response: StaffThreadSchema,
    handler: async (ctx, { params, query }) => talk.staffThread(ctx, params.customerId, query),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/conversations/{customerId}/messages',
    audience: 'staff',
    roles: CONVERSATION_ROLES,
    summary: 'Reply to the customer',
    description:
      'Kept in the thread and delivered through the messaging pipeline (transactional; the in-app inbox when the customer uses the app, else the next reachable channel). An unassigned conversation is assigned to the one who answers.',
    tags: ['conversations'],
    params: CustomerParams,
    body: WriteMessageBody,
    status: 201,
    response: ReplySchema,
    errors: ['IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params, body }) => talk.staffReply(ctx, params.customerId, body.body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/conversations/{customerId}/assign',
    audience: 'staff',
    roles: CONVERSATION_ROLES,
    summary: 'Assign the conversation to a staff member (or unassign it)',
    tags: ['conversations'],
    params: CustomerParams,
    body: AssignBody,
    response: ConversationSchema,
    errors: ['CONVERSATION_ASSIGNEE_INVALID', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params, body }) =>
      talk.assignConversation(ctx, params.customerId, body.staffId),
  });

  for (const [path, status, summary] of [
    ['close', 'closed', 'Close the conversation (a new customer message reopens it)'],
    ['reopen', 'open', 'Reopen the conversation'],
  ] as const) {
    defineRoute(app, deps, {
      method: 'POST',
      url: `/api/v1/staff/conversations/{customerId}/${path}`,
      audience: 'staff',
      roles: CONVERSATION_ROLES,
      summary,
      tags: ['conversations'],
      params: CustomerParams,
      response: ConversationSchema,
      errors: ['IDEMPOTENCY_KEY_REUSED'],
      handler: async (ctx, { params }) =>
        talk.setConversationStatus(ctx, params.customerId, status),
    });
  }

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/conversations/{customerId}/read',
    audience: 'staff',
    roles: CONVERSATION_ROLES,
    summary: 'Mark the customer’s messages read',
    tags: ['conversations'],
    params: CustomerParams,
    response: ConversationSchema,
    errors: ['IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params }) => talk.staffReadConversation(ctx, params.customerId),
  });
}
