import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import {
  ConsentHistorySchema,
  ConsentInput,
  ConsentStateSchema,
  ConsentsBody,
} from './customers.schemas.ts';
import * as customers from './customers.service.ts';
import { consentHistory, currentConsents, recordConsents } from './consents.ts';

const CustomerParams = z.object({ customerId: z.string().uuid() });

export function customerRoutes(app: FastifyInstance, deps: RouteDeps) {
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
}
