import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../../db/database.ts';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { Ctx } from '../../kernel/context.ts';
import type { ErrorCode } from '../../kernel/errors.ts';
import { page } from '../../kernel/paging.ts';
import type { StaffRole } from '../identity/index.ts';
import { getTenant, resolveTenantIdBySlug } from '../tenancy/index.ts';
import { maskName } from './messages.ts';
import { posterPng, posterSvg } from './poster.ts';
import {
  AttributeBody,
  CodeParams,
  CustomerReferralsSchema,
  HouseholdBody,
  HouseholdSchema,
  MyReferralsSchema,
  PublicQuery,
  PublicReferralSchema,
  ReferralListQuery,
  ReferralSchema,
  ReferralSettingsSchema,
  ReviewBody,
  RunRewardsSchema,
  ShareQuery,
  ShareSchema,
  TopQuery,
  TopSchema,
  TreeQuery,
  TreeSchema,
} from './referrals.schemas.ts';
import { attributeAtCounter } from './attribution.ts';
import { grantDueForTenant } from './grant.ts';
import { putHousehold } from './household.ts';
import { listReferrals } from './listing.ts';
import { reviewReferral } from './review.ts';
import { customerReferrals, myReferrals, publicReferral } from './views.ts';
import { referralShare, referralTree, shareCsv, topReferrers } from './reports.ts';
import { loadReferralSettings, saveReferralSettings } from './settings.ts';

const MANAGERS: readonly StaffRole[] = ['owner', 'manager'];
const DESK: readonly StaffRole[] = ['owner', 'manager', 'advisor'];
const TAGS = ['referrals'];
const WRITE: ErrorCode[] = ['IDEMPOTENCY_KEY_REUSED'];
const ReferralParams = z.object({ referralId: z.string().uuid() });
const CustomerParams = z.object({ customerId: z.string().uuid() });

async function poster(ctx: Ctx, publicUrl: string) {
  const me = await myReferrals(ctx, ctx.actor.id!, publicUrl);
  // The poster shows the referrer's own masked name.
  const [self] = await queryRows<{ name: string | null; phone: string }>(
    ctx.tx,
    sql`select c.name, c.phone from customers c where c.id = ${ctx.actor.id}::uuid`,
  );
  const tenant = await getTenant(ctx);
  return posterSvg({
    tenantName: tenant.name,
    referrerName: maskName(self?.name ?? null, self?.phone ?? null),
    offer: me.program.text,
    code: me.code,
    link: me.link,
  });
}

export function referralRoutes(app: FastifyInstance, deps: RouteDeps) {
  const publicUrl = deps.config.publicUrl;

  // ---- settings ----
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/referrals/settings',
    audience: 'staff',
    summary: 'The referral programme (老带新): rewards, window, minimum, caps, review',
    tags: TAGS,
    response: ReferralSettingsSchema,
    handler: async (ctx) => loadReferralSettings(ctx),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/referrals/settings',
    audience: 'staff',
    roles: MANAGERS,
    summary: 'Replace the referral programme settings',
    tags: TAGS,
    body: ReferralSettingsSchema,
    response: ReferralSettingsSchema,
    errors: ['REFERRAL_REWARD_INVALID', ...WRITE],
    handler: async (ctx, { body }) => saveReferralSettings(ctx, body),
  });

  // ---- referrals ----
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/referrals',
    audience: 'staff',
    roles: DESK,
    summary: 'Referrals, newest first, with flags, rewards and the review decision',
    tags: TAGS,
    querystring: ReferralListQuery,
    response: page(ReferralSchema),
    errors: ['CURSOR_INVALID'],
    handler: async (ctx, { query }) => listReferrals(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/referrals/{referralId}/review',
    audience: 'staff',
    roles: MANAGERS,
    summary: 'Approve or reject a flagged referral (audit-logged)',
    tags: TAGS,
    params: ReferralParams,
    body: ReviewBody,
    response: ReferralSchema,
    errors: ['NOT_FOUND', 'REFERRAL_REVIEW_CONFLICT', ...WRITE],
    handler: async (ctx, { params, body }) => reviewReferral(ctx, params.referralId, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/referrals/attribute',
    audience: 'staff',
    roles: DESK,
    summary:
      'Counter attribution: a new customer names the referral code of the friend who sent them',
    description:
      'The referee must be new within the attribution window and not already referred (first touch wins). Optional address / payer feed the household fraud rule.',
    tags: TAGS,
    body: AttributeBody,
    status: 201,
    response: ReferralSchema,
    errors: [
      'NOT_FOUND',
      'REFERRAL_CODE_UNKNOWN',
      'REFERRAL_PROGRAM_CLOSED',
      'REFERRAL_SELF',
      'REFERRAL_ALREADY_ATTRIBUTED',
      'REFERRAL_NOT_NEW',
      ...WRITE,
    ],
    handler: async (ctx, { body }) => attributeAtCounter(ctx, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/referrals/run-rewards',
    audience: 'staff',
    roles: MANAGERS,
    summary:
      'Grant now every referral reward whose return window has passed (also runs every 15 min)',
    description: 'Grants nothing twice: a second run right after the first grants 0.',
    tags: TAGS,
    response: RunRewardsSchema,
    errors: WRITE,
    handler: async (ctx) => ({ granted: await grantDueForTenant(ctx) }),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/customers/{customerId}/referrals',
    audience: 'staff',
    summary: 'A customer’s referral code and link, who referred them, whom they referred',
    tags: TAGS,
    params: CustomerParams,
    response: CustomerReferralsSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => customerReferrals(ctx, params.customerId, publicUrl),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/customers/{customerId}/household',
    audience: 'staff',
    roles: DESK,
    summary: 'Record a customer’s home address and payer (for the household referral rule)',
    description: 'Stored normalised (only to compare); answers the normalised keys.',
    tags: TAGS,
    params: CustomerParams,
    body: HouseholdBody,
    response: HouseholdSchema,
    errors: ['NOT_FOUND', ...WRITE],
    handler: async (ctx, { params, body }) => putHousehold(ctx, params.customerId, body),
  });

  // ---- fission view ----
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/referrals/tree',
    audience: 'staff',
    roles: DESK,
    summary: 'The referral tree under a customer (depth ≤ 10)',
    tags: TAGS,
    querystring: TreeQuery,
    response: TreeSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { query }) => referralTree(ctx, query.customerId),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/referrals/top',
    audience: 'staff',
    roles: DESK,
    summary: 'Top referrers of a period (candidate KOLs): direct, whole subtree, depth, revenue',
    tags: TAGS,
    querystring: TopQuery,
    response: TopSchema,
    handler: async (ctx, { query }) => topReferrers(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/referrals/share',
    audience: 'staff',
    roles: DESK,
    summary: 'Referral share of paid revenue and of new customers, per store and month',
    tags: TAGS,
    querystring: ShareQuery,
    response: ShareSchema,
    handler: async (ctx, { query }) => referralShare(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/referrals/share.csv',
    produces: 'text/csv; charset=utf-8',
    audience: 'staff',
    roles: DESK,
    summary: 'The referral share table as CSV (UTF-8 with BOM, zh-CN headers)',
    tags: TAGS,
    querystring: ShareQuery,
    response: z.string().describe('CSV, UTF-8 with BOM'),
    handler: async (ctx, { query }, _req, reply) => {
      const body = shareCsv(await referralShare(ctx, query));
      reply.headers({
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="referral-share-${query.from}-${query.to}.csv"`,
        'cache-control': 'no-store',
      });
      return body;
    },
  });

  // ---- the car owner ----
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/referrals/me',
    audience: 'app',
    summary: 'My referral code, link, poster, the programme, my referrals and rewards',
    tags: TAGS,
    response: MyReferralsSchema,
    handler: async (ctx) => myReferrals(ctx, ctx.actor.id!, publicUrl),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/referrals/poster.svg',
    produces: 'image/svg+xml; charset=utf-8',
    audience: 'app',
    summary: 'My referral poster (SVG)',
    tags: TAGS,
    response: z.string().describe('image/svg+xml'),
    handler: async (ctx, _input, _req, reply) => {
      const svg = await poster(ctx, publicUrl);
      reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'private, max-age=300');
      return svg;
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/referrals/poster.png',
    produces: 'image/png',
    audience: 'app',
    summary: 'My referral poster (PNG, rendered server-side)',
    tags: TAGS,
    response: z.string().describe('image/png'),
    handler: async (ctx, _input, _req, reply) => {
      const png = posterPng(await poster(ctx, publicUrl));
      reply
        .type('image/png')
        .header('content-disposition', 'inline; filename="referral-poster.png"')
        .header('cache-control', 'private, max-age=300');
      return png as unknown as string;
    },
  });

  // ---- public ----
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/public/referrals/{code}',
    audience: 'public',
    summary: 'The welcome offer behind a referral link (no session)',
    tags: TAGS,
    params: CodeParams,
    querystring: PublicQuery,
    response: PublicReferralSchema,
    errors: ['NOT_FOUND', 'REFERRAL_CODE_UNKNOWN', 'REFERRAL_PROGRAM_CLOSED'],
    publicTenant: (input, tx) => resolveTenantIdBySlug(tx, input.query.tenant),
    handler: async (ctx, { params }) => publicReferral(ctx, params.code),
  });
}
