// Readings of the past, from paper records: dated by the staff (a day in the business's time
// zone), checked against the car's readings on the days before and after, and announced with
// `vehicle.historyRecorded` — the due-list recomputes the car, nothing messages the owner.
import { and, asc, desc, eq, gte, lt } from 'drizzle-orm';
import { emitEvent } from '../../jobs/outbox.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { odometerReadings } from './vehicles.tables.ts';

/** How far the wall clock of `timeZone` is ahead of UTC at `utcMs`. */
function offsetMs(utcMs: number, timeZone: string): number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const p: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(utcMs))) p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/** The instant a wall-clock time (given as if UTC) is in `timeZone`. */
function zoned(wallMs: number, timeZone: string): Date {
  const first = wallMs - offsetMs(wallMs, timeZone);
  return new Date(wallMs - offsetMs(first, timeZone));
}

/**
 * A calendar day (YYYY-MM-DD) in a time zone: where it starts and ends, and its noon — the time
 * a record of that day is filed at, so the day's other records stay on either side of it.
 */
export function pastDay(date: string, timeZone: string): { start: Date; noon: Date; end: Date } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return {
    start: zoned(Date.UTC(y, m - 1, d), timeZone),
    noon: zoned(Date.UTC(y, m - 1, d, 12), timeZone),
    end: zoned(Date.UTC(y, m - 1, d + 1), timeZone),
  };
}

/** Today in a time zone, as YYYY-MM-DD. */
export function todayIn(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);
}

/** Refuses a day after today (ODOMETER_DATE_IN_FUTURE, naming `field`). */
export function assertNotFuture(date: string, now: Date, timeZone: string, field: string) {
  if (date > todayIn(now, timeZone))
    throw new AppError('ODOMETER_DATE_IN_FUTURE', { field, details: { today: todayIn(now, timeZone) } }); // prettier-ignore
}

interface Neighbour {
  readAt: Date;
  mileageKm: number;
}

/**
 * Whether a reading fits between the car's nearest readings on earlier and later days: an
 * odometer never goes back, so it is at least the earlier one and at most the later one.
 */
export function readingFits(
  mileageKm: number,
  earlier: Neighbour | null,
  later: Neighbour | null,
): 'below_earlier' | 'above_later' | null {
  if (earlier && mileageKm < earlier.mileageKm) return 'below_earlier';
  if (later && mileageKm > later.mileageKm) return 'above_later';
  return null;
}

/**
 * Records a reading of a past day (today included), linked to a past visit when there is one.
 * The caller has checked the car and announces the change (`announceVehicleHistory`).
 */
export async function recordPastReading(
  ctx: Ctx,
  input: {
    vehicleId: string;
    date: string;
    timeZone: string;
    mileageKm: number;
    serviceOrderId?: string | null;
  },
) {
  assertNotFuture(input.date, ctx.clock.now(), input.timeZone, 'date');
  const span = pastDay(input.date, input.timeZone);
  const nearest = async (before: boolean) => {
    const [row] = await ctx.tx
      .select({ readAt: odometerReadings.readAt, mileageKm: odometerReadings.mileageKm })
      .from(odometerReadings)
      .where(
        and(
          eq(odometerReadings.vehicleId, input.vehicleId),
          before ? lt(odometerReadings.readAt, span.start) : gte(odometerReadings.readAt, span.end),
        ),
      )
      .orderBy(before ? desc(odometerReadings.readAt) : asc(odometerReadings.readAt))
      .limit(1);
    return row ?? null;
  };
  const earlier = await nearest(true);
  const later = await nearest(false);
  const misfit = readingFits(input.mileageKm, earlier, later);
  if (misfit) {
    const other = misfit === 'below_earlier' ? earlier! : later!;
    const day = todayIn(other.readAt, input.timeZone);
    const km = other.mileageKm.toLocaleString('en-US');
    throw new AppError('ODOMETER_OUT_OF_ORDER', {
      field: 'mileageKm',
      message:
        misfit === 'below_earlier'
          ? {
              'zh-CN': `里程低于 ${day} 的记录（${km} km），里程不会倒退`,
              en: `Below the reading of ${day} (${km} km); an odometer never goes back`,
            }
          : {
              'zh-CN': `里程高于之后 ${day} 的记录（${km} km），里程不会倒退`,
              en: `Above the later reading of ${day} (${km} km); an odometer never goes back`,
            },
      details: {
        reason: misfit,
        readAt: other.readAt.toISOString(),
        mileageKm: other.mileageKm,
      },
    });
  }
  const id = newId();
  const reading = {
    id,
    vehicleId: input.vehicleId,
    readAt: span.noon,
    mileageKm: input.mileageKm,
    source: 'staff' as const,
    serviceOrderId: input.serviceOrderId ?? null,
  };
  await ctx.tx.insert(odometerReadings).values({ tenantId: ctx.tenantId, ...reading });
  await recordAudit(ctx, {
    action: 'vehicle.pastReadingRecorded',
    entityType: 'vehicle',
    entityId: input.vehicleId,
    changes: { readingId: id, date: input.date, mileageKm: input.mileageKm },
  });
  return {
    id,
    readAt: reading.readAt.toISOString(),
    mileageKm: reading.mileageKm,
    source: reading.source,
    serviceOrderId: reading.serviceOrderId,
  };
}

/**
 * Tells the due-list that a car's past changed (a past visit or reading was filed): automation
 * recomputes the car. Deliberately not `vehicle.mileageRecorded`, which also re-evaluates the
 * reminder rules — a paper record entered today must not send the owner anything.
 */
export async function announceVehicleHistory(ctx: Ctx, vehicleId: string, what: string) {
  await emitEvent(ctx, {
    type: 'vehicle.historyRecorded',
    aggregateId: vehicleId,
    payload: { vehicleId, what },
  });
}
