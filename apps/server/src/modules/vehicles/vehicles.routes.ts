import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import {
  MileageBody,
  OdometerReadingSchema,
  OwnershipSchema,
  TransferBody,
  VehicleBody,
  VehicleSchema,
} from './vehicles.schemas.ts';
import * as vehicles from './vehicles.service.ts';
import { listOdometer, ownershipHistory, recordOdometer, transferVehicle } from './ownership.ts';

const VehicleParams = z.object({ vehicleId: z.string().uuid() });
const CustomerParams = z.object({ customerId: z.string().uuid() });
const VEHICLE_ERRORS = [
  'VEHICLE_PLATE_INVALID',
  'VEHICLE_VIN_INVALID',
  'VEHICLE_VIN_CHECK_DIGIT',
  'VEHICLE_PLATE_TAKEN',
  'VEHICLE_VIN_TAKEN',
] as const;

export function vehicleRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/customers/{customerId}/vehicles',
    audience: 'staff',
    roles: ['owner', 'manager', 'advisor'],
    summary: 'Add a car to a customer',
    tags: ['vehicles'],
    params: CustomerParams,
    body: VehicleBody,
    status: 201,
    response: VehicleSchema,
    errors: [...VEHICLE_ERRORS],
    handler: async (ctx, { params, body }) => vehicles.createVehicle(ctx, params.customerId, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/vehicles/{vehicleId}',
    audience: 'staff',
    summary: 'A car',
    tags: ['vehicles'],
    params: VehicleParams,
    response: VehicleSchema,
    handler: async (ctx, { params }) => vehicles.getVehicle(ctx, params.vehicleId),
  });

  defineRoute(app, deps, {
    method: 'PATCH',
    url: '/api/v1/staff/vehicles/{vehicleId}',
    audience: 'staff',
    roles: ['owner', 'manager', 'advisor'],
    summary: 'Edit a car',
    tags: ['vehicles'],
    params: VehicleParams,
    body: VehicleBody.meta({ example: { model: '朗逸 启航', year: 2023 } }),
    response: VehicleSchema,
    errors: [...VEHICLE_ERRORS],
    handler: async (ctx, { params, body }) => vehicles.updateVehicle(ctx, params.vehicleId, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/vehicles/{vehicleId}/odometer',
    audience: 'staff',
    summary: 'A car’s odometer readings, newest first',
    tags: ['vehicles'],
    params: VehicleParams,
    response: z.object({ items: z.array(OdometerReadingSchema) }),
    handler: async (ctx, { params }) => {
      await vehicles.getVehicle(ctx, params.vehicleId);
      return { items: await listOdometer(ctx, params.vehicleId) };
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/vehicles/{vehicleId}/odometer',
    audience: 'staff',
    roles: ['owner', 'manager', 'advisor', 'technician'],
    summary: 'Record the car’s current mileage',
    tags: ['vehicles'],
    params: VehicleParams,
    body: MileageBody,
    status: 201,
    response: OdometerReadingSchema,
    errors: ['ODOMETER_ROLLBACK'],
    handler: async (ctx, { params, body }) => {
      await vehicles.getVehicle(ctx, params.vehicleId);
      return recordOdometer(ctx, {
        vehicleId: params.vehicleId,
        mileageKm: body.mileageKm,
        source: 'staff',
        confirmRollback: body.confirmRollback,
      });
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/vehicles/{vehicleId}/transfer',
    audience: 'staff',
    roles: ['owner', 'manager', 'advisor'],
    summary: 'Transfer a car to another customer; its history stays with the car',
    tags: ['vehicles'],
    params: VehicleParams,
    body: TransferBody,
    response: VehicleSchema,
    errors: ['VEHICLE_TRANSFER_SAME_OWNER'],
    handler: async (ctx, { params, body }) => {
      await transferVehicle(ctx, {
        vehicleId: params.vehicleId,
        toCustomerId: body.toCustomerId,
        reason: body.reason,
      });
      return vehicles.getVehicle(ctx, params.vehicleId);
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/vehicles/{vehicleId}/owners',
    audience: 'staff',
    summary: 'Who owned the car when',
    tags: ['vehicles'],
    params: VehicleParams,
    response: z.object({ items: z.array(OwnershipSchema) }),
    handler: async (ctx, { params }) => {
      await vehicles.getVehicle(ctx, params.vehicleId);
      return { items: await ownershipHistory(ctx, params.vehicleId) };
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/me/vehicles/{vehicleId}/odometer',
    audience: 'app',
    summary: 'Report my car’s current mileage (its due dates are recomputed)',
    tags: ['vehicles'],
    params: VehicleParams,
    body: MileageBody,
    status: 201,
    response: OdometerReadingSchema,
    errors: ['ODOMETER_ROLLBACK'],
    handler: async (ctx, { params, body }) => {
      await vehicles.getVehicle(ctx, params.vehicleId, ctx.actor.id!);
      return recordOdometer(ctx, {
        vehicleId: params.vehicleId,
        mileageKm: body.mileageKm,
        source: 'owner',
        confirmRollback: body.confirmRollback,
      });
    },
  });
}
