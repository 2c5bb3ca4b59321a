// Complaint tickets (投诉工单): opened by the owner in the app, by staff, from a bad survey
// answer or by the assistant; moved through the status machine with the SLA clocks following;
// internal notes, replies to the owner (sent through messaging), assignment. Every change is a
// timeline entry and an audit entry.
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { customers } from '../customers/index.ts';
import { listStaffMembers } from '../identity/index.ts';
import { publishToCustomer, publishToStaff } from '../inbox/index.ts';
import { sendToCustomer } from '../messaging/index.ts';
import { serviceOrders } from '../service/index.ts';
import { stores } from '../tenancy/index.ts';
import { vehicles } from '../vehicles/index.ts';
import { assertCanReply, nextStatus, type ComplaintAction } from './complaint-rules.ts';
import { addTimeline, nextTicketNumber, ticketRow, type TicketRow } from './complaint-store.ts';
import { COMPLAINT_REPLY } from './feedback.messages.ts';
import { complaintTickets, type ComplaintSource, type Severity } from './feedback.tables.ts';
import { loadSettings } from './settings.ts';
import { initialDeadlines, pauseClocks, resumeClocks } from './sla.ts';
import { isPaused } from './complaint-rules.ts';

export interface OpenComplaintInput {
  customerId: string;
  storeId?: string | null;
  vehicleId?: string | null;
  source: ComplaintSource;
  category?: string;
  severity?: Severity;
  summary: string;
  conversationId?: string | null;
  serviceOrderId?: string | null;
  surveyId?: string | null;
}

/**
 * The references must be the customer's own; the store comes from the order when not given, else
 * from the customer's home store (whose hours count the SLA and whose manager hears of a breach).
 */
async function checkReferences(ctx: Ctx, input: OpenComplaintInput) {
  const [c] = await ctx.tx
    .select({ id: customers.id, homeStoreId: customers.homeStoreId })
    .from(customers)
    .where(eq(customers.id, input.customerId));
  if (!c) throw new AppError('NOT_FOUND', { field: 'customerId' });
  let storeId = input.storeId ?? null;
  if (input.vehicleId) {
    const [v] = await ctx.tx
      .select({ id: vehicles.id })
      .from(vehicles)
      .where(and(eq(vehicles.id, input.vehicleId), eq(vehicles.customerId, input.customerId)));
    if (!v) throw new AppError('COMPLAINT_REFERENCE_INVALID', { field: 'vehicleId' });
  }
  if (input.serviceOrderId) {
    const [o] = await ctx.tx
      .select({ storeId: serviceOrders.storeId })
      .from(serviceOrders)
      .where(
        and(
          eq(serviceOrders.id, input.serviceOrderId),
          eq(serviceOrders.customerId, input.customerId),
        ),
      );
    if (!o) throw new AppError('COMPLAINT_REFERENCE_INVALID', { field: 'serviceOrderId' });
    storeId ??= o.storeId;
  }
  storeId ??= c.homeStoreId;
  if (storeId) {
    const [s] = await ctx.tx.select({ id: stores.id }).from(stores).where(eq(stores.id, storeId));
    if (!s) throw new AppError('COMPLAINT_REFERENCE_INVALID', { field: 'storeId' });
  }
  return storeId;
}

/** Opens a ticket (the contract other modules call): numbered, SLA clocks started, logged. */
export async function openComplaint(
  ctx: Ctx,
  input: OpenComplaintInput,
): Promise<{ ticketId: string; number: string; status: string }> {
  const settings = await loadSettings(ctx);
  const category = input.category ?? settings.categories.at(-1) ?? '其他';
  if (!settings.categories.includes(category))
    throw new AppError('COMPLAINT_CATEGORY_UNKNOWN', { field: 'category' });
  const storeId = await checkReferences(ctx, input);
  const severity = input.severity ?? 'medium';
  const id = newId();
  const number = await nextTicketNumber(ctx);
  const dues = await initialDeadlines(ctx, storeId, severity, { firstResponse: true });
  await ctx.tx.insert(complaintTickets).values({
    tenantId: ctx.tenantId,
    id,
    number,
    customerId: input.customerId,
    storeId,
    vehicleId: input.vehicleId ?? null,
    serviceOrderId: input.serviceOrderId ?? null,
    conversationId: input.conversationId ?? null,
    surveyId: input.surveyId ?? null,
    source: input.source,
    category,
    severity,
    summary: input.summary.trim(),
    ...dues,
    createdAt: ctx.clock.now(),
    updatedAt: ctx.clock.now(),
  });
  await addTimeline(ctx, id, {
    kind: 'created',
    body: input.summary.trim(),
    data: { source: input.source, category, severity },
    ownerVisible: true,
  });
  await recordAudit(ctx, {
    action: 'complaint.opened',
    entityType: 'complaint_ticket',
    entityId: id,
    changes: { number, source: input.source, category, severity, storeId },
  });
  await publishToStaff(ctx.tenantId, { type: 'complaint.changed', data: { ticketId: id } }, ctx.tx);
  return { ticketId: id, number, status: 'open' };
}

async function changed(ctx: Ctx, t: TicketRow, action: string, changes: Record<string, unknown>) {
  await recordAudit(ctx, {
    action: `complaint.${action}`,
    entityType: 'complaint_ticket',
    entityId: t.id,
    changes,
  });
  await publishToStaff(
    ctx.tenantId,
    { type: 'complaint.changed', data: { ticketId: t.id } },
    ctx.tx,
  );
  await publishToCustomer(
    ctx.tenantId,
    t.customerId,
    { type: 'complaint.changed', data: { ticketId: t.id } },
    ctx.tx,
  );
}

/** The SLA fields a move changes (clocks paused, resumed, stopped or restarted). */
async function clockFields(ctx: Ctx, t: TicketRow, to: TicketRow['status']) {
  const now = ctx.clock.now();
  if (to === 'resolved')
    return {
      resolvedAt: now,
      firstRespondedAt: t.firstRespondedAt ?? now,
      firstDueAt: null,
      resolveDueAt: null,
      firstLeftMinutes: null,
      resolveLeftMinutes: null,
      pausedAt: null,
    };
  if (to === 'closed') return { closedAt: now };
  if (to === 'open') {
    const dues = await initialDeadlines(ctx, t.storeId, t.severity, { firstResponse: false });
    return { ...dues, cycle: t.cycle + 1, resolvedAt: null, resolveBreachedAt: null };
  }
  if (isPaused(to) && !isPaused(t.status)) return pauseClocks(ctx, t);
  if (!isPaused(to) && isPaused(t.status)) return resumeClocks(ctx, t);
  return {};
}

/** Moves a ticket (staff, or the owner reopening): 409 COMPLAINT_STATUS_INVALID otherwise. */
export async function applyMove(ctx: Ctx, t: TicketRow, action: ComplaintAction, note?: string) {
  const to = nextStatus(t.status, action);
  const fields = await clockFields(ctx, t, to);
  await ctx.tx
    .update(complaintTickets)
    .set({ ...fields, status: to, updatedAt: ctx.clock.now() })
    .where(eq(complaintTickets.id, t.id));
  await addTimeline(ctx, t.id, {
    kind: 'status',
    body: note?.trim() || null,
    data: { from: t.status, to, action },
    ownerVisible: true,
  });
  await changed(ctx, t, action === 'reopen' ? 'reopened' : 'statusChanged', { from: t.status, to });
  return to;
}

export async function moveComplaint(
  ctx: Ctx,
  ticketId: string,
  input: { action: ComplaintAction; note?: string },
) {
  const t = await ticketRow(ctx, ticketId, { lock: true });
  await applyMove(ctx, t, input.action, input.note);
  return { ticketId };
}

/** An internal note: staff only, never shown to the owner. */
export async function addNote(ctx: Ctx, ticketId: string, input: { body: string }) {
  const t = await ticketRow(ctx, ticketId, { lock: true });
  await addTimeline(ctx, t.id, { kind: 'note', body: input.body.trim() });
  await changed(ctx, t, 'noted', {});
  return { ticketId };
}

/** A reply to the owner: on the ticket in the app and sent through messaging (in-app first). */
export async function replyToOwner(ctx: Ctx, ticketId: string, input: { body: string }) {
  const t = await ticketRow(ctx, ticketId, { lock: true });
  assertCanReply(t.status);
  const body = input.body.trim();
  const entryId = await addTimeline(ctx, t.id, { kind: 'reply', body, ownerVisible: true });
  if (!t.firstRespondedAt)
    await ctx.tx
      .update(complaintTickets)
      .set({
        firstRespondedAt: ctx.clock.now(),
        firstDueAt: null,
        firstLeftMinutes: null,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(complaintTickets.id, t.id));
  await sendToCustomer(ctx, {
    customerId: t.customerId,
    templateKey: COMPLAINT_REPLY,
    data: { complaint: { number: t.number, id: t.id, reply: body } },
    dedupeKey: `complaint.reply:${entryId}`,
    priority: 'transactional',
    purpose: 'transactional',
    source: { type: 'system', id: t.id },
  });
  await changed(ctx, t, 'replied', { firstResponse: !t.firstRespondedAt });
  return { ticketId };
}

export async function assignComplaint(
  ctx: Ctx,
  ticketId: string,
  input: { assigneeId: string | null },
) {
  const t = await ticketRow(ctx, ticketId, { lock: true });
  if (input.assigneeId) {
    const [m] = await listStaffMembers(ctx, { ids: [input.assigneeId] });
    if (!m || !m.active || m.role === 'partner')
      throw new AppError('COMPLAINT_ASSIGNEE_INVALID', { field: 'assigneeId' });
  }
  await ctx.tx
    .update(complaintTickets)
    .set({ assigneeId: input.assigneeId, updatedAt: ctx.clock.now() })
    .where(eq(complaintTickets.id, t.id));
  await addTimeline(ctx, t.id, {
    kind: 'assigned',
    data: { from: t.assigneeId, to: input.assigneeId },
  });
  await changed(ctx, t, 'assigned', { from: t.assigneeId, to: input.assigneeId });
  return { ticketId };
}

/** The owner adds to their ticket (not once it is closed). */
export async function ownerMessage(ctx: Ctx, customerId: string, ticketId: string, body: string) {
  const t = await ticketRow(ctx, ticketId, { lock: true, customerId });
  assertCanReply(t.status);
  await addTimeline(ctx, t.id, { kind: 'owner_message', body: body.trim(), ownerVisible: true });
  await changed(ctx, t, 'ownerMessage', {});
  return { ticketId };
}
