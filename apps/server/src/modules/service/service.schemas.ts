import { z } from 'zod';
import { CalendarDate } from '../../kernel/calendar.ts';
import { CursorQuery, LimitQuery } from '../../kernel/paging.ts';
import { PAYMENT_METHODS, SERVICE_CATEGORIES, SERVICE_ORDER_STATUSES } from './service.tables.ts';

const ITEM_KINDS = ['labour', 'part'] as const;
/** ¥10,000,000 a unit: more is a typo; it also keeps every total a safe integer. */
const MAX_UNIT_PRICE_FEN = 1_000_000_000;

export const ServiceOrderSummarySchema = z
  .object({
    id: z
      .string()
      .describe(
        'Staff open it at /api/v1/staff/service-orders/{id}; the car owner at /api/v1/app/me/service-orders/{id}',
      ),
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

// ---- requests ----

const PartNumber = z
  .string()
  .trim()
  .max(40)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9 ./_-]*$/,
    'Letters, digits, and - . / _ or spaces (e.g. 06L115562B, 04152-YZZA1)',
  )
  .describe('Manufacturer part number (parts only)');

const TechnicianId = z
  .string()
  .uuid()
  .describe(
    'A technician, manager or owner working at the order’s store (GET /api/v1/staff/technicians)',
  );
/** Twelve hours on one line is already a lot; more is a typo. */
const LabourMinutes = z
  .number()
  .int()
  .min(0)
  .max(24 * 60)
  .describe('Labour time spent, in minutes (labour lines only)');

export const ServiceOrderItemBody = z
  .object({
    kind: z.enum(ITEM_KINDS).describe('labour (工时) or part (配件)'),
    category: z.enum(SERVICE_CATEGORIES),
    description: z.string().trim().min(1).max(200),
    partNumber: PartNumber.nullish(),
    quantity: z.number().int().min(1).max(9999).default(1),
    unitPriceFen: z.number().int().min(0).max(MAX_UNIT_PRICE_FEN).describe('Integer fen (分)'),
    technicianId: TechnicianId.nullish().describe(
      'Who does this line when not the order’s lead technician',
    ),
    labourMinutes: LabourMinutes.nullish(),
  })
  .meta({
    example: {
      kind: 'part',
      category: 'oil_change',
      description: '机油滤清器',
      partNumber: '06L115562B',
      quantity: 1,
      unitPriceFen: 8800,
    },
  });
export type ServiceOrderItemInput = z.infer<typeof ServiceOrderItemBody>;

export const ServiceOrderItemPatchBody = z
  .object({
    kind: z.enum(ITEM_KINDS),
    category: z.enum(SERVICE_CATEGORIES),
    description: z.string().trim().min(1).max(200),
    partNumber: PartNumber.nullable(),
    quantity: z.number().int().min(1).max(9999),
    unitPriceFen: z.number().int().min(0).max(MAX_UNIT_PRICE_FEN),
    technicianId: TechnicianId.nullable(),
    labourMinutes: LabourMinutes.nullable(),
  })
  .partial()
  .meta({ example: { quantity: 2, unitPriceFen: 4500 } });
export type ServiceOrderItemPatch = z.infer<typeof ServiceOrderItemPatchBody>;

export const CreateServiceOrderBody = z
  .object({
    customerId: z.string().uuid(),
    vehicleId: z.string().uuid().describe('One of the customer’s cars'),
    storeId: z.string().uuid(),
    mileageKm: z
      .number()
      .int()
      .min(0)
      .max(2_000_000)
      .nullish()
      .describe('Odometer at intake; recorded as a reading of the car'),
    confirmRollback: z
      .boolean()
      .optional()
      .describe('Accept a mileage more than 1,000 km below the car’s last reading'),
    advisorId: z
      .string()
      .uuid()
      .nullish()
      .describe('The advisor (服务顾问); defaults to the staff member opening the order'),
    technicianId: TechnicianId.nullish().describe('The lead technician (主修技师)'),
    notes: z.string().trim().max(2000).nullish(),
    items: z.array(ServiceOrderItemBody).max(200).optional(),
  })
  .meta({
    example: {
      customerId: '01900000-0000-7000-8000-000000000001',
      vehicleId: '01900000-0000-7000-8000-000000000002',
      storeId: '01900000-0000-7000-8000-000000000003',
      mileageKm: 56800,
      notes: '客户反映刹车异响',
      items: [
        {
          kind: 'labour',
          category: 'oil_change',
          description: '更换机油工时',
          quantity: 1,
          unitPriceFen: 8000,
        },
      ],
    },
  });
export type CreateServiceOrderInput = z.infer<typeof CreateServiceOrderBody>;

export const AssignTechnicianBody = z
  .object({
    technicianId: TechnicianId.nullable().describe('The lead technician; null takes them off'),
  })
  .meta({ example: { technicianId: '01900000-0000-7000-8000-000000000004' } });

export const ItemWorkBody = z
  .object({
    technicianId: TechnicianId.nullable().describe('null: the order’s lead technician does it'),
    labourMinutes: LabourMinutes.nullable(),
  })
  .partial()
  .meta({ example: { labourMinutes: 45 } });
export type ItemWorkInput = z.infer<typeof ItemWorkBody>;

export const DeclinedBody = z
  .object({
    category: z.enum(SERVICE_CATEGORIES),
    description: z.string().trim().min(1).max(200),
  })
  .meta({ example: { category: 'brakes', description: '前刹车片剩余 3mm，建议更换' } });

export const PaymentPartBody = z
  .object({
    method: z.enum(PAYMENT_METHODS),
    amountFen: z
      .number()
      .int()
      .min(1)
      .max(MAX_UNIT_PRICE_FEN)
      .optional()
      .describe('Integer fen; for a points part it may be left out (worked out from `points`)'),
    points: z
      .number()
      .int()
      .min(1)
      .max(100_000_000)
      .optional()
      .describe('Points part only: the points spent, at the shop’s redemption rate'),
  })
  .meta({ id: 'PaymentPart' });

export const PayBody = z
  .object({
    parts: z
      .array(PaymentPartBody)
      .min(1)
      .max(PAYMENT_METHODS.length)
      .optional()
      .describe(
        'The payment split across methods (one part per method), adding up to the amount due. Stored value comes from the wallet and points from the points balance, in the same transaction.',
      ),
    method: z
      .enum(PAYMENT_METHODS)
      .optional()
      .describe('Single-method form (without `parts`): the method of the whole payment'),
    paidFen: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Single-method form: must equal the amount due (total − discounts)'),
    storedValueFen: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Single-method form: part of paidFen taken from stored value (储值); default 0'),
  })
  .meta({
    example: {
      parts: [
        { method: 'stored_value', amountFen: 30000 },
        { method: 'points', points: 5000 },
        { method: 'wechat_pay', amountFen: 11800 },
      ],
    },
  });

export const RefundBody = z
  .object({ reason: z.string().trim().min(1).max(200) })
  .meta({ example: { reason: '客户退款' } });

export const CancelBody = z
  .object({ reason: z.string().trim().min(1).max(200) })
  .meta({ example: { reason: '客户取消维修' } });

export const ServiceOrderListQuery = z.object({
  status: z.enum(SERVICE_ORDER_STATUSES).optional(),
  storeId: z.string().uuid().optional(),
  customerId: z.string().uuid().optional(),
  vehicleId: z.string().uuid().optional(),
  technicianId: z
    .string()
    .uuid()
    .optional()
    .describe('Orders this staff member leads or does a line of'),
  from: CalendarDate.optional().describe('Opened on or after this day (tenant timezone)'),
  to: CalendarDate.optional().describe('Opened on or before this day (tenant timezone)'),
  limit: LimitQuery,
  cursor: CursorQuery,
});
export type ServiceOrderListInput = z.infer<typeof ServiceOrderListQuery>;

// ---- responses ----

export const ServiceOrderItemSchema = z
  .object({
    id: z.string(),
    position: z.number().int(),
    kind: z.enum(ITEM_KINDS),
    category: z.enum(SERVICE_CATEGORIES),
    description: z.string(),
    partNumber: z.string().nullable(),
    quantity: z.number().int(),
    unitPriceFen: z.number().int(),
    amountFen: z.number().int().describe('quantity × unitPriceFen'),
    technicianId: z
      .string()
      .nullable()
      .describe('This line’s own technician; null: the order’s lead technician'),
    technicianName: z.string().nullable(),
    labourMinutes: z.number().int().nullable(),
  })
  .meta({ id: 'ServiceOrderItem' });

export const DeclinedRecommendationSchema = z
  .object({
    id: z.string(),
    vehicleId: z.string(),
    orderId: z.string().nullable(),
    orderNumber: z.string().nullable(),
    category: z.enum(SERVICE_CATEGORIES),
    description: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'DeclinedRecommendation' });

export const ServiceOrderDiscountSchema = z
  .object({
    id: z.string(),
    source: z.enum(['coupon']),
    referenceId: z.string().describe('The coupon id'),
    amountFen: z.number().int(),
    label: z.string().describe('e.g. "保养立减 50 元 · 券码 7KQ3MXP2"'),
    createdAt: z.string(),
  })
  .meta({ id: 'ServiceOrderDiscount' });

export const ServiceOrderPaymentSchema = z
  .object({
    method: z.enum(PAYMENT_METHODS),
    amountFen: z.number().int(),
    points: z.number().int().nullable().describe('Points spent (points part only)'),
  })
  .meta({ id: 'ServiceOrderPayment' });

const Totals = {
  totalFen: z.number().int(),
  labourFen: z.number().int(),
  partsFen: z.number().int(),
  discountFen: z.number().int().describe('Sum of the discounts (coupons) applied'),
  amountDueFen: z.number().int().describe('totalFen − discountFen (never below 0): what is paid'),
  discounts: z.array(ServiceOrderDiscountSchema),
};

export const ServiceOrderListItemSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    status: z.enum(SERVICE_ORDER_STATUSES),
    storeId: z.string(),
    storeName: z.string(),
    customerId: z.string(),
    customerName: z.string().nullable(),
    vehicleId: z.string(),
    plate: z.string().nullable(),
    advisorId: z.string().nullable(),
    advisorName: z.string().nullable(),
    technicianId: z.string().nullable(),
    technicianName: z.string().nullable(),
    mileageKm: z.number().int().nullable(),
    totalFen: z.number().int(),
    openedAt: z.string(),
    summary: z.string(),
  })
  .meta({ id: 'ServiceOrderListItem' });

export const ServiceOrderSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    status: z.enum(SERVICE_ORDER_STATUSES),
    nextStatuses: z
      .array(z.enum(SERVICE_ORDER_STATUSES))
      .describe('The moves allowed from the current status'),
    storeId: z.string(),
    storeName: z.string(),
    customerId: z.string(),
    customerName: z.string().nullable(),
    vehicleId: z.string(),
    plate: z.string().nullable(),
    vehicleName: z.string().describe('Make and model, e.g. "上汽大众 朗逸"'),
    advisorId: z.string().nullable(),
    advisorName: z.string().nullable(),
    technicianId: z.string().nullable().describe('The lead technician (主修技师)'),
    technicianName: z.string().nullable(),
    mileageKm: z.number().int().nullable(),
    ...Totals,
    paidFen: z.number().int().nullable(),
    paymentMethod: z
      .enum(PAYMENT_METHODS)
      .nullable()
      .describe('The method that took the most of the payment; `payments` has every part'),
    payments: z.array(ServiceOrderPaymentSchema).describe('Every part of the payment (收款明细)'),
    notes: z.string().nullable(),
    cancelReason: z.string().nullable(),
    openedAt: z.string(),
    completedAt: z.string().nullable(),
    paidAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    items: z.array(ServiceOrderItemSchema),
    declined: z.array(DeclinedRecommendationSchema),
  })
  .meta({ id: 'ServiceOrder' });
export type ServiceOrderDto = z.infer<typeof ServiceOrderSchema>;

/** What the car owner sees of one visit: no staff or internal notes. */
export const MyServiceOrderSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    status: z.enum(SERVICE_ORDER_STATUSES),
    vehicleId: z.string(),
    plate: z.string().nullable(),
    storeName: z.string(),
    storeAddress: z.string().nullable(),
    storePhone: z.string().nullable(),
    advisorName: z.string().nullable(),
    mileageKm: z.number().int().nullable(),
    ...Totals,
    paidFen: z.number().int().nullable(),
    paymentMethod: z.enum(PAYMENT_METHODS).nullable(),
    payments: z.array(ServiceOrderPaymentSchema),
    openedAt: z.string(),
    completedAt: z.string().nullable(),
    paidAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    items: z.array(
      ServiceOrderItemSchema.omit({ position: true, technicianId: true, technicianName: true }),
    ),
    declined: z.array(
      DeclinedRecommendationSchema.pick({ id: true, category: true, description: true }),
    ),
  })
  .meta({ id: 'MyServiceOrder' });
export type MyServiceOrderDto = z.infer<typeof MyServiceOrderSchema>;

// ---- technicians and their jobs ----

export const TechnicianListQuery = z.object({
  storeId: z.string().uuid().optional().describe('Only those who work at this store'),
});

export const TechnicianSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(['owner', 'manager', 'technician']),
    storeIds: z.array(z.string()).nullable().describe('null: every store (an owner)'),
  })
  .meta({ id: 'Technician' });

export const TechnicianJobLineSchema = z
  .object({
    id: z.string(),
    kind: z.enum(ITEM_KINDS),
    category: z.enum(SERVICE_CATEGORIES),
    description: z.string(),
    quantity: z.number().int(),
    labourMinutes: z.number().int().nullable(),
    technicianId: z.string().nullable().describe('Who does the line (its own, else the lead)'),
    technicianName: z.string().nullable(),
    mine: z.boolean().describe('The technician of the list does this line'),
  })
  .meta({ id: 'TechnicianJobLine' });

export const TechnicianJobSchema = z
  .object({
    orderId: z.string(),
    number: z.string(),
    status: z.enum(SERVICE_ORDER_STATUSES),
    storeId: z.string(),
    storeName: z.string(),
    customerName: z.string().nullable().describe('The name only: no phone in a job list'),
    plate: z.string().nullable(),
    vehicleName: z.string(),
    mileageKm: z.number().int().nullable(),
    leadTechnicianId: z.string().nullable(),
    leadTechnicianName: z.string().nullable(),
    notes: z.string().nullable(),
    openedAt: z.string(),
    completedAt: z.string().nullable(),
    labourMinutes: z.number().int().describe('Labour minutes of this technician’s lines'),
    lines: z.array(TechnicianJobLineSchema),
  })
  .meta({ id: 'TechnicianJob' });
export type TechnicianJob = z.infer<typeof TechnicianJobSchema>;

export const MyJobsSchema = z
  .object({
    items: z.array(TechnicianJobSchema).describe('Open orders first, then those completed today'),
    totalLabourMinutes: z.number().int(),
  })
  .meta({ id: 'MyJobs' });

/** A quarter of a year at most: the list is not paged. */
export const MAX_JOB_RANGE_DAYS = 92;

export const TechnicianJobsQuery = z.object({
  from: CalendarDate.optional().describe(
    'Work done (completed, else opened) on or after this day; default today',
  ),
  to: CalendarDate.optional().describe('… on or before this day (tenant timezone); default from'),
});

export const TechnicianJobsSchema = z
  .object({
    technician: z.object({ id: z.string(), name: z.string(), role: z.string() }),
    from: z.string(),
    to: z.string(),
    orderCount: z.number().int(),
    totalLabourMinutes: z.number().int(),
    items: z.array(TechnicianJobSchema),
  })
  .meta({ id: 'TechnicianJobs' });
