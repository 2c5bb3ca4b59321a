// Who does the work on an order: its lead technician and a line's own technician, and the labour
// time of a line. These may change while the order is open or completed (not once paid, closed
// or cancelled); each change is an audit entry with what it was before.
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { listStaffMembers } from '../identity/index.ts';
import { assertCanAssignWork, assertLabourMinutes, assertTechnician } from './technician-rules.ts';
import { serviceOrderItems, serviceOrders } from './service.tables.ts';
import type { ItemWorkInput, ServiceOrderDto } from './service.schemas.ts';
import { lockOrder } from './order-rows.ts';
import { getServiceOrder } from './order-views.ts';

/** The staff members may do work at the store (null ids pass): 422 TECHNICIAN_* otherwise. */
export async function assertTechniciansAt(
  ctx: Ctx,
  storeId: string,
  wanted: { technicianId: string | null | undefined; field: string }[],
): Promise<void> {
  const ids = wanted.map((w) => w.technicianId).filter((id): id is string => !!id);
  if (!ids.length) return;
  const found = new Map((await listStaffMembers(ctx, { ids })).map((m) => [m.id, m]));
  for (const w of wanted)
    if (w.technicianId) assertTechnician(found.get(w.technicianId), storeId, w.field);
}

/** Gives the order a lead technician, another one, or none (null). */
export async function assignTechnician(
  ctx: Ctx,
  orderId: string,
  technicianId: string | null,
): Promise<ServiceOrderDto> {
  const order = await lockOrder(ctx, orderId);
  assertCanAssignWork(order.status);
  await assertTechniciansAt(ctx, order.storeId, [{ technicianId, field: 'technicianId' }]);
  if (order.technicianId !== technicianId) {
    await ctx.tx
      .update(serviceOrders)
      .set({ technicianId, updatedAt: ctx.clock.now() })
      .where(eq(serviceOrders.id, orderId));
    await recordAudit(ctx, {
      action: 'serviceOrder.technicianAssigned',
      entityType: 'service_order',
      entityId: orderId,
      changes: { before: { technicianId: order.technicianId }, after: { technicianId } },
    });
  }
  return getServiceOrder(ctx, orderId);
}

/** A line's own technician (null: the lead's) and its labour minutes. */
export async function recordItemWork(
  ctx: Ctx,
  orderId: string,
  itemId: string,
  input: ItemWorkInput,
): Promise<ServiceOrderDto> {
  const order = await lockOrder(ctx, orderId);
  const [item] = await ctx.tx
    .select()
    .from(serviceOrderItems)
    .where(and(eq(serviceOrderItems.id, itemId), eq(serviceOrderItems.orderId, orderId)));
  if (!item) throw new AppError('NOT_FOUND', { field: 'itemId' });
  assertCanAssignWork(order.status);
  assertLabourMinutes(item.kind, input.labourMinutes);
  await assertTechniciansAt(ctx, order.storeId, [
    { technicianId: input.technicianId, field: 'technicianId' },
  ]);
  const changes: { technicianId?: string | null; labourMinutes?: number | null } = {};
  if (input.technicianId !== undefined) changes.technicianId = input.technicianId;
  if (input.labourMinutes !== undefined) changes.labourMinutes = input.labourMinutes;
  if (Object.keys(changes).length) {
    await ctx.tx
      .update(serviceOrderItems)
      .set(changes)
      .where(and(eq(serviceOrderItems.id, itemId), eq(serviceOrderItems.orderId, orderId)));
    await recordAudit(ctx, {
      action: 'serviceOrder.itemWorkRecorded',
      entityType: 'service_order',
      entityId: orderId,
      changes: {
        itemId,
        before: { technicianId: item.technicianId, labourMinutes: item.labourMinutes },
        after: changes,
      },
    });
  }
  return getServiceOrder(ctx, orderId);
}
