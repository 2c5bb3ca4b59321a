import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import { CursorQuery, LimitQuery, page } from '../../kernel/paging.ts';
import { getMyVehicle, listCarOrders, listMyVehicles } from './garage.ts';
import { MyVehicleDetailSchema, MyVehicleSchema } from './garage.schemas.ts';
import { ServiceOrderSummarySchema } from './service.schemas.ts';

const VehicleParams = z.object({ vehicleId: z.string().uuid() });

export function garageRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/vehicles/{vehicleId}/service-orders',
    audience: 'staff',
    summary: 'A car’s service orders, newest first',
    tags: ['vehicles'],
    params: VehicleParams,
    querystring: z.object({ limit: LimitQuery, cursor: CursorQuery }),
    response: page(ServiceOrderSummarySchema),
    errors: ['CURSOR_INVALID'],
    handler: async (ctx, { params, query }) => listCarOrders(ctx, params.vehicleId, query),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/vehicles',
    audience: 'app',
    summary: 'My cars with their latest visit',
    tags: ['vehicles'],
    response: z.object({ items: z.array(MyVehicleSchema) }),
    handler: async (ctx) => ({ items: await listMyVehicles(ctx, ctx.actor.id!) }),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/vehicles/{vehicleId}',
    audience: 'app',
    summary: 'One of my cars with its maintenance record',
    tags: ['vehicles'],
    params: VehicleParams,
    response: MyVehicleDetailSchema,
    handler: async (ctx, { params }) => getMyVehicle(ctx, ctx.actor.id!, params.vehicleId),
  });
}
