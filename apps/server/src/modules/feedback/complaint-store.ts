// The rows every complaint step reads and writes: a ticket (locked for a change), its timeline
// entries, and the next ticket number of the day.
import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { localDateTime } from '../messaging/index.ts';
import { tenants } from '../tenancy/index.ts';
import { ticketNumber } from './complaint-rules.ts';
import {
  complaintCounters,
  complaintEvents,
  complaintTickets,
  type TIMELINE_KINDS,
} from './feedback.tables.ts';

export type TicketRow = typeof complaintTickets.$inferSelect;

/** The ticket (locked when it is about to change); another customer's is NOT_FOUND. */
export async function ticketRow(
  ctx: Ctx,
  ticketId: string,
  opts: { lock?: boolean; customerId?: string } = {},
): Promise<TicketRow> {
  const q = ctx.tx
    .select()
    .from(complaintTickets)
    .where(
      and(
        eq(complaintTickets.id, ticketId),
        opts.customerId ? eq(complaintTickets.customerId, opts.customerId) : undefined,
      ),
    );
  const [row] = opts.lock ? await q.for('update') : await q;
  if (!row) throw new AppError('NOT_FOUND', { field: 'ticketId' });
  return row;
}

export async function addTimeline(
  ctx: Ctx,
  ticketId: string,
  entry: {
    kind: (typeof TIMELINE_KINDS)[number];
    body?: string | null;
    data?: Record<string, unknown>;
    ownerVisible?: boolean;
  },
): Promise<string> {
  const id = newId();
  await ctx.tx.insert(complaintEvents).values({
    tenantId: ctx.tenantId,
    id,
    ticketId,
    at: ctx.clock.now(),
    kind: entry.kind,
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    body: entry.body ?? null,
    data: entry.data ?? {},
    ownerVisible: entry.ownerVisible ?? false,
  });
  return id;
}

export async function tenantZone(ctx: Ctx): Promise<string> {
  const [t] = await ctx.tx.select({ tz: tenants.timezone }).from(tenants);
  return t?.tz ?? 'Asia/Shanghai';
}

/** TS-YYYYMMDD-NNNN: the day's counter, raised in one upsert (two tickets at once get two). */
export async function nextTicketNumber(ctx: Ctx): Promise<string> {
  const day = localDateTime(ctx.clock.now(), await tenantZone(ctx)).date;
  const [row] = await ctx.tx
    .insert(complaintCounters)
    .values({ tenantId: ctx.tenantId, day, last: 1 })
    .onConflictDoUpdate({
      target: [complaintCounters.tenantId, complaintCounters.day],
      set: { last: sql`${complaintCounters.last} + 1` },
    })
    .returning({ last: complaintCounters.last });
  return ticketNumber(day, row!.last);
}
