import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import { MARKETING_ROLES } from '../../kernel/roles.ts';
import {
  PreviewBody,
  SegmentBody,
  SegmentDetailSchema,
  SegmentFieldsSchema,
  SegmentPreviewSchema,
  SegmentSchema,
} from './segments.schemas.ts';
import * as service from './segments.service.ts';

/** Who works on marketing: segments and campaigns. */
const MARKETING = MARKETING_ROLES;
const SegmentParams = z.object({ segmentId: z.string().uuid() });
const TAGS = ['segments'];

export function segmentRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/segments/fields',
    audience: 'staff',
    roles: MARKETING,
    summary: 'The fields a segment filter may use, with their operators and values',
    tags: TAGS,
    response: SegmentFieldsSchema,
    handler: async (ctx) => service.listFields(ctx),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/segments/preview',
    audience: 'staff',
    roles: MARKETING,
    summary: 'Live count of a filter while it is edited (count + the first 10 customers)',
    description:
      'The filter is a tree of `and` / `or` / `not` groups over rules `{ kind: "rule", field, op, value, withinDays? }`; it is compiled to one parameterised SQL query. A bad leaf answers 422 `SEGMENT_FILTER_INVALID` with `field` = its path (`filter.children.1.value`). Writes nothing.',
    tags: TAGS,
    body: PreviewBody,
    response: SegmentPreviewSchema,
    errors: ['SEGMENT_FILTER_INVALID'],
    handler: async (ctx, { body }) => service.previewSegment(ctx, body.filter),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/segments',
    audience: 'staff',
    roles: MARKETING,
    summary: 'Saved segments, by name',
    tags: TAGS,
    response: z.object({ items: z.array(SegmentSchema) }),
    handler: async (ctx) => service.listSegments(ctx),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/segments',
    audience: 'staff',
    roles: MARKETING,
    summary: 'Save a segment (客户分群)',
    tags: TAGS,
    body: SegmentBody,
    status: 201,
    response: SegmentSchema,
    errors: ['SEGMENT_FILTER_INVALID', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { body }) => service.createSegment(ctx, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/segments/{segmentId}',
    audience: 'staff',
    roles: MARKETING,
    summary: 'A saved segment with its current count and first members',
    tags: TAGS,
    params: SegmentParams,
    response: SegmentDetailSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => service.getSegment(ctx, params.segmentId),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/segments/{segmentId}',
    audience: 'staff',
    roles: MARKETING,
    summary: 'Change a saved segment',
    tags: TAGS,
    params: SegmentParams,
    body: SegmentBody,
    response: SegmentSchema,
    errors: ['SEGMENT_FILTER_INVALID', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params, body }) => service.updateSegment(ctx, params.segmentId, body),
  });

  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/staff/segments/{segmentId}',
    audience: 'staff',
    roles: MARKETING,
    summary: 'Delete a segment no campaign uses',
    tags: TAGS,
    params: SegmentParams,
    status: 204,
    response: z.undefined(),
    errors: ['SEGMENT_IN_USE', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params }) => {
      await service.deleteSegment(ctx, params.segmentId);
      return undefined;
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/segments/{segmentId}/members.csv',
    produces: 'text/csv; charset=utf-8',
    audience: 'staff',
    roles: MARKETING,
    summary: 'The segment’s members as CSV (UTF-8 with BOM, zh-CN headers by default)',
    tags: TAGS,
    params: SegmentParams,
    response: z.string().describe('CSV, UTF-8 with BOM'),
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }, _req, reply) => {
      const body = await service.exportSegmentCsv(ctx, params.segmentId);
      reply.headers({
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="segment-${params.segmentId}.csv"`,
        'cache-control': 'no-store',
      });
      return body;
    },
  });
}
