import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { ErrorCode } from '../../kernel/errors.ts';
import { page } from '../../kernel/paging.ts';
import { DESK_ROLES, WORKSHOP_LEAD_ROLES } from '../../kernel/roles.ts';
import {
  AssignTechnicianBody,
  ItemWorkBody,
  MyJobsSchema,
  TechnicianJobsQuery,
  TechnicianJobsSchema,
  TechnicianListQuery,
  TechnicianSchema,
  CancelBody,
  CreateServiceOrderBody,
  DeclinedBody,
  DeclinedRecommendationSchema,
  MyServiceOrderSchema,
  ServiceOrderItemBody,
  ServiceOrderItemPatchBody,
  ServiceOrderListItemSchema,
  ServiceOrderListQuery,
  ServiceOrderSchema,
} from './service.schemas.ts';
import * as service from './service.service.ts';

const OrderParams = z.object({ orderId: z.string().uuid() });
const ItemParams = z.object({ orderId: z.string().uuid(), itemId: z.string().uuid() });
const VehicleParams = z.object({ vehicleId: z.string().uuid() });

const DESK = DESK_ROLES;
const ITEM_ERRORS: ErrorCode[] = ['SERVICE_ORDER_NOT_OPEN', 'IDEMPOTENCY_KEY_REUSED'];
const MOVE_ERRORS: ErrorCode[] = ['SERVICE_ORDER_STATUS_CONFLICT', 'IDEMPOTENCY_KEY_REUSED'];
const TECHNICIAN_ERRORS: ErrorCode[] = [
  'TECHNICIAN_NOT_FOUND',
  'TECHNICIAN_ROLE_INVALID',
  'TECHNICIAN_NOT_IN_STORE',
  'LABOUR_MINUTES_NOT_LABOUR',
];
const WORK_ERRORS: ErrorCode[] = [
  ...TECHNICIAN_ERRORS,
  'TECHNICIAN_ASSIGNMENT_LOCKED',
  'IDEMPOTENCY_KEY_REUSED',
  'NOT_FOUND',
];
const TAGS = ['service orders'];
const JOB_TAGS = ['technicians'];

export function serviceRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/service-orders',
    audience: 'staff',
    roles: DESK,
    summary: 'Open a service order (工单)',
    description:
      'The number is made per store and day (`GZ01-20261122-0001`). The intake mileage becomes an odometer reading of the car; one more than 1,000 km below the last reading needs `confirmRollback`. Emits `serviceOrder.opened`.',
    tags: TAGS,
    body: CreateServiceOrderBody,
    status: 201,
    response: ServiceOrderSchema,
    errors: [
      ...TECHNICIAN_ERRORS,
      'SERVICE_ORDER_VEHICLE_MISMATCH',
      'ODOMETER_ROLLBACK',
      'IDEMPOTENCY_KEY_REUSED',
      'NOT_FOUND',
    ],
    handler: async (ctx, { body }) => service.createServiceOrder(ctx, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/service-orders',
    audience: 'staff',
    summary: 'Service orders, newest first',
    tags: TAGS,
    querystring: ServiceOrderListQuery,
    response: page(ServiceOrderListItemSchema),
    errors: ['CURSOR_INVALID'],
    handler: async (ctx, { query }) => service.listServiceOrders(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/service-orders/{orderId}',
    audience: 'staff',
    summary: 'A service order with its items, declined recommendations and totals',
    tags: TAGS,
    params: OrderParams,
    response: ServiceOrderSchema,
    handler: async (ctx, { params }) => service.getServiceOrder(ctx, params.orderId),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/service-orders/{orderId}/items',
    audience: 'staff',
    roles: DESK,
    summary: 'Add a line (labour or part) to an open order; answers the whole order',
    tags: TAGS,
    params: OrderParams,
    body: ServiceOrderItemBody,
    status: 201,
    response: ServiceOrderSchema,
    errors: [...ITEM_ERRORS, ...TECHNICIAN_ERRORS],
    handler: async (ctx, { params, body }) => service.addItem(ctx, params.orderId, body),
  });

  defineRoute(app, deps, {
    method: 'PATCH',
    url: '/api/v1/staff/service-orders/{orderId}/items/{itemId}',
    audience: 'staff',
    roles: DESK,
    summary: 'Change a line of an open order; answers the whole order',
    tags: TAGS,
    params: ItemParams,
    body: ServiceOrderItemPatchBody,
    response: ServiceOrderSchema,
    errors: [...ITEM_ERRORS, ...TECHNICIAN_ERRORS],
    handler: async (ctx, { params, body }) =>
      service.updateItem(ctx, params.orderId, params.itemId, body),
  });

  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/staff/service-orders/{orderId}/items/{itemId}',
    audience: 'staff',
    roles: DESK,
    summary: 'Remove a line from an open order; answers the whole order',
    tags: TAGS,
    params: ItemParams,
    response: ServiceOrderSchema,
    errors: ITEM_ERRORS,
    handler: async (ctx, { params }) => service.removeItem(ctx, params.orderId, params.itemId),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/service-orders/{orderId}/declined',
    audience: 'staff',
    roles: DESK,
    summary: 'Note work the customer declined (未做项目); it stays with the car',
    tags: TAGS,
    params: OrderParams,
    body: DeclinedBody,
    status: 201,
    response: DeclinedRecommendationSchema,
    errors: MOVE_ERRORS,
    handler: async (ctx, { params, body }) => service.addDeclined(ctx, params.orderId, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/vehicles/{vehicleId}/declined',
    audience: 'staff',
    summary: 'Work proposed on a car but not done, newest first',
    tags: TAGS,
    params: VehicleParams,
    response: z.object({ items: z.array(DeclinedRecommendationSchema) }),
    handler: async (ctx, { params }) => service.listDeclinedForVehicle(ctx, params.vehicleId),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/service-orders/{orderId}/complete',
    audience: 'staff',
    roles: [...DESK, 'technician'],
    summary: 'Mark the work done (open → completed)',
    description: 'Needs at least one item. Emits `serviceOrder.completed`.',
    tags: TAGS,
    params: OrderParams,
    response: ServiceOrderSchema,
    errors: [...MOVE_ERRORS, 'SERVICE_ORDER_EMPTY'],
    handler: async (ctx, { params }) => service.completeOrder(ctx, params.orderId),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/service-orders/{orderId}/close',
    audience: 'staff',
    roles: DESK,
    summary: 'Close a paid order (paid → closed)',
    description: 'Emits `serviceOrder.closed`.',
    tags: TAGS,
    params: OrderParams,
    response: ServiceOrderSchema,
    errors: MOVE_ERRORS,
    handler: async (ctx, { params }) => service.closeOrder(ctx, params.orderId),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/service-orders/{orderId}/cancel',
    audience: 'staff',
    roles: DESK,
    summary: 'Cancel an order that is not paid yet (open or completed → cancelled)',
    description: 'Emits `serviceOrder.cancelled`.',
    tags: TAGS,
    params: OrderParams,
    body: CancelBody,
    response: ServiceOrderSchema,
    errors: MOVE_ERRORS,
    handler: async (ctx, { params, body }) => service.cancelOrder(ctx, params.orderId, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/service-orders/{orderId}',
    audience: 'app',
    summary: 'One visit of my maintenance record: items, parts, amounts',
    tags: TAGS,
    params: OrderParams,
    response: MyServiceOrderSchema,
    handler: async (ctx, { params }) =>
      service.getMyServiceOrder(ctx, ctx.actor.id!, params.orderId),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/service-orders/{orderId}/technician',
    audience: 'staff',
    roles: DESK,
    summary: 'Give the order its lead technician (主修技师), another one, or none',
    description:
      'Open or completed orders only (409 `TECHNICIAN_ASSIGNMENT_LOCKED` once paid, closed or cancelled). The technician is an active technician, manager or owner working at the order’s store. Audited as `serviceOrder.technicianAssigned`.',
    tags: TAGS,
    params: OrderParams,
    body: AssignTechnicianBody,
    response: ServiceOrderSchema,
    errors: WORK_ERRORS,
    handler: async (ctx, { params, body }) =>
      service.assignTechnician(ctx, params.orderId, body.technicianId),
  });

  defineRoute(app, deps, {
    method: 'PATCH',
    url: '/api/v1/staff/service-orders/{orderId}/items/{itemId}/work',
    audience: 'staff',
    roles: DESK,
    summary: 'Who did a line and its labour minutes; answers the whole order',
    description:
      'Open or completed orders only: hours are often written up after the job. `labourMinutes` on labour lines only. Audited as `serviceOrder.itemWorkRecorded`.',
    tags: TAGS,
    params: ItemParams,
    body: ItemWorkBody,
    response: ServiceOrderSchema,
    errors: WORK_ERRORS,
    handler: async (ctx, { params, body }) =>
      service.recordItemWork(ctx, params.orderId, params.itemId, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/technicians',
    audience: 'staff',
    roles: [...DESK, 'technician'],
    summary: 'Who may be given work: active technicians, managers and owners',
    tags: JOB_TAGS,
    querystring: TechnicianListQuery,
    response: z.object({ items: z.array(TechnicianSchema) }),
    handler: async (ctx, { query }) => service.listTechnicians(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/me/jobs',
    audience: 'staff',
    summary: 'My jobs (我的工单): open orders I work on, then those completed today',
    description:
      'The orders the signed-in staff member leads or does a line of, with the car, the customer’s name (no phone) and the lines; `mine` marks their lines and `labourMinutes` adds up their time.',
    tags: JOB_TAGS,
    response: MyJobsSchema,
    handler: async (ctx) => service.listMyJobs(ctx),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/technicians/{staffId}/jobs',
    audience: 'staff',
    roles: WORKSHOP_LEAD_ROLES,
    summary: 'A technician’s work and labour minutes over a date range (owners and managers)',
    description:
      'Orders completed in the range (not completed yet: opened in it), cancelled ones left out, newest first; at most 92 days.',
    tags: JOB_TAGS,
    params: z.object({ staffId: z.string().uuid() }),
    querystring: TechnicianJobsQuery,
    response: TechnicianJobsSchema,
    errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
    handler: async (ctx, { params, query }) =>
      service.listTechnicianJobs(ctx, params.staffId, query),
  });
}
