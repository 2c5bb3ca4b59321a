import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import { MARKETING_ROLES as MARKETING } from '../../kernel/roles.ts';
import {
  CampaignBody,
  CampaignOptionsSchema,
  CampaignReportSchema,
  CampaignSchema,
  FromPlayBody,
} from './campaigns.schemas.ts';
import {
  campaignOptions,
  cancelCampaign,
  createCampaign,
  createFromPlay,
  deleteCampaign,
  updateCampaign,
} from './campaigns.service.ts';
import { launchCampaign } from './launch.ts';
import { getCampaign, listCampaigns } from './listing.ts';
import { campaignReport, campaignReportCsv } from './report.ts';

const CampaignParams = z.object({ campaignId: z.string().uuid() });
const TAGS = ['campaigns'];

export function campaignRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/campaigns/options',
    audience: 'staff',
    roles: MARKETING,
    summary: 'Marketing templates, lifecycle plays and the variables a campaign provides',
    tags: TAGS,
    response: CampaignOptionsSchema,
    handler: async (ctx) => campaignOptions(ctx),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/campaigns',
    audience: 'staff',
    roles: MARKETING,
    summary: 'Campaigns, newest first, with their accounting',
    tags: TAGS,
    response: z.object({ items: z.array(CampaignSchema) }),
    handler: async (ctx) => listCampaigns(ctx),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/campaigns',
    audience: 'staff',
    roles: MARKETING,
    summary: 'Create a draft campaign (营销活动) to a segment',
    description:
      'Checked at save time: the segment exists; each variant’s template exists, is a marketing template and needs no variable the campaign does not provide (`campaign.text`, and `coupon.*` with a coupon); a `once` schedule is in the future; a recurring one names its weekday / day of month.',
    tags: TAGS,
    body: CampaignBody,
    status: 201,
    response: CampaignSchema,
    errors: [
      'NOT_FOUND',
      'CAMPAIGN_TEMPLATE_INVALID',
      'CAMPAIGN_SCHEDULE_INVALID',
      'COUPON_TEMPLATE_ARCHIVED',
      'IDEMPOTENCY_KEY_REUSED',
    ],
    handler: async (ctx, { body }) => createCampaign(ctx, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/campaigns/from-play',
    audience: 'staff',
    roles: MARKETING,
    summary: 'A draft campaign from a lifecycle play (upsell, cross-sell, retention, win-back)',
    description:
      'Creates (or reuses) the play’s segment and prefills template, text and a 10% hold-out.',
    tags: TAGS,
    body: FromPlayBody,
    status: 201,
    response: CampaignSchema,
    errors: ['IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { body }) => createFromPlay(ctx, body.play),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/campaigns/{campaignId}',
    audience: 'staff',
    roles: MARKETING,
    summary:
      'A campaign with its accounting (targeted = held out + pending + sent + suppressed + failed)',
    tags: TAGS,
    params: CampaignParams,
    response: CampaignSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => getCampaign(ctx, params.campaignId),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/campaigns/{campaignId}',
    audience: 'staff',
    roles: MARKETING,
    summary: 'Change a draft campaign',
    tags: TAGS,
    params: CampaignParams,
    body: CampaignBody,
    response: CampaignSchema,
    errors: [
      'NOT_FOUND',
      'CAMPAIGN_STATUS_CONFLICT',
      'CAMPAIGN_TEMPLATE_INVALID',
      'CAMPAIGN_SCHEDULE_INVALID',
      'IDEMPOTENCY_KEY_REUSED',
    ],
    handler: async (ctx, { params, body }) => updateCampaign(ctx, params.campaignId, body),
  });

  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/staff/campaigns/{campaignId}',
    audience: 'staff',
    roles: MARKETING,
    summary: 'Delete a draft campaign',
    tags: TAGS,
    params: CampaignParams,
    status: 204,
    response: z.undefined(),
    errors: ['CAMPAIGN_STATUS_CONFLICT', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params }) => {
      await deleteCampaign(ctx, params.campaignId);
      return undefined;
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/campaigns/{campaignId}/launch',
    audience: 'staff',
    roles: MARKETING,
    summary: 'Launch: send now, or schedule (once / recurring)',
    description:
      'Now: the segment’s members are snapshotted into the recipients in one INSERT … SELECT (variant and hold-out by a hash of campaign id + customer id, budget applied), the first batch is queued in this request and the worker queues the rest; dedupe key `campaign:<id>:<run>:<customer>`. Launching again changes nothing. An empty segment answers 422 `CAMPAIGN_SEGMENT_EMPTY`.',
    tags: TAGS,
    params: CampaignParams,
    response: CampaignSchema,
    errors: [
      'NOT_FOUND',
      'CAMPAIGN_SEGMENT_EMPTY',
      'CAMPAIGN_SCHEDULE_INVALID',
      'IDEMPOTENCY_KEY_REUSED',
    ],
    handler: async (ctx, { params }) => launchCampaign(ctx, params.campaignId),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/campaigns/{campaignId}/cancel',
    audience: 'staff',
    roles: MARKETING,
    summary: 'Stop a scheduled or running campaign (messages already queued still go out)',
    tags: TAGS,
    params: CampaignParams,
    response: CampaignSchema,
    errors: ['CAMPAIGN_STATUS_CONFLICT', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params }) => cancelCampaign(ctx, params.campaignId),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/campaigns/{campaignId}/report',
    audience: 'staff',
    roles: MARKETING,
    summary:
      'Conversion report: sent, opened, converted, revenue, rate against the hold-out (lift)',
    tags: TAGS,
    params: CampaignParams,
    response: CampaignReportSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => campaignReport(ctx, params.campaignId),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/campaigns/{campaignId}/report.csv',
    produces: 'text/csv; charset=utf-8',
    audience: 'staff',
    roles: MARKETING,
    summary: 'The conversion report table as CSV (UTF-8 with BOM)',
    tags: TAGS,
    params: CampaignParams,
    response: z.string().describe('CSV, UTF-8 with BOM'),
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }, _req, reply) => {
      const body = await campaignReportCsv(ctx, params.campaignId);
      reply.headers({
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="campaign-${params.campaignId}.csv"`,
        'cache-control': 'no-store',
      });
      return body;
    },
  });
}
