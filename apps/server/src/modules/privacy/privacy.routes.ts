import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import { AppError } from '../../kernel/errors.ts';
import { page } from '../../kernel/paging.ts';
import {
  getCustomer,
  personalisationHistory,
  setPersonalisedMarketing,
} from '../customers/index.ts';
import {
  CustomerDataExportSchema,
  DataRequestBody,
  DataRequestListQuery,
  DataRequestSchema,
  MyDataRequestSchema,
  PersonalisationBody,
  PersonalisationSchema,
  PrivacyPolicySchema,
  PrivacySettingsSchema,
  ProfileCorrectionBody,
  RejectBody,
  ResolutionBody,
} from './privacy.schemas.ts';
import * as privacy from './privacy.service.ts';
import { resolveTenantIdBySlug } from '../tenancy/index.ts';

const TAGS = ['privacy'];
/** Who answers data requests and erases: the people accountable for personal data. */
const HANDLERS = ['owner', 'manager'] as const;
const RequestParams = z.object({ requestId: z.string().uuid() });
const CustomerParams = z.object({ customerId: z.string().uuid() });

export function privacyRoutes(app: FastifyInstance, deps: RouteDeps) {
  // ---- before sign-in ----
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/public/tenants/{slug}/privacy-policy',
    audience: 'public',
    summary: 'The shop’s privacy policy (the owner accepts its version at sign-in)',
    tags: TAGS,
    params: z.object({ slug: z.string().min(1).max(64) }),
    response: PrivacyPolicySchema,
    errors: ['NOT_FOUND'],
    publicTenant: (input, tx) => resolveTenantIdBySlug(tx, input.params.slug),
    handler: async (ctx) => privacy.privacyPolicy(ctx, ctx.locale),
  });

  // ---- the car owner ----
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/data',
    audience: 'app',
    summary: 'My data: everything the business holds about me, section by section',
    tags: TAGS,
    response: CustomerDataExportSchema,
    handler: async (ctx) => privacy.exportCustomerData(ctx, ctx.actor.id!),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/data/download',
    audience: 'app',
    summary: 'My data as a JSON file (recorded as an answered copy request)',
    tags: TAGS,
    response: CustomerDataExportSchema,
    handler: async (ctx, _input, _req, reply) => {
      const data = await privacy.downloadMyData(ctx, ctx.actor.id!);
      reply.headers({
        'content-disposition': `attachment; filename="my-data-${data.generatedAt.slice(0, 10)}.json"`,
        'cache-control': 'no-store',
      });
      return data;
    },
  });

  defineRoute(app, deps, {
    method: 'PATCH',
    url: '/api/v1/app/me/profile',
    audience: 'app',
    summary: 'Correct my profile (name, e-mail, address, birthday, gender)',
    tags: TAGS,
    body: ProfileCorrectionBody,
    response: z.object({ changed: z.array(z.string()) }),
    errors: ['IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { body }) => privacy.correctMyProfile(ctx, ctx.actor.id!, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/personalisation',
    audience: 'app',
    summary: 'Whether my data may be used for personalised marketing, with its history',
    tags: TAGS,
    response: PersonalisationSchema,
    handler: async (ctx) => {
      const c = await getCustomer(ctx, ctx.actor.id!);
      return {
        personalisedMarketing: c.personalisedMarketing,
        history: await personalisationHistory(ctx, ctx.actor.id!),
      };
    },
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/app/me/personalisation',
    audience: 'app',
    summary: 'Switch personalised marketing on or off (segments leave me out when off)',
    tags: TAGS,
    body: PersonalisationBody,
    response: PersonalisationSchema,
    handler: async (ctx, { body }) => {
      await setPersonalisedMarketing(ctx, ctx.actor.id!, body.personalisedMarketing, 'app');
      return {
        personalisedMarketing: body.personalisedMarketing,
        history: await personalisationHistory(ctx, ctx.actor.id!),
      };
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/data-requests',
    audience: 'app',
    summary: 'My data requests and their answers',
    tags: TAGS,
    response: z.object({ items: z.array(MyDataRequestSchema) }),
    handler: async (ctx) => ({ items: await privacy.myDataRequests(ctx, ctx.actor.id!) }),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/me/data-requests',
    audience: 'app',
    summary: 'Ask for a copy, a correction or the deletion of my data',
    tags: TAGS,
    body: DataRequestBody,
    status: 201,
    response: MyDataRequestSchema,
    errors: ['DATA_REQUEST_ALREADY_OPEN', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { body }) => {
      const r = await privacy.createDataRequest(ctx, ctx.actor.id!, body, 'app');
      return {
        id: r.id,
        kind: r.kind,
        status: r.status,
        message: r.message,
        requestedAt: r.requestedAt,
        dueOn: r.dueOn,
        handledAt: r.handledAt,
        resolution: r.resolution,
      };
    },
  });

  // ---- staff ----
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/data-requests',
    audience: 'staff',
    roles: HANDLERS,
    summary: 'Data requests: open ones by deadline first, then answered ones newest first',
    tags: TAGS,
    querystring: DataRequestListQuery,
    response: page(DataRequestSchema),
    errors: ['CURSOR_INVALID'],
    handler: async (ctx, { query }) => privacy.listDataRequests(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/data-requests/due-count',
    audience: 'staff',
    roles: HANDLERS,
    summary: 'Open data requests due within three days or overdue (menu badge)',
    tags: TAGS,
    response: z.object({ count: z.number().int() }),
    handler: async (ctx) => ({ count: await privacy.dueSoonCount(ctx) }),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/data-requests/{requestId}',
    audience: 'staff',
    roles: HANDLERS,
    summary: 'A data request',
    tags: TAGS,
    params: RequestParams,
    response: DataRequestSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => privacy.getDataRequest(ctx, params.requestId),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/customers/{customerId}/data-requests',
    audience: 'staff',
    roles: ['owner', 'manager', 'advisor'],
    summary: 'Record a data request made at the counter, by phone or by letter',
    tags: TAGS,
    params: CustomerParams,
    body: DataRequestBody,
    status: 201,
    response: DataRequestSchema,
    errors: ['NOT_FOUND', 'DATA_REQUEST_ALREADY_OPEN', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params, body }) => {
      const c = await getCustomer(ctx, params.customerId);
      if (c.erasedAt) throw new AppError('NOT_FOUND');
      return privacy.createDataRequest(ctx, params.customerId, body, 'staff');
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/data-requests/{requestId}/complete',
    audience: 'staff',
    roles: HANDLERS,
    summary: 'Mark a copy or correction request answered',
    tags: TAGS,
    params: RequestParams,
    body: ResolutionBody,
    response: DataRequestSchema,
    errors: ['NOT_FOUND', 'DATA_REQUEST_NOT_OPEN', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params, body }) =>
      privacy.completeDataRequest(ctx, params.requestId, body.resolution ?? null),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/data-requests/{requestId}/reject',
    audience: 'staff',
    roles: HANDLERS,
    summary: 'Refuse a data request, with the reason given to the customer',
    tags: TAGS,
    params: RequestParams,
    body: RejectBody,
    response: DataRequestSchema,
    errors: ['NOT_FOUND', 'DATA_REQUEST_NOT_OPEN', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params, body }) =>
      privacy.rejectDataRequest(ctx, params.requestId, body.resolution),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/data-requests/{requestId}/erase',
    audience: 'staff',
    roles: HANDLERS,
    summary: 'Answer a deletion request: anonymise the customer everywhere, keep the amounts',
    description:
      'Name, phone, e-mail, address, birthday, notes, plates and VINs, message texts and contact endpoints are removed; orders, ledger, coupons and rewards keep their amounts. The person can no longer sign in and is never messaged.',
    tags: TAGS,
    params: RequestParams,
    body: ResolutionBody,
    response: DataRequestSchema,
    errors: ['NOT_FOUND', 'DATA_REQUEST_NOT_OPEN', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params, body }) =>
      privacy.eraseForRequest(ctx, params.requestId, body.resolution ?? null),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/customers/{customerId}/data-export',
    audience: 'staff',
    roles: HANDLERS,
    summary: 'A customer’s copy of their data (to answer a copy request), as JSON',
    tags: TAGS,
    params: CustomerParams,
    response: CustomerDataExportSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }, _req, reply) => {
      const data = await privacy.exportCustomerData(ctx, params.customerId);
      reply.headers({
        'content-disposition': `attachment; filename="customer-data-${params.customerId}.json"`,
        'cache-control': 'no-store',
      });
      return data;
    },
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/customers/{customerId}/personalisation',
    audience: 'staff',
    roles: ['owner', 'manager', 'advisor'],
    summary: 'Record the customer’s choice on personalised marketing (given at the counter)',
    tags: TAGS,
    params: CustomerParams,
    body: PersonalisationBody,
    response: PersonalisationSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, body }) => {
      await setPersonalisedMarketing(ctx, params.customerId, body.personalisedMarketing, 'staff');
      return {
        personalisedMarketing: body.personalisedMarketing,
        history: await personalisationHistory(ctx, params.customerId),
      };
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/privacy/settings',
    audience: 'staff',
    roles: HANDLERS,
    summary: 'Data-rights settings (deadline in working days)',
    tags: TAGS,
    response: PrivacySettingsSchema,
    handler: async (ctx) => privacy.loadPrivacySettings(ctx),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/privacy/settings',
    audience: 'staff',
    roles: ['owner'],
    summary: 'Change the data-rights settings',
    tags: TAGS,
    body: PrivacySettingsSchema,
    response: PrivacySettingsSchema,
    errors: ['IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { body }) => privacy.savePrivacySettings(ctx, body),
  });
}
