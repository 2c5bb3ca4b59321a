// Discounts (coupons) on an order that is not paid yet, each under its own reference.
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { amountDueFen } from './service-order-rules.ts';
import { serviceOrderDiscounts, serviceOrders } from './service.tables.ts';
import { lockOrder } from './order-rows.ts';

// Discounts (coupons): applied while the order is not paid yet, each under its own reference.

/**
 * Applies a discount to an order that is open or completed, in the caller's transaction (the
 * coupons module claims the coupon in the same one). The same reference twice is a conflict.
 */
export async function applyOrderDiscount(
  ctx: Ctx,
  input: {
    orderId: string;
    source: 'coupon';
    referenceId: string;
    amountFen: number;
    label: string;
  },
): Promise<{ discountFen: number; amountDueFen: number }> {
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)
    throw new AppError('VALIDATION_FAILED', { field: 'amountFen' });
  const order = await lockOrder(ctx, input.orderId);
  if (order.status !== 'open' && order.status !== 'completed')
    throw new AppError('SERVICE_ORDER_STATUS_CONFLICT', {
      field: 'status',
      details: { from: order.status, to: order.status },
    });
  const inserted = await ctx.tx
    .insert(serviceOrderDiscounts)
    .values({
      tenantId: ctx.tenantId,
      id: newId(),
      orderId: order.id,
      source: input.source,
      referenceId: input.referenceId,
      amountFen: input.amountFen,
      label: input.label,
      createdAt: ctx.clock.now(),
    })
    .onConflictDoNothing()
    .returning({ id: serviceOrderDiscounts.id });
  if (!inserted.length)
    throw new AppError('SERVICE_ORDER_STATUS_CONFLICT', {
      field: 'referenceId',
      details: { referenceId: input.referenceId },
    });
  const discountFen = order.discountFen + input.amountFen;
  await ctx.tx
    .update(serviceOrders)
    .set({ discountFen, updatedAt: ctx.clock.now() })
    .where(eq(serviceOrders.id, order.id));
  await recordAudit(ctx, {
    action: 'serviceOrder.discountApplied',
    entityType: 'service_order',
    entityId: order.id,
    changes: { ...input, discountFen },
  });
  return { discountFen, amountDueFen: amountDueFen(order.totalFen, discountFen) };
}

/** Takes a discount off an order that is not paid yet; answers false when there was none. */
export async function removeOrderDiscount(
  ctx: Ctx,
  input: { orderId: string; referenceId: string },
): Promise<boolean> {
  const order = await lockOrder(ctx, input.orderId);
  if (order.status !== 'open' && order.status !== 'completed')
    throw new AppError('SERVICE_ORDER_STATUS_CONFLICT', {
      field: 'status',
      details: { from: order.status, to: order.status },
    });
  const removed = await ctx.tx
    .delete(serviceOrderDiscounts)
    .where(
      and(
        eq(serviceOrderDiscounts.orderId, order.id),
        eq(serviceOrderDiscounts.referenceId, input.referenceId),
      ),
    )
    .returning({ amountFen: serviceOrderDiscounts.amountFen });
  if (!removed.length) return false;
  const discountFen = Math.max(0, order.discountFen - removed[0]!.amountFen);
  await ctx.tx
    .update(serviceOrders)
    .set({ discountFen, updatedAt: ctx.clock.now() })
    .where(eq(serviceOrders.id, order.id));
  await recordAudit(ctx, {
    action: 'serviceOrder.discountRemoved',
    entityType: 'service_order',
    entityId: order.id,
    changes: { ...input, amountFen: removed[0]!.amountFen, discountFen },
  });
  return true;
}
