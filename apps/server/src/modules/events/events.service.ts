// Staff keep events: create (as a draft), change, publish, cancel. Cancelling cancels every
// sign-up and tells each owner; a larger capacity hands the new places to the waitlist at once.
import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { sanitizePlainText } from '../../kernel/sanitize.ts';
import { recordAudit } from '../audit/index.ts';
import { stores } from '../tenancy/index.ts';
import { timesValid } from './events-rules.ts';
import { findEvent, getEvent } from './events-read.ts';
import type { EventDto } from './events.schemas.ts';
import { communityEvents, eventSignups, type EVENT_KINDS } from './events.tables.ts';
import { EVENT_CANCELLED_NOTICE } from './events.messages.ts';
import { tellOwners, withdrawReminders } from './notify.ts';
import { fillFreedPlaces } from './signups.ts';

export interface EventInput {
  kind: (typeof EVENT_KINDS)[number];
  title: string;
  description: string;
  storeId?: string | null | undefined;
  place: string;
  startsAt: string;
  endsAt: string;
  signupDeadline: string;
  capacity: number;
  maxPartySize: number;
  askVehicle: boolean;
  attendancePoints: number;
  clubId?: string | null | undefined;
}

async function assertStore(ctx: Ctx, storeId: string | null | undefined) {
  if (!storeId) return;
  const [s] = await ctx.tx.select({ id: stores.id }).from(stores).where(eq(stores.id, storeId));
  if (!s) throw new AppError('NOT_FOUND', { field: 'storeId' });
}

function assertTimes(t: { startsAt: Date; endsAt: Date; signupDeadline: Date }) {
  if (!timesValid(t)) throw new AppError('EVENT_TIMES_INVALID', { field: 'signupDeadline' });
}

const cleanText = (s: string) => sanitizePlainText(s);

export async function createEvent(ctx: Ctx, input: EventInput): Promise<EventDto> {
  await assertStore(ctx, input.storeId);
  const times = {
    startsAt: new Date(input.startsAt),
    endsAt: new Date(input.endsAt),
    signupDeadline: new Date(input.signupDeadline),
  };
  assertTimes(times);
  const title = cleanText(input.title);
  if (!title) throw new AppError('VALIDATION_FAILED', { field: 'title' });
  const id = newId();
  const now = ctx.clock.now();
  await ctx.tx.insert(communityEvents).values({
    tenantId: ctx.tenantId,
    id,
    kind: input.kind,
    title,
    description: cleanText(input.description),
    storeId: input.storeId ?? null,
    place: cleanText(input.place),
    ...times,
    capacity: input.capacity,
    maxPartySize: input.maxPartySize,
    askVehicle: input.askVehicle,
    attendancePoints: input.attendancePoints,
    clubId: input.clubId ?? null,
    createdBy: ctx.actor.id,
    createdAt: now,
    updatedAt: now,
  });
  await recordAudit(ctx, { action: 'event.created', entityType: 'event', entityId: id });
  return getEvent(ctx, id);
}

/** Changes an event (not a cancelled one); more places go to the waitlist in the same step. */
export async function updateEvent(
  ctx: Ctx,
  eventId: string,
  patch: Partial<EventInput>,
): Promise<EventDto> {
  const e = await findEvent(ctx, eventId, true);
  if (e.status === 'cancelled') throw new AppError('EVENT_CANCELLED');
  if (patch.storeId !== undefined) await assertStore(ctx, patch.storeId);
  const times = {
    startsAt: patch.startsAt ? new Date(patch.startsAt) : e.startsAt,
    endsAt: patch.endsAt ? new Date(patch.endsAt) : e.endsAt,
    signupDeadline: patch.signupDeadline ? new Date(patch.signupDeadline) : e.signupDeadline,
  };
  assertTimes(times);
  const capacity = patch.capacity ?? e.capacity;
  if (capacity < e.placesTaken)
    throw new AppError('EVENT_CAPACITY_BELOW_TAKEN', {
      field: 'capacity',
      details: { placesTaken: e.placesTaken },
    });
  const title = patch.title !== undefined ? cleanText(patch.title) : e.title;
  if (!title) throw new AppError('VALIDATION_FAILED', { field: 'title' });
  await ctx.tx
    .update(communityEvents)
    .set({
      ...times,
      title,
      capacity,
      ...(patch.kind ? { kind: patch.kind } : {}),
      ...(patch.description !== undefined ? { description: cleanText(patch.description) } : {}),
      ...(patch.storeId !== undefined ? { storeId: patch.storeId } : {}),
      ...(patch.place !== undefined ? { place: cleanText(patch.place) } : {}),
      ...(patch.maxPartySize !== undefined ? { maxPartySize: patch.maxPartySize } : {}),
      ...(patch.askVehicle !== undefined ? { askVehicle: patch.askVehicle } : {}),
      ...(patch.attendancePoints !== undefined ? { attendancePoints: patch.attendancePoints } : {}),
      ...(patch.clubId !== undefined ? { clubId: patch.clubId } : {}),
      updatedAt: ctx.clock.now(),
    })
    .where(eq(communityEvents.id, eventId));
  if (capacity > e.capacity && e.status === 'published') await fillFreedPlaces(ctx, eventId);
  await recordAudit(ctx, {
    action: 'event.updated',
    entityType: 'event',
    entityId: eventId,
    changes: { fields: Object.keys(patch) },
  });
  return getEvent(ctx, eventId);
}

/** A draft becomes visible to owners (publishing a published event changes nothing). */
export async function publishEvent(ctx: Ctx, eventId: string): Promise<EventDto> {
  const e = await findEvent(ctx, eventId, true);
  if (e.status === 'cancelled') throw new AppError('EVENT_CANCELLED');
  if (e.status === 'draft') {
    await ctx.tx
      .update(communityEvents)
      .set({ status: 'published', updatedAt: ctx.clock.now() })
      .where(eq(communityEvents.id, eventId));
    await recordAudit(ctx, { action: 'event.published', entityType: 'event', entityId: eventId });
  }
  return getEvent(ctx, eventId);
}

/** Cancels the event and every sign-up and waitlist place; each owner is told (once). */
export async function cancelEvent(ctx: Ctx, eventId: string): Promise<EventDto> {
  const e = await findEvent(ctx, eventId, true);
  if (e.status === 'cancelled') return getEvent(ctx, eventId);
  const now = ctx.clock.now();
  const affected = await ctx.tx
    .update(eventSignups)
    .set({ status: 'cancelled', cancelledAt: now, cancelledBy: 'event', updatedAt: now })
    .where(
      and(
        eq(eventSignups.eventId, eventId),
        inArray(eventSignups.status, ['confirmed', 'waitlisted']),
      ),
    )
    .returning({ id: eventSignups.id, customerId: eventSignups.customerId, seq: eventSignups.seq });
  await ctx.tx
    .update(communityEvents)
    .set({ status: 'cancelled', placesTaken: 0, cancelledAt: now, updatedAt: now })
    .where(eq(communityEvents.id, eventId));
  await withdrawReminders(ctx, affected);
  if (e.status === 'published') await tellOwners(ctx, e, affected, EVENT_CANCELLED_NOTICE);
  await recordAudit(ctx, {
    action: 'event.cancelled',
    entityType: 'event',
    entityId: eventId,
    changes: { signupsCancelled: affected.length },
  });
  return getEvent(ctx, eventId);
}
