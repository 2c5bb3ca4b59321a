import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { ErrorCode } from '../../kernel/errors.ts';
import { DESK_ROLES } from '../../kernel/roles.ts';
import { PayBody, RefundBody, ServiceOrderSchema } from '../service/index.ts';
import { payOrder, refundOrder } from './pay-order.ts';

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
      '`paidFen` must equal the amount due. `storedValueFen` (optional) of it is taken from the customer’s stored value in the same transaction (not enough: 422, nothing paid). Two tills paying at once: one succeeds, the other gets 409. Emits `serviceOrder.paid` with per-category line totals.',
    tags: TAGS,
    params: OrderParams,
    body: PayBody,
    response: ServiceOrderSchema,
    errors: [...MOVE_ERRORS, 'PAYMENT_AMOUNT_MISMATCH', 'STORED_VALUE_INSUFFICIENT'],
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
}
