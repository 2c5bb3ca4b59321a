import type { FastifyInstance } from 'fastify';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { ErrorCode } from '../../kernel/errors.ts';
import { MARKETING_ROLES } from '../../kernel/roles.ts';
import {
  AnalyticsSettingsBody,
  AnalyticsSettingsSchema,
  DashboardsSchema,
  PanelAnswerSchema,
  PanelFilterQuery,
  PanelParams,
  RebuildResultSchema,
  ReportTokenParams,
} from './analytics.schemas.ts';
import { listDashboards, panelAnswer, panelCsv } from './analytics.service.ts';
import { rebuildRollups } from './rollup-runs.ts';
import { getAnalyticsSettings, updateAnalyticsSettings } from './settings.ts';
import { tenantOfReportToken, unsubscribeWeeklyReport } from './report-unsubscribe.ts';
import { z } from 'zod';

const TAGS = ['analytics'];
/** Figures of the whole business: the owner and managers. */
const ROLES = MARKETING_ROLES;
const FILTER_ERRORS: ErrorCode[] = [
  'NOT_FOUND',
  'ANALYTICS_PERIOD_INVALID',
  'ANALYTICS_PERIOD_TOO_LONG',
  'ANALYTICS_COMPARE_INVALID',
  'ANALYTICS_STORE_UNKNOWN',
];

export function analyticsRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/analytics/dashboards',
    audience: 'staff',
    roles: ROLES,
    summary: 'The dashboards and their panels (id, title, definition, the filters each takes)',
    tags: TAGS,
    response: DashboardsSchema,
    handler: async (ctx) => listDashboards(ctx),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/analytics/panels/{panelId}',
    audience: 'staff',
    roles: ROLES,
    summary: 'One panel: chart series, table columns and rows, headline figures, definition',
    description:
      'The same answer feeds the chart, the table and the CSV. Periods are local days (inclusive), at most 5 years; a comparison period must be as long. A filter the panel does not take is ignored.',
    tags: TAGS,
    params: PanelParams,
    querystring: PanelFilterQuery,
    response: PanelAnswerSchema,
    errors: FILTER_ERRORS,
    handler: async (ctx, { params, query }) => panelAnswer(ctx, params.panelId, query),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/analytics/panels/{panelId}/csv',
    produces: 'text/csv; charset=utf-8',
    audience: 'staff',
    roles: ROLES,
    summary: 'One panel’s table as CSV (UTF-8 with BOM; yuan and percentages with 2 decimals)',
    tags: TAGS,
    params: PanelParams,
    querystring: PanelFilterQuery,
    response: z.string().describe('CSV, UTF-8 with BOM'),
    errors: FILTER_ERRORS,
    handler: async (ctx, { params, query }, _req, reply) => {
      const body = await panelCsv(ctx, params.panelId, query);
      reply.headers({
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${params.panelId}.csv"`,
        'cache-control': 'no-store',
      });
      return body;
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/analytics/rebuild',
    audience: 'staff',
    roles: ROLES,
    summary: 'Rebuild the dashboards’ rollups now (the hourly job does it when data changed)',
    tags: TAGS,
    response: RebuildResultSchema,
    handler: async (ctx) => rebuildRollups(ctx),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/analytics/settings',
    audience: 'staff',
    roles: ROLES,
    summary: 'Per-message costs by channel and the weekly report setting',
    tags: TAGS,
    response: AnalyticsSettingsSchema,
    handler: async (ctx) => getAnalyticsSettings(ctx),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/analytics/settings',
    audience: 'staff',
    roles: ['owner'],
    summary: 'Set per-message costs (fen; SMS per 70-character segment) and the weekly report',
    tags: TAGS,
    body: AnalyticsSettingsBody,
    response: AnalyticsSettingsSchema,
    handler: async (ctx, { body }) => updateAnalyticsSettings(ctx, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/public/analytics/weekly-report/unsubscribe/{token}',
    produces: 'text/html; charset=utf-8',
    audience: 'public',
    summary: 'Stop the weekly report (the link in its e-mail); answers a page in zh-CN and English',
    tags: TAGS,
    params: ReportTokenParams,
    response: z.string().describe('HTML page'),
    errors: ['ANALYTICS_UNSUBSCRIBE_INVALID'],
    publicTenant: async (input) => tenantOfReportToken(input.params.token),
    handler: async (ctx, { params }, _req, reply) => {
      const page = await unsubscribeWeeklyReport(ctx, params.token);
      reply.headers({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return page;
    },
  });
}
