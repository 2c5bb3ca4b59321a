import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { StaffRole } from '../identity/index.ts';
import {
  CodeParams,
  CreateAccountBody,
  CreatePartnerBody,
  PartnerAccountSchema,
  PartnerParams,
  PartnerSchema,
  PeriodQuery,
  PortalIssueBody,
  PortalIssueResultSchema,
  PortalMeSchema,
  PortalTemplateSchema,
  PortalValidationSchema,
  RedemptionSchema,
  StatementLineSchema,
  StatementSchema,
  UpdatePartnerBody,
  type Statement,
} from './partners.schemas.ts';
import * as partners from './partners.service.ts';
import * as portal from './portal.service.ts';
import { statementCsv, statementFor } from './statement.ts';

const MANAGERS: readonly StaffRole[] = ['owner', 'manager'];
const AccountParams = z.object({ partnerId: z.string().uuid(), accountId: z.string().uuid() });
/** The portal is for partner accounts only; the business's staff use the console. */
const PORTAL: readonly StaffRole[] = ['partner'];
const TAGS = ['partners'];
const PORTAL_TAGS = ['partner portal'];

function sendCsv(reply: FastifyReply, s: Statement) {
  reply.headers({
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="statement-${s.from}-${s.to}.csv"`,
    'cache-control': 'no-store',
  });
}

export function partnerRoutes(app: FastifyInstance, deps: RouteDeps) {
  // ---- the business's side ----
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/partners',
    audience: 'staff',
    roles: MANAGERS,
    summary: 'Partner merchants (合作商家) with their portal accounts',
    tags: TAGS,
    response: z.object({ items: z.array(PartnerSchema) }),
    handler: async (ctx) => partners.listPartners(ctx),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/partners',
    audience: 'staff',
    roles: MANAGERS,
    summary: 'Add a partner merchant',
    tags: TAGS,
    body: CreatePartnerBody,
    status: 201,
    response: PartnerSchema,
    errors: ['IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { body }) => partners.createPartner(ctx, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/partners/{partnerId}',
    audience: 'staff',
    roles: MANAGERS,
    summary: 'A partner merchant',
    tags: TAGS,
    params: PartnerParams,
    response: PartnerSchema,
    handler: async (ctx, { params }) => partners.getPartner(ctx, params.partnerId),
  });

  defineRoute(app, deps, {
    method: 'PATCH',
    url: '/api/v1/staff/partners/{partnerId}',
    audience: 'staff',
    roles: MANAGERS,
    summary: 'Change a partner merchant, or suspend it (status suspended: no redeeming or issuing)',
    tags: TAGS,
    params: PartnerParams,
    body: UpdatePartnerBody,
    response: PartnerSchema,
    errors: ['IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params, body }) => partners.updatePartner(ctx, params.partnerId, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/partners/{partnerId}/accounts',
    audience: 'staff',
    roles: MANAGERS,
    summary: 'Add a portal sign-in for the partner (a staff account with role partner)',
    description:
      'The account signs in like staff (e-mail and password) and reaches only the partner portal routes, for this partner.',
    tags: TAGS,
    params: PartnerParams,
    body: CreateAccountBody,
    status: 201,
    response: PartnerAccountSchema,
    errors: ['STAFF_LOGIN_TAKEN', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params, body }) =>
      partners.createPartnerAccount(ctx, params.partnerId, body),
  });

  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/staff/partners/{partnerId}/accounts/{accountId}',
    audience: 'staff',
    roles: MANAGERS,
    summary: 'Take a portal sign-in away (the account is disabled; its sessions end at once)',
    tags: TAGS,
    params: AccountParams,
    status: 204,
    response: z.null().describe('No content'),
    errors: ['IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params }) => {
      await partners.disablePartnerAccount(ctx, params.partnerId, params.accountId);
      return null;
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/partners/{partnerId}/statement',
    audience: 'staff',
    roles: MANAGERS,
    summary: 'Settlement statement (对账单) with the partner for a period, both ways',
    description:
      'Every coupon of the partner’s templates redeemed between `from` and `to` (tenant dates, inclusive): at the partner (the business owes the partner the settlement) and at the business (the partner owes the business). `netFen` > 0: the business pays.',
    tags: TAGS,
    params: PartnerParams,
    querystring: PeriodQuery,
    response: StatementSchema,
    handler: async (ctx, { params, query }) =>
      statementFor(ctx, await partners.partnerRow(ctx, params.partnerId), query),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/partners/{partnerId}/statement.csv',
    produces: 'text/csv; charset=utf-8',
    audience: 'staff',
    roles: MANAGERS,
    summary: 'The settlement statement as CSV (UTF-8 with BOM, zh-CN headers by default)',
    tags: TAGS,
    params: PartnerParams,
    querystring: PeriodQuery,
    response: z.string().describe('CSV, UTF-8 with BOM'),
    handler: async (ctx, { params, query }, _req, reply) => {
      const s = await statementFor(ctx, await partners.partnerRow(ctx, params.partnerId), query);
      sendCsv(reply, s);
      return statementCsv(ctx, s);
    },
  });

  // ---- the partner portal ----
  const portalErrors = ['PARTNER_NOT_LINKED'] as const;

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/portal/me',
    audience: 'staff',
    roles: PORTAL,
    summary: 'Partner portal: my partner merchant and my account',
    tags: PORTAL_TAGS,
    response: PortalMeSchema,
    errors: [...portalErrors],
    handler: async (ctx) => portal.portalMe(ctx),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/portal/coupons/{code}',
    audience: 'staff',
    roles: PORTAL,
    summary: 'Partner portal: check a customer’s coupon code (typed or scanned) without redeeming',
    description:
      'Answers 200 with `valid` and, when not, the `reason`: COUPON_NOT_FOUND (unknown code, or another business’s), COUPON_OUT_OF_SCOPE (not redeemable at this partner: no details are shown), COUPON_VOIDED, COUPON_ALREADY_REDEEMED, COUPON_NOT_YET_VALID, COUPON_EXPIRED.',
    tags: PORTAL_TAGS,
    params: CodeParams,
    response: PortalValidationSchema,
    errors: [...portalErrors],
    handler: async (ctx, { params }) => portal.validateAtPartner(ctx, params.code),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/portal/coupons/{code}/redeem',
    audience: 'staff',
    roles: PORTAL,
    summary: 'Partner portal: redeem a coupon (核销), once',
    description:
      'At most once: of two counters redeeming the same code at once, one succeeds and the other gets 409 COUPON_ALREADY_REDEEMED. Send `Idempotency-Key` so a retry answers the first redemption. Tells the customer, and the partner by e-mail when it has one. Emits `coupon.redeemed`.',
    tags: PORTAL_TAGS,
    params: CodeParams,
    response: RedemptionSchema,
    errors: [
      ...portalErrors,
      'PARTNER_SUSPENDED',
      'COUPON_OUT_OF_SCOPE',
      'COUPON_ALREADY_REDEEMED',
      'COUPON_VOIDED',
      'COUPON_EXPIRED',
      'COUPON_NOT_YET_VALID',
      'IDEMPOTENCY_KEY_REUSED',
    ],
    handler: async (ctx, { params }) => portal.redeemAtPartner(ctx, params.code),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/portal/templates',
    audience: 'staff',
    roles: PORTAL,
    summary:
      'Partner portal: my coupon templates (those with direction redeem_at_business can be issued)',
    tags: PORTAL_TAGS,
    response: z.object({ items: z.array(PortalTemplateSchema) }),
    errors: [...portalErrors],
    handler: async (ctx) => portal.portalTemplates(ctx),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/portal/issue',
    audience: 'staff',
    roles: PORTAL,
    summary: 'Partner portal: give a customer one of my coupons by phone',
    description:
      'Only my templates redeemed at the business (redeem_at_business). A phone that is not yet a customer of the business becomes one (source partner).',
    tags: PORTAL_TAGS,
    body: PortalIssueBody,
    status: 201,
    response: PortalIssueResultSchema,
    errors: [
      ...portalErrors,
      'PARTNER_SUSPENDED',
      'PARTNER_TEMPLATE_NOT_ISSUABLE',
      'PHONE_INVALID',
      'COUPON_BUDGET_EXHAUSTED',
      'COUPON_CUSTOMER_LIMIT',
      'COUPON_TEMPLATE_ARCHIVED',
      'IDEMPOTENCY_KEY_REUSED',
    ],
    handler: async (ctx, { body }) => portal.issueAtPartner(ctx, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/portal/redemptions',
    audience: 'staff',
    roles: PORTAL,
    summary: 'Partner portal: redemptions of my coupons (both sides), newest first',
    tags: PORTAL_TAGS,
    querystring: PeriodQuery,
    response: z.object({ items: z.array(StatementLineSchema) }),
    errors: [...portalErrors],
    handler: async (ctx, { query }) => portal.portalRedemptions(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/portal/statement',
    audience: 'staff',
    roles: PORTAL,
    summary: 'Partner portal: my settlement statement with the business for a period',
    tags: PORTAL_TAGS,
    querystring: PeriodQuery,
    response: StatementSchema,
    errors: [...portalErrors],
    handler: async (ctx, { query }) => portal.portalStatement(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/portal/statement.csv',
    produces: 'text/csv; charset=utf-8',
    audience: 'staff',
    roles: PORTAL,
    summary: 'Partner portal: my settlement statement as CSV (UTF-8 with BOM)',
    tags: PORTAL_TAGS,
    querystring: PeriodQuery,
    response: z.string().describe('CSV, UTF-8 with BOM'),
    errors: [...portalErrors],
    handler: async (ctx, { query }, _req, reply) => {
      const s = await portal.portalStatement(ctx, query);
      sendCsv(reply, s);
      return statementCsv(ctx, s);
    },
  });
}
