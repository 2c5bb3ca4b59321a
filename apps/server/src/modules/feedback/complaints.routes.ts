import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { ErrorCode } from '../../kernel/errors.ts';
import { DESK_ROLES, TEAM_ROLES } from '../../kernel/roles.ts';
import {
  complaintAssignees,
  getComplaint,
  listComplaints,
  myComplaint,
  myComplaints,
} from './complaint-read.ts';
import {
  addNote,
  assignComplaint,
  moveComplaint,
  openComplaint,
  ownerMessage,
  replyToOwner,
} from './complaints.ts';
import {
  AppComplaintBody,
  AssignBody,
  CategoriesSchema,
  ComplaintDetailSchema,
  ComplaintListQuery,
  ComplaintPage,
  MoveBody,
  OpenedSchema,
  OwnerComplaintDetailSchema,
  OwnerComplaintSchema,
  StaffComplaintBody,
  TextBody,
  TicketParams,
  TicketRef,
} from './feedback.schemas.ts';
import { complaintCategories, openMyComplaint, reopenMyComplaint } from './owner-complaints.ts';

const TAGS = ['complaints'];
const OPEN_ERRORS: ErrorCode[] = [
  'NOT_FOUND',
  'COMPLAINT_CATEGORY_UNKNOWN',
  'COMPLAINT_REFERENCE_INVALID',
];

function staffComplaintRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/complaint-assignees',
    audience: 'staff',
    roles: TEAM_ROLES,
    summary: 'Who a complaint ticket may be assigned to (active owners, managers and advisors)',
    tags: TAGS,
    response: z.object({
      items: z.array(z.object({ id: z.string().uuid(), name: z.string(), role: z.string() })),
    }),
    handler: async (ctx) => complaintAssignees(ctx),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/complaints',
    audience: 'staff',
    roles: TEAM_ROLES,
    summary: 'Complaint tickets (投诉工单), newest first, with their SLA clocks',
    tags: TAGS,
    querystring: ComplaintListQuery,
    response: ComplaintPage,
    handler: async (ctx, { query }) => listComplaints(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/complaints',
    audience: 'staff',
    roles: DESK_ROLES,
    summary: 'Open a complaint ticket for a customer (taken at the desk or by phone)',
    tags: TAGS,
    body: StaffComplaintBody,
    status: 201,
    response: OpenedSchema,
    errors: OPEN_ERRORS,
    handler: async (ctx, { body }) => openComplaint(ctx, { ...body, source: 'staff' }),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/complaints/{ticketId}',
    audience: 'staff',
    roles: TEAM_ROLES,
    summary: 'A complaint ticket with its timeline (notes included) and SLA clocks',
    tags: TAGS,
    params: TicketParams,
    response: ComplaintDetailSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => getComplaint(ctx, params.ticketId),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/complaints/{ticketId}/move',
    audience: 'staff',
    roles: DESK_ROLES,
    summary:
      'Move a ticket: start, wait_parts, wait_owner (SLA paused), resume, resolve, close, reopen',
    tags: TAGS,
    params: TicketParams,
    body: MoveBody,
    response: TicketRef,
    errors: ['NOT_FOUND', 'COMPLAINT_STATUS_INVALID'],
    handler: async (ctx, { params, body }) => moveComplaint(ctx, params.ticketId, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/complaints/{ticketId}/notes',
    audience: 'staff',
    roles: TEAM_ROLES,
    summary: 'Add an internal note (staff only, never shown to the owner)',
    tags: TAGS,
    params: TicketParams,
    body: TextBody,
    status: 201,
    response: TicketRef,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, body }) => addNote(ctx, params.ticketId, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/complaints/{ticketId}/replies',
    audience: 'staff',
    roles: DESK_ROLES,
    summary:
      'Reply to the owner (shown in the app and sent as a message; the first one meets the first-response SLA)',
    tags: TAGS,
    params: TicketParams,
    body: TextBody,
    status: 201,
    response: TicketRef,
    errors: ['NOT_FOUND', 'COMPLAINT_CLOSED'],
    handler: async (ctx, { params, body }) => replyToOwner(ctx, params.ticketId, body),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/complaints/{ticketId}/assignee',
    audience: 'staff',
    roles: DESK_ROLES,
    summary: 'Assign the ticket to a staff member (null: nobody)',
    tags: TAGS,
    params: TicketParams,
    body: AssignBody,
    response: TicketRef,
    errors: ['NOT_FOUND', 'COMPLAINT_ASSIGNEE_INVALID'],
    handler: async (ctx, { params, body }) => assignComplaint(ctx, params.ticketId, body),
  });
}

function appComplaintRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/complaint-categories',
    audience: 'app',
    summary: 'The categories a complaint can be filed under',
    tags: TAGS,
    response: CategoriesSchema,
    handler: async (ctx) => complaintCategories(ctx),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/complaints',
    audience: 'app',
    summary: 'My complaint tickets (我的工单), newest first',
    tags: TAGS,
    response: z.object({ items: z.array(OwnerComplaintSchema) }),
    handler: async (ctx) => myComplaints(ctx, ctx.actor.id!),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/me/complaints',
    audience: 'app',
    summary: 'File a complaint (from 我的, or from one of my orders)',
    tags: TAGS,
    body: AppComplaintBody,
    status: 201,
    response: OpenedSchema,
    errors: OPEN_ERRORS,
    handler: async (ctx, { body }) => openMyComplaint(ctx, ctx.actor.id!, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/complaints/{ticketId}',
    audience: 'app',
    summary: 'One of my tickets with the shop’s replies',
    tags: TAGS,
    params: TicketParams,
    response: OwnerComplaintDetailSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => myComplaint(ctx, ctx.actor.id!, params.ticketId),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/me/complaints/{ticketId}/messages',
    audience: 'app',
    summary: 'Add to my ticket (not once it is closed)',
    tags: TAGS,
    params: TicketParams,
    body: TextBody,
    status: 201,
    response: TicketRef,
    errors: ['NOT_FOUND', 'COMPLAINT_CLOSED'],
    handler: async (ctx, { params, body }) =>
      ownerMessage(ctx, ctx.actor.id!, params.ticketId, body.body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/me/complaints/{ticketId}/reopen',
    audience: 'app',
    summary: 'Reopen my resolved ticket (within the shop’s reopen window)',
    tags: TAGS,
    params: TicketParams,
    response: TicketRef,
    errors: ['NOT_FOUND', 'COMPLAINT_STATUS_INVALID', 'COMPLAINT_REOPEN_EXPIRED'],
    handler: async (ctx, { params }) => reopenMyComplaint(ctx, ctx.actor.id!, params.ticketId),
  });
}

export function complaintRoutes(app: FastifyInstance, deps: RouteDeps) {
  staffComplaintRoutes(app, deps);
  appComplaintRoutes(app, deps);
}
