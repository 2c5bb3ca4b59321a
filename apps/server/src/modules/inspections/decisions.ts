// The owner's decisions, one job at a time: approved work joins the service order at once (the
// service module's lines, the order's total recomputed under its lock), declined work is noted on
// the order (service's declined recommendations, which the declined-work reminder rule reads) and
// becomes a due item of the car with its reading (automation's staff items). The advisor hears of
// each decision in the console.
import { eq } from 'drizzle-orm';
import { emitEvent } from '../../jobs/outbox.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { createCustomDueItem, localDate } from '../automation/index.ts';
import { contactsOf, tellStaff } from '../identity/index.ts';
import { publishToStaff } from '../inbox/index.ts';
import { addDeclined, addItem, tenantTimeZone } from '../service/index.ts';
import { getMyInspection } from './inspection-read.ts';
import { lockItem } from './inspection-editing.ts';
import { assertCanDecide, declinedTitle, jobTotal, limitMileage } from './inspection-rules.ts';
import { inspectionItems, inspections } from './inspections.tables.ts';

type Locked = Awaited<ReturnType<typeof lockItem>>;
const DAY = 24 * 60 * 60 * 1000;
/** Declined red work is due again in two weeks, amber in three months (or by mileage first). */
const DUE_AFTER_DAYS = { red: 14, amber: 90 } as const;

/** The service module's "not open" becomes this module's answer: the order was paid meanwhile. */
async function onOpenOrder<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof AppError && e.code === 'SERVICE_ORDER_NOT_OPEN')
      throw new AppError('INSPECTION_ORDER_CLOSED', { details: e.details });
    throw e;
  }
}

async function approve(ctx: Ctx, { item, inspection }: Locked) {
  const base = { category: item.point.category, quantity: 1 } as const;
  const labour = item.labourFen ?? 0;
  const parts = item.partsFen ?? 0;
  const description = item.jobDescription!;
  await onOpenOrder(async () => {
    if (labour > 0 || parts === 0)
      await addItem(ctx, inspection.orderId, {
        ...base,
        kind: 'labour',
        description,
        unitPriceFen: labour,
      });
    if (parts > 0)
      await addItem(ctx, inspection.orderId, {
        ...base,
        kind: 'part',
        description: `${description}（配件）`,
        unitPriceFen: parts,
      });
  });
  return {};
}

async function decline(ctx: Ctx, { item, inspection }: Locked) {
  const title = declinedTitle(item.point, item.value, inspection.mileageKm);
  const declined = await addDeclined(ctx, inspection.orderId, {
    category: item.point.category,
    description: `${title}：${item.jobDescription}`,
  });
  const now = ctx.clock.now();
  const days = DUE_AFTER_DAYS[item.status === 'red' ? 'red' : 'amber'];
  const due = await createCustomDueItem(ctx, inspection.vehicleId, {
    kind: 'custom',
    title: title.slice(0, 60),
    description: [item.jobDescription, item.note, item.point.why]
      .filter(Boolean)
      .join(' · ')
      .slice(0, 500),
    dueDate: localDate(new Date(now.getTime() + days * DAY), await tenantTimeZone(ctx)),
    dueKm: limitMileage(item.point, item.value, inspection.mileageKm) ?? undefined,
    leadDays: 7,
    photoIds: item.photoIds,
  });
  return { declinedId: declined.id, dueItemId: due.id };
}

export async function decideJob(
  ctx: Ctx,
  customerId: string,
  ids: { inspectionId: string; itemId: string },
  decision: 'approved' | 'declined',
) {
  const locked = await lockItem(ctx, ids.inspectionId, ids.itemId);
  const { item, inspection } = locked;
  if (inspection.customerId !== customerId) throw new AppError('NOT_FOUND');
  assertCanDecide({
    sent: inspection.status === 'sent',
    hasJob: item.jobDescription !== null,
    decision: item.decision,
    orderStatus: locked.orderStatus,
  });
  const refs = decision === 'approved' ? await approve(ctx, locked) : await decline(ctx, locked);
  const now = ctx.clock.now();
  await ctx.tx
    .update(inspectionItems)
    .set({ decision, decidedAt: now, ...refs, updatedAt: now })
    .where(eq(inspectionItems.id, item.id));
  const fact = {
    inspectionId: inspection.id,
    itemId: item.id,
    orderId: inspection.orderId,
    advisorId: inspection.advisorId,
    decision,
    description: item.jobDescription,
    totalFen: jobTotal(item),
  };
  await recordAudit(ctx, {
    action: `inspection.job${decision === 'approved' ? 'Approved' : 'Declined'}`,
    entityType: 'inspection',
    entityId: inspection.id,
    changes: fact,
  });
  await emitEvent(ctx, {
    type: 'inspection.jobDecided',
    aggregateId: inspection.id,
    payload: fact,
  });
  await publishToStaff(ctx.tenantId, { type: 'inspection.decided', data: fact }, ctx.tx);
  await tellAdvisor(ctx, fact, locked.orderNumber);
  return getMyInspection(ctx, customerId, inspection.id);
}

/** The order's advisor hears of the owner's decision at once (e-mail, else SMS). */
async function tellAdvisor(
  ctx: Ctx,
  fact: { itemId: string; advisorId: string | null; decision: string; description: string | null },
  orderNumber: string,
) {
  if (!fact.advisorId) return;
  const verdict = fact.decision === 'approved' ? '同意' : '暂不做';
  const text = `车主已${verdict}检查建议「${fact.description ?? ''}」（工单 ${orderNumber}）${
    fact.decision === 'approved' ? '，已加入工单。' : '，已记入待办提醒。'
  }`;
  await tellStaff(ctx, await contactsOf(ctx, { ids: [fact.advisorId] }), {
    subject: `车主${verdict}检查建议`,
    text,
    short: text,
    dedupeKey: `inspection.decided:${fact.itemId}`,
  });
}

/** The app pings while the report is open: the first view and the seconds add up. */
export async function recordView(
  ctx: Ctx,
  customerId: string,
  inspectionId: string,
  seconds: number,
) {
  const report = await getMyInspection(ctx, customerId, inspectionId);
  // Only the owner who decides counts: a later owner reading the car's history does not.
  if (!report.canDecide) return { viewSeconds: report.viewSeconds, canDecide: false };
  const [i] = await ctx.tx
    .select({ firstViewedAt: inspections.firstViewedAt, viewSeconds: inspections.viewSeconds })
    .from(inspections)
    .where(eq(inspections.id, inspectionId))
    .for('update');
  const now = ctx.clock.now();
  await ctx.tx
    .update(inspections)
    .set({
      firstViewedAt: i?.firstViewedAt ?? now,
      viewSeconds: (i?.viewSeconds ?? 0) + seconds,
    })
    .where(eq(inspections.id, inspectionId));
  return { viewSeconds: (i?.viewSeconds ?? 0) + seconds, canDecide: report.canDecide };
}
