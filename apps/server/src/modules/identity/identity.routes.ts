import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { COOKIE, defineRoute, rejectAfterCommit, type RouteDeps } from '../../http/route.ts';
import { AppError } from '../../kernel/errors.ts';
import { listRecordedMessages } from '../../channels/index.ts';
import { page } from '../../kernel/paging.ts';
import { resolveTenantIdBySlug } from '../tenancy/index.ts';
import * as identity from './identity.service.ts';
import { staffAdminRoutes } from './staff-admin.routes.ts';
import {
  ApiKeySchema,
  CodeRequestBody,
  CodeRequestResponse,
  CreateApiKeyBody,
  CreatedApiKeySchema,
  CustomerSessionResponse,
  CustomerSignInBody,
  Empty,
  IdParams,
  RecordedMessageSchema,
  StaffSessionResponse,
  StaffSignInBody,
} from './identity.schemas.ts';

const tenantFromBody = (
  input: { body: { tenant: string } },
  tx: Parameters<typeof resolveTenantIdBySlug>[0],
) => resolveTenantIdBySlug(tx, input.body.tenant);

export function identityRoutes(app: FastifyInstance, deps: RouteDeps) {
  staffAdminRoutes(app, deps);
  const setCookie = (reply: FastifyReply, name: string, token: string, maxAge: number) =>
    reply.setCookie(name, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.cookieSecure,
      path: '/',
      maxAge,
    });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/auth/sign-in',
    audience: 'public',
    summary: 'Staff sign-in with phone or e-mail and password',
    description:
      'Sets an HTTP-only session cookie and returns the CSRF token to send as `X-CSRF-Token` on writes. Five wrong passwords (or two-step codes) lock the account for 15 minutes. An account with two-step sign-in answers `AUTH_TOTP_REQUIRED` to the right password alone: send it again with `totpCode` (or `recoveryCode`).',
    tags: ['identity'],
    body: StaffSignInBody,
    response: StaffSessionResponse,
    errors: [
      'AUTH_INVALID_CREDENTIALS',
      'AUTH_TOTP_REQUIRED',
      'AUTH_TOTP_INVALID',
      'AUTH_LOCKED',
      'NOT_FOUND',
      'RATE_LIMITED',
    ],
    idempotent: false, // a credential exchange: replaying it would need the issued secret stored
    publicTenant: tenantFromBody,
    authRateLimited: true,
    handler: async (ctx, { body }, req, reply) => {
      const result = await identity.signInStaff(ctx, {
        login: body.login,
        password: body.password,
        totpCode: body.totpCode,
        recoveryCode: body.recoveryCode,
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      if (!result.ok) return rejectAfterCommit(result.error, req, reply);
      setCookie(reply, COOKIE.staff, result.session.token, result.session.maxAgeSeconds);
      return {
        staff: await identity.getStaffMe(ctx, result.staffId),
        csrfToken: result.session.csrfToken,
      };
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/auth/sign-out',
    audience: 'staff',
    roles: ['owner', 'manager', 'advisor', 'technician', 'partner'],
    summary: 'Staff sign-out',
    tags: ['identity'],
    status: 204,
    response: Empty,
    idempotent: false,
    handler: async (ctx, _input, _req, reply) => {
      await identity.endSession(ctx);
      reply.clearCookie(COOKIE.staff, { path: '/' });
      return null;
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/me',
    audience: 'staff',
    roles: ['owner', 'manager', 'advisor', 'technician', 'partner'],
    summary: 'The signed-in staff member, their tenant and stores',
    tags: ['identity'],
    response: StaffSessionResponse,
    handler: async (ctx) => {
      if (ctx.actor.type !== 'staff') throw new AppError('FORBIDDEN');
      return {
        staff: await identity.getStaffMe(ctx, ctx.actor.id),
        csrfToken: ctx.csrfToken ?? '',
      };
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/dev/outbox',
    audience: 'staff',
    roles: ['owner'],
    summary: 'Messages recorded by the development channel',
    description:
      'Secrets in them (sign-in codes, reset links) are masked; only in development mode (NODE_ENV=development, the operator on the machine) does the owner see them.',
    tags: ['identity'],
    querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
    response: z.object({ items: z.array(RecordedMessageSchema) }),
    handler: async (ctx, { query }) => ({
      items: await listRecordedMessages(ctx, query.limit, {
        reveal: deps.config.env === 'development',
      }),
    }),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/api-keys',
    audience: 'staff',
    roles: ['owner'],
    summary: 'API keys for integrators',
    tags: ['identity'],
    response: page(ApiKeySchema),
    handler: async (ctx) => ({ items: await identity.listApiKeys(ctx), nextCursor: null }),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/api-keys',
    audience: 'staff',
    roles: ['owner'],
    summary: 'Create an API key (the secret is shown once)',
    tags: ['identity'],
    body: CreateApiKeyBody,
    status: 201,
    response: CreatedApiKeySchema,
    handler: async (ctx, { body }) => identity.createApiKey(ctx, body),
  });

  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/staff/api-keys/{id}',
    audience: 'staff',
    roles: ['owner'],
    summary: 'Revoke an API key',
    tags: ['identity'],
    params: IdParams,
    status: 204,
    response: Empty,
    handler: async (ctx, { params }) => {
      await identity.revokeApiKey(ctx, params.id);
      return null;
    },
  });

  // ---- car owners ----

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/auth/code',
    audience: 'public',
    summary: 'Send a one-time sign-in code to a car owner’s phone',
    description:
      'At most one code a minute and five an hour per phone. In development the code is recorded in the dev outbox and the log.',
    tags: ['identity'],
    body: CodeRequestBody,
    status: 202,
    response: CodeRequestResponse,
    errors: [
      'PHONE_INVALID',
      'OTP_RATE_LIMITED',
      'NOT_FOUND',
      'RATE_LIMITED',
      'CUSTOMER_ERASED',
      'PRIVACY_CONSENT_REQUIRED',
    ],
    publicTenant: tenantFromBody,
    authRateLimited: true,
    handler: async (ctx, { body }, req) =>
      identity.requestSignInCode(ctx, {
        phone: body.phone,
        ip: req.ip,
        privacyPolicyVersion: body.privacyPolicyVersion,
      }),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/auth/sign-in',
    audience: 'public',
    summary: 'Car owner sign-in with the code; a new phone becomes a new customer',
    tags: ['identity'],
    body: CustomerSignInBody,
    response: CustomerSessionResponse,
    errors: [
      'PHONE_INVALID',
      'OTP_INVALID',
      'OTP_EXPIRED',
      'OTP_TOO_MANY_ATTEMPTS',
      'NOT_FOUND',
      'RATE_LIMITED',
      'CUSTOMER_ERASED',
      'REFERRAL_CODE_UNKNOWN',
      'REFERRAL_PROGRAM_CLOSED',
      'REFERRAL_SELF',
      'PRIVACY_CONSENT_REQUIRED',
    ],
    idempotent: false,
    publicTenant: tenantFromBody,
    authRateLimited: true,
    handler: async (ctx, { body }, req, reply) => {
      const result = await identity.signInCustomer(ctx, {
        phone: body.phone,
        code: body.code,
        referralCode: body.referralCode,
        privacyPolicyVersion: body.privacyPolicyVersion,
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      if (!result.ok) return rejectAfterCommit(result.error, req, reply);
      setCookie(reply, COOKIE.app, result.session.token, result.session.maxAgeSeconds);
      return {
        customer: await identity.getCustomerMe(ctx, result.customerId),
        csrfToken: result.session.csrfToken,
      };
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/auth/sign-out',
    audience: 'app',
    summary: 'Car owner sign-out',
    tags: ['identity'],
    status: 204,
    response: Empty,
    idempotent: false,
    handler: async (ctx, _input, _req, reply) => {
      await identity.endSession(ctx);
      reply.clearCookie(COOKIE.app, { path: '/' });
      return null;
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me',
    audience: 'app',
    summary: 'The signed-in car owner',
    tags: ['identity'],
    response: CustomerSessionResponse,
    handler: async (ctx) => ({
      customer: await identity.getCustomerMe(ctx, ctx.actor.id!),
      csrfToken: ctx.csrfToken ?? '',
    }),
  });
}
