// Declined work coming back: when a later order of the car that does work of a declined item's
// category is completed or paid, the item is recovered (the loop closed, counted in the metrics)
// and its due item is done. Run from the service order's events, idempotent.
import { inEventTenant } from '../../jobs/system-ctx.ts';
import { and, eq, inArray, isNull, lte, ne, sql } from 'drizzle-orm';
import type { EventHandler } from '../../jobs/outbox.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { createLogger } from '../../kernel/logger.ts';
import { updateCustomDueItem } from '../automation/index.ts';
import { serviceOrderItems, serviceOrders } from '../service/index.ts';
import { inspectionItems, inspections } from './inspections.tables.ts';

const DONE_STATUSES = ['completed', 'paid', 'closed'];

/** Marks the car's declined items this order did as recovered; answers how many. */
export async function recoverDeclinedWork(ctx: Ctx, orderId: string): Promise<number> {
  const [order] = await ctx.tx
    .select({
      vehicleId: serviceOrders.vehicleId,
      status: serviceOrders.status,
      doneAt:
        sql<Date>`coalesce(${serviceOrders.completedAt}, ${serviceOrders.paidAt}, ${serviceOrders.openedAt})`.mapWith(
          (v: string | Date) => new Date(v),
        ),
    })
    .from(serviceOrders)
    .where(eq(serviceOrders.id, orderId));
  if (!order || !DONE_STATUSES.includes(order.status)) return 0;
  const lines = await ctx.tx
    .selectDistinct({ category: serviceOrderItems.category })
    .from(serviceOrderItems)
    .where(eq(serviceOrderItems.orderId, orderId));
  const categories = lines.map((l) => l.category);
  if (!categories.length) return 0;
  const recovered = await ctx.tx
    .update(inspectionItems)
    .set({ recoveredOrderId: orderId, recoveredAt: order.doneAt })
    .from(inspections)
    .where(
      and(
        eq(inspections.id, inspectionItems.inspectionId),
        eq(inspections.vehicleId, order.vehicleId),
        ne(inspections.orderId, orderId),
        eq(inspectionItems.decision, 'declined'),
        isNull(inspectionItems.recoveredAt),
        lte(inspectionItems.decidedAt, order.doneAt),
        inArray(sql`${inspectionItems.point}->>'category'`, categories),
      ),
    )
    .returning({ id: inspectionItems.id, dueItemId: inspectionItems.dueItemId });
  for (const r of recovered) {
    if (!r.dueItemId) continue;
    try {
      await updateCustomDueItem(ctx, r.dueItemId, { status: 'done' });
    } catch (e) {
      // Staff removed the due item meanwhile: the work is recovered all the same.
      if (!(e instanceof AppError && e.code === 'NOT_FOUND')) throw e;
    }
  }
  return recovered.length;
}

const log = createLogger('warn').child({ module: 'inspections' });

const recover: EventHandler = async (event, deps) => {
  const orderId =
    typeof event.payload.orderId === 'string' ? event.payload.orderId : event.aggregateId;
  if (!orderId) return;
  await inEventTenant(event, deps, log, (ctx) => recoverDeclinedWork(ctx, orderId));
};

export const INSPECTION_EVENT_HANDLERS: { type: string; handle: EventHandler }[] = [
  { type: 'serviceOrder.completed', handle: recover },
  { type: 'serviceOrder.paid', handle: recover },
];
