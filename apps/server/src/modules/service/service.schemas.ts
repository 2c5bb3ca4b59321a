import { z } from 'zod';
import { SERVICE_ORDER_STATUSES } from './service.tables.ts';

export const ServiceOrderSummarySchema = z
  .object({
    id: z.string(),
    number: z.string(),
    storeId: z.string(),
    storeName: z.string(),
    status: z.enum(SERVICE_ORDER_STATUSES),
    mileageKm: z.number().int().nullable(),
    totalFen: z.number().int(),
    openedAt: z.string(),
    closedAt: z.string().nullable(),
    summary: z.string().describe('What was done, e.g. "机油 · 机油滤清器 · 更换机油工时"'),
  })
  .meta({ id: 'ServiceOrderSummary' });
export type ServiceOrderSummary = z.infer<typeof ServiceOrderSummarySchema>;
