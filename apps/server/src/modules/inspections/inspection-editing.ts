// The technician's side: opening an inspection on an order (the template's points copied onto
// it), walking its items (status, reading, note, photos), attaching a recommended job to an amber
// or red item, and sending the report to the owner.
import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { claimImages } from '../media/index.ts';
import { serviceOrders } from '../service/index.ts';
import { getInspection } from './inspection-read.ts';
import {
  assertCanCarryJob,
  assertCanInspect,
  assertJobEditable,
  assertMeasurement,
  suggestStatus,
} from './inspection-rules.ts';
import type { ItemPatch, JobInput } from './inspections.schemas.ts';
import { inspectionItems, inspections } from './inspections.tables.ts';
import { sendInspectionMessage } from './messages.ts';
import { templateFor } from './templates.ts';

export const MAX_PHOTOS = 6;

async function orderOf(ctx: Ctx, orderId: string) {
  const [o] = await ctx.tx
    .select({
      id: serviceOrders.id,
      status: serviceOrders.status,
      vehicleId: serviceOrders.vehicleId,
      customerId: serviceOrders.customerId,
      storeId: serviceOrders.storeId,
      advisorId: serviceOrders.advisorId,
      technicianId: serviceOrders.technicianId,
      mileageKm: serviceOrders.mileageKm,
      number: serviceOrders.number,
    })
    .from(serviceOrders)
    .where(eq(serviceOrders.id, orderId));
  if (!o) throw new AppError('NOT_FOUND');
  return o;
}

export async function openInspection(
  ctx: Ctx,
  orderId: string,
  input: { templateId?: string | null },
) {
  const order = await orderOf(ctx, orderId);
  assertCanInspect(order.status);
  const template = await templateFor(ctx, input.templateId);
  const now = ctx.clock.now();
  const id = newId();
  const technicianId =
    ctx.actor.type === 'staff' && ctx.actor.role !== 'advisor' ? ctx.actor.id : order.technicianId;
  await ctx.tx.insert(inspections).values({
    tenantId: ctx.tenantId,
    id,
    orderId,
    vehicleId: order.vehicleId,
    customerId: order.customerId,
    storeId: order.storeId,
    templateId: template.id,
    technicianId,
    advisorId: order.advisorId,
    mileageKm: order.mileageKm,
    createdAt: now,
    updatedAt: now,
  });
  await ctx.tx.insert(inspectionItems).values(
    template.points.map((point, position) => ({
      tenantId: ctx.tenantId,
      id: newId(),
      inspectionId: id,
      position,
      point,
      updatedAt: now,
    })),
  );
  await recordAudit(ctx, {
    action: 'inspection.opened',
    entityType: 'inspection',
    entityId: id,
    changes: { orderId, templateId: template.id },
  });
  return getInspection(ctx, id);
}

/** The item locked with its inspection's order status: every edit takes turns on the item. */
export async function lockItem(ctx: Ctx, inspectionId: string, itemId: string) {
  const [item] = await ctx.tx
    .select()
    .from(inspectionItems)
    .where(and(eq(inspectionItems.id, itemId), eq(inspectionItems.inspectionId, inspectionId)))
    .for('update');
  if (!item) throw new AppError('NOT_FOUND', { field: 'itemId' });
  const [head] = await ctx.tx
    .select({
      i: inspections,
      orderStatus: serviceOrders.status,
      orderNumber: serviceOrders.number,
    })
    .from(inspections)
    .innerJoin(serviceOrders, eq(serviceOrders.id, inspections.orderId))
    .where(eq(inspections.id, inspectionId));
  return {
    item,
    inspection: head!.i,
    orderStatus: head!.orderStatus,
    orderNumber: head!.orderNumber,
  };
}

async function newPhotos(ctx: Ctx, have: string[], want: string[] | undefined) {
  if (want === undefined) return have;
  if (want.length > MAX_PHOTOS)
    throw new AppError('INSPECTION_TOO_MANY_PHOTOS', { field: 'photoIds' });
  const added = want.filter((id) => !have.includes(id));
  if (added.length) await claimImages(ctx, added, { staffUserId: ctx.actor.id! }, 'photoIds');
  return [...new Set(want)];
}

export async function updateItem(ctx: Ctx, inspectionId: string, itemId: string, patch: ItemPatch) {
  const { item, orderStatus } = await lockItem(ctx, inspectionId, itemId);
  assertCanInspect(orderStatus);
  const value = patch.value === undefined ? item.value : patch.value;
  assertMeasurement(item.point, value, 'value');
  const status =
    patch.status !== undefined
      ? patch.status
      : patch.value !== undefined
        ? (suggestStatus(item.point, value) ?? item.status)
        : item.status;
  const photoIds = await newPhotos(ctx, item.photoIds, patch.photoIds);
  // A finding cleared (green or unchecked) takes its undecided job with it.
  const dropJob = status !== 'amber' && status !== 'red' && !item.decision;
  await ctx.tx
    .update(inspectionItems)
    .set({
      status,
      value,
      note: patch.note === undefined ? item.note : patch.note,
      photoIds,
      ...(dropJob ? { jobDescription: null, labourFen: null, partsFen: null } : {}),
      updatedAt: ctx.clock.now(),
    })
    .where(eq(inspectionItems.id, itemId));
  await ctx.tx
    .update(inspections)
    .set({ updatedAt: ctx.clock.now() })
    .where(eq(inspections.id, inspectionId));
  return getInspection(ctx, inspectionId);
}

export async function setJob(ctx: Ctx, inspectionId: string, itemId: string, job: JobInput | null) {
  const { item, orderStatus } = await lockItem(ctx, inspectionId, itemId);
  assertCanInspect(orderStatus);
  assertJobEditable(item.decision);
  if (job) assertCanCarryJob(item.status);
  await ctx.tx
    .update(inspectionItems)
    .set({
      jobDescription: job?.description ?? null,
      labourFen: job?.labourFen ?? null,
      partsFen: job?.partsFen ?? null,
      updatedAt: ctx.clock.now(),
    })
    .where(eq(inspectionItems.id, itemId));
  await recordAudit(ctx, {
    action: job ? 'inspection.jobSet' : 'inspection.jobRemoved',
    entityType: 'inspection',
    entityId: inspectionId,
    changes: {
      itemId,
      before: {
        description: item.jobDescription,
        labourFen: item.labourFen,
        partsFen: item.partsFen,
      },
      after: job,
    },
  });
  return getInspection(ctx, inspectionId);
}

/** Sends the report to the order's customer (once per inspection; sending again is a no-op). */
export async function sendInspection(ctx: Ctx, inspectionId: string, link: { publicUrl: string }) {
  const [i] = await ctx.tx
    .select()
    .from(inspections)
    .where(eq(inspections.id, inspectionId))
    .for('update');
  if (!i) throw new AppError('NOT_FOUND');
  const order = await orderOf(ctx, i.orderId);
  assertCanInspect(order.status);
  const [checked] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(inspectionItems)
    .where(
      and(
        eq(inspectionItems.inspectionId, inspectionId),
        sql`${inspectionItems.status} is not null`,
      ),
    );
  if (!checked?.n) throw new AppError('INSPECTION_NOTHING_TO_SEND');
  const now = ctx.clock.now();
  await ctx.tx
    .update(inspections)
    .set({ status: 'sent', sentAt: i.sentAt ?? now, updatedAt: now })
    .where(eq(inspections.id, inspectionId));
  await sendInspectionMessage(ctx, {
    inspectionId,
    customerId: i.customerId,
    vehicleId: i.vehicleId,
    publicUrl: link.publicUrl,
  });
  await recordAudit(ctx, {
    action: 'inspection.sent',
    entityType: 'inspection',
    entityId: inspectionId,
    changes: { orderId: i.orderId, customerId: i.customerId },
  });
  return getInspection(ctx, inspectionId);
}
