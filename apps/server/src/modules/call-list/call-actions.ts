// What staff do from a row of the call list: log a call, send the reminder now, snooze the car,
// mark it not interested, or put it back. Each writes its audit entry; a repeat of the same
// action (a double click) answers the state without writing twice.
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { RemindNowHook } from '../../app/module.ts';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { customers } from '../customers/index.ts';
import { vehicles } from '../vehicles/index.ts';
import { callListEntries, callLogs } from './call-list.tables.ts';
import type { CallHoldDto, CallLogDto, LogCallInput } from './call-list.schemas.ts';
import { addDays, tenantToday } from './days.ts';
import { SNOOZE_MAX_DAYS, dueCycleOf } from './holds.ts';

/** A second log of the same call by the same person within this long is the same click. */
const SAME_CALL_MS = 30_000;

let remindNowHook: RemindNowHook | null = null;

/** Wired by the composition root: reminders sends a car's reminder the way its rule would. */
export function setRemindNow(hook: RemindNowHook): void {
  remindNowHook = hook;
}

async function carOrThrow(ctx: Ctx, vehicleId: string) {
  const [car] = await ctx.tx
    .select({ id: vehicles.id, customerId: vehicles.customerId, erasedAt: customers.erasedAt })
    .from(vehicles)
    .innerJoin(
      customers,
      and(eq(customers.tenantId, vehicles.tenantId), eq(customers.id, vehicles.customerId)),
    )
    .where(eq(vehicles.id, vehicleId));
  if (!car) throw new AppError('NOT_FOUND', { field: 'vehicleId' });
  if (car.erasedAt) throw new AppError('CALL_CUSTOMER_ERASED', { field: 'vehicleId' });
  return car;
}

/** One action on a car at a time (two clicks in flight see each other's row). */
const lockCar = (ctx: Ctx, vehicleId: string) =>
  ctx.tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`call_list|${ctx.tenantId}|${vehicleId}`}, 0))`,
  );

const toLog = (r: typeof callLogs.$inferSelect, deduplicated: boolean): CallLogDto => ({
  id: r.id,
  vehicleId: r.vehicleId,
  customerId: r.customerId,
  outcome: r.outcome,
  note: r.note,
  createdAt: r.createdAt.toISOString(),
  deduplicated,
});

export async function logCall(
  ctx: Ctx,
  vehicleId: string,
  input: LogCallInput,
): Promise<CallLogDto> {
  const car = await carOrThrow(ctx, vehicleId);
  const note = input.note?.trim() || null;
  if (input.outcome === 'other' && !note)
    throw new AppError('CALL_NOTE_REQUIRED', { field: 'note' });
  await lockCar(ctx, vehicleId);
  const now = ctx.clock.now();
  const [same] = await ctx.tx
    .select()
    .from(callLogs)
    .where(
      and(
        eq(callLogs.vehicleId, vehicleId),
        eq(callLogs.outcome, input.outcome),
        sql`${callLogs.createdBy} is not distinct from ${ctx.actor.id}::uuid`,
        sql`${callLogs.note} is not distinct from ${note}::text`,
        gt(callLogs.createdAt, new Date(now.getTime() - SAME_CALL_MS)),
      ),
    )
    .orderBy(desc(callLogs.createdAt))
    .limit(1);
  if (same) return toLog(same, true);
  const [row] = await ctx.tx
    .insert(callLogs)
    .values({
      tenantId: ctx.tenantId,
      id: newId(),
      vehicleId,
      customerId: car.customerId,
      outcome: input.outcome,
      note,
      createdBy: ctx.actor.id,
      createdAt: now,
    })
    .returning();
  await recordAudit(ctx, {
    action: 'callList.call',
    entityType: 'vehicle',
    entityId: vehicleId,
    changes: { outcome: input.outcome, note, customerId: car.customerId },
  });
  return toLog(row!, false);
}

async function entryOf(ctx: Ctx, vehicleId: string) {
  const [e] = await ctx.tx
    .select()
    .from(callListEntries)
    .where(eq(callListEntries.vehicleId, vehicleId));
  return e ?? null;
}

const toHold = (
  vehicleId: string,
  e: { snoozedUntil: string | null; notInterestedAt: Date | null } | null,
): CallHoldDto => ({
  vehicleId,
  snoozedUntil: e?.snoozedUntil ?? null,
  notInterested: !!e?.notInterestedAt,
});

async function saveEntry(
  ctx: Ctx,
  car: { id: string; customerId: string },
  set: {
    snoozedUntil: string | null;
    notInterestedAt: Date | null;
    notInterestedItems: string[] | null;
  },
) {
  const row = { ...set, customerId: car.customerId, updatedAt: ctx.clock.now() };
  await ctx.tx
    .insert(callListEntries)
    .values({ tenantId: ctx.tenantId, vehicleId: car.id, ...row, updatedBy: ctx.actor.id })
    .onConflictDoUpdate({
      target: [callListEntries.tenantId, callListEntries.vehicleId],
      set: { ...row, updatedBy: ctx.actor.id },
    });
}

/** Hidden (and reminders held) until `until`, when the car shows again. */
export async function snoozeCar(
  ctx: Ctx,
  vehicleId: string,
  input: { until: string },
): Promise<CallHoldDto> {
  const car = await carOrThrow(ctx, vehicleId);
  const today = await tenantToday(ctx);
  if (input.until <= today || input.until > addDays(today, SNOOZE_MAX_DAYS))
    throw new AppError('CALL_SNOOZE_DATE_INVALID', {
      field: 'until',
      details: { min: addDays(today, 1), max: addDays(today, SNOOZE_MAX_DAYS) },
    });
  await lockCar(ctx, vehicleId);
  const before = await entryOf(ctx, vehicleId);
  const same =
    before?.customerId === car.customerId &&
    before.snoozedUntil === input.until &&
    !before.notInterestedAt;
  if (same) return toHold(vehicleId, before);
  await saveEntry(ctx, car, {
    snoozedUntil: input.until,
    notInterestedAt: null,
    notInterestedItems: null,
  });
  await recordAudit(ctx, {
    action: 'callList.snooze',
    entityType: 'vehicle',
    entityId: vehicleId,
    changes: { snoozedUntil: [before?.snoozedUntil ?? null, input.until] },
  });
  return toHold(vehicleId, { snoozedUntil: input.until, notInterestedAt: null });
}

/**
 * Not interested in what is due now: hidden, and reminders held, until an item comes due that
 * was not due when this was said (a new cycle: a different item, or the same after a service) —
 * at most a year.
 */
export async function markNotInterested(ctx: Ctx, vehicleId: string): Promise<CallHoldDto> {
  const car = await carOrThrow(ctx, vehicleId);
  await lockCar(ctx, vehicleId);
  const today = await tenantToday(ctx);
  const cycles = (
    await queryRows<{ cycle: string }>(
      ctx.tx,
      sql`select ${dueCycleOf('i')} as cycle from vehicle_due_items i
          where i.tenant_id = ${ctx.tenantId}::uuid and i.vehicle_id = ${vehicleId}::uuid
            and i.customer_id = ${car.customerId}::uuid and i.due_date <= ${today}::date + i.lead_days
          order by 1`,
    )
  ).map((r) => r.cycle);
  if (!cycles.length) throw new AppError('CALL_NOTHING_DUE', { field: 'vehicleId' });
  const before = await entryOf(ctx, vehicleId);
  const same =
    before?.customerId === car.customerId &&
    !!before.notInterestedAt &&
    !before.snoozedUntil &&
    JSON.stringify([...(before.notInterestedItems ?? [])].sort()) === JSON.stringify(cycles);
  if (same) return toHold(vehicleId, before);
  const now = ctx.clock.now();
  await saveEntry(ctx, car, {
    snoozedUntil: null,
    notInterestedAt: now,
    notInterestedItems: cycles,
  });
  await recordAudit(ctx, {
    action: 'callList.notInterested',
    entityType: 'vehicle',
    entityId: vehicleId,
    changes: { items: cycles },
  });
  return toHold(vehicleId, { snoozedUntil: null, notInterestedAt: now });
}

/** Back on the list: the snooze or "not interested" lifted (reminders resume). */
export async function restoreCar(ctx: Ctx, vehicleId: string): Promise<CallHoldDto> {
  const car = await carOrThrow(ctx, vehicleId);
  await lockCar(ctx, vehicleId);
  const before = await entryOf(ctx, vehicleId);
  if (!before || (!before.snoozedUntil && !before.notInterestedAt)) return toHold(vehicleId, null);
  await saveEntry(ctx, car, {
    snoozedUntil: null,
    notInterestedAt: null,
    notInterestedItems: null,
  });
  await recordAudit(ctx, {
    action: 'callList.restore',
    entityType: 'vehicle',
    entityId: vehicleId,
    changes: {
      snoozedUntil: [before.snoozedUntil, null],
      notInterested: [!!before.notInterestedAt, false],
    },
  });
  return toHold(vehicleId, null);
}

/**
 * Sends the car's reminder now, through its reminder rule (template, data, consent and quiet
 * hours as the automatic send). Once per car and day from the list: a second click answers the
 * first message.
 */
export async function remindNow(ctx: Ctx, vehicleId: string) {
  const car = await carOrThrow(ctx, vehicleId);
  if (!remindNowHook) throw new AppError('CALL_NOTHING_TO_REMIND', { field: 'vehicleId' });
  await lockCar(ctx, vehicleId);
  const today = await tenantToday(ctx);
  const sent = await remindNowHook(ctx, {
    vehicleId,
    customerId: car.customerId,
    dedupeKey: `call_list:${vehicleId}:${today}`,
  });
  if (!sent) throw new AppError('CALL_NOTHING_TO_REMIND', { field: 'vehicleId' });
  if (!sent.deduplicated)
    await recordAudit(ctx, {
      action: 'callList.remind',
      entityType: 'vehicle',
      entityId: vehicleId,
      changes: { templateKey: sent.templateKey, intentId: sent.intentId },
    });
  return sent;
}

/** Two customers became one: their calls and holds follow the survivor. */
export async function moveCallListOnMerge(
  ctx: Ctx,
  merge: { survivorId: string; duplicateId: string },
): Promise<void> {
  await ctx.tx
    .update(callLogs)
    .set({ customerId: merge.survivorId })
    .where(eq(callLogs.customerId, merge.duplicateId));
  await ctx.tx
    .update(callListEntries)
    .set({ customerId: merge.survivorId })
    .where(eq(callListEntries.customerId, merge.duplicateId));
}
