import {
  and,
  asc,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNull,
  lt,
  ne,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { emitEvent } from '../../jobs/outbox.ts';
import type { Ctx } from '../../kernel/context.ts';
import { actorRole } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { pgError } from '../../kernel/pg-errors.ts';
import { maskPhone } from '../../kernel/phone.ts';
import { recordAudit } from '../audit/index.ts';
import { customers } from '../customers/index.ts';
import { sendToCustomer } from '../messaging/index.ts';
import { APPOINTMENT_CONFIRMED } from './appointments.messages.ts';
// Stores are a read model of tenancy's: the store's own time zone is read from it.
import { stores } from '../tenancy/index.ts';
import { vehicles } from '../vehicles/index.ts';
import type { APPOINTMENT_STATUSES } from './appointments.tables.ts';
import { appointmentSlots, appointments } from './appointments.tables.ts';
import type { AppointmentDto, MyAppointmentDto } from './appointments.schemas.ts';
import {
  addDays,
  dayBounds,
  formatTime,
  isValidTimeZone,
  slotStartingAt,
  slotsForDay,
  todayIn,
  toLocal,
  weekdayOf,
  type Slot,
} from './slots.ts';
import { type StoreInfo, loadHours, loadStore, tenantTimeZone } from './opening-hours.ts';

export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** Bookings that hold a place in their slot. */
const ACTIVE: AppointmentStatus[] = ['booked', 'confirmed'];
/** Bookings that still count as the car's visit (for the overlap rule). */
const HOLDING: AppointmentStatus[] = ['booked', 'confirmed', 'checked_in'];

/** Which status each staff action may start from, and where it leads. */
export const TRANSITIONS = {
  confirm: { from: ['booked'], to: 'confirmed', event: 'appointment.confirmed' },
  checkIn: { from: ['booked', 'confirmed'], to: 'checked_in', event: 'appointment.checkedIn' },
  noShow: { from: ['booked', 'confirmed'], to: 'no_show', event: 'appointment.noShow' },
  cancel: { from: ['booked', 'confirmed'], to: 'cancelled', event: 'appointment.cancelled' },
  reschedule: { from: ['booked', 'confirmed'], to: null, event: 'appointment.rescheduled' },
} as const satisfies Record<
  string,
  { from: readonly AppointmentStatus[]; to: AppointmentStatus | null; event: string }
>;
export type AppointmentAction = keyof typeof TRANSITIONS;

// ---- availability ----

async function bookedCounts(ctx: Ctx, storeId: string, from: Date, to: Date) {
  const rows = await ctx.tx
    .select({ startsAt: appointmentSlots.startsAt, booked: appointmentSlots.booked })
    .from(appointmentSlots)
    .where(
      and(
        eq(appointmentSlots.storeId, storeId),
        gte(appointmentSlots.startsAt, from),
        lt(appointmentSlots.startsAt, to),
      ),
    );
  return new Map(rows.map((r) => [r.startsAt.getTime(), r.booked]));
}

/** Future slots of a store, day by day, with the places left; closed days are left out. */
export async function getAvailability(
  ctx: Ctx,
  input: { storeId: string; from?: string | undefined; days: number },
) {
  const store = await loadStore(ctx, input.storeId);
  const hours = await loadHours(ctx, input.storeId);
  const now = ctx.clock.now();
  const first = input.from ?? todayIn(now, store.timeZone);
  const dates = Array.from({ length: input.days }, (_, i) => addDays(first, i));
  const range = {
    start: dayBounds(dates[0]!, store.timeZone).start,
    end: dayBounds(dates[dates.length - 1]!, store.timeZone).end,
  };
  const booked = await bookedCounts(ctx, input.storeId, range.start, range.end);
  const days = dates
    .map((date) => ({
      date,
      weekday: weekdayOf(date),
      slots: slotsForDay(date, hours, store.timeZone)
        .filter((s) => s.startsAt.getTime() > now.getTime())
        .map((s) => ({
          startsAt: s.startsAt.toISOString(),
          endsAt: s.endsAt.toISOString(),
          remaining: Math.max(0, s.capacity - (booked.get(s.startsAt.getTime()) ?? 0)),
        })),
    }))
    .filter((d) => d.slots.length > 0);
  return { storeId: store.id, timeZone: store.timeZone, days };
}

/** The tenant's stores for the car owner to choose from, their home store first. */
export async function listStoresForCustomer(ctx: Ctx, customerId: string) {
  const [me] = await ctx.tx
    .select({ homeStoreId: customers.homeStoreId })
    .from(customers)
    .where(eq(customers.id, customerId));
  const rows = await ctx.tx
    .select({ id: stores.id, name: stores.name, address: stores.address, phone: stores.phone })
    .from(stores)
    .orderBy(asc(stores.code));
  const home = me?.homeStoreId ?? null;
  return {
    items: [...rows.filter((s) => s.id === home), ...rows.filter((s) => s.id !== home)],
    homeStoreId: rows.some((s) => s.id === home) ? home : null,
  };
}

// ---- slots: taking and freeing a place ----

/**
 * Takes one place in the slot. The row's CHECK (booked ≤ capacity) is the arbiter: concurrent
 * bookings of the last place queue on the row, and the one that would overfill it fails.
 */
async function takePlace(ctx: Ctx, storeId: string, slot: Slot): Promise<void> {
  try {
    await ctx.tx
      .insert(appointmentSlots)
      .values({
        tenantId: ctx.tenantId,
        storeId,
        startsAt: slot.startsAt,
        capacity: slot.capacity,
        booked: 1,
      })
      .onConflictDoUpdate({
        target: [appointmentSlots.tenantId, appointmentSlots.storeId, appointmentSlots.startsAt],
        // The capacity in force now applies (the manager may have changed the hours).
        set: { booked: sql`${appointmentSlots.booked} + 1`, capacity: sql`excluded.capacity` },
      });
  } catch (err) {
    if (pgError(err)?.code === '23514')
      throw new AppError('APPOINTMENT_SLOT_FULL', {
        field: 'startsAt',
        details: { startsAt: slot.startsAt.toISOString() },
        cause: err,
      });
    throw err;
  }
}

async function freePlace(ctx: Ctx, storeId: string, startsAt: Date): Promise<void> {
  await ctx.tx
    .update(appointmentSlots)
    .set({ booked: sql`${appointmentSlots.booked} - 1` })
    .where(
      and(
        eq(appointmentSlots.storeId, storeId),
        eq(appointmentSlots.startsAt, startsAt),
        sql`${appointmentSlots.booked} > 0`,
      ),
    );
}

/** The store's slot starting at `startsAt`, in the future; else 422 with the reason. */
async function futureSlot(ctx: Ctx, store: StoreInfo, startsAtIso: string): Promise<Slot> {
  const startsAt = new Date(startsAtIso);
  const hours = await loadHours(ctx, store.id);
  const slot = slotStartingAt(startsAt, hours, store.timeZone);
  if (!slot)
    throw new AppError('APPOINTMENT_SLOT_INVALID', {
      field: 'startsAt',
      details: { startsAt: startsAtIso, timeZone: store.timeZone },
    });
  if (slot.startsAt.getTime() <= ctx.clock.now().getTime())
    throw new AppError('APPOINTMENT_SLOT_PAST', { field: 'startsAt' });
  return slot;
}

/**
 * A car may not hold two bookings at overlapping times (a booking without a car counts for
 * every car of the customer). The caller holds the customer's row lock.
 */
async function assertNoOverlap(
  ctx: Ctx,
  input: { customerId: string; vehicleId: string | null; slot: Slot; exceptId?: string },
) {
  const sameCar: SQL | undefined = input.vehicleId
    ? or(isNull(appointments.vehicleId), eq(appointments.vehicleId, input.vehicleId))
    : undefined;
  const [clash] = await ctx.tx
    .select({ id: appointments.id, startsAt: appointments.startsAt })
    .from(appointments)
    .where(
      and(
        eq(appointments.customerId, input.customerId),
        inArray(appointments.status, HOLDING),
        lt(appointments.startsAt, input.slot.endsAt),
        gt(appointments.endsAt, input.slot.startsAt),
        sameCar,
        input.exceptId ? ne(appointments.id, input.exceptId) : undefined,
      ),
    )
    .limit(1);
  if (clash)
    throw new AppError('APPOINTMENT_OVERLAP', {
      field: 'startsAt',
      details: { appointmentId: clash.id, startsAt: clash.startsAt.toISOString() },
    });
}

/** Locks the customer's row: their bookings are decided one at a time. */
async function lockCustomer(ctx: Ctx, customerId: string) {
  const [row] = await ctx.tx
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.id, customerId))
    .for('update');
  if (!row) throw new AppError('NOT_FOUND', { field: 'customerId' });
}

// ---- reading appointments ----

const showPhone = (ctx: Ctx, phone: string) => {
  const role = actorRole(ctx.actor);
  return role === 'technician' || role === 'partner' ? maskPhone(phone) : phone;
};

function selectAppointments() {
  return {
    a: appointments,
    storeName: stores.name,
    storeAddress: stores.address,
    storePhone: stores.phone,
    storeTimeZone: stores.timezone,
    customerName: customers.name,
    customerPhone: customers.phone,
    plate: vehicles.plate,
    make: vehicles.make,
    model: vehicles.model,
  };
}

async function queryAppointments(ctx: Ctx, where: SQL | undefined, order: SQL[]) {
  return ctx.tx
    .select(selectAppointments())
    .from(appointments)
    .innerJoin(
      stores,
      and(eq(stores.tenantId, appointments.tenantId), eq(stores.id, appointments.storeId)),
    )
    .innerJoin(
      customers,
      and(eq(customers.tenantId, appointments.tenantId), eq(customers.id, appointments.customerId)),
    )
    .leftJoin(
      vehicles,
      and(eq(vehicles.tenantId, appointments.tenantId), eq(vehicles.id, appointments.vehicleId)),
    )
    .where(where)
    .orderBy(...order);
}
export type Row = Awaited<ReturnType<typeof queryAppointments>>[number];

const vehicleOf = (r: Row) =>
  r.a.vehicleId ? { id: r.a.vehicleId, plate: r.plate, make: r.make, model: r.model } : null;

/** The timezone of a row's store: its own, else the tenant's (`fallback`). */
const zoneOf = (r: Row, fallback: string) =>
  r.storeTimeZone && isValidTimeZone(r.storeTimeZone) ? r.storeTimeZone : fallback;

function staffDto(ctx: Ctx, r: Row, fallbackZone: string): AppointmentDto {
  return {
    id: r.a.id,
    storeId: r.a.storeId,
    storeName: r.storeName,
    timeZone: zoneOf(r, fallbackZone),
    customer: {
      id: r.a.customerId,
      name: r.customerName,
      phone: showPhone(ctx, r.customerPhone),
    },
    vehicle: vehicleOf(r),
    startsAt: r.a.startsAt.toISOString(),
    endsAt: r.a.endsAt.toISOString(),
    status: r.a.status,
    serviceCategory: r.a.serviceCategory,
    notes: r.a.notes,
    createdByType: r.a.createdByType,
    cancelledAt: r.a.cancelledAt?.toISOString() ?? null,
    createdAt: r.a.createdAt.toISOString(),
    updatedAt: r.a.updatedAt.toISOString(),
  };
}

function myDto(ctx: Ctx, r: Row, fallbackZone: string): MyAppointmentDto {
  return {
    id: r.a.id,
    store: {
      id: r.a.storeId,
      name: r.storeName,
      address: r.storeAddress,
      phone: r.storePhone,
      timeZone: zoneOf(r, fallbackZone),
    },
    vehicle: vehicleOf(r),
    startsAt: r.a.startsAt.toISOString(),
    endsAt: r.a.endsAt.toISOString(),
    status: r.a.status,
    serviceCategory: r.a.serviceCategory,
    notes: r.a.notes,
    cancelledAt: r.a.cancelledAt?.toISOString() ?? null,
    createdAt: r.a.createdAt.toISOString(),
    canCancel: ACTIVE.includes(r.a.status) && r.a.startsAt.getTime() > ctx.clock.now().getTime(),
  };
}

export async function findRow(ctx: Ctx, id: string, customerId?: string): Promise<Row> {
  const [row] = await queryAppointments(
    ctx,
    and(eq(appointments.id, id), customerId ? eq(appointments.customerId, customerId) : undefined),
    [],
  );
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function getAppointment(ctx: Ctx, id: string): Promise<AppointmentDto> {
  return staffDto(ctx, await findRow(ctx, id), await tenantTimeZone(ctx));
}

export async function getMyAppointment(
  ctx: Ctx,
  customerId: string,
  id: string,
): Promise<MyAppointmentDto> {
  return myDto(ctx, await findRow(ctx, id, customerId), await tenantTimeZone(ctx));
}

/** The car owner's bookings, latest first. */
export async function listMyAppointments(ctx: Ctx, customerId: string) {
  const rows = await queryAppointments(ctx, eq(appointments.customerId, customerId), [
    desc(appointments.startsAt),
    desc(appointments.createdAt),
  ]);
  const zone = await tenantTimeZone(ctx);
  return { items: rows.slice(0, 200).map((r) => myDto(ctx, r, zone)) };
}

/** The day board of a store: the day's slots with their load, and every appointment. */
export async function getBoard(ctx: Ctx, input: { storeId: string; date: string }) {
  const store = await loadStore(ctx, input.storeId);
  const hours = await loadHours(ctx, input.storeId);
  const { start, end } = dayBounds(input.date, store.timeZone);
  const booked = await bookedCounts(ctx, store.id, start, end);
  const rows = await queryAppointments(
    ctx,
    and(
      eq(appointments.storeId, store.id),
      gte(appointments.startsAt, start),
      lt(appointments.startsAt, end),
    ),
    [asc(appointments.startsAt), asc(appointments.createdAt)],
  );
  const slots = slotsForDay(input.date, hours, store.timeZone).map((s) => {
    const n = booked.get(s.startsAt.getTime()) ?? 0;
    return {
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      capacity: s.capacity,
      booked: n,
      remaining: Math.max(0, s.capacity - n),
    };
  });
  return {
    storeId: store.id,
    date: input.date,
    timeZone: store.timeZone,
    slots,
    items: rows.map((r) => staffDto(ctx, r, store.timeZone)),
  };
}

/**
 * Every booking of some stores (null: all) starting in [start, end), soonest first, as the
 * console shows them (read by the workbench for today's arrivals).
 */
export async function appointmentsBetween(
  ctx: Ctx,
  input: { storeIds: string[] | null; start: Date; end: Date },
): Promise<AppointmentDto[]> {
  if (input.storeIds && input.storeIds.length === 0) return [];
  const rows = await queryAppointments(
    ctx,
    and(
      input.storeIds ? inArray(appointments.storeId, input.storeIds) : undefined,
      gte(appointments.startsAt, input.start),
      lt(appointments.startsAt, input.end),
    ),
    [asc(appointments.startsAt), asc(appointments.createdAt)],
  );
  const zone = await tenantTimeZone(ctx);
  return rows.map((r) => staffDto(ctx, r, zone));
}

// ---- booking ----

interface BookInput {
  customerId: string;
  vehicleId: string | null;
  storeId: string;
  startsAt: string;
  serviceCategory?: string | null | undefined;
  notes?: string | null | undefined;
}

const eventPayload = (a: typeof appointments.$inferSelect) => ({
  appointmentId: a.id,
  storeId: a.storeId,
  customerId: a.customerId,
  vehicleId: a.vehicleId,
  startsAt: a.startsAt.toISOString(),
  endsAt: a.endsAt.toISOString(),
  status: a.status,
});

/**
 * A booking staff make (by phone, at the counter) is agreed with the customer already: it starts
 * confirmed, as the owner's message says ("您已预约"). One the owner makes in the app waits for
 * the store to confirm it.
 */
const initialStatus = (ctx: Ctx): AppointmentStatus =>
  ctx.actor.type === 'staff' || ctx.actor.type === 'api_key' ? 'confirmed' : 'booked';

async function book(ctx: Ctx, input: BookInput): Promise<string> {
  const store = await loadStore(ctx, input.storeId);
  await lockCustomer(ctx, input.customerId);
  if (input.vehicleId) {
    const [car] = await ctx.tx
      .select({ id: vehicles.id })
      .from(vehicles)
      .where(and(eq(vehicles.id, input.vehicleId), eq(vehicles.customerId, input.customerId)));
    if (!car) throw new AppError('NOT_FOUND', { field: 'vehicleId' });
  }
  const slot = await futureSlot(ctx, store, input.startsAt);
  await assertNoOverlap(ctx, { customerId: input.customerId, vehicleId: input.vehicleId, slot });
  await takePlace(ctx, store.id, slot);

  const id = newId();
  const now = ctx.clock.now();
  const [row] = await ctx.tx
    .insert(appointments)
    .values({
      tenantId: ctx.tenantId,
      id,
      storeId: store.id,
      customerId: input.customerId,
      vehicleId: input.vehicleId,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      serviceCategory: input.serviceCategory ?? null,
      status: initialStatus(ctx),
      notes: input.notes || null,
      createdByType: ctx.actor.type,
      createdBy: ctx.actor.id,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await emitEvent(ctx, {
    type: 'appointment.booked',
    aggregateId: id,
    payload: eventPayload(row!),
  });
  // The confirmation is part of the booking: it commits (and is deduplicated) with it.
  const [car] = input.vehicleId
    ? await ctx.tx
        .select({ plate: vehicles.plate })
        .from(vehicles)
        .where(eq(vehicles.id, input.vehicleId))
    : [];
  const local = toLocal(slot.startsAt, store.timeZone);
  await sendToCustomer(ctx, {
    customerId: input.customerId,
    templateKey: APPOINTMENT_CONFIRMED.key,
    data: {
      appointment: { time: `${local.date} ${formatTime(local.minutes)}` },
      store: { name: store.name },
      vehicle: { plate: car?.plate ?? '-' },
    },
    dedupeKey: `appointment.confirmed:${id}`,
    priority: 'transactional',
    purpose: 'transactional',
    channels: ['inapp', 'sms'],
    source: { type: 'system', id },
  });
  await recordAudit(ctx, {
    action: 'appointment.booked',
    entityType: 'appointment',
    entityId: id,
    changes: { ...eventPayload(row!), serviceCategory: row!.serviceCategory, notes: row!.notes },
  });
  return id;
}

/** The car owner books one of their cars into a slot. */
export async function bookAsCustomer(
  ctx: Ctx,
  customerId: string,
  input: Omit<BookInput, 'customerId' | 'vehicleId'> & { vehicleId: string },
) {
  const id = await book(ctx, { ...input, customerId });
  return getMyAppointment(ctx, customerId, id);
}

/** Staff book a slot for a customer (by phone, at the counter, from the board). */
export async function bookAsStaff(
  ctx: Ctx,
  input: Omit<BookInput, 'vehicleId'> & { vehicleId?: string | null | undefined },
) {
  const id = await book(ctx, { ...input, vehicleId: input.vehicleId ?? null });
  return getAppointment(ctx, id);
}

// ---- status moves ----

async function lockAppointment(ctx: Ctx, id: string, customerId?: string) {
  const [row] = await ctx.tx
    .select()
    .from(appointments)
    .where(
      and(
        eq(appointments.id, id),
        customerId ? eq(appointments.customerId, customerId) : undefined,
      ),
    )
    .for('update');
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

function assertMove(row: typeof appointments.$inferSelect, action: AppointmentAction) {
  const allowed: readonly AppointmentStatus[] = TRANSITIONS[action].from;
  if (!allowed.includes(row.status))
    throw new AppError('APPOINTMENT_STATUS_CONFLICT', {
      field: 'status',
      details: { status: row.status, action, allowedFrom: allowed },
    });
}

async function move(
  ctx: Ctx,
  id: string,
  action: Exclude<AppointmentAction, 'reschedule'>,
  opts: { customerId?: string; reason?: string | null | undefined } = {},
) {
  const row = await lockAppointment(ctx, id, opts.customerId);
  assertMove(row, action);
  const now = ctx.clock.now();
  if (action === 'noShow' && row.startsAt.getTime() > now.getTime())
    throw new AppError('APPOINTMENT_NOT_STARTED', {
      details: { startsAt: row.startsAt.toISOString() },
    });
  if (action === 'cancel' && opts.customerId && row.startsAt.getTime() <= now.getTime())
    throw new AppError('APPOINTMENT_STARTED');
  const to = TRANSITIONS[action].to;
  const [updated] = await ctx.tx
    .update(appointments)
    .set({ status: to, updatedAt: now, ...(action === 'cancel' ? { cancelledAt: now } : {}) })
    .where(eq(appointments.id, id))
    .returning();
  if (action === 'cancel') await freePlace(ctx, row.storeId, row.startsAt);
  const reason = opts.reason?.trim() || null;
  await emitEvent(ctx, {
    type: TRANSITIONS[action].event,
    aggregateId: id,
    payload: {
      ...eventPayload(updated!),
      from: row.status,
      ...(action === 'cancel' ? { reason } : {}),
    },
  });
  await recordAudit(ctx, {
    action: TRANSITIONS[action].event,
    entityType: 'appointment',
    entityId: id,
    changes: { status: { from: row.status, to }, ...(reason ? { reason } : {}) },
  });
}

export async function moveAsStaff(
  ctx: Ctx,
  id: string,
  action: Exclude<AppointmentAction, 'reschedule'>,
  reason?: string | null,
) {
  await move(ctx, id, action, { reason });
  return getAppointment(ctx, id);
}

export async function cancelAsCustomer(
  ctx: Ctx,
  customerId: string,
  id: string,
  reason?: string | null,
) {
  await move(ctx, id, 'cancel', { customerId, reason });
  return getMyAppointment(ctx, customerId, id);
}

/** Moves a booking to another slot of its store: the old place is freed, the new one taken. */
export async function reschedule(ctx: Ctx, id: string, startsAtIso: string) {
  const row = await lockAppointment(ctx, id);
  assertMove(row, 'reschedule');
  const store = await loadStore(ctx, row.storeId);
  const slot = await futureSlot(ctx, store, startsAtIso);
  if (slot.startsAt.getTime() === row.startsAt.getTime()) return getAppointment(ctx, id);
  await lockCustomer(ctx, row.customerId);
  await assertNoOverlap(ctx, {
    customerId: row.customerId,
    vehicleId: row.vehicleId,
    slot,
    exceptId: id,
  });
  // Slot rows are always touched in time order, so two opposite moves cannot deadlock.
  if (row.startsAt.getTime() < slot.startsAt.getTime()) {
    await freePlace(ctx, row.storeId, row.startsAt);
    await takePlace(ctx, row.storeId, slot);
  } else {
    await takePlace(ctx, row.storeId, slot);
    await freePlace(ctx, row.storeId, row.startsAt);
  }
  const [updated] = await ctx.tx
    .update(appointments)
    .set({ startsAt: slot.startsAt, endsAt: slot.endsAt, updatedAt: ctx.clock.now() })
    .where(eq(appointments.id, id))
    .returning();
  const from = { startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() };
  await emitEvent(ctx, {
    type: 'appointment.rescheduled',
    aggregateId: id,
    payload: { ...eventPayload(updated!), from },
  });
  await recordAudit(ctx, {
    action: 'appointment.rescheduled',
    entityType: 'appointment',
    entityId: id,
    changes: { startsAt: { from: from.startsAt, to: slot.startsAt.toISOString() } },
  });
  return getAppointment(ctx, id);
}
