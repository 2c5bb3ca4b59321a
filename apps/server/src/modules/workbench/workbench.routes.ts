import type { FastifyInstance } from 'fastify';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import { DESK_ROLES } from '../../kernel/roles.ts';
import { WorkbenchQuery, WorkbenchSchema } from './workbench.schemas.ts';
import { getWorkbench } from './workbench.service.ts';

export function workbenchRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/workbench',
    audience: 'staff',
    roles: DESK_ROLES,
    summary:
      'Today at a glance (今日工作台): takings, cars in the shop, bookings by hour, calls due',
    description:
      'Today in the business’s time zone. An owner sees every store (or `storeId`); a manager and an advisor their own stores (or one of them: another store answers 403); an advisor’s orders and takings are those they are the advisor of.',
    tags: ['workbench'],
    querystring: WorkbenchQuery,
    response: WorkbenchSchema,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    handler: async (ctx, { query }) => getWorkbench(ctx, query),
  });
}
