// The Fastify instance: plugins (security headers, cookies, rate limits, OpenAPI, static web
// apps), health and metrics, the error handler, and the routes the composition root passes in.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Clock } from '../kernel/clock.ts';
import { AppError } from '../kernel/errors.ts';
import { newId } from '../kernel/ids.ts';
import type { Logger, PinoLogger } from '../kernel/logger.ts';
import { errorHandler, sendError } from './errors.ts';
import { createMetrics } from './metrics.ts';
import type { Authenticator, RouteDeps, RoutePlugin } from './route.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
  logger: Logger;
  /** Every module's routes, in the composition root's order. */
  routes: readonly RoutePlugin[];
  /** Sessions and API keys (the identity module's). */
  auth: Authenticator;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

// Stripe.js must be loaded from js.stripe.com (never bundled); its Payment Element lives in frames
// from there (and hooks.stripe.com for 3-D Secure) and talks to api.stripe.com — Stripe's
// documented policy, and nothing wider.
const STRIPE_JS = ['https://js.stripe.com', 'https://*.js.stripe.com'];

const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", ...STRIPE_JS],
  frameSrc: ["'self'", ...STRIPE_JS, 'https://hooks.stripe.com'],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'", 'https://api.stripe.com'],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    loggerInstance: deps.logger as PinoLogger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : newId();
    },
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy as boolean | string,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Errors raised before routing (a bad URL encoding, say) get the same error body.
    frameworkErrors: (err, req, reply) => errorHandler(err, req, reply),
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', String(req.id));
  });

  const metrics = createMetrics();
  app.addHook('onResponse', async (req, reply) => {
    metrics.httpDuration
      .labels(req.method, req.routeOptions.url ?? 'unmatched', String(reply.statusCode))
      .observe(reply.elapsedTime / 1000);
  });

  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    allowList: (req) => !req.url.startsWith('/api/'),
    errorResponseBuilder: (_req, ctx) => {
      const seconds = Math.max(1, Math.ceil(ctx.ttl / 1000));
      return new AppError('RATE_LIMITED', {
        details: { retryAfterSeconds: seconds },
        headers: { 'Retry-After': String(seconds) },
      });
    },
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Liuke API',
        version: '1.0.0',
        description:
          'REST API of Liuke (留客). Staff routes under /api/v1/staff, the car owner’s under /api/v1/app, integrators’ under /api/v1/integrations (API key), public ones under /api/v1/public. Errors: `{ error: { code, message, field, details, requestId } }`, message in the language of `Accept-Language` (zh-CN default, en).',
      },
      components: {
        securitySchemes: {
          staffSession: { type: 'apiKey', in: 'cookie', name: 'lk_staff' },
          customerSession: { type: 'apiKey', in: 'cookie', name: 'lk_app' },
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'API key (lk_…) or session token (lks_…)',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (req, reply) => {
    try {
      await deps.database.ping();
      return { status: 'ready', database: deps.database.kind };
    } catch (err) {
      req.log.warn({ err }, 'not ready');
      return sendError(new AppError('NOT_READY'), req, reply);
    }
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  const routeDeps: RouteDeps = {
    database: deps.database,
    clock: deps.clock,
    config,
    auth: deps.auth,
  };
  await app.register(async (api) => {
    for (const routes of deps.routes) routes(api, routeDeps);
  });

  const webApps = config.serveWeb ? registerWebApps(app, config) : [];
  app.setNotFoundHandler((req, reply) => {
    const web = webApps.find(
      (w) => req.url === w.prefix.slice(0, -1) || req.url.startsWith(w.prefix),
    );
    if (web && req.method === 'GET' && !req.url.startsWith('/api/')) {
      // Client-side routes of a single-page app fall back to its index.html, sent as the static
      // files are (compressed when the browser accepts it, revalidated on every load).
      return reply.sendFile('index.html', web.dir);
    }
    return sendError(new AppError('NOT_FOUND'), req, reply);
  });
  return app;
}

function registerWebApps(app: FastifyInstance, config: Config) {
  const apps = [
    { prefix: '/console/', dir: path.join(config.repoRoot, 'apps/console/dist') },
    { prefix: '/app/', dir: path.join(config.repoRoot, 'apps/app/dist') },
  ].filter((w) => fs.existsSync(path.join(w.dir, 'index.html')));
  apps.forEach((w, i) => {
    void app.register(fastifyStatic, {
      root: w.dir,
      prefix: w.prefix,
      decorateReply: i === 0,
      wildcard: true,
      index: 'index.html',
      // scripts/build-web.mjs writes `x.br` and `x.gz` beside each text file: a browser that
      // accepts them gets one (with `Vary: Accept-Encoding`), any other client the file itself.
      preCompressed: true,
      setHeaders: (res, file) => {
        // Hashed assets live forever; the shell and the service worker are always revalidated.
        if (file.includes(`${path.sep}assets${path.sep}`))
          res.header('cache-control', 'public, max-age=31536000, immutable');
        else res.header('cache-control', 'no-cache');
      },
    });
  });
  if (apps.length)
    app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/console/'));
  return apps;
}
