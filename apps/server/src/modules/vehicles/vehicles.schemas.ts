import { z } from 'zod';
import { FUEL_TYPES } from './vehicles.tables.ts';
import { ServiceOrderSummarySchema } from '../service/index.ts';

const DateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const VehicleSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    plate: z.string().nullable(),
    vin: z.string().nullable(),
    make: z.string().nullable(),
    model: z.string().nullable(),
    year: z.number().int().nullable(),
    fuelType: z.enum(FUEL_TYPES),
    registrationDate: z.string().nullable(),
    lastMileageKm: z.number().int().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Vehicle' });
export type VehicleDto = z.infer<typeof VehicleSchema>;

export const VehicleBody = z
  .object({
    plate: z
      .string()
      .trim()
      .max(16)
      .nullish()
      .describe('Chinese plate; 8 characters for new-energy cars'),
    vin: z
      .string()
      .trim()
      .max(32)
      .nullish()
      .describe('17 characters; the check digit (position 9) is verified'),
    make: z.string().trim().max(60).nullish(),
    model: z.string().trim().max(60).nullish(),
    year: z.number().int().min(1950).max(2100).nullish(),
    fuelType: z.enum(FUEL_TYPES).optional(),
    registrationDate: DateString.nullish(),
  })
  .meta({
    example: {
      plate: '粤A12345',
      vin: 'LSVAU218XN2183294',
      make: '上汽大众',
      model: '朗逸',
      year: 2022,
      fuelType: 'petrol',
    },
  });
export type VehicleInput = z.infer<typeof VehicleBody>;

export const LastServiceSchema = z.object({
  date: z.string(),
  mileageKm: z.number().int().nullable(),
  storeName: z.string(),
});
export const MyVehicleSchema = VehicleSchema.extend({
  lastService: LastServiceSchema.nullable(),
}).meta({ id: 'MyVehicle' });
export const MyVehicleDetailSchema = VehicleSchema.extend({
  serviceOrders: z.array(ServiceOrderSummarySchema),
}).meta({ id: 'MyVehicleDetail' });
