// SLA breaches: a ticket whose first-response or resolution deadline passed is escalated once
// per SLA cycle and kind (the escalation row's key settles it even with two workers): the store's
// managers are told at once, the breach is on the timeline, and with the policy setting the
// ticket goes to the store's manager.
import { and, eq, isNull, lte, or } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { recordAudit } from '../audit/index.ts';
import { publishToStaff } from '../inbox/index.ts';
import { alertManagers, storeManagers } from './alerts.ts';
import { addTimeline } from './complaint-store.ts';
import { complaintEscalations, complaintTickets } from './feedback.tables.ts';
import { loadSettings } from './settings.ts';

type Kind = 'first_response' | 'resolution';

const TEXT: Record<Kind, string> = {
  first_response: '首次响应已超时',
  resolution: '处理时限已超时',
};

/** Escalates each breach of the tenant not escalated yet; answers how many. */
export async function escalateBreaches(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const due = await ctx.tx
    .select()
    .from(complaintTickets)
    .where(
      or(
        and(lte(complaintTickets.firstDueAt, now), isNull(complaintTickets.firstBreachedAt)),
        and(lte(complaintTickets.resolveDueAt, now), isNull(complaintTickets.resolveBreachedAt)),
      ),
    )
    .orderBy(complaintTickets.createdAt)
    .limit(200)
    .for('update', { skipLocked: true });
  let count = 0;
  for (const t of due) {
    if (t.firstDueAt && t.firstDueAt <= now && !t.firstBreachedAt)
      count += await escalate(ctx, t, 'first_response');
    if (t.resolveDueAt && t.resolveDueAt <= now && !t.resolveBreachedAt)
      count += await escalate(ctx, t, 'resolution');
  }
  return count;
}

async function escalate(
  ctx: Ctx,
  t: typeof complaintTickets.$inferSelect,
  kind: Kind,
): Promise<number> {
  const now = ctx.clock.now();
  const mark = kind === 'first_response' ? { firstBreachedAt: now } : { resolveBreachedAt: now };
  const [claimed] = await ctx.tx
    .insert(complaintEscalations)
    .values({ tenantId: ctx.tenantId, ticketId: t.id, cycle: t.cycle, kind, at: now })
    .onConflictDoNothing()
    .returning();
  await ctx.tx.update(complaintTickets).set(mark).where(eq(complaintTickets.id, t.id));
  if (!claimed) return 0;
  const notified = await alertManagers(ctx, {
    storeId: t.storeId,
    kind: 'sla_breach',
    ticketId: t.id,
    dedupeKey: `complaint.escalation:${t.id}:${t.cycle}:${kind}`,
    text: `投诉工单 ${t.number}${TEXT[kind]}，请尽快处理：${t.summary.slice(0, 40)}`,
  });
  await ctx.tx
    .update(complaintEscalations)
    .set({ notifiedStaffIds: notified })
    .where(
      and(
        eq(complaintEscalations.ticketId, t.id),
        eq(complaintEscalations.cycle, t.cycle),
        eq(complaintEscalations.kind, kind),
      ),
    );
  const reassignedTo = await maybeReassign(ctx, t);
  await addTimeline(ctx, t.id, {
    kind: 'escalated',
    data: { breach: kind, notified, reassignedTo },
  });
  await recordAudit(ctx, {
    action: 'complaint.escalated',
    entityType: 'complaint_ticket',
    entityId: t.id,
    changes: { breach: kind, cycle: t.cycle, notified, reassignedTo },
  });
  await publishToStaff(
    ctx.tenantId,
    { type: 'complaint.changed', data: { ticketId: t.id } },
    ctx.tx,
  );
  return 1;
}

/** With the setting on, the ticket goes to the store's first manager (unless it is theirs). */
async function maybeReassign(ctx: Ctx, t: typeof complaintTickets.$inferSelect) {
  const settings = await loadSettings(ctx);
  if (!settings.escalationReassign) return null;
  const [manager] = await storeManagers(ctx, t.storeId);
  if (!manager || manager.id === t.assigneeId) return null;
  await ctx.tx
    .update(complaintTickets)
    .set({ assigneeId: manager.id, updatedAt: ctx.clock.now() })
    .where(eq(complaintTickets.id, t.id));
  return manager.id;
}
