import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import { parseToken } from '../../http/auth-tokens.ts';
import { AppError } from '../../kernel/errors.ts';
import { page } from '../../kernel/paging.ts';
import { Empty } from './identity.schemas.ts';
import * as admin from './staff-admin.service.ts';
import {
  AddStaffBody,
  AddStaffResponse,
  ChangePasswordBody,
  LinkSentSchema,
  LinkTokenBody,
  PasswordLinkInfo,
  RecoveryCodesSchema,
  SecuritySchema,
  SetPasswordBody,
  SetPasswordResponse,
  StaffMemberSchema,
  TotpCodeBody,
  TotpDisableBody,
  TotpEnrolment,
  UpdateStaffBody,
} from './staff-admin.schemas.ts';

const StaffIdParams = z.object({ staffId: z.uuid() });

/** The link's token names its tenant in clear; anything else is not a link of ours. */
function linkToken(token: string) {
  const parsed = parseToken(token);
  if (!parsed || parsed.kind !== 'password_link')
    throw new AppError('PASSWORD_LINK_INVALID', { field: 'token' });
  return parsed;
}

export function staffAdminRoutes(app: FastifyInstance, deps: RouteDeps) {
  const link = { publicUrl: deps.config.publicUrl };
  const ALL = ['owner', 'manager', 'advisor', 'technician', 'partner'] as const;

  // ---- the owner manages the team ----

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/staff-members',
    audience: 'staff',
    roles: ['owner'],
    summary: 'The team: every staff account but partner portal accounts',
    tags: ['staff'],
    response: page(StaffMemberSchema),
    handler: async (ctx) => ({ items: await admin.listStaff(ctx), nextCursor: null }),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/staff-members',
    audience: 'staff',
    roles: ['owner'],
    summary: 'Add a staff member, with a first password or by an invitation link',
    description:
      'Without `password` the person gets a link (e-mail, else SMS) to set their own; it works once, for 72 hours.',
    tags: ['staff'],
    body: AddStaffBody,
    status: 201,
    response: AddStaffResponse,
    errors: ['PHONE_INVALID', 'STAFF_LOGIN_TAKEN'],
    handler: async (ctx, { body }) => admin.addStaffMember(ctx, body, link),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/staff-members/{staffId}',
    audience: 'staff',
    roles: ['owner'],
    summary: 'One staff member',
    tags: ['staff'],
    params: StaffIdParams,
    response: StaffMemberSchema,
    handler: async (ctx, { params }) => admin.getStaffMember(ctx, params.staffId),
  });

  defineRoute(app, deps, {
    method: 'PATCH',
    url: '/api/v1/staff/staff-members/{staffId}',
    audience: 'staff',
    roles: ['owner'],
    summary: 'Change a staff member’s name, contact, role or stores',
    description:
      'A role change takes effect on the person’s next request. The owner cannot change their own role, and the last active owner cannot lose theirs.',
    tags: ['staff'],
    params: StaffIdParams,
    body: UpdateStaffBody,
    response: StaffMemberSchema,
    errors: ['PHONE_INVALID', 'STAFF_LOGIN_TAKEN', 'STAFF_SELF_CHANGE', 'STAFF_LAST_OWNER'],
    handler: async (ctx, { params, body }) => admin.updateStaffMember(ctx, params.staffId, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/staff-members/{staffId}/deactivate',
    audience: 'staff',
    roles: ['owner'],
    summary: 'Deactivate a staff member: they cannot sign in and their sessions end at once',
    tags: ['staff'],
    params: StaffIdParams,
    response: StaffMemberSchema,
    errors: ['STAFF_SELF_CHANGE', 'STAFF_LAST_OWNER'],
    handler: async (ctx, { params }) => admin.deactivateStaffMember(ctx, params.staffId),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/staff-members/{staffId}/reactivate',
    audience: 'staff',
    roles: ['owner'],
    summary: 'Reactivate a staff member',
    tags: ['staff'],
    params: StaffIdParams,
    response: StaffMemberSchema,
    handler: async (ctx, { params }) => admin.reactivateStaffMember(ctx, params.staffId),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/staff-members/{staffId}/password-link',
    audience: 'staff',
    roles: ['owner'],
    summary: 'Send a link to set a new password (an invitation again if none was set yet)',
    description:
      'The link goes to the person’s e-mail, else their phone; it works once, for 2 hours (an invitation 72), and replaces any earlier link.',
    tags: ['staff'],
    params: StaffIdParams,
    status: 202,
    response: LinkSentSchema,
    errors: ['STAFF_NOT_ACTIVE', 'STAFF_NO_CONTACT'],
    handler: async (ctx, { params }) => admin.sendPasswordLink(ctx, params.staffId, link),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/staff-members/{staffId}/totp/reset',
    audience: 'staff',
    roles: ['owner'],
    summary: 'Turn off a staff member’s two-step sign-in (lost phone and recovery codes)',
    tags: ['staff'],
    params: StaffIdParams,
    response: StaffMemberSchema,
    errors: ['STAFF_SELF_CHANGE'],
    handler: async (ctx, { params }) => admin.resetMemberTotp(ctx, params.staffId),
  });

  // ---- the link's holder sets their password ----

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/public/staff-password-links/inspect',
    audience: 'public',
    summary: 'Whom a password link is for (before setting the password)',
    tags: ['staff'],
    body: LinkTokenBody,
    response: PasswordLinkInfo,
    errors: ['PASSWORD_LINK_INVALID', 'PASSWORD_LINK_EXPIRED', 'RATE_LIMITED'],
    idempotent: false,
    authRateLimited: true,
    publicTenant: async ({ body }) => linkToken(body.token).tenantId,
    handler: async (ctx, { body }) => admin.inspectPasswordLink(ctx, linkToken(body.token).hash),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/public/staff-password-links/use',
    audience: 'public',
    summary: 'Set the password through an invitation or reset link',
    description: 'The link is used up and every session of the person ends; then sign in.',
    tags: ['staff'],
    body: SetPasswordBody,
    response: SetPasswordResponse,
    errors: ['PASSWORD_LINK_INVALID', 'PASSWORD_LINK_EXPIRED', 'RATE_LIMITED'],
    idempotent: false, // a credential exchange
    authRateLimited: true,
    publicTenant: async ({ body }) => linkToken(body.token).tenantId,
    handler: async (ctx, { body }) =>
      admin.setPasswordByLink(ctx, linkToken(body.token).hash, body.password),
  });

  // ---- my account ----

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/me/security',
    audience: 'staff',
    roles: ALL,
    summary: 'My password and two-step sign-in state',
    tags: ['staff'],
    response: SecuritySchema,
    handler: async (ctx) => admin.securityStatus(ctx),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/me/password',
    audience: 'staff',
    roles: ALL,
    summary: 'Change my password (my other sessions end)',
    tags: ['staff'],
    body: ChangePasswordBody,
    response: z.object({ otherSessionsEnded: z.number().int() }),
    errors: ['PASSWORD_WRONG'],
    idempotent: false,
    handler: async (ctx, { body }) => admin.changeOwnPassword(ctx, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/me/totp/enrolment',
    audience: 'staff',
    roles: admin.TOTP_ROLES,
    summary: 'Start two-step sign-in: a new secret to scan as a QR code',
    description: 'Nothing changes at sign-in until a code confirms the enrolment.',
    tags: ['staff'],
    response: TotpEnrolment,
    errors: ['TOTP_ALREADY_ENABLED'],
    idempotent: false, // the answer is a secret: it is not kept for replays
    handler: async (ctx) => admin.startTotpEnrolment(ctx),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/me/totp/confirm',
    audience: 'staff',
    roles: admin.TOTP_ROLES,
    summary: 'Confirm two-step sign-in with a code; answers the recovery codes once',
    tags: ['staff'],
    body: TotpCodeBody,
    response: RecoveryCodesSchema,
    errors: ['TOTP_ALREADY_ENABLED', 'TOTP_NOT_ENROLLING', 'TOTP_CODE_INVALID'],
    idempotent: false, // the answer holds secrets: it is not kept for replays
    handler: async (ctx, { body }) => admin.confirmTotp(ctx, body.code),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/me/totp/disable',
    audience: 'staff',
    roles: ALL,
    summary: 'Turn two-step sign-in off with a current code or a recovery code',
    tags: ['staff'],
    body: TotpDisableBody,
    status: 204,
    response: Empty,
    errors: ['TOTP_NOT_ENABLED', 'TOTP_CODE_INVALID'],
    handler: async (ctx, { body }) => {
      await admin.disableTotp(ctx, body);
      return null;
    },
  });
}
