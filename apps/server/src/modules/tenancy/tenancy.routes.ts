import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import { AppError } from '../../kernel/errors.ts';
import { page } from '../../kernel/paging.ts';
import { appManifest } from './app-manifest.ts';
import { StoreBody, StoreSchema } from './tenancy.schemas.ts';
import * as tenancy from './tenancy.service.ts';

const VERSION = '0.1.0';

export function tenancyRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/public/app-config',
    audience: 'public',
    summary: 'What the web apps need before sign-in',
    tags: ['tenancy'],
    response: z.object({
      defaultTenant: z.string().nullable(),
      environment: z.enum(['development', 'production']),
      version: z.string(),
      signUp: z.boolean().describe('A new shop may sign up by itself (/api/v1/public/sign-up)'),
    }),
    handler: async (ctx) => {
      const t = await tenancy.resolveTenantBySlug(ctx.tx, deps.config.defaultTenant);
      return {
        defaultTenant: t ? String(t.slug) : null,
        environment: deps.config.isDevelopment ? ('development' as const) : ('production' as const),
        version: VERSION,
        signUp: deps.config.signUp,
      };
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/public/tenants/{slug}',
    audience: 'public',
    summary: 'Public name of a tenant (for the customer app’s first screen)',
    tags: ['tenancy'],
    params: z.object({ slug: z.string().min(1).max(64) }),
    response: z.object({ slug: z.string(), name: z.string() }),
    handler: async (ctx, { params }) => {
      const t = await tenancy.resolveTenantBySlug(ctx.tx, params.slug);
      if (!t) throw new AppError('NOT_FOUND');
      return { slug: t.slug, name: t.name };
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/public/tenants/{slug}/manifest.webmanifest',
    produces: 'application/manifest+json',
    audience: 'public',
    summary: 'The owner app’s web manifest under the shop’s name (installs as the shop’s app)',
    tags: ['tenancy'],
    params: z.object({ slug: z.string().min(1).max(64) }),
    response: z.string().describe('application/manifest+json'),
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }, _req, reply) => {
      const t = await tenancy.resolveTenantBySlug(ctx.tx, params.slug);
      if (!t) throw new AppError('NOT_FOUND');
      reply.type('application/manifest+json').header('cache-control', 'public, max-age=300');
      return JSON.stringify(appManifest({ slug: t.slug, name: t.name }));
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/stores',
    audience: 'staff',
    summary: 'The tenant’s stores',
    tags: ['tenancy'],
    response: page(StoreSchema),
    handler: async (ctx) => ({ items: await tenancy.listStoresFor(ctx, null), nextCursor: null }),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/stores',
    audience: 'staff',
    roles: ['owner'],
    summary: 'Open a store',
    tags: ['tenancy'],
    body: StoreBody,
    status: 201,
    response: StoreSchema,
    handler: async (ctx, { body }) => tenancy.createStore(ctx, body),
  });

  defineRoute(app, deps, {
    method: 'PATCH',
    url: '/api/v1/staff/stores/{storeId}',
    audience: 'staff',
    roles: ['owner', 'manager'],
    summary: 'Edit a store',
    tags: ['tenancy'],
    params: z.object({ storeId: z.string().uuid() }),
    body: StoreBody.omit({ code: true })
      .partial()
      .meta({ example: { phone: '020-86001235' } }),
    response: StoreSchema,
    handler: async (ctx, { params, body }) => tenancy.updateStore(ctx, params.storeId, body),
  });
}
