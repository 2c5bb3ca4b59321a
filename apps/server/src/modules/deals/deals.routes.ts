import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { ErrorCode } from '../../kernel/errors.ts';
import { MARKETING_ROLES, TEAM_ROLES } from '../../kernel/roles.ts';
import { appDeal, appDeals, getDeal, listDeals, myHolds } from './deal-read.ts';
import {
  AppDealSchema,
  CreateDealBody,
  DealDetailSchema,
  DealListQuery,
  DealSchema,
  JoinBody,
  MyHoldSchema,
  SettleResultSchema,
  ShareSchema,
  UpdateDealBody,
} from './deals.schemas.ts';
import { cancelDeal, createDeal, publishDeal, updateDeal } from './deals.service.ts';
import { joinDeal, leaveDeal } from './joining.ts';
import { settleDueDeals } from './settlement.ts';
import { shareDeal } from './share.ts';

const DealParams = z.object({ dealId: z.string().uuid() });
const TAGS = ['group deals'];
const WRITE_ERRORS: ErrorCode[] = [
  'DEAL_REWARD_INVALID',
  'DEAL_STORE_UNKNOWN',
  'DEAL_STATUS_INVALID',
  'NOT_FOUND',
];

export function dealRoutes(app: FastifyInstance, deps: RouteDeps) {
  const publicUrl = deps.config.publicUrl;

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/deals',
    audience: 'staff',
    roles: TEAM_ROLES,
    summary: 'Group deals (拼团), newest first, with joiners and the counted joiners',
    tags: TAGS,
    querystring: DealListQuery,
    response: z.object({ items: z.array(DealSchema) }),
    handler: async (ctx, { query }) => listDeals(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/deals',
    audience: 'staff',
    roles: MARKETING_ROLES,
    summary: 'Create a group deal (a draft)',
    description:
      'What each joiner gets is a service package product (`rewardKind: package`) or a coupon template (`coupon`). The deal happens if `minJoiners` owners (a household counted once) are in at `deadlineAt`.',
    tags: TAGS,
    body: CreateDealBody,
    status: 201,
    response: DealDetailSchema,
    errors: WRITE_ERRORS,
    handler: async (ctx, { body }) => createDeal(ctx, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/deals/run-settlement',
    audience: 'staff',
    roles: MARKETING_ROLES,
    summary: 'Settle the deals whose deadline passed now (the job does it every minute)',
    tags: TAGS,
    response: SettleResultSchema,
    handler: async (ctx) => settleDueDeals(ctx),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/deals/{dealId}',
    audience: 'staff',
    roles: TEAM_ROLES,
    summary: 'A group deal with its joiners (leader, hold state, household links)',
    tags: TAGS,
    params: DealParams,
    response: DealDetailSchema,
    handler: async (ctx, { params }) => getDeal(ctx, params.dealId),
  });

  defineRoute(app, deps, {
    method: 'PATCH',
    url: '/api/v1/staff/deals/{dealId}',
    audience: 'staff',
    roles: MARKETING_ROLES,
    summary: 'Change a draft group deal',
    tags: TAGS,
    params: DealParams,
    body: UpdateDealBody,
    response: DealDetailSchema,
    errors: WRITE_ERRORS,
    handler: async (ctx, { params, body }) => updateDeal(ctx, params.dealId, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/deals/{dealId}/publish',
    audience: 'staff',
    roles: MARKETING_ROLES,
    summary: 'Open a draft group deal to car owners',
    tags: TAGS,
    params: DealParams,
    response: DealDetailSchema,
    errors: ['DEAL_STATUS_INVALID'],
    handler: async (ctx, { params }) => publishDeal(ctx, params.dealId),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/deals/{dealId}/cancel',
    audience: 'staff',
    roles: MARKETING_ROLES,
    summary: 'Cancel a group deal: every hold goes back to its wallet, joiners are told',
    tags: TAGS,
    params: DealParams,
    response: DealDetailSchema,
    errors: ['DEAL_STATUS_INVALID'],
    handler: async (ctx, { params }) => cancelDeal(ctx, params.dealId),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/deals',
    audience: 'app',
    summary: 'Open group deals and the ones I joined',
    tags: TAGS,
    response: z.object({ items: z.array(AppDealSchema) }),
    handler: async (ctx) => appDeals(ctx, ctx.actor.id!),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/deals/holds',
    audience: 'app',
    summary: 'My group-deal holds (frozen stored value) and what became of them',
    tags: TAGS,
    response: z.object({ items: z.array(MyHoldSchema) }),
    handler: async (ctx) => myHolds(ctx, ctx.actor.id!),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/deals/{dealId}',
    audience: 'app',
    summary: 'A group deal: progress, price, deadline, the leader, my part',
    tags: TAGS,
    params: DealParams,
    response: AppDealSchema,
    handler: async (ctx, { params }) => appDeal(ctx, params.dealId, ctx.actor.id!),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/deals/{dealId}/join',
    audience: 'app',
    summary: 'Join a group deal: its price is held from my stored value until it settles',
    description:
      'Paying a hold online is not available yet: with too little stored value the join is refused with `STORED_VALUE_INSUFFICIENT` (details: balanceFen, requestedFen, shortFen).',
    tags: TAGS,
    params: DealParams,
    body: JoinBody,
    response: AppDealSchema,
    errors: ['DEAL_CLOSED', 'DEAL_ALREADY_JOINED', 'DEAL_FULL', 'STORED_VALUE_INSUFFICIENT'],
    handler: async (ctx, { params, body }) =>
      joinDeal(ctx, { dealId: params.dealId, customerId: ctx.actor.id!, via: body.via }),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/deals/{dealId}/leave',
    audience: 'app',
    summary: 'Leave a group deal before its deadline: the hold goes back at once',
    tags: TAGS,
    params: DealParams,
    response: AppDealSchema,
    errors: ['DEAL_CLOSED', 'DEAL_NOT_JOINED'],
    handler: async (ctx, { params }) =>
      leaveDeal(ctx, { dealId: params.dealId, customerId: ctx.actor.id! }),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/deals/{dealId}/share',
    audience: 'app',
    summary: 'My share link for a deal: my referral link landing on the deal',
    tags: TAGS,
    params: DealParams,
    response: ShareSchema,
    handler: async (ctx, { params }) => shareDeal(ctx, params.dealId, ctx.actor.id!, publicUrl),
  });
}
