import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { ErrorCode } from '../../kernel/errors.ts';
import { MARKETING_ROLES, TEAM_ROLES } from '../../kernel/roles.ts';
import { decideJob, recordView } from './decisions.ts';
import { openInspection, sendInspection, setJob, updateItem } from './inspection-editing.ts';
import {
  getInspection,
  getMyInspection,
  listMyInspections,
  listOrderInspections,
} from './inspection-read.ts';
import {
  DecisionBody,
  InspectionSchema,
  InspectionSummarySchema,
  ItemPatchBody,
  JobBody,
  MetricsQuery,
  MetricsSchema,
  OpenInspectionBody,
  TemplateBody,
  TemplateSchema,
  ViewBody,
} from './inspections.schemas.ts';
import { inspectionMetrics } from './metrics.ts';
import { createTemplate, deleteTemplate, listTemplates, updateTemplate } from './templates.ts';

const TAGS = ['inspections'];
const OrderParams = z.object({ orderId: z.string().uuid() });
const InspectionParams = z.object({ inspectionId: z.string().uuid() });
const ItemParams = InspectionParams.extend({ itemId: z.string().uuid() });
const TemplateParams = z.object({ templateId: z.string().uuid() });
const EDIT_ERRORS: ErrorCode[] = ['NOT_FOUND', 'INSPECTION_ORDER_CLOSED'];
const TEMPLATE_ERRORS: ErrorCode[] = [
  'INSPECTION_RANGE_INVALID',
  'INSPECTION_THRESHOLDS_INCONSISTENT',
];

function templateRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/inspection-templates',
    audience: 'staff',
    roles: TEAM_ROLES,
    summary: 'Inspection templates (检查模板); a new tenant gets the standard multi-point check',
    tags: TAGS,
    response: z.object({ items: z.array(TemplateSchema) }),
    handler: async (ctx) => listTemplates(ctx),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/inspection-templates',
    audience: 'staff',
    roles: MARKETING_ROLES,
    summary: 'Create an inspection template: check points with measurement and thresholds',
    tags: TAGS,
    description:
      'A point’s thresholds lie within its range, and red is worse than amber in the point’s direction (below it, or above it with `higherIsWorse`); a point without a measurement keeps none.',
    body: TemplateBody,
    status: 201,
    response: TemplateSchema,
    errors: TEMPLATE_ERRORS,
    handler: async (ctx, { body }) => createTemplate(ctx, body),
  });
  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/inspection-templates/{templateId}',
    audience: 'staff',
    roles: MARKETING_ROLES,
    summary: 'Replace a template’s name and points (inspections already opened keep theirs)',
    tags: TAGS,
    params: TemplateParams,
    body: TemplateBody,
    response: TemplateSchema,
    errors: ['NOT_FOUND', ...TEMPLATE_ERRORS],
    handler: async (ctx, { params, body }) => updateTemplate(ctx, params.templateId, body),
  });
  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/staff/inspection-templates/{templateId}',
    audience: 'staff',
    roles: MARKETING_ROLES,
    summary: 'Delete a template (inspections opened with it keep their points; not the last one)',
    tags: TAGS,
    params: TemplateParams,
    status: 204,
    response: z.undefined(),
    errors: ['NOT_FOUND', 'INSPECTION_TEMPLATE_LAST'],
    handler: async (ctx, { params }) => {
      await deleteTemplate(ctx, params.templateId);
      return undefined;
    },
  });
}

function staffRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/service-orders/{orderId}/inspections',
    audience: 'staff',
    roles: TEAM_ROLES,
    summary: 'The inspections of a service order, newest first',
    tags: TAGS,
    params: OrderParams,
    response: z.object({ items: z.array(InspectionSummarySchema) }),
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => listOrderInspections(ctx, params.orderId),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/service-orders/{orderId}/inspections',
    audience: 'staff',
    roles: TEAM_ROLES,
    summary: 'Open an inspection on a service order (not on a paid, closed or cancelled one)',
    tags: TAGS,
    params: OrderParams,
    body: OpenInspectionBody,
    status: 201,
    response: InspectionSchema,
    errors: EDIT_ERRORS,
    handler: async (ctx, { params, body }) => openInspection(ctx, params.orderId, body),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/inspections/{inspectionId}',
    audience: 'staff',
    roles: TEAM_ROLES,
    summary: 'An inspection with its items, photos, jobs and the owner’s decisions',
    tags: TAGS,
    params: InspectionParams,
    response: InspectionSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => getInspection(ctx, params.inspectionId),
  });
}

function itemRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'PATCH',
    url: '/api/v1/staff/inspections/{inspectionId}/items/{itemId}',
    audience: 'staff',
    roles: TEAM_ROLES,
    summary: 'Check an item: status, reading, note and photos',
    description:
      'A reading without a status takes the status its thresholds suggest. Photos are images the caller uploaded (`POST /api/v1/staff/media/images`, purpose `inspection`), at most 6.',
    tags: TAGS,
    params: ItemParams,
    body: ItemPatchBody,
    response: InspectionSchema,
    errors: [
      ...EDIT_ERRORS,
      'INSPECTION_MEASUREMENT_OUT_OF_RANGE',
      'INSPECTION_TOO_MANY_PHOTOS',
      'MEDIA_NOT_FOUND',
    ],
    handler: async (ctx, { params, body }) =>
      updateItem(ctx, params.inspectionId, params.itemId, body),
  });
  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/inspections/{inspectionId}/items/{itemId}/job',
    audience: 'staff',
    roles: TEAM_ROLES,
    summary: 'Attach or change the recommended job of an amber or red item (until decided)',
    tags: TAGS,
    params: ItemParams,
    body: JobBody,
    response: InspectionSchema,
    errors: [...EDIT_ERRORS, 'INSPECTION_JOB_NEEDS_FINDING', 'INSPECTION_ITEM_DECIDED'],
    handler: async (ctx, { params, body }) => setJob(ctx, params.inspectionId, params.itemId, body),
  });
  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/staff/inspections/{inspectionId}/items/{itemId}/job',
    audience: 'staff',
    roles: TEAM_ROLES,
    summary: 'Remove an item’s recommended job (until decided)',
    tags: TAGS,
    params: ItemParams,
    response: InspectionSchema,
    errors: [...EDIT_ERRORS, 'INSPECTION_ITEM_DECIDED'],
    handler: async (ctx, { params }) => setJob(ctx, params.inspectionId, params.itemId, null),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/inspections/{inspectionId}/send',
    audience: 'staff',
    roles: TEAM_ROLES,
    summary: 'Send the report to the owner (a message with a link; once)',
    tags: TAGS,
    params: InspectionParams,
    response: InspectionSchema,
    errors: [...EDIT_ERRORS, 'INSPECTION_NOTHING_TO_SEND'],
    handler: async (ctx, { params }) =>
      sendInspection(ctx, params.inspectionId, { publicUrl: deps.config.publicUrl }),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/inspections/metrics',
    audience: 'staff',
    roles: MARKETING_ROLES,
    summary: 'Inspection metrics for a range, for the shop and per technician and advisor',
    tags: TAGS,
    querystring: MetricsQuery,
    response: MetricsSchema,
    handler: async (ctx, { query }) => inspectionMetrics(ctx, query),
  });
}

function appRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/inspections',
    audience: 'app',
    summary: 'The inspection reports of my cars (kept with the car), newest first',
    tags: TAGS,
    querystring: z.object({ vehicleId: z.string().uuid().optional() }),
    response: z.object({ items: z.array(InspectionSummarySchema) }),
    handler: async (ctx, { query }) => listMyInspections(ctx, ctx.actor.id!, query.vehicleId),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/inspections/{inspectionId}',
    audience: 'app',
    summary: 'One inspection report with photos, notes, why it matters and prices',
    tags: TAGS,
    params: InspectionParams,
    response: InspectionSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => getMyInspection(ctx, ctx.actor.id!, params.inspectionId),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/me/inspections/{inspectionId}/items/{itemId}/decision',
    audience: 'app',
    summary: 'Approve or decline a recommended job (once; approved work joins the order)',
    tags: TAGS,
    params: ItemParams,
    body: DecisionBody,
    response: InspectionSchema,
    errors: [...EDIT_ERRORS, 'INSPECTION_ITEM_DECIDED'],
    handler: async (ctx, { params, body }) => decideJob(ctx, ctx.actor.id!, params, body.decision),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/me/inspections/{inspectionId}/view',
    audience: 'app',
    summary: 'The report is open: adds the seconds since the last ping to the viewing time',
    tags: TAGS,
    params: InspectionParams,
    body: ViewBody,
    response: z.object({ viewSeconds: z.number().int(), canDecide: z.boolean() }),
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, body }) =>
      recordView(ctx, ctx.actor.id!, params.inspectionId, body.seconds),
  });
}

export function inspectionRoutes(app: FastifyInstance, deps: RouteDeps) {
  templateRoutes(app, deps);
  staffRoutes(app, deps);
  itemRoutes(app, deps);
  appRoutes(app, deps);
}
