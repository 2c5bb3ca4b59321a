// Paper records of a car's service: a past visit filed with its real date.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import { recordPastVisit } from './past-visits.ts';
import { PastVisitBody } from './past-visits.schemas.ts';
import { ServiceOrderSchema } from './service.schemas.ts';

const VehicleParams = z.object({ vehicleId: z.string().uuid() });

export function pastVisitRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/vehicles/{vehicleId}/past-visits',
    audience: 'staff',
    roles: ['owner', 'manager', 'advisor'],
    summary: 'Record a past visit of the car (from paper records) with its real date',
    description:
      'Files a closed order dated on that day, for the car’s current owner, with one line for the work; the mileage becomes the car’s reading of that day and must fit the readings before and after it. No payment, points or customer messages; the visit counts in the customer’s visits and spend and the car’s due-list is recomputed.',
    tags: ['service'],
    params: VehicleParams,
    body: PastVisitBody,
    status: 201,
    response: ServiceOrderSchema,
    errors: ['ODOMETER_DATE_IN_FUTURE', 'ODOMETER_OUT_OF_ORDER'],
    handler: async (ctx, { params, body }) => recordPastVisit(ctx, params.vehicleId, body),
  });
}
