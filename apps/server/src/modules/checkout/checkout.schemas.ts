import { z } from 'zod';
import { CalendarDate } from '../../kernel/calendar.ts';
import { PAYMENT_METHODS, type PayBody, type RefundBody } from '../service/index.ts';

export type PaymentInput = z.output<typeof PayBody>;
export type RefundInput = z.output<typeof RefundBody>;

export const TillQuery = z.object({
  date: CalendarDate.describe('The business day (the tenant’s time zone)'),
  storeId: z.string().uuid().optional().describe('One store; all stores when left out'),
});

export const TillReportSchema = z
  .object({
    date: z.string(),
    timeZone: z.string(),
    storeId: z.string().nullable(),
    paidOrders: z.number().int().describe('Orders paid that day'),
    refundedOrders: z.number().int().describe('Orders refunded that day'),
    methods: z.array(
      z.object({
        method: z.enum(PAYMENT_METHODS),
        payments: z.number().int().describe('Payments with a part in this method'),
        takenFen: z.number().int(),
        refunds: z.number().int(),
        refundedFen: z.number().int(),
        netFen: z.number().int().describe('takenFen − refundedFen'),
        points: z.number().int().describe('Points part only: points taken less points returned'),
      }),
    ),
    totals: z.object({
      takenFen: z.number().int(),
      refundedFen: z.number().int(),
      netFen: z.number().int(),
    }),
    ledger: z
      .object({
        storedValueSpentFen: z.number().int(),
        storedValueReturnedFen: z.number().int(),
        pointsRedeemed: z.number().int(),
        pointsReturned: z.number().int(),
      })
      .describe('What the loyalty ledger booked against the same orders that day'),
    matchesLedger: z
      .object({ storedValue: z.boolean(), points: z.boolean() })
      .describe('The stored-value and points parts on the orders equal the ledger'),
  })
  .meta({ id: 'TillReport' });
export type TillReport = z.infer<typeof TillReportSchema>;
