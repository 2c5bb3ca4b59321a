// Reading events and sign-ups: the staff list with its counts (signed up, waitlist, checked in,
// no-shows), one event, its attendance list, and the owner's view with their own sign-up.
import { and, asc, desc, eq, gt, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { pgArray } from '../../db/arrays.ts';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { customers, phoneForViewer } from '../customers/index.ts';
import { stores, tenants } from '../tenancy/index.ts';
import { vehicles } from '../vehicles/index.ts';
import { isNoShow, placesLeft, TICKET_PREFIX } from './events-rules.ts';
import type { AppEventDto, EventDto, SignupDto } from './events.schemas.ts';
import { communityEvents, eventSignups } from './events.tables.ts';

export type EventRow = typeof communityEvents.$inferSelect;
export type SignupRow = typeof eventSignups.$inferSelect;

const memberNo = (n: number) => `LK${String(n).padStart(8, '0')}`;
const LIST_LIMIT = 200;

interface Counts {
  signedUp: number;
  waitlisted: number;
  checkedIn: number;
  noShow: number;
}

/** Counts per event, in one query. */
async function countsOf(ctx: Ctx, events: readonly EventRow[]): Promise<Map<string, Counts>> {
  const out = new Map<string, Counts>();
  if (!events.length) return out;
  const now = ctx.clock.now().toISOString();
  const rows = await queryRows<{
    event_id: string;
    signed_up: number;
    waitlisted: number;
    checked_in: number;
    no_show: number;
  }>(
    ctx.tx,
    sql`select s.event_id,
          count(*) filter (where s.status = 'confirmed')::int as signed_up,
          count(*) filter (where s.status = 'waitlisted')::int as waitlisted,
          count(*) filter (where s.status = 'confirmed' and s.checked_in_at is not null)::int
            as checked_in,
          count(*) filter (where s.status = 'confirmed' and s.checked_in_at is null
            and e.status = 'published' and e.ends_at <= ${now}::timestamptz)::int as no_show
        from event_signups s
        join community_events e on e.tenant_id = s.tenant_id and e.id = s.event_id
        where s.tenant_id = ${ctx.tenantId}::uuid
          and s.event_id = any(${pgArray(events.map((e) => e.id))}::uuid[])
        group by s.event_id`,
  );
  for (const r of rows)
    out.set(r.event_id, {
      signedUp: r.signed_up,
      waitlisted: r.waitlisted,
      checkedIn: r.checked_in,
      noShow: r.no_show,
    });
  return out;
}

async function storeNames(ctx: Ctx, events: readonly EventRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(events.map((e) => e.storeId).filter((x): x is string => !!x))];
  if (!ids.length) return new Map();
  const rows = await ctx.tx
    .select({ id: stores.id, name: stores.name })
    .from(stores)
    .where(inArray(stores.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

function baseDto(e: EventRow, storeName: string | null) {
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    description: e.description,
    storeId: e.storeId,
    storeName,
    place: e.place,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    signupDeadline: e.signupDeadline.toISOString(),
    capacity: e.capacity,
    maxPartySize: e.maxPartySize,
    askVehicle: e.askVehicle,
    attendancePoints: e.attendancePoints,
    status: e.status,
    createdAt: e.createdAt.toISOString(),
  };
}

export async function eventDtos(ctx: Ctx, events: readonly EventRow[]): Promise<EventDto[]> {
  const [counts, names] = await Promise.all([countsOf(ctx, events), storeNames(ctx, events)]);
  return events.map((e) => {
    const c = counts.get(e.id) ?? { signedUp: 0, waitlisted: 0, checkedIn: 0, noShow: 0 };
    return {
      ...baseDto(e, e.storeId ? (names.get(e.storeId) ?? null) : null),
      clubId: e.clubId,
      counts: { placesTaken: e.placesTaken, placesLeft: placesLeft(e), ...c },
    };
  });
}

export async function findEvent(ctx: Ctx, eventId: string, lock = false): Promise<EventRow> {
  const q = ctx.tx.select().from(communityEvents).where(eq(communityEvents.id, eventId));
  const [e] = lock ? await q.for('update') : await q;
  if (!e) throw new AppError('NOT_FOUND', { field: 'eventId' });
  return e;
}

export async function getEvent(ctx: Ctx, eventId: string): Promise<EventDto> {
  return (await eventDtos(ctx, [await findEvent(ctx, eventId)]))[0]!;
}

/** Staff: upcoming events (not yet ended) soonest first, or past ones latest first. */
export async function listEvents(
  ctx: Ctx,
  q: { when: 'upcoming' | 'past' | 'all'; clubId?: string | undefined },
): Promise<{ items: EventDto[] }> {
  const now = ctx.clock.now();
  const where: SQL[] = [];
  if (q.when === 'upcoming') where.push(gt(communityEvents.endsAt, now));
  if (q.when === 'past') where.push(lte(communityEvents.endsAt, now));
  if (q.clubId) where.push(eq(communityEvents.clubId, q.clubId));
  const rows = await ctx.tx
    .select()
    .from(communityEvents)
    .where(and(...where))
    .orderBy(
      q.when === 'upcoming' ? asc(communityEvents.startsAt) : desc(communityEvents.startsAt),
      asc(communityEvents.id),
    )
    .limit(LIST_LIMIT);
  return { items: await eventDtos(ctx, rows) };
}

/** The attendance list: every sign-up of the event in queue order, no-shows marked. */
export async function listSignups(ctx: Ctx, eventId: string): Promise<{ items: SignupDto[] }> {
  const e = await findEvent(ctx, eventId);
  const rows = await ctx.tx
    .select({
      s: eventSignups,
      name: customers.name,
      no: customers.memberNo,
      phone: customers.phone,
    })
    .from(eventSignups)
    .innerJoin(customers, eq(customers.id, eventSignups.customerId))
    .where(eq(eventSignups.eventId, eventId))
    .orderBy(asc(eventSignups.seq));
  const plates = await platesOf(
    ctx,
    rows.map((r) => r.s.vehicleId),
  );
  return {
    items: rows.map((r) =>
      signupDto(ctx, e, r.s, { name: r.name, memberNo: r.no, phone: r.phone }, plates),
    ),
  };
}

async function platesOf(ctx: Ctx, ids: (string | null)[]): Promise<Map<string, string>> {
  const want = [...new Set(ids.filter((x): x is string => !!x))];
  if (!want.length) return new Map();
  const rows = await ctx.tx
    .select({ id: vehicles.id, plate: vehicles.plate })
    .from(vehicles)
    .where(inArray(vehicles.id, want));
  return new Map(rows.map((r) => [r.id, r.plate ?? '']));
}

export function signupDto(
  ctx: Ctx,
  e: EventRow,
  s: SignupRow,
  c: { name: string | null; memberNo: number; phone: string },
  plates: Map<string, string>,
): SignupDto {
  return {
    id: s.id,
    eventId: s.eventId,
    customerId: s.customerId,
    customerName: c.name,
    memberNo: memberNo(c.memberNo),
    phone: phoneForViewer(ctx, c.phone),
    status: s.status,
    partySize: s.partySize,
    vehiclePlate: s.vehicleId ? (plates.get(s.vehicleId) ?? null) : null,
    queueNo: s.seq,
    signedUpAt: s.signedUpAt.toISOString(),
    checkedInAt: s.checkedInAt?.toISOString() ?? null,
    pointsGranted: s.pointsGranted,
    noShow: isNoShow(s, e, ctx.clock.now()),
    cancelledAt: s.cancelledAt?.toISOString() ?? null,
    cancelledBy: s.cancelledBy,
  };
}

/** One sign-up as the staff list shows it. */
export async function getSignupDto(ctx: Ctx, e: EventRow, signupId: string): Promise<SignupDto> {
  const [r] = await ctx.tx
    .select({
      s: eventSignups,
      name: customers.name,
      no: customers.memberNo,
      phone: customers.phone,
    })
    .from(eventSignups)
    .innerJoin(customers, eq(customers.id, eventSignups.customerId))
    .where(eq(eventSignups.id, signupId));
  if (!r) throw new AppError('NOT_FOUND', { field: 'signupId' });
  const plates = await platesOf(ctx, [r.s.vehicleId]);
  return signupDto(ctx, e, r.s, { name: r.name, memberNo: r.no, phone: r.phone }, plates);
}

// ---- the owner's view ----

async function waitlistPositions(ctx: Ctx, mine: readonly SignupRow[]) {
  const waiting = mine.filter((s) => s.status === 'waitlisted');
  const out = new Map<string, number>();
  if (!waiting.length) return out;
  const rows = await queryRows<{ id: string; pos: number }>(
    ctx.tx,
    sql`select s.id, (select count(*) from event_signups o
          where o.tenant_id = s.tenant_id and o.event_id = s.event_id
            and o.status = 'waitlisted' and o.seq <= s.seq)::int as pos
        from event_signups s
        where s.tenant_id = ${ctx.tenantId}::uuid
          and s.id = any(${pgArray(waiting.map((s) => s.id))}::uuid[])`,
  );
  for (const r of rows) out.set(r.id, r.pos);
  return out;
}

export async function appEventDtos(
  ctx: Ctx,
  customerId: string,
  events: readonly EventRow[],
): Promise<AppEventDto[]> {
  if (!events.length) return [];
  const mine = await ctx.tx
    .select()
    .from(eventSignups)
    .where(
      and(
        eq(eventSignups.customerId, customerId),
        inArray(
          eventSignups.eventId,
          events.map((e) => e.id),
        ),
      ),
    );
  const [names, positions, [tenant]] = await Promise.all([
    storeNames(ctx, events),
    waitlistPositions(ctx, mine),
    ctx.tx.select({ tz: tenants.timezone }).from(tenants).where(eq(tenants.tenantId, ctx.tenantId)),
  ]);
  const byEvent = new Map(mine.map((s) => [s.eventId, s]));
  const now = ctx.clock.now();
  return events.map((e) => {
    const s = byEvent.get(e.id);
    const confirmed = s?.status === 'confirmed';
    return {
      ...baseDto(e, e.storeId ? (names.get(e.storeId) ?? null) : null),
      timeZone: tenant?.tz ?? 'Asia/Shanghai',
      placesLeft: placesLeft(e),
      signupOpen: e.status === 'published' && now < e.signupDeadline && now < e.startsAt,
      mySignup: s
        ? {
            id: s.id,
            status: s.status,
            partySize: s.partySize,
            vehicleId: s.vehicleId,
            queueNo: s.seq,
            waitlistPosition: positions.get(s.id) ?? null,
            checkedInAt: s.checkedInAt?.toISOString() ?? null,
            pointsGranted: s.pointsGranted,
            ticketCode: confirmed ? s.ticketCode : null,
            qrPayload: confirmed ? `${TICKET_PREFIX}${s.ticketCode}` : null,
          }
        : null,
    };
  });
}

/** The app: published events not yet over (soonest first), and cancelled ones I signed up to. */
export async function listAppEvents(ctx: Ctx, customerId: string) {
  const now = ctx.clock.now();
  const rows = await ctx.tx
    .select()
    .from(communityEvents)
    .where(and(eq(communityEvents.status, 'published'), gt(communityEvents.endsAt, now)))
    .orderBy(asc(communityEvents.startsAt), asc(communityEvents.id))
    .limit(LIST_LIMIT);
  return { items: await appEventDtos(ctx, customerId, rows) };
}

/** The app: one event (a draft is not found; a cancelled one shows as cancelled). */
export async function getAppEvent(ctx: Ctx, customerId: string, eventId: string) {
  const e = await findEvent(ctx, eventId);
  if (e.status === 'draft') throw new AppError('NOT_FOUND', { field: 'eventId' });
  return (await appEventDtos(ctx, customerId, [e]))[0]!;
}

/** The app: the events I signed up to or wait for (not cancelled), latest start first. */
export async function listMyEvents(ctx: Ctx, customerId: string) {
  const rows = await ctx.tx
    .select({ e: communityEvents })
    .from(eventSignups)
    .innerJoin(communityEvents, eq(communityEvents.id, eventSignups.eventId))
    .where(
      and(
        eq(eventSignups.customerId, customerId),
        inArray(eventSignups.status, ['confirmed', 'waitlisted']),
      ),
    )
    .orderBy(desc(communityEvents.startsAt))
    .limit(LIST_LIMIT);
  return {
    items: await appEventDtos(
      ctx,
      customerId,
      rows.map((r) => r.e),
    ),
  };
}

/** Events attended (checked in) per customer: the hook car clubs read for badges. */
export async function attendanceCounts(
  ctx: Ctx,
  customerIds: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!customerIds.length) return out;
  const rows = await queryRows<{ customer_id: string; n: number }>(
    ctx.tx,
    sql`select s.customer_id, count(*)::int as n from event_signups s
        join community_events e on e.tenant_id = s.tenant_id and e.id = s.event_id
        where s.tenant_id = ${ctx.tenantId}::uuid and s.status = 'confirmed'
          and s.checked_in_at is not null and e.status = 'published'
          and s.customer_id = any(${pgArray(customerIds)}::uuid[])
        group by s.customer_id`,
  );
  for (const r of rows) out.set(r.customer_id, r.n);
  return out;
}

/** The owner's copy of their data: every sign-up, with the event it was for (privacy's export). */
export async function eventSignupsOf(ctx: Ctx, customerId: string) {
  const rows = await ctx.tx
    .select({ s: eventSignups, e: communityEvents })
    .from(eventSignups)
    .innerJoin(communityEvents, eq(communityEvents.id, eventSignups.eventId))
    .where(eq(eventSignups.customerId, customerId))
    .orderBy(desc(communityEvents.startsAt));
  return rows.map(({ s, e }) => ({
    event: e.title,
    kind: e.kind,
    startsAt: e.startsAt.toISOString(),
    place: e.place,
    status: s.status,
    partySize: s.partySize,
    signedUpAt: s.signedUpAt.toISOString(),
    checkedInAt: s.checkedInAt?.toISOString() ?? null,
    pointsGranted: s.pointsGranted,
    cancelledAt: s.cancelledAt?.toISOString() ?? null,
  }));
}

/**
 * Attendance for the dashboards: per month of the tenant's calendar in [from, to), sign-ups made
 * (confirmed or waitlisted, cancelled ones too — they were made) and check-ins at published events.
 */
export async function attendanceByMonth(
  ctx: Ctx,
  input: { from: Date; to: Date; timeZone: string },
): Promise<{ month: string; signups: number; checkIns: number }[]> {
  const rows = await queryRows<{ month: string; signups: number; check_ins: number }>(
    ctx.tx,
    sql`select m.month, sum(m.signups)::int as signups, sum(m.check_ins)::int as check_ins from (
          select to_char(s.created_at at time zone ${input.timeZone}, 'YYYY-MM') as month,
                 1 as signups, 0 as check_ins
            from event_signups s
            where s.tenant_id = ${ctx.tenantId}::uuid
              and s.created_at >= ${input.from.toISOString()}::timestamptz
              and s.created_at < ${input.to.toISOString()}::timestamptz
          union all
          select to_char(s.checked_in_at at time zone ${input.timeZone}, 'YYYY-MM'), 0, 1
            from event_signups s
            join community_events e on e.tenant_id = s.tenant_id and e.id = s.event_id
            where s.tenant_id = ${ctx.tenantId}::uuid and e.status = 'published'
              and s.checked_in_at >= ${input.from.toISOString()}::timestamptz
              and s.checked_in_at < ${input.to.toISOString()}::timestamptz
        ) m group by 1 order by 1`,
  );
  return rows.map((r) => ({
    month: r.month,
    signups: Number(r.signups),
    checkIns: Number(r.check_ins),
  }));
}
