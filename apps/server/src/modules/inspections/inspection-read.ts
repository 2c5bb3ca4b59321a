// Reading inspections: one with its items, photos and jobs (staff and the owner see the same
// report; the owner who decides is the order's customer), an order's inspections, and a car's
// inspections for whoever owns the car now — the history moves with the car.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { staffUsers } from '../identity/index.ts';
import { findImages } from '../media/index.ts';
import { serviceOrders } from '../service/index.ts';
import { stores } from '../tenancy/index.ts';
import { vehicles } from '../vehicles/index.ts';
import { jobTotal, suggestStatus } from './inspection-rules.ts';
import type { InspectionDto } from './inspections.schemas.ts';
import { inspectionItems, inspections } from './inspections.tables.ts';

type ItemRow = typeof inspectionItems.$inferSelect;

const headColumns = {
  i: inspections,
  orderNumber: serviceOrders.number,
  orderStatus: serviceOrders.status,
  orderTotalFen: serviceOrders.totalFen,
  plate: vehicles.plate,
  make: vehicles.make,
  model: vehicles.model,
  ownerId: vehicles.customerId,
  storeName: stores.name,
  technicianName: staffUsers.name,
};

function headQuery(ctx: Ctx) {
  return ctx.tx
    .select(headColumns)
    .from(inspections)
    .innerJoin(serviceOrders, eq(serviceOrders.id, inspections.orderId))
    .innerJoin(vehicles, eq(vehicles.id, inspections.vehicleId))
    .innerJoin(stores, eq(stores.id, inspections.storeId))
    .leftJoin(staffUsers, eq(staffUsers.id, inspections.technicianId));
}
type Head = Awaited<ReturnType<ReturnType<typeof headQuery>['where']>>[number];

const iso = (d: Date | null) => d?.toISOString() ?? null;

function itemDto(r: ItemRow, photos: Map<string, { id: string; url: string; thumbUrl: string }>) {
  const p = r.point;
  const job =
    r.jobDescription === null
      ? null
      : {
          description: r.jobDescription,
          labourFen: r.labourFen ?? 0,
          partsFen: r.partsFen ?? 0,
          totalFen: jobTotal(r),
        };
  return {
    id: r.id,
    position: r.position,
    key: p.key,
    section: p.section,
    label: p.label,
    measurement: p.measurement,
    min: p.min ?? null,
    max: p.max ?? null,
    category: p.category,
    why: p.why ?? '',
    status: r.status,
    suggestedStatus: suggestStatus(p, r.value),
    value: r.value,
    note: r.note,
    photos: r.photoIds.flatMap((id) => {
      const ph = photos.get(id);
      return ph ? [{ id, url: ph.url, thumbUrl: ph.thumbUrl }] : [];
    }),
    job,
    decision: r.decision,
    decidedAt: iso(r.decidedAt),
    dueItemId: r.dueItemId,
    recoveredAt: iso(r.recoveredAt),
  };
}

function headDto(h: Head, items: ItemRow[], customerId: string | null) {
  const count = (s: ItemRow['status']) => items.filter((i) => i.status === s).length;
  return {
    id: h.i.id,
    orderId: h.i.orderId,
    orderNumber: h.orderNumber,
    orderStatus: h.orderStatus,
    orderTotalFen: h.orderTotalFen,
    vehicleId: h.i.vehicleId,
    plate: h.plate,
    vehicleName: [h.make, h.model].filter(Boolean).join(' '),
    storeName: h.storeName,
    technicianId: h.i.technicianId,
    technicianName: h.technicianName,
    status: h.i.status,
    mileageKm: h.i.mileageKm,
    sentAt: iso(h.i.sentAt),
    firstViewedAt: iso(h.i.firstViewedAt),
    viewSeconds: h.i.viewSeconds,
    createdAt: h.i.createdAt.toISOString(),
    canDecide: customerId !== null && customerId === h.i.customerId,
    counts: {
      green: count('green'),
      amber: count('amber'),
      red: count('red'),
      unchecked: count(null),
    },
  };
}

async function itemsOf(ctx: Ctx, inspectionIds: string[]) {
  if (!inspectionIds.length) return [];
  return ctx.tx
    .select()
    .from(inspectionItems)
    .where(inArray(inspectionItems.inspectionId, inspectionIds))
    .orderBy(asc(inspectionItems.position));
}

async function withItems(ctx: Ctx, h: Head, customerId: string | null): Promise<InspectionDto> {
  const rows = await itemsOf(ctx, [h.i.id]);
  const photos = await findImages(
    ctx,
    rows.flatMap((r) => r.photoIds),
  );
  return { ...headDto(h, rows, customerId), items: rows.map((r) => itemDto(r, photos)) };
}

/** An inspection as staff see it. */
export async function getInspection(ctx: Ctx, inspectionId: string): Promise<InspectionDto> {
  const [h] = await headQuery(ctx).where(eq(inspections.id, inspectionId));
  if (!h) throw new AppError('NOT_FOUND');
  return withItems(ctx, h, null);
}

/**
 * A sent inspection as a car owner sees it: of a car they own now (the history moved with it) or
 * of an order of theirs (the one who decides). Anything else is 404.
 */
export async function getMyInspection(ctx: Ctx, customerId: string, inspectionId: string) {
  const [h] = await headQuery(ctx).where(
    and(eq(inspections.id, inspectionId), eq(inspections.status, 'sent')),
  );
  if (!h || (h.ownerId !== customerId && h.i.customerId !== customerId))
    throw new AppError('NOT_FOUND');
  return withItems(ctx, h, customerId);
}

async function summaries(ctx: Ctx, heads: Head[], customerId: string | null) {
  const rows = await itemsOf(
    ctx,
    heads.map((h) => h.i.id),
  );
  return heads.map((h) =>
    headDto(
      h,
      rows.filter((r) => r.inspectionId === h.i.id),
      customerId,
    ),
  );
}

export async function listOrderInspections(ctx: Ctx, orderId: string) {
  const [order] = await ctx.tx
    .select({ id: serviceOrders.id })
    .from(serviceOrders)
    .where(eq(serviceOrders.id, orderId));
  if (!order) throw new AppError('NOT_FOUND');
  const heads = await headQuery(ctx)
    .where(eq(inspections.orderId, orderId))
    .orderBy(desc(inspections.createdAt));
  return { items: await summaries(ctx, heads, null) };
}

/** The sent inspections of the cars the owner has now (or of one of them), newest first. */
export async function listMyInspections(ctx: Ctx, customerId: string, vehicleId?: string) {
  const heads = await headQuery(ctx)
    .where(
      and(
        eq(vehicles.customerId, customerId),
        eq(inspections.status, 'sent'),
        vehicleId ? eq(inspections.vehicleId, vehicleId) : undefined,
      ),
    )
    .orderBy(desc(inspections.createdAt))
    .limit(100);
  return { items: await summaries(ctx, heads, customerId) };
}
