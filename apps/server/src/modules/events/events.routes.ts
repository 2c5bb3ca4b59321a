import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { ErrorCode } from '../../kernel/errors.ts';
import type { StaffRole } from '../../kernel/roles.ts';
import { checkIn } from './checkin.ts';
import {
  getAppEvent,
  getEvent,
  listAppEvents,
  listEvents,
  listMyEvents,
  listSignups,
} from './events-read.ts';
import {
  AppEventSchema,
  AppSignupBody,
  CheckInBody,
  CheckInSchema,
  CreateEventBody,
  EventListQuery,
  EventSchema,
  SignupSchema,
  UpdateEventBody,
} from './events.schemas.ts';
import * as events from './events.service.ts';
import { cancelMySignup, cancelSignupByStaff, signUp } from './signups.ts';

/** Reading events and checking people in is for the whole team; keeping events, owner and manager. */
const TEAM: readonly StaffRole[] = ['owner', 'manager', 'advisor', 'technician'];
const KEEPERS: readonly StaffRole[] = ['owner', 'manager'];
const EventParams = z.object({ eventId: z.string().uuid() });
const SignupParams = z.object({ eventId: z.string().uuid(), signupId: z.string().uuid() });
const TAGS = ['events'];
const customerId = (ctx: { actor: { id: string | null } }) => ctx.actor.id!;
const WRITE_ERRORS: ErrorCode[] = [
  'EVENT_TIMES_INVALID',
  'EVENT_CAPACITY_BELOW_TAKEN',
  'EVENT_CANCELLED',
  'NOT_FOUND',
];

export function eventRoutes(app: FastifyInstance, deps: RouteDeps) {
  // ---- staff ----

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/activities',
    audience: 'staff',
    roles: TEAM,
    summary: 'Events (活动): upcoming soonest first, or past latest first, with their counts',
    tags: TAGS,
    querystring: EventListQuery,
    response: z.object({ items: z.array(EventSchema) }),
    handler: async (ctx, { query }) => listEvents(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/activities',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Create an event (as a draft: owners see it once published)',
    description:
      'Events are free. `maxPartySize` is how many people one sign-up may bring (the owner included); each takes a place of `capacity`. `attendancePoints` are granted once per owner on check-in. `clubId` names the car club holding it.',
    tags: TAGS,
    body: CreateEventBody,
    status: 201,
    response: EventSchema,
    errors: WRITE_ERRORS,
    handler: async (ctx, { body }) => events.createEvent(ctx, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/activities/{eventId}',
    audience: 'staff',
    roles: TEAM,
    summary: 'An event with its counts',
    tags: TAGS,
    params: EventParams,
    response: EventSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => getEvent(ctx, params.eventId),
  });

  defineRoute(app, deps, {
    method: 'PATCH',
    url: '/api/v1/staff/activities/{eventId}',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Change an event',
    description:
      'Capacity cannot drop below the places taken; more places go to the waitlist at once (first come, first served).',
    tags: TAGS,
    params: EventParams,
    body: UpdateEventBody,
    response: EventSchema,
    errors: WRITE_ERRORS,
    handler: async (ctx, { params, body }) => events.updateEvent(ctx, params.eventId, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/activities/{eventId}/publish',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Publish an event: owners see it and may sign up',
    tags: TAGS,
    params: EventParams,
    response: EventSchema,
    errors: ['EVENT_CANCELLED', 'NOT_FOUND'],
    handler: async (ctx, { params }) => events.publishEvent(ctx, params.eventId),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/activities/{eventId}/cancel',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Cancel an event: every sign-up and waitlist place is cancelled and each owner told',
    tags: TAGS,
    params: EventParams,
    response: EventSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => events.cancelEvent(ctx, params.eventId),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/activities/{eventId}/signups',
    audience: 'staff',
    roles: TEAM,
    summary: 'The attendance list: sign-ups, waitlist and cancellations in queue order',
    description: '`noShow`: confirmed, not checked in, and the event is over.',
    tags: TAGS,
    params: EventParams,
    response: z.object({ items: z.array(SignupSchema) }),
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => listSignups(ctx, params.eventId),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/activities/{eventId}/check-in',
    audience: 'staff',
    roles: TEAM,
    summary: 'Check an owner in (签到) by ticket, member card or from the list',
    description:
      'The first check-in grants the attendance points (once per owner and event); a second one answers the first result with `alreadyCheckedIn`.',
    tags: TAGS,
    params: EventParams,
    body: CheckInBody,
    response: CheckInSchema,
    errors: [
      'EVENT_TICKET_UNKNOWN',
      'EVENT_NOT_SIGNED_UP',
      'EVENT_CANCELLED',
      'EVENT_NOT_PUBLISHED',
      'MEMBER_CARD_TOKEN_EXPIRED',
      'NOT_FOUND',
    ],
    handler: async (ctx, { params, body }) => checkIn(ctx, params.eventId, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/activities/{eventId}/signups/{signupId}/cancel',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Cancel one sign-up for its owner; the waitlist moves up',
    tags: TAGS,
    params: SignupParams,
    response: SignupSchema,
    errors: ['EVENT_CANCELLED', 'EVENT_ALREADY_STARTED', 'NOT_FOUND'],
    handler: async (ctx, { params }) => cancelSignupByStaff(ctx, params.eventId, params.signupId),
  });

  // ---- app ----

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/activities',
    audience: 'app',
    summary: 'Upcoming events, soonest first, with my sign-up',
    tags: TAGS,
    response: z.object({ items: z.array(AppEventSchema) }),
    handler: async (ctx) => listAppEvents(ctx, customerId(ctx)),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/activities',
    audience: 'app',
    summary: 'The events I signed up to or wait for, with my tickets',
    tags: TAGS,
    response: z.object({ items: z.array(AppEventSchema) }),
    handler: async (ctx) => listMyEvents(ctx, customerId(ctx)),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/activities/{eventId}',
    audience: 'app',
    summary: 'One event with my sign-up and ticket',
    tags: TAGS,
    params: EventParams,
    response: AppEventSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => getAppEvent(ctx, customerId(ctx), params.eventId),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/activities/{eventId}/signup',
    audience: 'app',
    summary: 'Sign up (报名), or join the waitlist (候补) of a full event when asked to',
    description:
      'Free of charge. A full event answers EVENT_FULL unless `joinWaitlist` is true; the waitlist moves up first come, first served.',
    tags: TAGS,
    params: EventParams,
    body: AppSignupBody,
    status: 201,
    response: AppEventSchema,
    errors: [
      'EVENT_FULL',
      'EVENT_SIGNUP_CLOSED',
      'EVENT_ALREADY_SIGNED_UP',
      'EVENT_CANCELLED',
      'EVENT_PARTY_TOO_LARGE',
      'EVENT_VEHICLE_UNKNOWN',
      'NOT_FOUND',
    ],
    handler: async (ctx, { params, body }) => signUp(ctx, customerId(ctx), params.eventId, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/activities/{eventId}/signup/cancel',
    audience: 'app',
    summary: 'Cancel my sign-up or leave the waitlist (before the start)',
    tags: TAGS,
    params: EventParams,
    response: AppEventSchema,
    errors: ['EVENT_ALREADY_STARTED', 'NOT_FOUND'],
    handler: async (ctx, { params }) => cancelMySignup(ctx, customerId(ctx), params.eventId),
  });
}
