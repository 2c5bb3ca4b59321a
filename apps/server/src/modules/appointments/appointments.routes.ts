import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { ErrorCode } from '../../kernel/errors.ts';
import {
  AppBookingBody,
  AppointmentSchema,
  AppStoresSchema,
  AvailabilityQuery,
  AvailabilitySchema,
  BoardQuery,
  BoardSchema,
  CancelBody,
  IcsSchema,
  MyAppointmentSchema,
  OpeningHoursBody,
  OpeningHoursSchema,
  RescheduleBody,
  StaffBookingBody,
} from './appointments.schemas.ts';
import * as appointments from './appointments.service.ts';
import { appointmentIcs } from './ics.ts';
import { getOpeningHours, setOpeningHours } from './opening-hours.ts';

const IdParams = z.object({ id: z.string().uuid() });
const StoreParams = z.object({ storeId: z.string().uuid() });
const WRITERS = ['owner', 'manager', 'advisor'] as const;
const BOOKING_ERRORS: ErrorCode[] = [
  'APPOINTMENT_SLOT_INVALID',
  'APPOINTMENT_SLOT_PAST',
  'APPOINTMENT_SLOT_FULL',
  'APPOINTMENT_OVERLAP',
  'NOT_FOUND',
  'IDEMPOTENCY_KEY_REUSED',
];

const customerId = (ctx: { actor: { id: string | null } }) => ctx.actor.id!;

function sendIcs(reply: FastifyReply, id: string, body: string): string {
  reply
    .type('text/calendar; charset=utf-8')
    .header('content-disposition', `attachment; filename="appointment-${id}.ics"`)
    .header('cache-control', 'no-store');
  return body;
}

export function appointmentRoutes(app: FastifyInstance, deps: RouteDeps) {
  // ---- opening hours ----

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/stores/{storeId}/opening-hours',
    audience: 'staff',
    summary: 'A store’s weekly opening hours, slot length and capacity',
    description: 'The `ETag` header (also `etag` in the body) goes back as `If-Match` on saving.',
    tags: ['appointments'],
    params: StoreParams,
    response: OpeningHoursSchema,
    handler: async (ctx, { params }, _req, reply) => {
      const hours = await getOpeningHours(ctx, params.storeId);
      reply.header('etag', hours.etag);
      return hours;
    },
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/stores/{storeId}/opening-hours',
    audience: 'staff',
    roles: ['owner', 'manager'],
    summary: 'Replace a store’s weekly opening hours',
    description:
      'Send the `ETag` you read as `If-Match`: if someone changed the hours meanwhile the answer is 412 and nothing changes. Bookings already made keep their slots.',
    tags: ['appointments'],
    params: StoreParams,
    body: OpeningHoursBody,
    response: OpeningHoursSchema,
    errors: ['PRECONDITION_FAILED', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params, body }, req, reply) => {
      const ifMatch = req.headers['if-match'];
      const hours = await setOpeningHours(
        ctx,
        params.storeId,
        body,
        typeof ifMatch === 'string' ? ifMatch : undefined,
      );
      reply.header('etag', hours.etag);
      return hours;
    },
  });

  // ---- availability ----

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/availability',
    audience: 'staff',
    summary: 'Free slots of a store, day by day',
    tags: ['appointments'],
    querystring: AvailabilityQuery,
    response: AvailabilitySchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { query }) => appointments.getAvailability(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/stores',
    audience: 'app',
    summary: 'The business’s stores, my home store first',
    tags: ['appointments'],
    response: AppStoresSchema,
    handler: async (ctx) => appointments.listStoresForCustomer(ctx, customerId(ctx)),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/availability',
    audience: 'app',
    summary: 'Free slots of a store, day by day (past slots and closed days left out)',
    tags: ['appointments'],
    querystring: AvailabilityQuery,
    response: AvailabilitySchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { query }) => appointments.getAvailability(ctx, query),
  });

  // ---- booking ----

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/appointments',
    audience: 'app',
    summary: 'Book one of my cars into a slot',
    description:
      '`startsAt` must be a slot start of the store (see availability), in the future, with a place left.',
    tags: ['appointments'],
    body: AppBookingBody,
    status: 201,
    response: MyAppointmentSchema,
    errors: BOOKING_ERRORS,
    handler: async (ctx, { body }) => appointments.bookAsCustomer(ctx, customerId(ctx), body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/appointments',
    audience: 'staff',
    roles: WRITERS,
    summary: 'Book a slot for a customer',
    tags: ['appointments'],
    body: StaffBookingBody,
    status: 201,
    response: AppointmentSchema,
    errors: BOOKING_ERRORS,
    handler: async (ctx, { body }) => appointments.bookAsStaff(ctx, body),
  });

  // ---- staff: the day board and the moves ----

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/appointments',
    audience: 'staff',
    summary: 'The day board of a store: slots and appointments of one day',
    tags: ['appointments'],
    querystring: BoardQuery,
    response: BoardSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { query }) => appointments.getBoard(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/appointments/{id}',
    audience: 'staff',
    summary: 'An appointment',
    tags: ['appointments'],
    params: IdParams,
    response: AppointmentSchema,
    handler: async (ctx, { params }) => appointments.getAppointment(ctx, params.id),
  });

  const moves = [
    ['confirm', 'confirm', 'Confirm a booking'],
    ['check-in', 'checkIn', 'Check the customer in on arrival'],
    ['no-show', 'noShow', 'Mark a booking as not attended (after its start)'],
  ] as const;
  for (const [path, action, summary] of moves) {
    defineRoute(app, deps, {
      method: 'POST',
      url: `/api/v1/staff/appointments/{id}/${path}`,
      audience: 'staff',
      roles: WRITERS,
      summary,
      tags: ['appointments'],
      params: IdParams,
      response: AppointmentSchema,
      errors: [
        'APPOINTMENT_STATUS_CONFLICT',
        ...(action === 'noShow' ? (['APPOINTMENT_NOT_STARTED'] as const) : []),
        'IDEMPOTENCY_KEY_REUSED',
      ],
      handler: async (ctx, { params }) => appointments.moveAsStaff(ctx, params.id, action),
    });
  }

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/appointments/{id}/cancel',
    audience: 'staff',
    roles: WRITERS,
    summary: 'Cancel a booking (its place is freed)',
    tags: ['appointments'],
    params: IdParams,
    body: CancelBody,
    response: AppointmentSchema,
    errors: ['APPOINTMENT_STATUS_CONFLICT', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params, body }) =>
      appointments.moveAsStaff(ctx, params.id, 'cancel', body.reason),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/appointments/{id}/reschedule',
    audience: 'staff',
    roles: WRITERS,
    summary: 'Move a booking to another slot of its store',
    description: 'The old place is freed and the new one taken in one step; a full slot is 409.',
    tags: ['appointments'],
    params: IdParams,
    body: RescheduleBody,
    response: AppointmentSchema,
    errors: ['APPOINTMENT_STATUS_CONFLICT', ...BOOKING_ERRORS],
    handler: async (ctx, { params, body }) =>
      appointments.reschedule(ctx, params.id, body.startsAt),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/appointments/{id}/ics',
    produces: 'text/calendar; charset=utf-8',
    audience: 'staff',
    summary: 'An appointment as an iCalendar file (text/calendar)',
    tags: ['appointments'],
    params: IdParams,
    response: IcsSchema,
    handler: async (ctx, { params }, _req, reply) =>
      sendIcs(reply, params.id, await appointmentIcs(ctx, params.id)),
  });

  // ---- the car owner's bookings ----

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/appointments',
    audience: 'app',
    summary: 'My bookings, latest first',
    tags: ['appointments'],
    response: z.object({ items: z.array(MyAppointmentSchema) }),
    handler: async (ctx) => appointments.listMyAppointments(ctx, customerId(ctx)),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/appointments/{id}',
    audience: 'app',
    summary: 'One of my bookings',
    tags: ['appointments'],
    params: IdParams,
    response: MyAppointmentSchema,
    handler: async (ctx, { params }) =>
      appointments.getMyAppointment(ctx, customerId(ctx), params.id),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/me/appointments/{id}/cancel',
    audience: 'app',
    summary: 'Cancel one of my bookings (before it starts)',
    tags: ['appointments'],
    params: IdParams,
    body: CancelBody,
    response: MyAppointmentSchema,
    errors: ['APPOINTMENT_STATUS_CONFLICT', 'APPOINTMENT_STARTED', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params, body }) =>
      appointments.cancelAsCustomer(ctx, customerId(ctx), params.id, body.reason),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/appointments/{id}/ics',
    produces: 'text/calendar; charset=utf-8',
    audience: 'app',
    summary: 'One of my bookings as an iCalendar file (add to calendar)',
    tags: ['appointments'],
    params: IdParams,
    response: IcsSchema,
    handler: async (ctx, { params }, _req, reply) =>
      sendIcs(reply, params.id, await appointmentIcs(ctx, params.id, customerId(ctx))),
  });
}
