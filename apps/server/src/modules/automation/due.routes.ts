import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { StaffRole } from '../../kernel/roles.ts';
import {
  CustomDueItemBody,
  CustomDueItemPatchBody,
  CustomDueItemSchema,
  DueListQuery,
  DueListSchema,
  DueSettingsBody,
  DueSettingsSchema,
  VehicleDueSchema,
} from './due.schemas.ts';
import * as due from './due.service.ts';

const VehicleParams = z.object({ vehicleId: z.string().uuid() });
const DueItemParams = z.object({ dueItemId: z.string().uuid() });
const DESK: readonly StaffRole[] = ['owner', 'manager', 'advisor'];
const MANAGERS: readonly StaffRole[] = ['owner', 'manager'];
const TAGS = ['due-list'];

export function dueRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/vehicles/{vehicleId}/due',
    audience: 'staff',
    summary: 'What the car needs next (到期项目), with the mileage estimate and why',
    description:
      'Maintenance by interval (time or predicted mileage, whichever first), insurance, inspection, warranty end, recalls and staff items. Recomputed first if anything it depends on changed.',
    tags: TAGS,
    params: VehicleParams,
    response: VehicleDueSchema,
    handler: async (ctx, { params }) => due.vehicleDue(ctx, params.vehicleId),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/due',
    audience: 'staff',
    summary: 'The tenant’s due items in a window (overdue, today, this week …), soonest first',
    tags: TAGS,
    querystring: DueListQuery,
    response: DueListSchema,
    errors: ['CURSOR_INVALID'],
    handler: async (ctx, { query }) => due.dueItemsForTenant(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/due/refresh',
    audience: 'staff',
    roles: MANAGERS,
    summary: 'Recompute every car’s due-list now (set-based; also runs nightly)',
    tags: TAGS,
    response: z.object({ vehicles: z.number().int(), items: z.number().int() }),
    errors: ['IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx) => due.refreshTenantDue(ctx),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/due/settings',
    audience: 'staff',
    summary: 'Service intervals and due-list settings (built-in defaults and overrides)',
    tags: TAGS,
    response: DueSettingsSchema,
    handler: async (ctx) => due.getDueSettings(ctx),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/due/settings',
    audience: 'staff',
    roles: MANAGERS,
    summary: 'Replace the due-list settings and interval overrides (per tenant or per make)',
    description: 'Every car is recomputed in the same transaction.',
    tags: TAGS,
    body: DueSettingsBody,
    response: DueSettingsSchema,
    errors: ['DUE_INTERVAL_DUPLICATE', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { body }) => due.putDueSettings(ctx, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/vehicles/{vehicleId}/due-items',
    audience: 'staff',
    summary: 'Recalls and reminders staff entered for the car',
    tags: TAGS,
    params: VehicleParams,
    response: z.object({ items: z.array(CustomDueItemSchema) }),
    handler: async (ctx, { params }) => {
      await due.vehicleDue(ctx, params.vehicleId);
      return { items: await due.listCustomDueItems(ctx, params.vehicleId) };
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/vehicles/{vehicleId}/due-items',
    audience: 'staff',
    roles: DESK,
    summary: 'Enter a recall or a reminder for the car',
    tags: TAGS,
    params: VehicleParams,
    body: CustomDueItemBody,
    status: 201,
    response: CustomDueItemSchema,
    errors: ['IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params, body }) => due.createCustomDueItem(ctx, params.vehicleId, body),
  });

  defineRoute(app, deps, {
    method: 'PATCH',
    url: '/api/v1/staff/due-items/{dueItemId}',
    audience: 'staff',
    roles: DESK,
    summary: 'Change a recall or reminder, or mark it done / dismissed',
    tags: TAGS,
    params: DueItemParams,
    body: CustomDueItemPatchBody,
    response: CustomDueItemSchema,
    errors: ['IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params, body }) => due.updateCustomDueItem(ctx, params.dueItemId, body),
  });

  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/staff/due-items/{dueItemId}',
    audience: 'staff',
    roles: DESK,
    summary: 'Delete a recall or reminder entered by mistake',
    tags: TAGS,
    params: DueItemParams,
    status: 204,
    response: z.undefined(),
    errors: ['IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params }) => {
      await due.deleteCustomDueItem(ctx, params.dueItemId);
      return undefined;
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/vehicles/{vehicleId}/due',
    audience: 'app',
    summary: 'What my car needs next, with why (recomputed at once after I report my mileage)',
    tags: TAGS,
    params: VehicleParams,
    response: VehicleDueSchema,
    handler: async (ctx, { params }) => due.vehicleDue(ctx, params.vehicleId, ctx.actor.id!),
  });
}
