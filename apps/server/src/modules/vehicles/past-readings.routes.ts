// Paper records of a car's odometer: a reading with the day it was taken.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import { getTenant } from '../tenancy/index.ts';
import { announceVehicleHistory, recordPastReading } from './past-readings.ts';
import { OdometerReadingSchema, PastReadingBody } from './vehicles.schemas.ts';
import { getVehicle } from './vehicles.service.ts';

const VehicleParams = z.object({ vehicleId: z.string().uuid() });

export function pastReadingRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/vehicles/{vehicleId}/odometer-readings',
    audience: 'staff',
    roles: ['owner', 'manager', 'advisor'],
    summary: 'Record a past odometer reading with its date (from paper records)',
    description:
      'The mileage must fit between the car’s nearest readings on earlier and later days (an odometer never goes back). The due-list is recomputed; the owner is sent nothing.',
    tags: ['vehicles'],
    params: VehicleParams,
    body: PastReadingBody,
    status: 201,
    response: OdometerReadingSchema,
    errors: ['ODOMETER_DATE_IN_FUTURE', 'ODOMETER_OUT_OF_ORDER'],
    handler: async (ctx, { params, body }) => {
      await getVehicle(ctx, params.vehicleId);
      const tenant = await getTenant(ctx);
      const reading = await recordPastReading(ctx, {
        vehicleId: params.vehicleId,
        date: body.date,
        timeZone: tenant.timezone,
        mileageKm: body.mileageKm,
      });
      await announceVehicleHistory(ctx, params.vehicleId, 'reading');
      return reading;
    },
  });
}
