// Signing up (报名) and cancelling. Every change of places runs under the event row's lock
// (`select … for update`), so places taken never pass the capacity however many owners sign up
// at once; a cancellation hands the freed places to the waitlist (候补) in the same transaction,
// first come first served (see `promote`), and tells each promoted owner. Events are free:
// nothing is charged or refunded anywhere here.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { randomToken } from '../../kernel/crypto.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { vehicles } from '../vehicles/index.ts';
import { decideSignup, placesLeft, promote } from './events-rules.ts';
import { appEventDtos, findEvent, getSignupDto, type EventRow } from './events-read.ts';
import type { AppEventDto, SignupDto } from './events.schemas.ts';
import { communityEvents, eventSignups } from './events.tables.ts';
import { EVENT_PROMOTED } from './events.messages.ts';
import { tellOwners, withdrawReminders } from './notify.ts';

/** 120 random bits, URL-safe: unguessable, and looked up only inside the tenant's scope. */
export const newTicketCode = (): string => randomToken(15);

async function assertOwnCar(ctx: Ctx, customerId: string, vehicleId: string) {
  const [v] = await ctx.tx
    .select({ id: vehicles.id })
    .from(vehicles)
    .where(and(eq(vehicles.id, vehicleId), eq(vehicles.customerId, customerId)));
  if (!v) throw new AppError('EVENT_VEHICLE_UNKNOWN', { field: 'vehicleId' });
}

async function addPlaces(ctx: Ctx, eventId: string, delta: number) {
  await ctx.tx
    .update(communityEvents)
    .set({
      placesTaken: sql`${communityEvents.placesTaken} + ${delta}`,
      updatedAt: ctx.clock.now(),
    })
    .where(eq(communityEvents.id, eventId));
}

/** The next queue number of a locked event. */
async function nextSeq(ctx: Ctx, eventId: string): Promise<number> {
  const [r] = await ctx.tx
    .update(communityEvents)
    .set({ signupSeq: sql`${communityEvents.signupSeq} + 1` })
    .where(eq(communityEvents.id, eventId))
    .returning({ seq: communityEvents.signupSeq });
  return r!.seq;
}

/**
 * The owner signs up: confirmed while places are left, on the waitlist when full and asked for
 * (`joinWaitlist`), else EVENT_FULL (with the offer to wait). Signing up again after cancelling
 * reuses the owner's row with a new queue number and a new ticket.
 */
export async function signUp(
  ctx: Ctx,
  customerId: string,
  eventId: string,
  input: { partySize: number; vehicleId?: string | null | undefined; joinWaitlist: boolean },
): Promise<AppEventDto> {
  const e = await findEvent(ctx, eventId, true);
  const [existing] = await ctx.tx
    .select()
    .from(eventSignups)
    .where(and(eq(eventSignups.eventId, eventId), eq(eventSignups.customerId, customerId)));
  if (existing && existing.status !== 'cancelled' && e.status === 'published')
    throw new AppError('EVENT_ALREADY_SIGNED_UP', { details: { status: existing.status } });
  const decision = decideSignup(e, input, ctx.clock.now());
  if ('refused' in decision) {
    const r = decision.refused;
    if (r === 'EVENT_FULL')
      throw new AppError('EVENT_FULL', {
        details: { placesLeft: placesLeft(e), waitlistOffered: true },
      });
    throw new AppError(r, r === 'EVENT_PARTY_TOO_LARGE' ? { field: 'partySize' } : {});
  }
  if (input.vehicleId) await assertOwnCar(ctx, customerId, input.vehicleId);
  const now = ctx.clock.now();
  const row = {
    status: decision.status,
    partySize: input.partySize,
    vehicleId: input.vehicleId ?? null,
    seq: await nextSeq(ctx, eventId),
    ticketCode: newTicketCode(),
    signedUpAt: now,
    checkedInAt: null,
    checkedInBy: null,
    cancelledAt: null,
    cancelledBy: null,
    updatedAt: now,
  };
  if (existing) await ctx.tx.update(eventSignups).set(row).where(eq(eventSignups.id, existing.id));
  else
    await ctx.tx
      .insert(eventSignups)
      .values({ tenantId: ctx.tenantId, id: newId(), eventId, customerId, createdAt: now, ...row });
  if (decision.status === 'confirmed') await addPlaces(ctx, eventId, input.partySize);
  return (await appEventDtos(ctx, customerId, [await findEvent(ctx, eventId)]))[0]!;
}

/**
 * Gives the event's free places to its waitlist (first come first served; a party that does not
 * fit is passed over and keeps its place in line) and tells each promoted owner. The caller holds
 * the event row's lock. Nothing happens once the event has started or if it is not published.
 */
export async function fillFreedPlaces(ctx: Ctx, eventId: string): Promise<string[]> {
  const e = await findEvent(ctx, eventId, true);
  if (e.status !== 'published' || ctx.clock.now() >= e.startsAt) return [];
  const free = placesLeft(e);
  if (free <= 0) return [];
  const waiting = await ctx.tx
    .select({
      id: eventSignups.id,
      seq: eventSignups.seq,
      partySize: eventSignups.partySize,
      customerId: eventSignups.customerId,
    })
    .from(eventSignups)
    .where(and(eq(eventSignups.eventId, eventId), eq(eventSignups.status, 'waitlisted')))
    .orderBy(asc(eventSignups.seq));
  const ids = promote(free, waiting);
  if (!ids.length) return [];
  const promoted = waiting.filter((w) => ids.includes(w.id));
  await ctx.tx
    .update(eventSignups)
    .set({ status: 'confirmed', updatedAt: ctx.clock.now() })
    .where(inArray(eventSignups.id, ids));
  await addPlaces(
    ctx,
    eventId,
    promoted.reduce((n, w) => n + w.partySize, 0),
  );
  await tellOwners(ctx, e, promoted, EVENT_PROMOTED);
  return ids;
}

async function cancelRow(
  ctx: Ctx,
  e: EventRow,
  s: typeof eventSignups.$inferSelect,
  by: 'owner' | 'staff',
) {
  if (s.status === 'cancelled') return;
  if (s.checkedInAt) throw new AppError('EVENT_ALREADY_STARTED');
  if (ctx.clock.now() >= e.startsAt) throw new AppError('EVENT_ALREADY_STARTED');
  const now = ctx.clock.now();
  await ctx.tx
    .update(eventSignups)
    .set({ status: 'cancelled', cancelledAt: now, cancelledBy: by, updatedAt: now })
    .where(eq(eventSignups.id, s.id));
  await withdrawReminders(ctx, [s]);
  if (s.status === 'confirmed') {
    await addPlaces(ctx, e.id, -s.partySize);
    await fillFreedPlaces(ctx, e.id);
  }
  await recordAudit(ctx, {
    action: 'event.signupCancelled',
    entityType: 'event',
    entityId: e.id,
    changes: { signupId: s.id, by, status: s.status },
  });
}

/** The owner cancels their sign-up or leaves the waitlist (before the event starts). */
export async function cancelMySignup(
  ctx: Ctx,
  customerId: string,
  eventId: string,
): Promise<AppEventDto> {
  const e = await findEvent(ctx, eventId, true);
  if (e.status === 'draft') throw new AppError('NOT_FOUND', { field: 'eventId' });
  const [s] = await ctx.tx
    .select()
    .from(eventSignups)
    .where(and(eq(eventSignups.eventId, eventId), eq(eventSignups.customerId, customerId)));
  if (!s) throw new AppError('NOT_FOUND', { field: 'eventId' });
  if (e.status === 'published') await cancelRow(ctx, e, s, 'owner');
  return (await appEventDtos(ctx, customerId, [await findEvent(ctx, eventId)]))[0]!;
}

/** Staff cancel one sign-up (the owner asked by phone, say); the waitlist moves up. */
export async function cancelSignupByStaff(
  ctx: Ctx,
  eventId: string,
  signupId: string,
): Promise<SignupDto> {
  const e = await findEvent(ctx, eventId, true);
  if (e.status === 'cancelled') throw new AppError('EVENT_CANCELLED');
  const [s] = await ctx.tx
    .select()
    .from(eventSignups)
    .where(and(eq(eventSignups.id, signupId), eq(eventSignups.eventId, eventId)));
  if (!s) throw new AppError('NOT_FOUND', { field: 'signupId' });
  await cancelRow(ctx, e, s, 'staff');
  return getSignupDto(ctx, e, signupId);
}
