import { z } from 'zod';
import { CalendarDate } from '../../kernel/calendar.ts';
import { SERVICE_CATEGORIES } from './service.tables.ts';

/** ¥10,000,000: more is a typo (the same cap as an order line's unit price). */
const MAX_VISIT_FEN = 1_000_000_000;

export const PastVisitBody = z
  .strictObject({
    date: CalendarDate.describe('The day of the visit (the business’s time zone); not after today'),
    storeId: z.string().uuid(),
    mileageKm: z
      .number()
      .int()
      .min(0)
      .max(2_000_000)
      .nullish()
      .describe('Mileage at intake; filed as the car’s reading of that day'),
    category: z.enum(SERVICE_CATEGORIES),
    description: z.string().trim().min(1).max(200).describe('What was done'),
    totalFen: z.number().int().min(0).max(MAX_VISIT_FEN).describe('What it came to, integer fen'),
  })
  .meta({
    example: {
      date: '2024-03-05',
      storeId: '01900000-0000-7000-8000-000000000001',
      mileageKm: 45200,
      category: 'oil_change',
      description: '更换机油机滤',
      totalFen: 58000,
    },
  });
export type PastVisitInput = z.infer<typeof PastVisitBody>;
