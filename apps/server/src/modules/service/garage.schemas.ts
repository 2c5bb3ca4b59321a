import { z } from 'zod';
import { VehicleSchema } from '../vehicles/index.ts';
import { ServiceOrderSummarySchema } from './service.schemas.ts';

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
