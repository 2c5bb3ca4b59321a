import { z } from 'zod';
import { CustomerRecordSchema, CustomerRecordSummarySchema } from '../customers/index.ts';
import { VehicleSchema } from '../vehicles/index.ts';

export const CustomerVehicleBrief = z.object({
  id: z.string(),
  plate: z.string().nullable(),
  make: z.string().nullable(),
  model: z.string().nullable(),
  matchedVin: z
    .string()
    .nullable()
    .optional()
    .describe('The VIN, when the search matched this car by its VIN (not by its plate)'),
});

export const CustomerSummarySchema = CustomerRecordSummarySchema.extend({
  vehicles: z.array(CustomerVehicleBrief),
}).meta({ id: 'CustomerSummary' });

export const CustomerSchema = CustomerRecordSchema.extend({
  vehicles: z.array(VehicleSchema),
}).meta({ id: 'Customer' });

export const MergeResult = z.object({
  customer: CustomerSchema,
  moved: z.record(z.string(), z.number().int()),
});
