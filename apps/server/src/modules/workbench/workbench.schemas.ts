import { z } from 'zod';
import { APPOINTMENT_STATUSES } from '../appointments/index.ts';
import { TenantDueItemSchema } from '../automation/index.ts';

export const WorkbenchQuery = z.object({
  storeId: z
    .string()
    .uuid()
    .optional()
    .describe('One store; omitted: every store the caller works in (an owner: all stores)'),
});

export const WorkbenchBookingSchema = z
  .object({
    id: z.string(),
    storeId: z.string(),
    storeName: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    time: z.string().describe('Start on the business’s wall clock, "09:30"'),
    hour: z.string().describe('The hour it falls in, "09:00"'),
    customer: z.object({ id: z.string(), name: z.string().nullable(), phone: z.string() }),
    vehicle: z.object({ id: z.string(), plate: z.string().nullable() }).nullable(),
    serviceCategory: z.string().nullable(),
    status: z.enum(APPOINTMENT_STATUSES),
    arrived: z.boolean().describe('Checked in (or its visit already done)'),
    canCheckIn: z
      .boolean()
      .describe('POST /api/v1/staff/appointments/{id}/check-in would be accepted'),
  })
  .meta({ id: 'WorkbenchBooking' });

export const WorkbenchOrderSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    status: z.enum(['open', 'completed']),
    storeId: z.string(),
    storeName: z.string(),
    customerId: z.string(),
    customerName: z.string().nullable(),
    vehicleId: z.string(),
    plate: z.string().nullable(),
    advisorId: z.string().nullable(),
    advisorName: z.string().nullable(),
    totalFen: z.number().int(),
    openedAt: z.string(),
    completedAt: z.string().nullable(),
  })
  .meta({ id: 'WorkbenchOrder' });

export const WorkbenchSchema = z
  .object({
    date: z.string().describe('Today in the business’s time zone, YYYY-MM-DD'),
    timeZone: z.string(),
    scope: z.object({
      storeIds: z.array(z.string()).nullable().describe('null: every store'),
      advisorId: z.string().nullable().describe('Set for an advisor: only their own orders'),
    }),
    figures: z.object({
      revenueFen: z.number().int().describe('Paid today (orders paid today, not refunded)'),
      paidOrders: z.number().int(),
      carsToday: z.number().int().describe('Distinct cars among the orders paid today'),
      openOrders: z.number().int(),
      completedOrders: z.number().int().describe('Work done, not yet paid'),
      waitingCars: z.number().int().describe('Distinct cars whose order is open or unpaid'),
      bookingsToday: z.number().int(),
      arrived: z.number().int(),
      expected: z.number().int().describe('Bookings still to come (booked or confirmed)'),
      late: z.number().int().describe('Of those, past their start'),
      unreadConversations: z.number().int(),
      dueCalls: z.number().int().describe('Items of the due-list to call about (window `due`)'),
    }),
    bookings: z.array(z.object({ hour: z.string(), items: z.array(WorkbenchBookingSchema) })),
    orders: z.object({
      open: z.array(WorkbenchOrderSchema),
      completed: z.array(WorkbenchOrderSchema),
      more: z.boolean().describe('More orders are in the shop than listed here'),
    }),
    dueCalls: z.array(TenantDueItemSchema).describe('The first items of the call list'),
  })
  .meta({ id: 'Workbench' });
export type WorkbenchDto = z.infer<typeof WorkbenchSchema>;
