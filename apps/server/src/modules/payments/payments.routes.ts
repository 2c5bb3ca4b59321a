import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { ErrorCode } from '../../kernel/errors.ts';
import { AppError } from '../../kernel/errors.ts';
import { CursorQuery, LimitQuery } from '../../kernel/paging.ts';
import { DESK_ROLES, MARKETING_ROLES } from '../../kernel/roles.ts';
import { settleByQuery } from './notifications.ts';
import { getPayment, listPayments } from './payment-read.ts';
import {
  enabledProviders,
  listPaymentSettings,
  savePaymentSettings,
  devBooks,
} from './payment-settings.ts';
import { paymentCatalog, startPayment } from './paying.ts';
import {
  PaymentDetailSchema,
  PaymentListQuery,
  PaymentCatalogSchema,
  PaymentMethodsSchema,
  PaymentPage,
  PaymentSchema,
  PaymentSettingSchema,
  ReconcileQuery,
  ReconciliationSchema,
  RefundBody,
  RefundSchema,
  SavePaymentSettingBody,
  StartPaymentBody,
} from './payments.schemas.ts';
import { PAYMENT_PROVIDERS } from './payments.tables.ts';
import { reconcileDay } from './reconciliation.ts';
import { requestRefund } from './refunds.ts';
import { lockPayment } from './settlement.ts';

const PaymentParams = z.object({ paymentId: z.string().uuid() });
const TAGS = ['payments'];
const PROVIDER_ERRORS: ErrorCode[] = [
  'PAYMENT_PROVIDER_OFF',
  'PAYMENT_PROVIDER_UNAVAILABLE',
  'PAYMENT_PROVIDER_REFUSED',
  'SECRET_UNREADABLE',
];

export function paymentRoutes(app: FastifyInstance, deps: RouteDeps) {
  const base = deps.config.publicUrl.replace(/\/+$/u, '');
  const urls = { notifyBase: base, returnBase: base };

  // ---- the owner's app ----

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/payments/methods',
    audience: 'app',
    summary: 'How this business takes online payments (its providers and their channels)',
    tags: TAGS,
    response: PaymentMethodsSchema,
    handler: async (ctx) => ({ providers: await enabledProviders(ctx) }),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/payments/catalog',
    audience: 'app',
    summary: 'What I can buy online: stored-value top-up packages and service packages',
    tags: TAGS,
    response: PaymentCatalogSchema,
    handler: async (ctx) => paymentCatalog(ctx),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/payments',
    audience: 'app',
    summary: 'Start paying online: a top-up package, a service package, a completed order, a deal',
    description:
      'The amount is fixed here from what is paid for. The answer’s `action` says what the client does (open `redirectUrl`, show `qrCode`, pass `appId`, `timeStamp`, `nonceStr`, `package`, `signType` and `paySign` to WeixinJSBridge’s `getBrandWCPayRequest` — JSAPI pays for the openid bound to the customer, refused with `PAYMENT_WECHAT_NOT_BOUND` without one —, confirm with Stripe’s `clientSecret`, or open the development page). Only a verified notification or query marks it paid.',
    tags: TAGS,
    body: StartPaymentBody,
    status: 201,
    response: PaymentSchema,
    errors: [
      ...PROVIDER_ERRORS,
      'PAYMENT_CHANNEL_UNSUPPORTED',
      'PAYMENT_WECHAT_NOT_BOUND',
      'PAYMENT_NOT_PAYABLE',
      'PAYMENT_ALREADY_PAID',
      'NOT_FOUND',
    ],
    handler: async (ctx, { body }, req) => {
      const row = await startPayment(
        ctx,
        { ...body, customerId: ctx.actor.id!, clientIp: req.ip },
        urls,
      );
      return getPayment(ctx, row.id, ctx.actor.id!);
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/payments',
    audience: 'app',
    summary: 'My online payments (我的支付), newest first',
    tags: TAGS,
    querystring: z.object({ limit: LimitQuery, cursor: CursorQuery }),
    response: PaymentPage,
    handler: async (ctx, { query }) => listPayments(ctx, { ...query, customerId: ctx.actor.id! }),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/payments/{paymentId}',
    audience: 'app',
    summary: 'One of my payments (the result page polls it: pending until verified)',
    tags: TAGS,
    params: PaymentParams,
    response: PaymentDetailSchema,
    handler: async (ctx, { params }) => getPayment(ctx, params.paymentId, ctx.actor.id!),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/payments/{paymentId}/check',
    audience: 'app',
    summary: 'Ask the provider now whether my payment went through (a verified query)',
    tags: TAGS,
    params: PaymentParams,
    idempotent: false,
    response: PaymentDetailSchema,
    errors: PROVIDER_ERRORS,
    handler: async (ctx, { params }) => {
      await getPayment(ctx, params.paymentId, ctx.actor.id!);
      await settleByQuery(ctx, params.paymentId);
      return getPayment(ctx, params.paymentId, ctx.actor.id!);
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/payments/{paymentId}/dev-pay',
    audience: 'app',
    summary: 'Development provider: pay (the click a real provider’s page would take)',
    description:
      'The development provider records the payment in its own books; the payment is then marked paid by a query of those books, as with a real provider.',
    tags: TAGS,
    params: PaymentParams,
    idempotent: false,
    response: PaymentDetailSchema,
    errors: ['PAYMENT_DEV_ONLY', ...PROVIDER_ERRORS],
    handler: async (ctx, { params }) => {
      await getPayment(ctx, params.paymentId, ctx.actor.id!);
      const p = (await lockPayment(ctx, { id: params.paymentId }))!;
      if (p.provider !== 'dev') throw new AppError('PAYMENT_DEV_ONLY', { field: 'paymentId' });
      const books = devBooks(ctx);
      const line = await books.get(p.number);
      if (line && line.status === 'pending') await books.put({ ...line, status: 'paid' });
      await settleByQuery(ctx, p.id);
      return getPayment(ctx, params.paymentId, ctx.actor.id!);
    },
  });

  // ---- the console ----

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/payments',
    audience: 'staff',
    roles: DESK_ROLES,
    summary: 'Online payments, newest first',
    tags: TAGS,
    querystring: PaymentListQuery,
    response: PaymentPage,
    handler: async (ctx, { query }) => listPayments(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/payments/reconciliation',
    audience: 'staff',
    roles: MARKETING_ROLES,
    summary: 'One provider’s statement of one day compared with our payments and refunds',
    tags: TAGS,
    querystring: ReconcileQuery,
    response: ReconciliationSchema,
    errors: PROVIDER_ERRORS,
    handler: async (ctx, { query }) => reconcileDay(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/payments/{paymentId}',
    audience: 'staff',
    roles: DESK_ROLES,
    summary: 'One payment with its refunds and timeline',
    tags: TAGS,
    params: PaymentParams,
    response: PaymentDetailSchema,
    handler: async (ctx, { params }) => getPayment(ctx, params.paymentId),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/payments/{paymentId}/query',
    audience: 'staff',
    roles: DESK_ROLES,
    summary: 'Ask the provider now about a pending payment (a verified query)',
    tags: TAGS,
    params: PaymentParams,
    idempotent: false,
    response: PaymentDetailSchema,
    errors: PROVIDER_ERRORS,
    handler: async (ctx, { params }) => {
      await settleByQuery(ctx, params.paymentId);
      return getPayment(ctx, params.paymentId);
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/payments/{paymentId}/refunds',
    audience: 'staff',
    roles: MARKETING_ROLES,
    summary: 'Refund a payment, in full or in part (idempotent by refund number)',
    tags: TAGS,
    params: PaymentParams,
    body: RefundBody,
    status: 201,
    response: RefundSchema,
    errors: [
      ...PROVIDER_ERRORS,
      'PAYMENT_NOT_REFUNDABLE',
      'PAYMENT_REFUND_EXCEEDS_PAID',
      'PAYMENT_REFUND_LIMIT',
      'PAYMENT_REFUND_NUMBER_REUSED',
      'STORED_VALUE_INSUFFICIENT',
      'VALIDATION_FAILED',
    ],
    handler: async (ctx, { params, body }) => {
      const r = await requestRefund(ctx, params.paymentId, body, base);
      return {
        id: r.id,
        number: r.number,
        amountFen: r.amountFen,
        reason: r.reason,
        status: r.status,
        providerRefundId: r.providerRefundId,
        createdAt: r.createdAt.toISOString(),
        settledAt: r.settledAt?.toISOString() ?? null,
      };
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/payment-settings',
    audience: 'staff',
    roles: MARKETING_ROLES,
    summary: 'Payment providers of this business (secrets never shown: only whether each is set)',
    tags: TAGS,
    response: z.object({ items: z.array(PaymentSettingSchema) }),
    handler: async (ctx) => listPaymentSettings(ctx),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/payment-settings',
    audience: 'staff',
    roles: ['owner'],
    summary: 'Save one payment provider’s settings and write-only secrets',
    tags: TAGS,
    body: SavePaymentSettingBody.extend({ provider: z.enum(PAYMENT_PROVIDERS) }).meta({
      example: { provider: 'dev', enabled: true, config: {} },
    }),
    response: PaymentSettingSchema,
    errors: ['PAYMENT_SETTING_REQUIRED'],
    handler: async (ctx, { body }) => savePaymentSettings(ctx, body),
  });
}
