import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import { page } from '../../kernel/paging.ts';
import {
  ConsentHistorySchema,
  ConsentInput,
  ConsentStateSchema,
  ConsentsBody,
  MergeBody,
  MergeResult,
  CustomerBody,
  CustomerListQuery,
  CustomerPatchBody,
  CustomerSchema,
  CustomerSummarySchema,
} from './customers.schemas.ts';
import * as customers from './customers.service.ts';
import { consentHistory, currentConsents, recordConsents } from './consents.ts';
import { mergeCustomers } from './merge.ts';

const CustomerParams = z.object({ customerId: z.string().uuid() });

export function customerRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/customers',
    audience: 'staff',
    summary: 'Customers, newest first; `q` is the one search box',
    tags: ['customers'],
    querystring: CustomerListQuery,
    response: page(CustomerSummarySchema),
    errors: ['CURSOR_INVALID'],
    handler: async (ctx, { query }) => customers.listCustomers(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/customers',
    audience: 'staff',
    roles: ['owner', 'manager', 'advisor'],
    summary: 'Create a customer',
    tags: ['customers'],
    body: CustomerBody,
    status: 201,
    response: CustomerSchema,
    errors: ['PHONE_INVALID', 'CUSTOMER_PHONE_TAKEN', 'IDEMPOTENCY_KEY_REUSED', 'NOT_FOUND'],
    handler: async (ctx, { body }) => customers.createCustomer(ctx, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/customers/{customerId}',
    audience: 'staff',
    summary: 'A customer with their cars',
    tags: ['customers'],
    params: CustomerParams,
    response: CustomerSchema,
    handler: async (ctx, { params }) => customers.getCustomer(ctx, params.customerId),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/customers/{customerId}/reveal-phone',
    audience: 'staff',
    summary: 'Show the full phone number (each viewing is written to the audit log)',
    tags: ['customers'],
    params: CustomerParams,
    response: z.object({ phone: z.string() }),
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => customers.revealPhone(ctx, params.customerId),
  });

  defineRoute(app, deps, {
    method: 'PATCH',
    url: '/api/v1/staff/customers/{customerId}',
    audience: 'staff',
    roles: ['owner', 'manager', 'advisor'],
    summary: 'Edit a customer',
    tags: ['customers'],
    params: CustomerParams,
    body: CustomerPatchBody,
    response: CustomerSchema,
    errors: ['PHONE_INVALID', 'CUSTOMER_PHONE_TAKEN', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params, body }) =>
      customers.updateCustomer(ctx, params.customerId, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/customers/{customerId}/consents',
    audience: 'staff',
    roles: ['owner', 'manager', 'advisor'],
    summary: 'A customer’s consent record: every grant and withdrawal, newest first',
    tags: ['customers'],
    params: CustomerParams,
    response: ConsentHistorySchema,
    handler: async (ctx, { params }) => {
      await customers.getCustomer(ctx, params.customerId);
      return { items: await consentHistory(ctx, params.customerId) };
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/customers/{customerId}/consents',
    audience: 'staff',
    roles: ['owner', 'manager', 'advisor'],
    summary: 'Record consents the customer gave or withdrew (at the counter, by reply…)',
    tags: ['customers'],
    params: CustomerParams,
    body: ConsentsBody,
    response: z.object({ consents: z.array(ConsentStateSchema) }),
    handler: async (ctx, { params, body }) => {
      await customers.getCustomer(ctx, params.customerId);
      return { consents: await recordConsents(ctx, params.customerId, body.consents, body.method) };
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/customers/{customerId}/merge',
    audience: 'staff',
    roles: ['owner', 'manager'],
    summary: 'Merge a duplicate record into this customer (cars, orders, bookings, consents move)',
    tags: ['customers'],
    params: CustomerParams,
    body: MergeBody,
    response: MergeResult,
    errors: ['CUSTOMER_MERGE_SELF'],
    handler: async (ctx, { params, body }) => {
      const { moved } = await mergeCustomers(ctx, {
        survivorId: params.customerId,
        duplicateId: body.duplicateId,
      });
      return { customer: await customers.getCustomer(ctx, params.customerId), moved };
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/consents',
    audience: 'app',
    summary: 'My consents per channel and purpose',
    tags: ['customers'],
    response: z.object({ consents: z.array(ConsentStateSchema) }),
    handler: async (ctx) => ({ consents: await currentConsents(ctx, ctx.actor.id!) }),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/app/me/consents',
    audience: 'app',
    summary: 'Give or withdraw my consents',
    tags: ['customers'],
    body: z
      .object({ consents: z.array(ConsentInput).min(1).max(20) })
      .meta({ example: { consents: [{ channel: 'sms', purpose: 'marketing', granted: true }] } }),
    response: z.object({ consents: z.array(ConsentStateSchema) }),
    handler: async (ctx, { body }) => ({
      consents: await recordConsents(ctx, ctx.actor.id!, body.consents, 'app'),
    }),
  });

  // Integrators (DMS): the same use-cases behind an API key.
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/integrations/customers',
    audience: 'integration',
    summary: 'Customers, for integrators',
    tags: ['integrations'],
    querystring: CustomerListQuery,
    response: page(CustomerSummarySchema),
    errors: ['CURSOR_INVALID', 'API_KEY_INVALID'],
    handler: async (ctx, { query }) => customers.listCustomers(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/integrations/customers',
    audience: 'integration',
    roles: ['manager', 'advisor'],
    summary: 'Create a customer, for integrators',
    tags: ['integrations'],
    body: CustomerBody,
    status: 201,
    response: CustomerSchema,
    errors: ['PHONE_INVALID', 'CUSTOMER_PHONE_TAKEN', 'API_KEY_INVALID', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { body }) => customers.createCustomer(ctx, body),
  });
}
