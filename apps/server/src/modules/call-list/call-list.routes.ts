import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import { DESK_ROLES, type StaffRole } from '../../kernel/roles.ts';
import {
  CallHoldSchema,
  CallListQuery,
  CallListSchema,
  CallLogSchema,
  LogCallBody,
  RemindNowSchema,
  SnoozeBody,
} from './call-list.schemas.ts';
import { logCall, markNotInterested, remindNow, restoreCar, snoozeCar } from './call-actions.ts';
import { listCallList } from './call-list.service.ts';

const VehicleParams = z.object({ vehicleId: z.string().uuid() });
const READERS: readonly StaffRole[] = ['owner', 'manager', 'advisor', 'technician'];
const TAGS = ['call-list'];

export function callListRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/call-list',
    audience: 'staff',
    roles: READERS,
    summary: 'The call list (电话清单): one row per car with something due, most urgent first',
    description:
      'Each row: the car, its owner and phone (masked for technicians), what is due, the last contact (a call logged here or a reminder message) and its status. `status=open` (default) shows cars to call and cars whose owner said they will book.',
    tags: TAGS,
    querystring: CallListQuery,
    response: CallListSchema,
    errors: ['CURSOR_INVALID'],
    handler: async (ctx, { query }) => listCallList(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/call-list/{vehicleId}/calls',
    audience: 'staff',
    roles: DESK_ROLES,
    summary: 'Log a call to the car’s owner and its outcome (shows as the last contact)',
    description:
      '“Reached – will book” pauses the car’s automatic reminders for 7 days. The same call logged again by the same person within 30 seconds answers the first.',
    tags: TAGS,
    params: VehicleParams,
    body: LogCallBody,
    status: 201,
    response: CallLogSchema,
    errors: ['NOT_FOUND', 'CALL_NOTE_REQUIRED', 'CALL_CUSTOMER_ERASED', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params, body }) => logCall(ctx, params.vehicleId, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/call-list/{vehicleId}/remind',
    audience: 'staff',
    roles: DESK_ROLES,
    summary:
      'Send the car’s reminder now (its reminder rule’s message; consent and quiet hours apply)',
    tags: TAGS,
    params: VehicleParams,
    response: RemindNowSchema,
    errors: [
      'NOT_FOUND',
      'CALL_NOTHING_TO_REMIND',
      'CALL_CUSTOMER_ERASED',
      'IDEMPOTENCY_KEY_REUSED',
    ],
    handler: async (ctx, { params }) => remindNow(ctx, params.vehicleId),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/call-list/{vehicleId}/snooze',
    audience: 'staff',
    roles: DESK_ROLES,
    summary: 'Snooze the car until a day: hidden from the list and not reminded until then',
    tags: TAGS,
    params: VehicleParams,
    body: SnoozeBody,
    response: CallHoldSchema,
    errors: [
      'NOT_FOUND',
      'CALL_SNOOZE_DATE_INVALID',
      'CALL_CUSTOMER_ERASED',
      'IDEMPOTENCY_KEY_REUSED',
    ],
    handler: async (ctx, { params, body }) => snoozeCar(ctx, params.vehicleId, body),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/call-list/{vehicleId}/not-interested',
    audience: 'staff',
    roles: DESK_ROLES,
    summary: 'The owner is not interested: hidden and not reminded until something new comes due',
    description:
      'Holds while every due item of the car is one that was due when this was said; an item that comes due later (or the same after a service) ends it, and it lapses after a year.',
    tags: TAGS,
    params: VehicleParams,
    response: CallHoldSchema,
    errors: ['NOT_FOUND', 'CALL_NOTHING_DUE', 'CALL_CUSTOMER_ERASED', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params }) => markNotInterested(ctx, params.vehicleId),
  });

  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/staff/call-list/{vehicleId}/hold',
    audience: 'staff',
    roles: DESK_ROLES,
    summary: 'Put the car back on the list (lift a snooze or “not interested”)',
    tags: TAGS,
    params: VehicleParams,
    response: CallHoldSchema,
    errors: ['NOT_FOUND', 'CALL_CUSTOMER_ERASED', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params }) => restoreCar(ctx, params.vehicleId),
  });
}
