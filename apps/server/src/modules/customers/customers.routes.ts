import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import { page } from '../../kernel/paging.ts';
import {
  CustomerBody,
  CustomerListQuery,
  CustomerPatchBody,
  CustomerSchema,
  CustomerSummarySchema,
} from './customers.schemas.ts';
import * as customers from './customers.service.ts';

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
