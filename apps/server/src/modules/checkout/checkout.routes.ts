import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { ErrorCode } from '../../kernel/errors.ts';
import { DESK_ROLES } from '../../kernel/roles.ts';
import { PayBody, RefundBody, ServiceOrderSchema } from '../service/index.ts';
import { payOrder, refundOrder } from './pay-order.ts';
import { TillQuery, TillReportSchema } from './checkout.schemas.ts';
import { tillReport } from './till.ts';

const OrderParams = z.object({ orderId: z.string().uuid() });
const MOVE_ERRORS: ErrorCode[] = ['SERVICE_ORDER_STATUS_CONFLICT', 'IDEMPOTENCY_KEY_REUSED'];
const TAGS = ['service orders'];

export function checkoutRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/service-orders/{orderId}/pay',
    audience: 'staff',
    roles: DESK_ROLES,
    summary: 'Take payment (completed → paid)',
    description:
      'The payment is split across methods in `parts` (one per method), adding up to the amount due; the order records every part. A `stored_value` part comes from the customer’s wallet and a `points` part from their points at the shop’s redemption rate, within its limits, in the same transaction (not enough: 422, nothing paid). Points parts earn no points. The single-method form (`method`, `paidFen`, optional `storedValueFen`) still works. Two tills paying at once: one succeeds, the other gets 409. Emits `serviceOrder.paid` with per-category line totals and the parts.',
    tags: TAGS,
    params: OrderParams,
    body: PayBody,
    response: ServiceOrderSchema,
    errors: [
      ...MOVE_ERRORS,
      'PAYMENT_AMOUNT_MISMATCH',
      'STORED_VALUE_INSUFFICIENT',
      'POINTS_INSUFFICIENT',
      'POINTS_REDEMPTION_OFF',
      'POINTS_REDEMPTION_LIMIT',
    ],
    handler: async (ctx, { params, body }) => payOrder(ctx, params.orderId, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/service-orders/{orderId}/refund',
    audience: 'staff',
    roles: ['owner', 'manager'],
    summary: 'Refund a paid or closed order (paid | closed → refunded)',
    description:
      'Stored value paid on the order goes back to the wallet, its points are taken back (pending, available, then as debt where the tenant allows it; otherwise the shortfall is recorded). Emits `serviceOrder.refunded`.',
    tags: TAGS,
    params: OrderParams,
    body: RefundBody,
    response: ServiceOrderSchema,
    errors: MOVE_ERRORS,
    handler: async (ctx, { params, body }) => refundOrder(ctx, params.orderId, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/reports/till',
    audience: 'staff',
    roles: DESK_ROLES,
    summary: 'Till report (收银日报) of a business day, per payment method',
    description:
      'What the day’s payments took per method and what its refunds gave back, from the parts recorded on the orders, beside what the loyalty ledger booked against the same orders (stored value, points); `matchesLedger` says whether they agree.',
    tags: ['reports'],
    querystring: TillQuery,
    response: TillReportSchema,
    errors: [],
    handler: async (ctx, { query }) => tillReport(ctx, query),
  });
}
