import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import {
  DeliveryDetailSchema,
  DeliveryPage,
  DeliveryParams,
  DeliveryQuery,
  DeliverySchema,
  WebhookCreateBody,
  WebhookListSchema,
  WebhookParams,
  WebhookSchema,
  WebhookSecretSchema,
  WebhookUpdateBody,
  WebhookWithSecretSchema,
} from './webhooks.schemas.ts';
import * as svc from './webhooks.service.ts';

const Empty = z.null().describe('No content');

/**
 * The same routes for the console (the owner's session) and for integrators under
 * /api/v1/integrations (an API key the owner made with the manager role: keys cannot carry the
 * owner role).
 */
export function webhookRoutes(app: FastifyInstance, deps: RouteDeps) {
  webhookRoutesFor(app, deps, '/api/v1/staff/webhooks', 'staff');
  webhookRoutesFor(app, deps, '/api/v1/integrations/webhooks', 'integration');
}

function webhookRoutesFor(
  app: FastifyInstance,
  deps: RouteDeps,
  base: string,
  audience: 'staff' | 'integration',
) {
  const opts = { allowInternal: deps.config.webhooksAllowPrivate };
  const tags = audience === 'staff' ? ['webhooks'] : ['integrations'];
  const OWNER = audience === 'staff' ? (['owner'] as const) : (['manager'] as const);
  const summary = (s: string) => (audience === 'staff' ? s : `${s} (API key)`);

  defineRoute(app, deps, {
    method: 'GET',
    url: base,
    audience,
    roles: OWNER,
    summary: summary('The business’s webhook subscriptions and the event types they may choose'),
    tags,
    response: WebhookListSchema,
    handler: async (ctx) => svc.listWebhooks(ctx),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: base,
    audience,
    roles: OWNER,
    status: 201,
    summary: summary(
      'Subscribe a URL to events; the answer carries the signing secret, shown this once',
    ),
    description:
      'Each delivery is a POST of `{ id, type, version, tenantId, occurredAt, data }` with `Liuke-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>` (the secret as UTF-8 bytes), `Liuke-Event-Id`, `Liuke-Event-Type` and `Liuke-Delivery-Id`. Any 2xx within 10 s is success; otherwise it is retried with backoff (1 min doubling to 6 h) for three days. The same event may arrive more than once: use its id. Not idempotent by `Idempotency-Key` (a replay would have to store the secret).',
    tags,
    body: WebhookCreateBody,
    response: WebhookWithSecretSchema,
    idempotent: false,
    errors: ['WEBHOOK_URL_INVALID', 'WEBHOOK_URL_NOT_ALLOWED'],
    handler: async (ctx, { body }) => svc.createWebhook(ctx, body, opts),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: `${base}/{id}`,
    audience,
    roles: OWNER,
    summary: summary('One webhook subscription (never its secret)'),
    tags,
    params: WebhookParams,
    response: WebhookSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => svc.getWebhook(ctx, params.id),
  });

  defineRoute(app, deps, {
    method: 'PATCH',
    url: `${base}/{id}`,
    audience,
    roles: OWNER,
    summary: summary('Change the URL, description or events; disable or enable again'),
    description:
      'Enabling a subscription that was disabled (by hand, or after three days of failures) starts its failure count over; deliveries still pending are sent again.',
    tags,
    params: WebhookParams,
    body: WebhookUpdateBody,
    response: WebhookSchema,
    errors: [
      'NOT_FOUND',
      'WEBHOOK_URL_INVALID',
      'WEBHOOK_URL_NOT_ALLOWED',
      'IDEMPOTENCY_KEY_REUSED',
    ],
    handler: async (ctx, { params, body }) => svc.updateWebhook(ctx, params.id, body, opts),
  });

  defineRoute(app, deps, {
    method: 'DELETE',
    url: `${base}/{id}`,
    audience,
    roles: OWNER,
    status: 204,
    summary: summary('Delete a subscription with its delivery log'),
    tags,
    params: WebhookParams,
    response: Empty,
    errors: ['NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params }) => {
      await svc.deleteWebhook(ctx, params.id);
      return null;
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: `${base}/{id}/rotate-secret`,
    audience,
    roles: OWNER,
    summary: summary('Replace the signing secret; the new one is shown this once'),
    description:
      'Deliveries from now on are signed with the new secret. Not idempotent by `Idempotency-Key` (a replay would have to store the secret).',
    tags,
    params: WebhookParams,
    response: WebhookSecretSchema,
    idempotent: false,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => svc.rotateWebhookSecret(ctx, params.id),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: `${base}/{id}/deliveries`,
    audience,
    roles: OWNER,
    summary: summary('The delivery log of a subscription, newest first'),
    tags,
    params: WebhookParams,
    querystring: DeliveryQuery,
    response: DeliveryPage,
    errors: ['NOT_FOUND', 'CURSOR_INVALID'],
    handler: async (ctx, { params, query }) => svc.listDeliveries(ctx, params.id, query),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: `${base}/{id}/deliveries/{deliveryId}`,
    audience,
    roles: OWNER,
    summary: summary(
      'One delivery: the body sent and every attempt (request headers, status, time)',
    ),
    tags,
    params: DeliveryParams,
    response: DeliveryDetailSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => svc.getDelivery(ctx, params.id, params.deliveryId),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: `${base}/{id}/deliveries/{deliveryId}/replay`,
    audience,
    roles: OWNER,
    status: 202,
    summary: summary(
      'Send a delivery’s event again (same event id and body, a new run of attempts)',
    ),
    tags,
    params: DeliveryParams,
    response: DeliverySchema,
    errors: ['NOT_FOUND', 'WEBHOOK_DISABLED', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params }) => svc.replayDelivery(ctx, params.id, params.deliveryId),
  });
}
