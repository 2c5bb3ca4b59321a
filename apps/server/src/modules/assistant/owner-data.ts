// What the assistant looks up for an owner, always scoped to that owner: their cars, their store,
// their upcoming bookings, and the free slots of a store around a wished time.
import { asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import {
  getAvailability,
  listMyAppointments,
  listStoresForCustomer,
  toLocal,
} from '../appointments/index.ts';
import { vehicles } from '../vehicles/index.ts';
import { DAY_PARTS, type DayPart } from './when-rules.ts';

export interface Car {
  id: string;
  plate: string | null;
  label: string;
}

export async function ownerCars(ctx: Ctx, customerId: string): Promise<Car[]> {
  const rows = await ctx.tx
    .select({ id: vehicles.id, plate: vehicles.plate, make: vehicles.make, model: vehicles.model })
    .from(vehicles)
    .where(eq(vehicles.customerId, customerId))
    .orderBy(asc(vehicles.createdAt), asc(vehicles.id));
  return rows.map((r) => ({
    id: r.id,
    plate: r.plate,
    label: [r.plate, [r.make, r.model].filter(Boolean).join(' ')].filter(Boolean).join(' ') || '—',
  }));
}

export const carName = (c: Car | undefined) => c?.plate ?? c?.label ?? '';

export interface StoreRef {
  id: string;
  name: string;
  address: string | null;
  phone: string | null;
}

/** The owner's home store, else the tenant's first. */
export async function ownerStore(ctx: Ctx, customerId: string): Promise<StoreRef | null> {
  const { items } = await listStoresForCustomer(ctx, customerId);
  return items[0] ?? null;
}

export type Booking = Awaited<ReturnType<typeof listMyAppointments>>['items'][number];

/** The owner's bookings still ahead that they may change (booked or confirmed). */
export async function upcomingBookings(ctx: Ctx, customerId: string): Promise<Booking[]> {
  const { items } = await listMyAppointments(ctx, customerId);
  return items.filter((a) => a.canCancel).reverse();
}

export async function lastCancelled(ctx: Ctx, customerId: string): Promise<Booking | null> {
  const { items } = await listMyAppointments(ctx, customerId);
  const now = ctx.clock.now().getTime();
  return (
    items.find((a) => a.status === 'cancelled' && new Date(a.startsAt).getTime() > now) ?? null
  );
}

export interface SlotChoice {
  /** The free slot matching the wish (ISO), or null. */
  match: string | null;
  /** The wished day has no slot at all (closed). */
  closed: boolean;
  /** Free slots nearest the wish, for when the match is missing or full. */
  nearest: string[];
  timeZone: string;
}

/**
 * The slot matching a wish on a day — an exact time (the slot holding it), a part of the day
 * (its first free slot) or none (the day's first free slot) — and the nearest free slots of the
 * coming week when that slot is full or missing.
 */
export async function chooseSlot(
  ctx: Ctx,
  storeId: string,
  wish: { date: string; minutes: number | null; part: DayPart | null },
): Promise<SlotChoice> {
  const avail = await getAvailability(ctx, { storeId, from: wish.date, days: 8 });
  const tz = avail.timeZone;
  const all = avail.days.flatMap((d) =>
    d.slots.map((s) => ({ ...s, local: toLocal(new Date(s.startsAt), tz) })),
  );
  const day = all.filter((s) => s.local.date === wish.date);
  const range = wish.part ? DAY_PARTS[wish.part] : null;
  const holding =
    wish.minutes !== null
      ? day.find((s) => {
          const len = (new Date(s.endsAt).getTime() - new Date(s.startsAt).getTime()) / 60_000;
          return s.local.minutes <= wish.minutes! && wish.minutes! < s.local.minutes + len;
        })
      : day.find(
          (s) =>
            s.remaining > 0 &&
            (!range || (s.local.minutes >= range.from && s.local.minutes < range.to)),
        );
  const target =
    holding?.startsAt ?? day[0]?.startsAt ?? all[0]?.startsAt ?? new Date().toISOString();
  const free = all.filter((s) => s.remaining > 0);
  const t = new Date(target).getTime();
  const nearest = free
    .filter((s) => s.startsAt !== holding?.startsAt)
    .sort(
      (a, b) =>
        Math.abs(new Date(a.startsAt).getTime() - t) - Math.abs(new Date(b.startsAt).getTime() - t),
    )
    .slice(0, 3)
    .map((s) => s.startsAt)
    .sort();
  return {
    match: holding && holding.remaining > 0 ? holding.startsAt : null,
    closed: day.length === 0,
    nearest,
    timeZone: tz,
  };
}
