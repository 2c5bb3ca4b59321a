// The status machine of an order: completing, the payment and refund steps the checkout workflow
// calls, closing and cancelling — each with its audit entry and domain event.
import { eq } from 'drizzle-orm';
import { emitEvent } from '../../jobs/outbox.ts';
import type { Ctx } from '../../kernel/context.ts';
import { recordAudit } from '../audit/index.ts';
import type { OrderChangeHook } from '../../app/module.ts';
import {
  amountDueFen,
  assertHasItems,
  assertMove,
  lineAmountFen,
  planPaymentParts,
  type PaymentMethod,
  type PaymentPart,
  type ServiceOrderStatus,
} from './service-order-rules.ts';
import { newId } from '../../kernel/ids.ts';
import { serviceOrderPayments, serviceOrders } from './service.tables.ts';
import type { ServiceOrderDto } from './service.schemas.ts';
import { type OrderRow, itemsOf, lockOrder } from './order-rows.ts';
import { getServiceOrder } from './order-views.ts';

// Status moves. Each locks the row first, so two tills paying at once get one 200 and one 409.

const EVENT_OF: Record<Exclude<ServiceOrderStatus, 'open'>, string> = {
  completed: 'serviceOrder.completed',
  paid: 'serviceOrder.paid',
  closed: 'serviceOrder.closed',
  cancelled: 'serviceOrder.cancelled',
  refunded: 'serviceOrder.refunded',
};

/**
 * What the steps of the checkout workflow read of an order being paid: the loyalty ledger books
 * points and takes stored value from it, referrals qualify on it, in the payment's transaction.
 */
export interface OrderPayment {
  orderId: string;
  number: string;
  customerId: string;
  storeId: string;
  totalFen: number;
  discountFen: number;
  paidFen: number;
  /** The method that took the most (null when nothing was due). */
  method: PaymentMethod | null;
  /** Every part of the payment, adding up to `paidFen`. */
  parts: PaymentPart[];
  /** Part of `paidFen` taken from the customer's stored value (储值). */
  storedValueFen: number;
  /** The points part (积分抵扣), if any. */
  pointsPart: { points: number; amountFen: number } | null;
  /** What the order's lines add up to per service category (before discounts). */
  categoryTotalsFen: Record<string, number>;
}
export interface OrderRefund {
  orderId: string;
  customerId: string;
  storeId: string;
  paidFen: number;
  reason: string;
}
/**
 * In-transaction hooks after an order is opened or changes status (the row already written):
 * the customer statistics of segments recount the customer's visits and spend here.
 */
const changeHooks: OrderChangeHook[] = [];
export const onOrderChange = (hook: OrderChangeHook) => changeHooks.push(hook);
export async function orderChanged(ctx: Ctx, orderId: string, customerId: string) {
  for (const hook of changeHooks) await hook(ctx, { orderId, customerId });
}

async function move(
  ctx: Ctx,
  orderId: string,
  to: Exclude<ServiceOrderStatus, 'open'>,
  precondition: (order: OrderRow) => Promise<void> | void,
  set: (now: Date) => Partial<typeof serviceOrders.$inferInsert>,
  extra: Record<string, unknown> = {},
): Promise<ServiceOrderDto> {
  const order = await lockOrder(ctx, orderId);
  assertMove(order.status, to);
  await precondition(order);
  const now = ctx.clock.now();
  const changes = set(now);
  await ctx.tx
    .update(serviceOrders)
    .set({ ...changes, status: to, updatedAt: now })
    .where(eq(serviceOrders.id, orderId));
  await orderChanged(ctx, orderId, order.customerId);
  await recordAudit(ctx, {
    action: EVENT_OF[to],
    entityType: 'service_order',
    entityId: orderId,
    changes: { from: order.status, to, ...extra },
  });
  await emitEvent(ctx, {
    type: EVENT_OF[to],
    aggregateId: orderId,
    payload: {
      orderId,
      number: order.number,
      customerId: order.customerId,
      vehicleId: order.vehicleId,
      storeId: order.storeId,
      advisorId: order.advisorId,
      mileageKm: order.mileageKm,
      totalFen: order.totalFen,
      discountFen: order.discountFen,
      ...extra,
    },
  });
  return getServiceOrder(ctx, orderId);
}

export function completeOrder(ctx: Ctx, orderId: string) {
  return move(
    ctx,
    orderId,
    'completed',
    async (order) => assertHasItems((await itemsOf(ctx, order.id)).length),
    (now) => ({ completedAt: now }),
  );
}

/**
 * The first step of taking payment (the checkout workflow): the order locked, the move to paid
 * allowed, the amount equal to what is due and the stored-value part within it; answers what
 * the other steps need, with what the lines add up to per service category.
 */
export async function beginPayment(
  ctx: Ctx,
  orderId: string,
  input: { parts: PaymentPart[]; method?: PaymentMethod | undefined; amountField?: string },
): Promise<OrderPayment> {
  const order = await lockOrder(ctx, orderId);
  assertMove(order.status, 'paid');
  const plan = planPaymentParts(
    amountDueFen(order.totalFen, order.discountFen),
    input.parts,
    input.amountField,
  );
  const categoryTotalsFen: Record<string, number> = {};
  for (const item of await itemsOf(ctx, order.id))
    categoryTotalsFen[item.category] =
      (categoryTotalsFen[item.category] ?? 0) + lineAmountFen(item);
  const points = plan.parts.find((p) => p.method === 'points');
  return {
    orderId: order.id,
    number: order.number,
    customerId: order.customerId,
    storeId: order.storeId,
    totalFen: order.totalFen,
    discountFen: order.discountFen,
    paidFen: plan.paidFen,
    method: plan.primaryMethod ?? input.method ?? null,
    parts: plan.parts,
    storedValueFen: plan.parts.find((p) => p.method === 'stored_value')?.amountFen ?? 0,
    pointsPart: points ? { points: points.points ?? 0, amountFen: points.amountFen } : null,
    categoryTotalsFen,
  };
}

/**
 * The last step of taking payment: every part recorded on the order, the order marked paid,
 * audited, and `serviceOrder.paid` emitted with what loyalty, reminders and attribution read
 * (per-category line totals, the parts).
 */
export async function markPaid(ctx: Ctx, payment: OrderPayment) {
  if (payment.parts.length)
    await ctx.tx.insert(serviceOrderPayments).values(
      payment.parts.map((part, position) => ({
        tenantId: ctx.tenantId,
        id: newId(),
        orderId: payment.orderId,
        position,
        method: part.method,
        amountFen: part.amountFen,
        points: part.method === 'points' ? (part.points ?? null) : null,
        createdAt: ctx.clock.now(),
      })),
    );
  return move(
    ctx,
    payment.orderId,
    'paid',
    () => {},
    (now) => ({ paidAt: now, paidFen: payment.paidFen, paymentMethod: payment.method }),
    {
      paidFen: payment.paidFen,
      method: payment.method,
      parts: payment.parts.map((p) => ({ method: p.method, amountFen: p.amountFen })),
      storedValueFen: payment.storedValueFen,
      pointsFen: payment.pointsPart?.amountFen ?? 0,
      categoryTotalsFen: payment.categoryTotalsFen,
    },
  );
}

/** The first step of a refund: the order locked and a paid or closed order to refund. */
export async function beginRefund(
  ctx: Ctx,
  orderId: string,
  input: { reason: string },
): Promise<OrderRefund> {
  const order = await lockOrder(ctx, orderId);
  assertMove(order.status, 'refunded');
  return {
    orderId: order.id,
    customerId: order.customerId,
    storeId: order.storeId,
    paidFen: order.paidFen ?? 0,
    reason: input.reason,
  };
}

/** The last step of a refund: the order marked refunded, audited, `serviceOrder.refunded`. */
export function markRefunded(ctx: Ctx, refund: OrderRefund) {
  return move(
    ctx,
    refund.orderId,
    'refunded',
    () => {},
    (now) => ({ refundedAt: now }),
    { reason: refund.reason, paidFen: refund.paidFen },
  );
}

export function closeOrder(ctx: Ctx, orderId: string) {
  return move(
    ctx,
    orderId,
    'closed',
    () => {},
    (now) => ({ closedAt: now }),
  );
}

export function cancelOrder(ctx: Ctx, orderId: string, input: { reason: string }) {
  return move(
    ctx,
    orderId,
    'cancelled',
    () => {},
    (now) => ({ cancelledAt: now, cancelReason: input.reason }),
    { reason: input.reason },
  );
}
