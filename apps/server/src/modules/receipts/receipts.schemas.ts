import { z } from 'zod';
import { ServiceOrderSchema } from '../service/index.ts';
import { INVOICE_KINDS, INVOICE_STATUSES, INVOICE_TYPES } from './receipts.tables.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

export const InvoiceRequestBody = z
  .object({
    type: z.enum(INVOICE_TYPES).describe('personal (个人) or company (单位)'),
    kind: z
      .enum(INVOICE_KINDS)
      .default('normal')
      .describe('normal (普通发票) or special (专票: company only, with address, phone and bank)'),
    title: text(100).describe('抬头: the name on the invoice'),
    taxNumber: z
      .string()
      .trim()
      .max(40)
      .nullish()
      .describe('税号: 15, 18 or 20 letters and digits; required for a company'),
    email: z.email().max(200).nullish().describe('Where to send the e-invoice'),
    address: text(200).nullish().describe('专票: registered address'),
    phone: text(40).nullish().describe('专票: registered phone'),
    bankName: text(100).nullish().describe('专票: bank (开户行)'),
    bankAccount: text(40).nullish().describe('专票: account number'),
  })
  .meta({
    example: {
      type: 'company',
      kind: 'normal',
      title: '广州留客汽车服务有限公司',
      taxNumber: '91440101MA5CXXXX1X',
      email: 'finance@example.com',
    },
  });
export type InvoiceRequestInput = z.infer<typeof InvoiceRequestBody>;

export const InvoiceIssuedBody = z
  .object({
    invoiceNumber: z
      .string()
      .trim()
      .max(40)
      .nullish()
      .describe('The invoice number (发票号码), when there is one'),
  })
  .meta({ example: { invoiceNumber: '24442000000012345678' } });

export const InvoiceRequestSchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    type: z.enum(INVOICE_TYPES),
    kind: z.enum(INVOICE_KINDS),
    title: z.string(),
    taxNumber: z.string().nullable(),
    email: z.string().nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    bankName: z.string().nullable(),
    bankAccount: z.string().nullable(),
    status: z.enum(INVOICE_STATUSES).describe('requested, or issued (已开票)'),
    invoiceNumber: z.string().nullable(),
    issuedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'InvoiceRequest' });
export type InvoiceRequestDto = z.infer<typeof InvoiceRequestSchema>;

const When = z
  .object({
    at: z.string().describe('ISO instant'),
    local: z.string().describe('YYYY-MM-DD HH:mm in the business’s time zone'),
  })
  .nullable();

const OrderPart = ServiceOrderSchema.shape;

export const ReceiptSchema = z
  .object({
    shop: z.object({
      tenantName: z.string().describe('The business (brand) name'),
      storeName: z.string(),
      address: z.string().nullable(),
      phone: z.string().nullable(),
    }),
    orderId: z.string(),
    number: OrderPart.number,
    status: OrderPart.status,
    timeZone: z.string(),
    dates: z.object({ opened: When, completed: When, paid: When, closed: When }),
    plate: z.string().nullable(),
    vehicleName: z.string().describe('Make and model'),
    mileageKm: z.number().int().nullable(),
    customer: z.object({
      name: z.string().nullable(),
      phone: z.string().nullable().describe('As staff see it (masked for technicians)'),
    }),
    advisorName: z.string().nullable(),
    notes: z.string().nullable(),
    lines: z.array(
      z.object({
        kind: z.enum(['labour', 'part']),
        description: z.string(),
        partNumber: z.string().nullable(),
        quantity: z.number().int(),
        unitPriceFen: z.number().int(),
        amountFen: z.number().int(),
      }),
    ),
    discounts: z.array(z.object({ label: z.string(), amountFen: z.number().int() })),
    totals: z.object({
      labourFen: z.number().int(),
      partsFen: z.number().int(),
      totalFen: z.number().int(),
      discountFen: z.number().int(),
      amountDueFen: z.number().int(),
      paidFen: z.number().int().nullable(),
    }),
    payments: OrderPart.payments,
    pointsEarned: z
      .object({
        points: z.number().int(),
        status: z.enum(['pending', 'available', 'reversed']),
        availableAt: z.string().nullable(),
      })
      .nullable()
      .describe('Points this order earned; pending until the return window ends'),
    balances: z
      .object({
        pointsAvailable: z.number().int(),
        pointsPending: z.number().int(),
        storedValueFen: z.number().int(),
      })
      .nullable()
      .describe('The customer’s balances now (after this order when printed at the till)'),
    nextDue: z
      .object({
        key: z.string(),
        label: z.string(),
        dueDate: z.string(),
        dueKm: z.number().int().nullable(),
        status: z.enum(['overdue', 'due_soon', 'ok']),
      })
      .nullable()
      .describe('The car’s next due item (what, by when, at what mileage)'),
    invoiceRequest: InvoiceRequestSchema.nullable(),
  })
  .meta({ id: 'Receipt' });
export type ReceiptDto = z.infer<typeof ReceiptSchema>;

/** The car owner's copy: no customer phone, no internal notes. */
export const MyReceiptSchema = ReceiptSchema.omit({ customer: true, notes: true }).meta({
  id: 'MyReceipt',
});
export type MyReceiptDto = z.infer<typeof MyReceiptSchema>;
