import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import { page } from '../../kernel/paging.ts';
import {
  createCustomer,
  CustomerBody,
  CustomerListQuery,
  CustomerPatchBody,
  MergeBody,
  mergeCustomers,
  updateCustomer,
} from '../customers/index.ts';
import { CustomerSchema, CustomerSummarySchema, MergeResult } from './customer-view.schemas.ts';
import { customerView, listCustomerViews } from './customer-view.service.ts';

const CustomerParams = z.object({ customerId: z.string().uuid() });

export function customerViewRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/customers',
    audience: 'staff',
    summary: 'Customers, newest first; `q` is the one search box',
    tags: ['customers'],
    querystring: CustomerListQuery,
    response: page(CustomerSummarySchema),
    errors: ['CURSOR_INVALID'],
    handler: async (ctx, { query }) => listCustomerViews(ctx, query),
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
    handler: async (ctx, { body }) => customerView(ctx, (await createCustomer(ctx, body)).id),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/customers/{customerId}',
    audience: 'staff',
    summary: 'A customer with their cars',
    tags: ['customers'],
    params: CustomerParams,
    response: CustomerSchema,
    handler: async (ctx, { params }) => customerView(ctx, params.customerId),
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
    handler: async (ctx, { params, body }) => {
      await updateCustomer(ctx, params.customerId, body);
      return customerView(ctx, params.customerId);
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
      return { customer: await customerView(ctx, params.customerId), moved };
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/integrations/customers',
    audience: 'integration',
    summary: 'Customers, for integrators',
    tags: ['integrations'],
    querystring: CustomerListQuery,
    response: page(CustomerSummarySchema),
    errors: ['CURSOR_INVALID', 'API_KEY_INVALID'],
    handler: async (ctx, { query }) => listCustomerViews(ctx, query),
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
    handler: async (ctx, { body }) => customerView(ctx, (await createCustomer(ctx, body)).id),
  });
}
