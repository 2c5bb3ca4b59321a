// Stores' opening hours and the business's time zone: what slots a store offers each weekday,
// edited with an ETag so two editors cannot overwrite each other.
import { asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { sha256Hex } from '../../kernel/crypto.ts';
import { AppError } from '../../kernel/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { getTenant } from '../tenancy/index.ts';
// Stores are a read model of tenancy's: the store's own time zone is read from it.
import { stores } from '../tenancy/index.ts';
import { storeOpeningHours } from './appointments.tables.ts';
import type { OpeningHoursInput } from './appointments.schemas.ts';
import { minutesOf } from './appointments.schemas.ts';
import { formatTime, isValidTimeZone, parseTime, type DayHours } from './slots.ts';

export interface StoreInfo {
  id: string;
  name: string;
  address: string | null;
  phone: string | null;
  timeZone: string;
}

export async function tenantTimeZone(ctx: Ctx): Promise<string> {
  const tenant = await getTenant(ctx);
  return isValidTimeZone(tenant.timezone) ? tenant.timezone : 'Asia/Shanghai';
}

/** The store with the timezone its hours are read in (its own, else the tenant's). */
export async function loadStore(ctx: Ctx, storeId: string, opts: { lock?: boolean } = {}) {
  const query = ctx.tx
    .select({
      id: stores.id,
      name: stores.name,
      address: stores.address,
      phone: stores.phone,
      timezone: stores.timezone,
    })
    .from(stores)
    .where(eq(stores.id, storeId));
  const [row] = opts.lock ? await query.for('update') : await query;
  if (!row) throw new AppError('NOT_FOUND', { field: 'storeId' });
  const timeZone =
    row.timezone && isValidTimeZone(row.timezone) ? row.timezone : await tenantTimeZone(ctx);
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    phone: row.phone,
    timeZone,
  } satisfies StoreInfo;
}

export async function loadHours(ctx: Ctx, storeId: string): Promise<Map<number, DayHours>> {
  const rows = await ctx.tx
    .select()
    .from(storeOpeningHours)
    .where(eq(storeOpeningHours.storeId, storeId))
    .orderBy(asc(storeOpeningHours.weekday));
  const map = new Map<number, DayHours>();
  for (const r of rows) {
    const opensAt = parseTime(r.opensAt);
    const closesAt = parseTime(r.closesAt);
    if (opensAt === null || closesAt === null) continue;
    map.set(r.weekday, {
      weekday: r.weekday,
      opensAt,
      closesAt,
      slotMinutes: r.slotMinutes,
      capacity: r.capacity,
    });
  }
  return map;
}

const hoursDto = (hours: Map<number, DayHours>) =>
  [...hours.values()]
    .sort((a, b) => a.weekday - b.weekday)
    .map((h) => ({
      weekday: h.weekday,
      opensAt: formatTime(h.opensAt),
      closesAt: formatTime(h.closesAt),
      slotMinutes: h.slotMinutes,
      capacity: h.capacity,
    }));

/** A strong validator of the week's hours: it changes exactly when the hours do. */
const etagOf = (days: ReturnType<typeof hoursDto>) =>
  `"${sha256Hex(JSON.stringify(days)).slice(0, 24)}"`;

export async function getOpeningHours(ctx: Ctx, storeId: string) {
  const store = await loadStore(ctx, storeId);
  const days = hoursDto(await loadHours(ctx, storeId));
  return { storeId, timeZone: store.timeZone, etag: etagOf(days), days };
}

/** `If-Match` lists ETags (or `*`); weak validators compare by their opaque part. */
function matches(ifMatch: string, etag: string): boolean {
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  return ifMatch.split(',').some((t) => t.trim() === '*' || strip(t) === strip(etag));
}

/**
 * Replaces the store's week. With `ifMatch` (the ETag the editor read), a week someone else
 * changed meanwhile is refused with 412 instead of being overwritten.
 */
export async function setOpeningHours(
  ctx: Ctx,
  storeId: string,
  input: OpeningHoursInput,
  ifMatch: string | undefined,
) {
  // Locking the store row queues concurrent editors, so the ETag check cannot race.
  const store = await loadStore(ctx, storeId, { lock: true });
  const seen = new Set<number>();
  input.days.forEach((d, i) => {
    if (seen.has(d.weekday))
      throw new AppError('VALIDATION_FAILED', {
        field: `days.${i}.weekday`,
        message: { 'zh-CN': '同一天只能设置一次营业时间', en: 'Each weekday may appear once' },
      });
    seen.add(d.weekday);
    if (minutesOf(d.closesAt) <= minutesOf(d.opensAt))
      throw new AppError('VALIDATION_FAILED', {
        field: `days.${i}.closesAt`,
        message: {
          'zh-CN': '打烊时间须晚于开门时间',
          en: 'The closing time must be after the opening time',
        },
      });
    if (minutesOf(d.opensAt) + d.slotMinutes > minutesOf(d.closesAt))
      throw new AppError('VALIDATION_FAILED', {
        field: `days.${i}.slotMinutes`,
        message: {
          'zh-CN': '时段长度超过了营业时间',
          en: 'The slot is longer than the opening hours',
        },
      });
  });
  const before = hoursDto(await loadHours(ctx, storeId));
  const currentEtag = etagOf(before);
  if (ifMatch !== undefined && !matches(ifMatch, currentEtag))
    throw new AppError('PRECONDITION_FAILED', {
      field: 'If-Match',
      details: { etag: currentEtag },
    });

  await ctx.tx.delete(storeOpeningHours).where(eq(storeOpeningHours.storeId, storeId));
  if (input.days.length)
    await ctx.tx.insert(storeOpeningHours).values(
      input.days.map((d) => ({
        tenantId: ctx.tenantId,
        storeId,
        weekday: d.weekday,
        opensAt: d.opensAt,
        closesAt: d.closesAt,
        slotMinutes: d.slotMinutes,
        capacity: d.capacity,
      })),
    );
  const days = hoursDto(await loadHours(ctx, storeId));
  const etag = etagOf(days);
  if (etag !== currentEtag)
    await recordAudit(ctx, {
      action: 'store.openingHoursChanged',
      entityType: 'store',
      entityId: storeId,
      changes: { before, after: days },
    });
  return { storeId, timeZone: store.timeZone, etag, days };
}
