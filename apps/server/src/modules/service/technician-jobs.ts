// A technician's jobs: the orders they lead or do a line of. Their own list (open first, then
// those completed today) and, for owners and managers, anyone's work over a date range with the
// labour minutes it adds up to. A job names the customer but never their phone.
import { and, asc, desc, eq, gte, inArray, lt, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { WORKSHOP_ROLES } from '../../kernel/roles.ts';
import { customers } from '../customers/index.ts';
import { listStaffMembers, staffUsers } from '../identity/index.ts';
import { stores } from '../tenancy/index.ts';
import { vehicles } from '../vehicles/index.ts';
import { localDayKey } from './service-order-rules.ts';
import { labourMinutesOf, lineTechnician } from './technician-rules.ts';
import { serviceOrderItems, serviceOrders } from './service.tables.ts';
import { MAX_JOB_RANGE_DAYS, type TechnicianJob } from './service.schemas.ts';
import { dayBound, staffNames, tenantTimeZone, workedBy } from './order-views.ts';
import { customerJoin, storeJoin, vehicleJoin } from './order-views.ts';

/** The list is not paged: a technician's quarter stays far below this. */
const MAX_JOBS = 500;

const lead = alias(staffUsers, 'lead');

async function jobsWhere(
  ctx: Ctx,
  technicianId: string,
  where: ReturnType<typeof and>,
  order: ReturnType<typeof asc>[],
): Promise<TechnicianJob[]> {
  const rows = await ctx.tx
    .select({
      o: serviceOrders,
      storeName: stores.name,
      customerName: customers.name,
      plate: vehicles.plate,
      make: vehicles.make,
      model: vehicles.model,
      leadName: lead.name,
    })
    .from(serviceOrders)
    .innerJoin(stores, storeJoin)
    .innerJoin(customers, customerJoin)
    .innerJoin(vehicles, vehicleJoin)
    .leftJoin(
      lead,
      and(eq(lead.tenantId, serviceOrders.tenantId), eq(lead.id, serviceOrders.technicianId)),
    )
    .where(and(workedBy(technicianId), where))
    .orderBy(...order)
    .limit(MAX_JOBS);
  if (!rows.length) return [];
  const lines = await ctx.tx
    .select()
    .from(serviceOrderItems)
    .where(
      inArray(
        serviceOrderItems.orderId,
        rows.map((r) => r.o.id),
      ),
    )
    .orderBy(asc(serviceOrderItems.position), asc(serviceOrderItems.id));
  const names = await staffNames(ctx, [
    ...rows.map((r) => r.o.technicianId),
    ...lines.map((l) => l.technicianId),
  ]);
  return rows.map((row) =>
    jobDto(
      technicianId,
      row,
      lines.filter((l) => l.orderId === row.o.id),
      names,
    ),
  );
}

type OrderRow = typeof serviceOrders.$inferSelect;
type LineRow = typeof serviceOrderItems.$inferSelect;
interface JobRow {
  o: OrderRow;
  storeName: string;
  customerName: string | null;
  plate: string | null;
  make: string | null;
  model: string | null;
  leadName: string | null;
}

/** One job as `technicianId` sees it: their lines marked, their labour minutes added up. */
function jobDto(
  technicianId: string,
  { o, ...r }: JobRow,
  own: LineRow[],
  names: ReadonlyMap<string, string>,
): TechnicianJob {
  return {
    orderId: o.id,
    number: o.number,
    status: o.status,
    storeId: o.storeId,
    storeName: r.storeName,
    customerName: r.customerName,
    plate: r.plate,
    vehicleName: [r.make, r.model].filter(Boolean).join(' '),
    mileageKm: o.mileageKm,
    leadTechnicianId: o.technicianId,
    leadTechnicianName: r.leadName,
    notes: o.notes,
    openedAt: o.openedAt.toISOString(),
    completedAt: o.completedAt?.toISOString() ?? null,
    labourMinutes: labourMinutesOf(technicianId, o, own),
    lines: own.map((l) => {
      const doer = lineTechnician(l, o);
      return {
        id: l.id,
        kind: l.kind,
        category: l.category,
        description: l.description,
        quantity: l.quantity,
        labourMinutes: l.labourMinutes,
        technicianId: doer,
        technicianName: doer ? (names.get(doer) ?? null) : null,
        mine: doer === technicianId,
      };
    }),
  };
}

const total = (jobs: readonly TechnicianJob[]) => jobs.reduce((n, j) => n + j.labourMinutes, 0);

/** "2026-11-22": a tenant's calendar day of an instant. */
function calendarDay(at: Date, timeZone: string): string {
  const key = localDayKey(at, timeZone);
  return `${key.slice(0, 4)}-${key.slice(4, 6)}-${key.slice(6, 8)}`;
}

/** The signed-in staff member's jobs: open orders (oldest first), then those completed today. */
export async function listMyJobs(ctx: Ctx) {
  if (ctx.actor.type !== 'staff') throw new AppError('FORBIDDEN');
  const timeZone = await tenantTimeZone(ctx);
  const todayStart = dayBound(calendarDay(ctx.clock.now(), timeZone), timeZone, 'from');
  const items = await jobsWhere(
    ctx,
    ctx.actor.id,
    and(
      or(
        eq(serviceOrders.status, 'open'),
        and(
          gte(serviceOrders.completedAt, todayStart),
          inArray(serviceOrders.status, ['completed', 'paid', 'closed']),
        ),
      ),
    ),
    [
      asc(sql`case when ${serviceOrders.status} = 'open' then 0 else 1 end`),
      asc(sql`case when ${serviceOrders.status} = 'open' then ${serviceOrders.openedAt} end`),
      desc(serviceOrders.completedAt),
      asc(serviceOrders.id),
    ],
  );
  return { items, totalLabourMinutes: total(items) };
}

/**
 * A technician's work over days `from`..`to` (tenant calendar; default today): the orders
 * completed — or, not completed yet, opened — in the range, cancelled ones left out; newest first.
 */
export async function listTechnicianJobs(
  ctx: Ctx,
  staffId: string,
  input: { from?: string | undefined; to?: string | undefined },
) {
  const [member] = await listStaffMembers(ctx, { ids: [staffId] });
  if (!member || !WORKSHOP_ROLES.includes(member.role))
    throw new AppError('NOT_FOUND', { field: 'staffId' });
  const timeZone = await tenantTimeZone(ctx);
  const from = input.from ?? calendarDay(ctx.clock.now(), timeZone);
  const to = input.to ?? from;
  const start = dayBound(from, timeZone, 'from');
  const end = dayBound(to, timeZone, 'to');
  const days = (end.getTime() - start.getTime()) / 86_400_000;
  if (days <= 0 || Math.round(days) > MAX_JOB_RANGE_DAYS)
    throw new AppError('VALIDATION_FAILED', {
      field: 'to',
      message: {
        'zh-CN': `结束日期须在开始日期之后，且不超过 ${MAX_JOB_RANGE_DAYS} 天`,
        en: `The end must be on or after the start, at most ${MAX_JOB_RANGE_DAYS} days later`,
      },
    });
  const doneAt = sql`coalesce(${serviceOrders.completedAt}, ${serviceOrders.openedAt})`;
  const items = await jobsWhere(
    ctx,
    staffId,
    and(ne(serviceOrders.status, 'cancelled'), gte(doneAt, start), lt(doneAt, end)),
    [desc(doneAt), desc(serviceOrders.id)],
  );
  return {
    technician: { id: member.id, name: member.name, role: member.role },
    from,
    to,
    orderCount: items.length,
    totalLabourMinutes: total(items),
    items,
  };
}

/** Who may be given work (at one store, or any): technicians, managers and owners. */
export async function listTechnicians(ctx: Ctx, input: { storeId?: string | undefined }) {
  const members = await listStaffMembers(ctx, { roles: WORKSHOP_ROLES });
  const items = members
    .filter((m) => !input.storeId || m.storeIds === null || m.storeIds.includes(input.storeId))
    .map((m) => ({
      id: m.id,
      name: m.name,
      role: m.role as 'owner' | 'manager' | 'technician',
      storeIds: m.storeIds,
    }));
  // Technicians first: they do most of the work.
  items.sort((a, b) => Number(a.role !== 'technician') - Number(b.role !== 'technician'));
  return { items };
}
