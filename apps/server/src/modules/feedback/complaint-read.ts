// Reading tickets: the console's board (filters, live SLA clocks), a ticket with its timeline,
// and the owner's own tickets in the app (only what is meant for them).
import { and, asc, desc, eq, ilike, inArray, or } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { iso, isoOrNull, newestFirst, takePage } from '../../kernel/paging.ts';
import { customers } from '../customers/index.ts';
import { listStaffMembers, staffUsers } from '../identity/index.ts';
import { stores } from '../tenancy/index.ts';
import { ticketRow, type TicketRow } from './complaint-store.ts';
import {
  complaintEvents,
  complaintTickets,
  type ComplaintStatus,
  type Severity,
} from './feedback.tables.ts';
import { loadSettings } from './settings.ts';
import { calendarCache, slaView } from './sla.ts';

export interface ComplaintQuery {
  status?: ComplaintStatus[];
  storeId?: string;
  severity?: Severity;
  assigneeId?: string;
  customerId?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

const ids = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))];

async function names(ctx: Ctx, rows: TicketRow[]) {
  const cIds = ids(rows.map((r) => r.customerId));
  const sIds = ids(rows.map((r) => r.storeId));
  const uIds = ids(rows.map((r) => r.assigneeId));
  const [cs, ss, us] = await Promise.all([
    cIds.length
      ? ctx.tx
          .select({ id: customers.id, name: customers.name })
          .from(customers)
          .where(inArray(customers.id, cIds))
      : [],
    sIds.length
      ? ctx.tx
          .select({ id: stores.id, name: stores.name })
          .from(stores)
          .where(inArray(stores.id, sIds))
      : [],
    uIds.length
      ? ctx.tx
          .select({ id: staffUsers.id, name: staffUsers.name })
          .from(staffUsers)
          .where(inArray(staffUsers.id, uIds))
      : [],
  ]);
  const map = (xs: { id: string; name: string | null }[]) =>
    new Map(xs.map((x) => [x.id, x.name ?? '']));
  return { customers: map(cs), stores: map(ss), staff: map(us) };
}

async function dtos(ctx: Ctx, rows: TicketRow[]) {
  const n = await names(ctx, rows);
  const calendar = calendarCache(ctx);
  const now = ctx.clock.now();
  return Promise.all(
    rows.map(async (t) => ({
      id: t.id,
      number: t.number,
      customerId: t.customerId,
      customerName: n.customers.get(t.customerId) ?? '',
      storeId: t.storeId,
      storeName: t.storeId ? (n.stores.get(t.storeId) ?? null) : null,
      vehicleId: t.vehicleId,
      serviceOrderId: t.serviceOrderId,
      surveyId: t.surveyId,
      source: t.source,
      category: t.category,
      severity: t.severity,
      summary: t.summary,
      status: t.status,
      assigneeId: t.assigneeId,
      assigneeName: t.assigneeId ? (n.staff.get(t.assigneeId) ?? null) : null,
      firstRespondedAt: isoOrNull(t.firstRespondedAt),
      resolvedAt: isoOrNull(t.resolvedAt),
      closedAt: isoOrNull(t.closedAt),
      createdAt: iso(t.createdAt),
      sla: slaView(await calendar(t.storeId), t, now),
    })),
  );
}

export type ComplaintDto = Awaited<ReturnType<typeof dtos>>[number];

export async function listComplaints(ctx: Ctx, q: ComplaintQuery) {
  const paging = newestFirst('complaint_tickets', 'created_at', q.cursor);
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await ctx.tx
    .select({ t: complaintTickets, sortKey: paging.sortKey })
    .from(complaintTickets)
    .where(
      and(
        q.status?.length ? inArray(complaintTickets.status, q.status) : undefined,
        q.storeId ? eq(complaintTickets.storeId, q.storeId) : undefined,
        q.severity ? eq(complaintTickets.severity, q.severity) : undefined,
        q.assigneeId ? eq(complaintTickets.assigneeId, q.assigneeId) : undefined,
        q.customerId ? eq(complaintTickets.customerId, q.customerId) : undefined,
        like
          ? or(ilike(complaintTickets.number, like), ilike(complaintTickets.summary, like))
          : undefined,
        paging.after,
      ),
    )
    .orderBy(desc(complaintTickets.createdAt), desc(complaintTickets.id))
    .limit(q.limit + 1);
  const { pageRows, nextCursor } = takePage(rows, q.limit, (r) => [r.sortKey, r.t.id]);
  return {
    items: await dtos(
      ctx,
      pageRows.map((r) => r.t),
    ),
    nextCursor,
  };
}

async function timeline(ctx: Ctx, ticketId: string, ownerOnly: boolean) {
  const rows = await ctx.tx
    .select({ e: complaintEvents, actorName: staffUsers.name })
    .from(complaintEvents)
    .leftJoin(staffUsers, eq(staffUsers.id, complaintEvents.actorId))
    .where(
      and(
        eq(complaintEvents.ticketId, ticketId),
        ownerOnly ? eq(complaintEvents.ownerVisible, true) : undefined,
      ),
    )
    .orderBy(asc(complaintEvents.at), asc(complaintEvents.id));
  return rows.map(({ e, actorName }) => ({
    id: e.id,
    at: iso(e.at),
    kind: e.kind,
    actorType: e.actorType,
    // The owner sees who answered as the shop, not by staff name.
    actorName: ownerOnly ? null : e.actorType === 'staff' ? actorName : null,
    body: e.body,
    data: ownerOnly ? pick(e.data, ['from', 'to']) : e.data,
  }));
}

const pick = (o: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(Object.entries(o).filter(([k]) => keys.includes(k)));

export async function getComplaint(ctx: Ctx, ticketId: string) {
  const t = await ticketRow(ctx, ticketId);
  const [dto] = await dtos(ctx, [t]);
  return { ...dto!, timeline: await timeline(ctx, t.id, false) };
}

/** The owner's tickets, newest first. */
export async function myComplaints(ctx: Ctx, customerId: string) {
  const rows = await ctx.tx
    .select()
    .from(complaintTickets)
    .where(eq(complaintTickets.customerId, customerId))
    .orderBy(desc(complaintTickets.createdAt))
    .limit(100);
  const n = await names(ctx, rows);
  return { items: rows.map((t) => ownerDto(t, n.stores)) };
}

const ownerDto = (t: TicketRow, storeNames: Map<string, string>) => ({
  id: t.id,
  number: t.number,
  category: t.category,
  summary: t.summary,
  status: t.status,
  storeName: t.storeId ? (storeNames.get(t.storeId) ?? null) : null,
  serviceOrderId: t.serviceOrderId,
  createdAt: iso(t.createdAt),
  resolvedAt: isoOrNull(t.resolvedAt),
});

/** One of the owner's tickets with what is meant for them; another's is NOT_FOUND. */
export async function myComplaint(ctx: Ctx, customerId: string, ticketId: string) {
  const t = await ticketRow(ctx, ticketId, { customerId });
  const n = await names(ctx, [t]);
  const settings = await loadSettings(ctx);
  const reopenUntil =
    t.status === 'resolved' && t.resolvedAt
      ? new Date(t.resolvedAt.getTime() + settings.reopenDays * 86_400_000)
      : null;
  return {
    ...ownerDto(t, n.stores),
    canReopen: reopenUntil !== null && reopenUntil >= ctx.clock.now(),
    reopenUntil: isoOrNull(reopenUntil),
    timeline: await timeline(ctx, t.id, true),
  };
}

/** Who a ticket may be given to: the active owners, managers and advisors. */
export async function complaintAssignees(ctx: Ctx) {
  const people = await listStaffMembers(ctx, { roles: ['owner', 'manager', 'advisor'] });
  return { items: people.map((p) => ({ id: p.id, name: p.name, role: p.role })) };
}
