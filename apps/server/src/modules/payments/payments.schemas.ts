import { z } from 'zod';
import { CalendarDate } from '../../kernel/calendar.ts';
import { CursorQuery, LimitQuery, page } from '../../kernel/paging.ts';
import {
  PAYMENT_CHANNELS,
  PAYMENT_KINDS,
  PAYMENT_PROVIDERS,
  PAYMENT_STATUSES,
  REFUND_STATUSES,
} from './payments.tables.ts';

const actionField = (what: string) => z.string().optional().describe(what);

/** What the owner's client does to pay (only while the payment is pending; empty after). */
export const PaymentActionSchema = z
  .object({
    redirectUrl: actionField('WeChat H5, Alipay wap: open this page'),
    qrCode: actionField('WeChat Native, Alipay QR: show this as a QR code'),
    prepayId: actionField('WeChat JSAPI: the prepay id'),
    appId: actionField('WeChat JSAPI (getBrandWCPayRequest): the official account’s app id'),
    timeStamp: actionField('WeChat JSAPI: seconds since the epoch'),
    nonceStr: actionField('WeChat JSAPI: the random string signed'),
    package: actionField('WeChat JSAPI: `prepay_id=<id>`'),
    signType: actionField('WeChat JSAPI: `RSA`'),
    paySign: actionField(
      'WeChat JSAPI: SHA256-with-RSA by the merchant key over appId, timeStamp, nonceStr and package, each followed by a newline',
    ),
    clientSecret: actionField('Stripe: the Payment Intent’s client secret (Payment Element)'),
    publishableKey: actionField('Stripe: the publishable key to load Stripe.js with'),
    devPage: actionField('Development provider: its page (the result page’s pay button)'),
  })
  .meta({ id: 'PaymentAction' });

export const PaymentSchema = z
  .object({
    id: z.string(),
    number: z.string().describe('Our order number at the provider (out_trade_no)'),
    customerId: z.string(),
    customerName: z.string().nullable(),
    kind: z.enum(PAYMENT_KINDS),
    subjectId: z.string(),
    description: z.string(),
    amountFen: z.number().int(),
    refundedFen: z.number().int(),
    currency: z.string(),
    provider: z.enum(PAYMENT_PROVIDERS),
    channel: z.enum(PAYMENT_CHANNELS),
    status: z.enum(PAYMENT_STATUSES),
    providerTxnId: z.string().nullable(),
    heldReason: z.string().nullable(),
    action: PaymentActionSchema,
    paidAt: z.string().nullable(),
    expiresAt: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Payment' });
export type PaymentDto = z.infer<typeof PaymentSchema>;

export const RefundSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    amountFen: z.number().int(),
    reason: z.string(),
    status: z.enum(REFUND_STATUSES),
    providerRefundId: z.string().nullable(),
    createdAt: z.string(),
    settledAt: z.string().nullable(),
  })
  .meta({ id: 'PaymentRefund' });

export const PaymentDetailSchema = PaymentSchema.extend({
  refunds: z.array(RefundSchema),
  timeline: z.array(
    z.object({ type: z.string(), at: z.string(), detail: z.record(z.string(), z.unknown()) }),
  ),
}).meta({ id: 'PaymentDetail' });

export const PaymentPage = page(PaymentSchema);

export const PaymentListQuery = z.object({
  status: z.enum(PAYMENT_STATUSES).optional(),
  provider: z.enum(PAYMENT_PROVIDERS).optional(),
  kind: z.enum(PAYMENT_KINDS).optional(),
  customerId: z.string().uuid().optional(),
  limit: LimitQuery,
  cursor: CursorQuery,
});

export const StartPaymentBody = z
  .object({
    kind: z.enum(PAYMENT_KINDS),
    subjectId: z
      .string()
      .min(1)
      .max(100)
      .describe('The top-up package id, package product id, service order id or deal id'),
    provider: z.enum(PAYMENT_PROVIDERS),
    channel: z.enum(PAYMENT_CHANNELS),
    openid: z
      .string()
      .max(128)
      .optional()
      .describe(
        'Ignored: a WeChat JSAPI payment is made for the openid bound to the signed-in customer',
      ),
  })
  .meta({
    example: { kind: 'top_up', subjectId: 'tp-500', provider: 'wechat', channel: 'h5' },
  });

export const PaymentMethodsSchema = z.object({
  providers: z.array(
    z.object({
      provider: z.enum(PAYMENT_PROVIDERS),
      channels: z.array(z.enum(PAYMENT_CHANNELS)),
      currency: z.string(),
    }),
  ),
});

export const PaymentCatalogSchema = z.object({
  topUps: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      payFen: z.number().int(),
      bonusFen: z.number().int(),
    }),
  ),
  packages: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      uses: z.number().int(),
      validityDays: z.number().int(),
      priceFen: z.number().int(),
    }),
  ),
});

export const RefundBody = z
  .object({
    amountFen: z.number().int().min(1).max(100_000_000),
    reason: z.string().trim().min(1).max(80),
    refundNumber: z
      .string()
      .regex(/^[A-Za-z0-9_\-|*@]{6,64}$/u)
      .describe('Our refund number (out_refund_no): the same number is the same refund'),
  })
  .meta({ example: { amountFen: 5000, reason: '客户取消', refundNumber: 'R20261207A1B2C3' } });

export const ReconcileQuery = z.object({
  provider: z.enum(PAYMENT_PROVIDERS),
  date: CalendarDate.describe('The day (the tenant’s time zone)'),
});

const Totals = z.object({
  payments: z.number().int(),
  paidFen: z.number().int(),
  refundedFen: z.number().int(),
});

export const ReconciliationSchema = z
  .object({
    provider: z.enum(PAYMENT_PROVIDERS),
    date: z.string(),
    timeZone: z.string(),
    ours: Totals,
    statement: Totals,
    clean: z.boolean(),
    differences: z.array(
      z.object({
        type: z.enum(['missing_at_provider', 'missing_here', 'amount_differs']),
        kind: z.enum(['payment', 'refund']),
        number: z.string(),
        paymentNumber: z.string(),
        ourFen: z.number().int().nullable(),
        providerFen: z.number().int().nullable(),
      }),
    ),
  })
  .meta({ id: 'PaymentReconciliation' });

export const PaymentSettingSchema = z
  .object({
    provider: z.enum(PAYMENT_PROVIDERS),
    enabled: z.boolean(),
    channels: z.array(z.string()),
    config: z.record(z.string(), z.string()),
    secretsSet: z
      .record(z.string(), z.boolean())
      .describe('Whether each secret is set; never the secret'),
    updatedAt: z.string(),
  })
  .meta({ id: 'PaymentSetting' });

export const SavePaymentSettingBody = z
  .object({
    enabled: z.boolean(),
    config: z.record(z.string().max(60), z.string().max(8000)),
    secrets: z
      .record(z.string().max(60), z.string().max(8000))
      .optional()
      .describe('Write-only: given replaces, empty string removes, left out keeps'),
  })
  .meta({
    example: {
      enabled: true,
      config: {
        mchid: '1900000109',
        appid: 'wx8888888888888888',
        merchantSerialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
      },
      secrets: { apiV3Key: '********************************' },
    },
  });
