import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { COOKIE, defineRoute, type RouteDeps } from '../../http/route.ts';
import { AppError } from '../../kernel/errors.ts';
import { createSession, getStaffMe } from '../identity/index.ts';
import { StaffSessionResponse } from '../identity/index.ts';
import { resolveTenantBySlug } from '../tenancy/index.ts';
import { openShop } from './onboarding.service.ts';
import { AdminCreateTenantBody, CreatedTenantSchema, SignUpBody } from './onboarding.schemas.ts';

export function onboardingRoutes(app: FastifyInstance, deps: RouteDeps) {
  const { publicUrl } = deps.config;

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/admin/tenants',
    audience: 'operator',
    summary: 'Create a tenant with its first store and owner (operator)',
    description:
      'Send `Authorization: Bearer <LIUKE_OPERATOR_TOKEN>`; the admin API answers 404 while that is not set. Without an owner password the owner gets an invitation link.',
    tags: ['admin'],
    body: AdminCreateTenantBody,
    status: 201,
    response: CreatedTenantSchema,
    errors: ['TENANT_SLUG_TAKEN', 'PHONE_INVALID', 'NOT_FOUND'],
    idempotent: false, // the tenant code is the natural key: a retry answers TENANT_SLUG_TAKEN
    handler: async (ctx, { body }, req) =>
      (
        await openShop(
          ctx,
          {
            slug: body.slug,
            name: body.name,
            timezone: body.timezone,
            storeName: body.storeName,
            owner: body.owner,
          },
          { publicUrl, via: 'operator', ip: req.ip },
        )
      ).result,
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/admin/tenants/{slug}',
    audience: 'operator',
    summary: 'Look a tenant up by its code (operator)',
    tags: ['admin'],
    params: z.object({ slug: z.string().trim().min(1).max(64) }),
    response: z.object({
      tenantId: z.string(),
      slug: z.string(),
      name: z.string(),
      timezone: z.string(),
    }),
    handler: async (ctx, { params }) => {
      const t = await resolveTenantBySlug(ctx.tx, params.slug.toLowerCase());
      if (!t) throw new AppError('NOT_FOUND');
      return { tenantId: t.tenant_id, slug: t.slug, name: t.name, timezone: t.timezone };
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/public/sign-up',
    audience: 'public',
    summary: 'Open a new shop: tenant, first store and owner; signs the owner in',
    description:
      'Off unless the operator sets LIUKE_SIGN_UP=1 (then `signUp` is true in /public/app-config). Limited per client IP (LIUKE_SIGN_UP_PER_HOUR, default 5 an hour).',
    tags: ['admin'],
    body: SignUpBody,
    status: 201,
    response: StaffSessionResponse,
    errors: ['SIGN_UP_DISABLED', 'TENANT_SLUG_TAKEN', 'PHONE_INVALID', 'RATE_LIMITED'],
    idempotent: false, // a credential exchange: the answer carries a new session
    rateLimit: { max: deps.config.signUpPerHour, timeWindow: '1 hour' },
    handler: async (ctx, { body }, req, reply) => {
      if (!deps.config.signUp) throw new AppError('SIGN_UP_DISABLED');
      const { ctx: shop, result } = await openShop(
        ctx,
        {
          slug: body.slug,
          name: body.shopName,
          storeName: body.storeName,
          owner: {
            name: body.ownerName,
            phone: body.phone,
            email: body.email,
            password: body.password,
          },
        },
        { publicUrl, via: 'sign-up', ip: req.ip },
      );
      const session = await createSession(
        shop,
        { type: 'staff', id: result.ownerId },
        { ip: req.ip, userAgent: req.headers['user-agent'] },
      );
      reply.setCookie(COOKIE.staff, session.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.cookieSecure,
        path: '/',
        maxAge: session.maxAgeSeconds,
      });
      return { staff: await getStaffMe(shop, result.ownerId), csrfToken: session.csrfToken };
    },
  });
}
