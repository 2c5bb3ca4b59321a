// The providers' notifications. Bodies are taken as the exact text received (signatures are over
// those bytes), so this plugin has its own content-type parsers. Each provider is answered as its
// documents say: WeChat Pay 204 on success and 4xx/5xx with `{"code":"FAIL","message":…}`
// otherwise; Alipay the literal `success`; Stripe 200.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorHandler } from '../../http/errors.ts';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import { crashPoint } from '../../kernel/crash-points.ts';
import { AppError } from '../../kernel/errors.ts';
import { handleNotification } from './notifications.ts';
import type { PaymentProviderName } from './payments.tables.ts';
import { NotificationRejected } from './port.ts';

const TenantQuery = z.object({ tenant: z.string().uuid() });
const TAGS = ['webhooks'];

const rawHeaders = (req: FastifyRequest) =>
  Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v[0] : v]),
  );

async function receive(
  deps: RouteDeps,
  ctx: Parameters<typeof handleNotification>[0],
  provider: PaymentProviderName,
  req: FastifyRequest,
  body: string,
) {
  try {
    const outcome = await handleNotification(ctx, provider, { headers: rawHeaders(req), body });
    crashPoint(deps.config, 'payment-notification-applied');
    return outcome;
  } catch (err) {
    if (err instanceof NotificationRejected) {
      ctx.log.warn({ provider, reason: err.reason }, 'payment notification refused');
      throw new AppError('PAYMENT_NOTIFICATION_INVALID', { details: { reason: err.reason } });
    }
    throw err;
  }
}

/**
 * WeChat Pay reads only the status; its documents ask for `code: "FAIL"` and a message with a
 * failure. The platform's own `error` object rides beside them, so every route fails alike.
 */
function wechatFailure(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  errorHandler(err, req, reply, (e) => ({ code: 'FAIL', message: e.code }));
}

export function paymentWebhookRoutes(app: FastifyInstance, deps: RouteDeps) {
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(
      ['application/json', 'application/x-www-form-urlencoded'],
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_req, body, done) => done(null, body),
    );
    // The crash tests' power cut between our commit and the provider hearing our answer.
    scope.addHook('onSend', async (_req, reply) => {
      if (reply.statusCode < 300) crashPoint(deps.config, 'payment-notification-committed');
    });

    void scope.register(async (wechat) => {
      wechat.setErrorHandler(wechatFailure);
      defineRoute(wechat, deps, {
        method: 'POST',
        url: '/api/v1/webhooks/payments/wechat',
        audience: 'public',
        summary: 'WeChat Pay v3 notifications (payments and refunds), signed and encrypted',
        description:
          'Checked: Wechatpay-Signature over "timestamp\\nnonce\\nbody\\n" with the platform certificate or public key named by Wechatpay-Serial, the 5-minute window, probe signatures refused; the resource opened with AEAD_AES_256_GCM. A failure answers `{"code":"FAIL","message":<error code>}` beside the usual `error` object.',
        tags: TAGS,
        idempotent: false,
        querystring: TenantQuery,
        body: z.string().max(64 * 1024),
        consumes: ['application/json'],
        status: 204,
        response: z.null(),
        errors: ['PAYMENT_NOTIFICATION_INVALID'],
        publicTenant: async ({ query }) => query.tenant,
        handler: async (ctx, { body }, req) => {
          await receive(deps, ctx, 'wechat', req, body);
          return null;
        },
      });
    });

    defineRoute(scope, deps, {
      method: 'POST',
      url: '/api/v1/webhooks/payments/alipay',
      audience: 'public',
      summary: 'Alipay asynchronous notifications (RSA2 over the sorted parameters)',
      tags: TAGS,
      idempotent: false,
      querystring: TenantQuery,
      body: z.string().max(64 * 1024),
      consumes: ['application/x-www-form-urlencoded'],
      produces: 'text/plain; charset=utf-8',
      response: z.string(),
      errors: ['PAYMENT_NOTIFICATION_INVALID'],
      publicTenant: async ({ query }) => query.tenant,
      handler: async (ctx, { body }, req, reply) => {
        await receive(deps, ctx, 'alipay', req, body);
        reply.type('text/plain; charset=utf-8');
        return 'success';
      },
    });

    defineRoute(scope, deps, {
      method: 'POST',
      url: '/api/v1/webhooks/payments/stripe',
      audience: 'public',
      summary: 'Stripe webhooks (Stripe-Signature, 300 s tolerance)',
      tags: TAGS,
      idempotent: false,
      querystring: TenantQuery,
      body: z.string().max(64 * 1024),
      consumes: ['application/json'],
      response: z.object({ received: z.boolean() }),
      errors: ['PAYMENT_NOTIFICATION_INVALID'],
      publicTenant: async ({ query }) => query.tenant,
      handler: async (ctx, { body }, req) => {
        await receive(deps, ctx, 'stripe', req, body);
        return { received: true };
      },
    });
  });
}
