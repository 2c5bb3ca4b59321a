// Use-cases of the due-list: recompute (tenant-wide set-based, or one car), read a car's list
// with "why", the tenant's due list by window, staff-entered recalls and custom items, and the
// tenant's interval settings.
import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import { pgArray } from '../../db/arrays.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { decodeCursor, encodeCursor } from '../../kernel/paging.ts';
import { recordAudit } from '../audit/index.ts';
import { findImages, type StoredImage } from '../media/index.ts';
// Read directly (ownership, timezone): these modules' index files pull in their route code.
import { tenants } from '../tenancy/index.ts';
import { vehicles } from '../vehicles/index.ts';
import {
  dueCustomItems,
  dueFleetStats,
  dueIntervals,
  dueSettings,
  vehicleMileageEstimates,
} from './automation.tables.ts';
import { refreshFleet, upsertDueItems, upsertEstimates, type DueRunSettings } from './due.sql.ts';
import type {
  CustomDueItemDto,
  CustomDueItemInput,
  CustomDueItemPatch,
  DueItemDto,
  DueListQuery,
  DueSettingsDto,
  DueSettingsInput,
  TenantDueItemDto,
  VehicleDueDto,
} from './due.schemas.ts';
import { BUILT_IN_INTERVALS, builtInInterval } from './intervals.ts';
import { DEFAULT_DAILY_KM } from './prediction.ts';
import { whyOf } from './why.ts';

const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Dates in the tenant's timezone

export function localDate(at: Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(at);
  } catch {
    return localDate(at, 'Asia/Shanghai');
  }
}

export const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

export type DueStatus = 'overdue' | 'due_soon' | 'ok';

/** Overdue after the due date; due soon from `leadDays` before it. */
export function dueStatus(dueDate: string, leadDays: number, today: string): DueStatus {
  if (dueDate < today) return 'overdue';
  if (dueDate <= addDays(today, leadDays)) return 'due_soon';
  return 'ok';
}

async function tenantTimeZone(ctx: Ctx): Promise<string> {
  const [t] = await ctx.tx
    .select({ tz: tenants.timezone })
    .from(tenants)
    .where(eq(tenants.tenantId, ctx.tenantId));
  return t?.tz ?? 'Asia/Shanghai';
}

// ---------------------------------------------------------------------------------------------
// Settings

const SETTINGS_DEFAULTS: DueRunSettings = {
  insuranceLeadDays: 30,
  inspectionLeadDays: 30,
  warrantyYears: 3,
  warrantyKm: 100_000,
  warrantyLeadDays: 60,
  defaultDailyKm: null,
};

async function runSettings(ctx: Ctx): Promise<DueRunSettings> {
  const [row] = await ctx.tx
    .select()
    .from(dueSettings)
    .where(eq(dueSettings.tenantId, ctx.tenantId));
  if (!row) return SETTINGS_DEFAULTS;
  return {
    insuranceLeadDays: row.insuranceLeadDays,
    inspectionLeadDays: row.inspectionLeadDays,
    warrantyYears: row.warrantyYears,
    warrantyKm: row.warrantyKm,
    warrantyLeadDays: row.warrantyLeadDays,
    defaultDailyKm: row.defaultDailyKm,
  };
}

async function fleetDailyKm(ctx: Ctx): Promise<number | null> {
  const [row] = await ctx.tx
    .select({ km: dueFleetStats.fleetDailyKm })
    .from(dueFleetStats)
    .where(eq(dueFleetStats.tenantId, ctx.tenantId));
  return row?.km ?? null;
}

export async function getDueSettings(ctx: Ctx): Promise<DueSettingsDto> {
  const s = await runSettings(ctx);
  const overrides = await ctx.tx
    .select()
    .from(dueIntervals)
    .where(eq(dueIntervals.tenantId, ctx.tenantId))
    .orderBy(asc(dueIntervals.code), asc(dueIntervals.make));
  return {
    ...s,
    fleetDailyKm: await fleetDailyKm(ctx),
    globalDefaultDailyKm: DEFAULT_DAILY_KM,
    builtIn: BUILT_IN_INTERVALS.map((i) => ({
      code: i.code,
      label: i.label[ctx.locale],
      intervalKm: i.intervalKm,
      intervalMonths: i.intervalMonths,
      leadDays: i.leadDays,
    })),
    intervals: overrides.map((o) => ({
      code: o.code,
      make: o.make === '' ? null : o.make,
      intervalKm: o.intervalKm,
      intervalMonths: o.intervalMonths,
      leadDays: o.leadDays,
      enabled: o.enabled,
    })),
  };
}

/** Replaces the tenant's settings and interval overrides, then recomputes every car. */
export async function putDueSettings(ctx: Ctx, input: DueSettingsInput): Promise<DueSettingsDto> {
  const seen = new Set<string>();
  input.intervals.forEach((o, i) => {
    const key = `${o.code}|${(o.make ?? '').toLowerCase()}`;
    if (seen.has(key))
      throw new AppError('DUE_INTERVAL_DUPLICATE', {
        field: `intervals.${i}`,
        details: { code: o.code, make: o.make ?? null },
      });
    seen.add(key);
  });
  const now = ctx.clock.now();
  const values = {
    insuranceLeadDays: input.insuranceLeadDays,
    inspectionLeadDays: input.inspectionLeadDays,
    warrantyYears: input.warrantyYears,
    warrantyKm: input.warrantyKm,
    warrantyLeadDays: input.warrantyLeadDays,
    defaultDailyKm: input.defaultDailyKm,
    updatedAt: now,
  };
  await ctx.tx
    .insert(dueSettings)
    .values({ tenantId: ctx.tenantId, ...values })
    .onConflictDoUpdate({ target: [dueSettings.tenantId], set: values });
  await ctx.tx.delete(dueIntervals).where(eq(dueIntervals.tenantId, ctx.tenantId));
  if (input.intervals.length)
    await ctx.tx.insert(dueIntervals).values(
      input.intervals.map((o) => ({
        tenantId: ctx.tenantId,
        code: o.code,
        make: o.make?.trim() ?? '',
        intervalKm: o.intervalKm,
        intervalMonths: o.intervalMonths,
        leadDays: o.leadDays,
        enabled: o.enabled,
        updatedAt: now,
      })),
    );
  await recordAudit(ctx, {
    action: 'due.settingsChanged',
    entityType: 'due_settings',
    entityId: ctx.tenantId,
    changes: input,
  });
  await refreshTenantDue(ctx);
  return getDueSettings(ctx);
}

// ---------------------------------------------------------------------------------------------
// Recomputation

/**
 * Recomputes every car of the tenant set-based: estimates (one statement), the fleet figure,
 * due items (one statement). Idempotent; safe to rerun after a crash (each run replaces rows).
 */
export async function refreshTenantDue(ctx: Ctx): Promise<{ vehicles: number; items: number }> {
  const settings = await runSettings(ctx);
  const runAt = ctx.clock.now();
  await upsertEstimates(ctx.tx, {
    tenantId: ctx.tenantId,
    vehicleId: null,
    runAt,
    fleetDailyKm: await fleetDailyKm(ctx),
    defaultDailyKm: settings.defaultDailyKm,
  });
  await refreshFleet(ctx.tx, {
    tenantId: ctx.tenantId,
    runAt,
    defaultDailyKm: settings.defaultDailyKm,
  });
  await upsertDueItems(ctx.tx, { tenantId: ctx.tenantId, vehicleId: null, runAt, settings });
  const [counts] = await queryRows<{ vehicles: number; items: number }>(
    ctx.tx,
    sql`select (select count(*)::int from vehicle_mileage_estimates where tenant_id = ${ctx.tenantId}::uuid) as vehicles,
               (select count(*)::int from vehicle_due_items where tenant_id = ${ctx.tenantId}::uuid) as items`,
  );
  return { vehicles: Number(counts?.vehicles ?? 0), items: Number(counts?.items ?? 0) };
}

/** What a car's due-list depends on, as one string (see `vehicle_mileage_estimates.fingerprint`). */
const fingerprintOf = (tenantId: string, vehicleId: string) => sql`md5(concat_ws('|',
  (select count(*) || ':' || coalesce(max(o.id::text), '') || ':' || coalesce(sum(o.mileage_km), 0)
     from odometer_readings o where o.tenant_id = ${tenantId}::uuid and o.vehicle_id = ${vehicleId}::uuid),
  (select string_agg(s.id::text || s.status || s.updated_at::text || coalesce(s.mileage_km::text, ''), ',' order by s.id)
     from service_orders s where s.tenant_id = ${tenantId}::uuid and s.vehicle_id = ${vehicleId}::uuid),
  (select concat_ws(',', v.customer_id, v.make, v.fuel_type, v.registration_date, v.insurance_expiry,
                    v.next_inspection_date, c.home_store_id)
     from vehicles v join customers c on c.tenant_id = v.tenant_id and c.id = v.customer_id
     where v.tenant_id = ${tenantId}::uuid and v.id = ${vehicleId}::uuid),
  (select string_agg(row_to_json(ci)::text, ',' order by ci.id)
     from due_custom_items ci where ci.tenant_id = ${tenantId}::uuid and ci.vehicle_id = ${vehicleId}::uuid),
  (select string_agg(row_to_json(di)::text, ',' order by di.code, di.make)
     from due_intervals di where di.tenant_id = ${tenantId}::uuid),
  (select row_to_json(ds)::text from due_settings ds where ds.tenant_id = ${tenantId}::uuid),
  (select coalesce(fs.fleet_daily_km::text, '') from due_fleet_stats fs where fs.tenant_id = ${tenantId}::uuid)
))`;

/**
 * Recomputes one car (the incremental path: an order finished, a mileage reported, staff
 * changed an item) with the same set-based statements restricted to the car.
 */
export async function recomputeVehicleDue(ctx: Ctx, vehicleId: string): Promise<void> {
  const settings = await runSettings(ctx);
  const runAt = ctx.clock.now();
  await upsertEstimates(ctx.tx, {
    tenantId: ctx.tenantId,
    vehicleId,
    runAt,
    fleetDailyKm: await fleetDailyKm(ctx),
    defaultDailyKm: settings.defaultDailyKm,
  });
  await upsertDueItems(ctx.tx, { tenantId: ctx.tenantId, vehicleId, runAt, settings });
  await ctx.tx
    .execute(sql`update vehicle_mileage_estimates set fingerprint = ${fingerprintOf(ctx.tenantId, vehicleId)}
    where tenant_id = ${ctx.tenantId}::uuid and vehicle_id = ${vehicleId}::uuid`);
}

/** Recomputes the car first if anything it depends on changed since it was computed. */
export async function ensureVehicleDueFresh(ctx: Ctx, vehicleId: string): Promise<boolean> {
  const [row] = await queryRows<{ current: string; stored: string | null }>(
    ctx.tx,
    sql`select ${fingerprintOf(ctx.tenantId, vehicleId)} as current,
        (select e.fingerprint from vehicle_mileage_estimates e
          where e.tenant_id = ${ctx.tenantId}::uuid and e.vehicle_id = ${vehicleId}::uuid) as stored`,
  );
  if (row && row.stored === row.current) return false;
  await recomputeVehicleDue(ctx, vehicleId);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Reading

interface ItemRow {
  vehicle_id: string;
  item_key: string;
  kind: DueItemDto['kind'];
  code: string | null;
  custom_item_id: string | null;
  title: string | null;
  customer_id: string;
  store_id: string | null;
  due_date: string | Date;
  due_km: number | null;
  trigger: DueItemDto['trigger'];
  lead_days: number;
  interval_km: number | null;
  interval_months: number | null;
  basis: DueItemDto['basis'];
  last_done_on: string | Date | null;
  last_done_km: number | null;
  last_order_id: string | null;
  registration_date: string | Date | null;
  daily_km: number | null;
  anchor_km: number | null;
  anchor_at: string | Date | null;
  first_km: number | null;
  first_on: string | Date | null;
  note: string | null;
  photo_ids: string[] | null;
}

const dateText = (d: string | Date | null): string | null =>
  d == null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);

function predictedKmOn(row: ItemRow, day: string, timeZone: string): number | null {
  if (row.anchor_km == null || row.anchor_at == null || row.daily_km == null) return null;
  const anchorDay = localDate(new Date(row.anchor_at), timeZone);
  // A past day is projected back at the same rate (an overdue item's mileage on its date).
  return Math.max(
    0,
    Math.round(Number(row.anchor_km) + daysBetween(anchorDay, day) * Number(row.daily_km)),
  );
}

function toItem(ctx: Ctx, row: ItemRow, today: string, timeZone: string): DueItemDto {
  const dueDate = dateText(row.due_date)!;
  const label =
    row.kind === 'maintenance'
      ? (builtInInterval(row.code ?? '')?.label[ctx.locale] ?? row.code ?? '')
      : (row.title ?? KIND_LABELS[row.kind][ctx.locale]);
  const item: Omit<DueItemDto, 'why'> = {
    key: row.item_key,
    kind: row.kind,
    code: row.code,
    customItemId: row.custom_item_id,
    label,
    dueDate,
    dueKm: row.due_km == null ? null : Number(row.due_km),
    status: dueStatus(dueDate, Number(row.lead_days), today),
    trigger: row.trigger,
    leadDays: Number(row.lead_days),
    intervalKm: row.interval_km == null ? null : Number(row.interval_km),
    intervalMonths: row.interval_months == null ? null : Number(row.interval_months),
    basis: row.basis,
    lastDoneOn: dateText(row.last_done_on),
    lastDoneKm: row.last_done_km == null ? null : Number(row.last_done_km),
    lastOrderId: row.last_order_id,
    predictedKmOnDueDate: predictedKmOn(row, dueDate, timeZone),
    note: row.note,
    photos: [],
  };
  return {
    ...item,
    why: whyOf(ctx.locale, item, {
      dailyKm: row.daily_km == null ? null : Number(row.daily_km),
      registrationDate: dateText(row.registration_date),
      firstReading:
        row.first_km == null ? null : { km: Number(row.first_km), on: dateText(row.first_on)! },
    }),
  };
}

export const KIND_LABELS: Record<DueItemDto['kind'], { 'zh-CN': string; en: string }> = {
  maintenance: { 'zh-CN': '保养', en: 'Maintenance' },
  insurance: { 'zh-CN': '保险续保', en: 'Insurance renewal' },
  inspection: { 'zh-CN': '年检', en: 'Annual inspection' },
  warranty: { 'zh-CN': '质保到期', en: 'Warranty end' },
  recall: { 'zh-CN': '召回', en: 'Recall' },
  custom: { 'zh-CN': '提醒', en: 'Reminder' },
};

const itemSelect = (timeZone: string) => sql`
  select i.vehicle_id, i.item_key, i.kind, i.code, i.custom_item_id, i.title, i.customer_id, i.store_id,
         i.due_date::text as due_date, i.due_km, i.trigger, i.lead_days, i.interval_km, i.interval_months,
         i.basis, i.last_done_on::text as last_done_on, i.last_done_km, i.last_order_id,
         v.registration_date::text as registration_date, e.daily_km, e.anchor_km, e.anchor_at,
         fr.mileage_km as first_km, (fr.read_at at time zone ${timeZone})::date::text as first_on,
         ci.description as note, ci.photo_ids`;

const firstReadingJoin = sql`left join lateral (
    select o.mileage_km, o.read_at from odometer_readings o
    where o.tenant_id = i.tenant_id and o.vehicle_id = i.vehicle_id order by o.read_at, o.id limit 1
  ) fr on i.basis = 'first_reading'
  left join due_custom_items ci on ci.tenant_id = i.tenant_id and ci.id = i.custom_item_id`;

/** The photos of staff-entered items (a declined inspection item's), as the media module serves them. */
async function withPhotos<T extends DueItemDto>(
  ctx: Ctx,
  pairs: readonly { item: T; photoIds: readonly string[] | null }[],
): Promise<T[]> {
  const ids = [...new Set(pairs.flatMap((p) => p.photoIds ?? []))];
  const images = ids.length ? await findImages(ctx, ids) : new Map<string, StoredImage>();
  return pairs.map(({ item, photoIds }) => ({
    ...item,
    photos: (photoIds ?? []).flatMap((id) => {
      const image = images.get(id);
      return image ? [{ id, url: image.url, thumbUrl: image.thumbUrl }] : [];
    }),
  }));
}

const ORDER_OF_STATUS: Record<DueStatus, number> = { overdue: 0, due_soon: 1, ok: 2 };

/** A car's due-list (recomputed first if stale), soonest first, with the mileage estimate. */
export async function vehicleDue(
  ctx: Ctx,
  vehicleId: string,
  ownerId?: string,
): Promise<VehicleDueDto> {
  const [car] = await ctx.tx
    .select({ id: vehicles.id })
    .from(vehicles)
    .where(and(eq(vehicles.id, vehicleId), ownerId ? eq(vehicles.customerId, ownerId) : undefined));
  if (!car) throw new AppError('NOT_FOUND');
  await ensureVehicleDueFresh(ctx, vehicleId);
  const timeZone = await tenantTimeZone(ctx);
  const now = ctx.clock.now();
  const today = localDate(now, timeZone);
  const rows = await queryRows<ItemRow>(
    ctx.tx,
    sql`${itemSelect(timeZone)}
      from vehicle_due_items i
      join vehicles v on v.tenant_id = i.tenant_id and v.id = i.vehicle_id
      left join vehicle_mileage_estimates e on e.tenant_id = i.tenant_id and e.vehicle_id = i.vehicle_id
      ${firstReadingJoin}
      where i.tenant_id = ${ctx.tenantId}::uuid and i.vehicle_id = ${vehicleId}::uuid
      order by i.due_date, i.item_key`,
  );
  const items = (
    await withPhotos(
      ctx,
      rows.map((r) => ({ item: toItem(ctx, r, today, timeZone), photoIds: r.photo_ids })),
    )
  )
    // A warranty that ended long ago is history, not something due.
    .filter((i) => !(i.kind === 'warranty' && i.dueDate < addDays(today, -90)))
    .sort(
      (a, b) =>
        ORDER_OF_STATUS[a.status] - ORDER_OF_STATUS[b.status] || a.dueDate.localeCompare(b.dueDate),
    );
  const [est] = await ctx.tx
    .select()
    .from(vehicleMileageEstimates)
    .where(eq(vehicleMileageEstimates.vehicleId, vehicleId));
  const anchorDay = est?.anchorAt ? localDate(est.anchorAt, timeZone) : null;
  return {
    vehicleId,
    today,
    mileage: est
      ? {
          dailyKm: Math.round(est.dailyKm * 10) / 10,
          source: est.source,
          confidence: est.confidence,
          readingsUsed: est.readingsUsed,
          readingsTotal: est.readingsTotal,
          spreadKmPerDay:
            est.spreadKmPerDay == null ? null : Math.round(est.spreadKmPerDay * 10) / 10,
          lastReading:
            est.anchorKm != null && est.anchorAt
              ? { km: est.anchorKm, at: est.anchorAt.toISOString() }
              : null,
          predictedKmToday:
            est.anchorKm != null && anchorDay
              ? Math.round(est.anchorKm + Math.max(0, daysBetween(anchorDay, today)) * est.dailyKm)
              : null,
        }
      : null,
    items,
  };
}

/** Which items a due-list window holds, as a condition on `vehicle_due_items i`. */
function dueWindowSql(window: DueListQuery['window'], today: string) {
  return {
    due: sql`i.due_date <= ${today}::date + i.lead_days`,
    overdue: sql`i.due_date < ${today}::date`,
    today: sql`i.due_date = ${today}::date`,
    week: sql`i.due_date between ${today}::date and ${addDays(today, 6)}::date`,
    month: sql`i.due_date between ${today}::date and ${addDays(today, 29)}::date`,
  }[window];
}

/** How many items a window of the due-list holds (the same items `dueItemsForTenant` pages). */
export async function countDueItems(
  ctx: Ctx,
  input: { window: DueListQuery['window']; storeIds?: string[] | null },
): Promise<number> {
  if (input.storeIds && input.storeIds.length === 0) return 0;
  const today = localDate(ctx.clock.now(), await tenantTimeZone(ctx));
  const [row] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`select count(*)::int as n from vehicle_due_items i
      where i.tenant_id = ${ctx.tenantId}::uuid and ${dueWindowSql(input.window, today)}
        ${
          input.storeIds
            ? sql`and i.store_id in (${sql.join(
                input.storeIds.map((id) => sql`${id}::uuid`),
                sql`, `,
              )})`
            : sql``
        }
        and not (i.kind = 'warranty' and i.due_date < ${addDays(today, -90)}::date)`,
  );
  return Number(row?.n ?? 0);
}

/**
 * The tenant's due items in a window, soonest first (overdue: latest first), from the
 * materialised table (one indexed scan). `due` = overdue or within each item's lead days; `overdue`; `today`; `week` (next 7
 * days); `month` (next 30 days).
 */
export async function dueItemsForTenant(
  ctx: Ctx,
  input: DueListQuery,
): Promise<{ today: string; items: TenantDueItemDto[]; nextCursor: string | null }> {
  const timeZone = await tenantTimeZone(ctx);
  const today = localDate(ctx.clock.now(), timeZone);
  const windowSql = dueWindowSql(input.window, today);
  const after = decodeCursor(input.cursor, ['date', 'uuid', 'text']);
  // Overdue: the most recently overdue first (what slipped yesterday matters more than 2019).
  const desc = input.window === 'overdue';
  const rows = await queryRows<
    ItemRow & {
      plate: string | null;
      make: string | null;
      model: string | null;
      customer_name: string;
    }
  >(
    ctx.tx,
    sql`${itemSelect(timeZone)}, v.plate, v.make, v.model, c.name as customer_name
      from vehicle_due_items i
      join vehicles v on v.tenant_id = i.tenant_id and v.id = i.vehicle_id
      join customers c on c.tenant_id = i.tenant_id and c.id = i.customer_id
      left join vehicle_mileage_estimates e on e.tenant_id = i.tenant_id and e.vehicle_id = i.vehicle_id
      ${firstReadingJoin}
      where i.tenant_id = ${ctx.tenantId}::uuid and ${windowSql}
        ${input.storeId ? sql`and i.store_id = ${input.storeId}::uuid` : sql``}
        ${input.kind ? sql`and i.kind = ${input.kind}` : sql``}
        ${input.kind === 'warranty' || !input.kind ? sql`and not (i.kind = 'warranty' and i.due_date < ${addDays(today, -90)}::date)` : sql``}
        ${after ? sql`and (i.due_date, i.vehicle_id, i.item_key) ${desc ? sql`<` : sql`>`} (${after[0]}::date, ${after[1]}::uuid, ${after[2]})` : sql``}
      order by ${desc ? sql`i.due_date desc, i.vehicle_id desc, i.item_key desc` : sql`i.due_date, i.vehicle_id, i.item_key`}
      limit ${input.limit + 1}`,
  );
  const pageRows = rows.slice(0, input.limit);
  const last = rows.length > input.limit ? pageRows[pageRows.length - 1] : undefined;
  return {
    today,
    items: await withPhotos(
      ctx,
      pageRows.map((r) => ({
        item: {
          ...toItem(ctx, r, today, timeZone),
          vehicleId: r.vehicle_id,
          plate: r.plate,
          make: r.make,
          model: r.model,
          customerId: r.customer_id,
          customerName: r.customer_name,
          storeId: r.store_id,
        },
        photoIds: r.photo_ids,
      })),
    ),
    nextCursor: last
      ? encodeCursor([dateText(last.due_date)!, last.vehicle_id, last.item_key])
      : null,
  };
}

/**
 * The due items of several cars at once (the call list's page), each car's soonest first, with
 * labels and why in the caller's language; a warranty that ended long ago left out.
 */
export async function dueItemsForVehicles(
  ctx: Ctx,
  vehicleIds: readonly string[],
): Promise<Map<string, DueItemDto[]>> {
  const out = new Map<string, DueItemDto[]>();
  if (!vehicleIds.length) return out;
  const timeZone = await tenantTimeZone(ctx);
  const today = localDate(ctx.clock.now(), timeZone);
  const rows = await queryRows<ItemRow>(
    ctx.tx,
    sql`${itemSelect(timeZone)}
      from vehicle_due_items i
      join vehicles v on v.tenant_id = i.tenant_id and v.id = i.vehicle_id
      left join vehicle_mileage_estimates e on e.tenant_id = i.tenant_id and e.vehicle_id = i.vehicle_id
      ${firstReadingJoin}
      where i.tenant_id = ${ctx.tenantId}::uuid and i.vehicle_id = any(${pgArray([...vehicleIds])}::uuid[])
      order by i.due_date, i.item_key`,
  );
  const items = await withPhotos(
    ctx,
    rows.map((r) => ({ item: toItem(ctx, r, today, timeZone), photoIds: r.photo_ids })),
  );
  for (const [i, r] of rows.entries()) {
    const item = items[i]!;
    if (item.kind === 'warranty' && item.dueDate < addDays(today, -90)) continue;
    const list = out.get(r.vehicle_id) ?? [];
    list.push(item);
    out.set(r.vehicle_id, list);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Staff-entered items: recalls and custom reminders

const toCustomDto = (r: typeof dueCustomItems.$inferSelect): CustomDueItemDto => ({
  id: r.id,
  vehicleId: r.vehicleId,
  kind: r.kind,
  title: r.title,
  description: r.description,
  dueDate: r.dueDate,
  dueKm: r.dueKm,
  leadDays: r.leadDays,
  photoIds: r.photoIds,
  status: r.status,
  createdAt: r.createdAt.toISOString(),
  closedAt: r.closedAt?.toISOString() ?? null,
});

export async function listCustomDueItems(ctx: Ctx, vehicleId: string) {
  const rows = await ctx.tx
    .select()
    .from(dueCustomItems)
    .where(eq(dueCustomItems.vehicleId, vehicleId))
    .orderBy(asc(dueCustomItems.createdAt), asc(dueCustomItems.id));
  return rows.map(toCustomDto);
}

export async function createCustomDueItem(
  ctx: Ctx,
  vehicleId: string,
  input: CustomDueItemInput & { photoIds?: readonly string[] },
): Promise<CustomDueItemDto> {
  const [car] = await ctx.tx
    .select({ id: vehicles.id })
    .from(vehicles)
    .where(eq(vehicles.id, vehicleId));
  if (!car) throw new AppError('NOT_FOUND');
  const now = ctx.clock.now();
  const id = newId();
  await ctx.tx.insert(dueCustomItems).values({
    tenantId: ctx.tenantId,
    id,
    vehicleId,
    kind: input.kind,
    title: input.title,
    description: input.description ?? null,
    dueDate: input.dueDate ?? null,
    dueKm: input.dueKm ?? null,
    leadDays: input.leadDays,
    photoIds: [...(input.photoIds ?? [])],
    createdBy: ctx.actor.id,
    createdAt: now,
    updatedAt: now,
  });
  await recordAudit(ctx, {
    action: 'due.itemCreated',
    entityType: 'due_custom_item',
    entityId: id,
    changes: { vehicleId, ...input },
  });
  await recomputeVehicleDue(ctx, vehicleId);
  const [row] = await ctx.tx.select().from(dueCustomItems).where(eq(dueCustomItems.id, id));
  return toCustomDto(row!);
}

export async function updateCustomDueItem(
  ctx: Ctx,
  id: string,
  patch: CustomDueItemPatch,
): Promise<CustomDueItemDto> {
  const [row] = await ctx.tx
    .select()
    .from(dueCustomItems)
    .where(eq(dueCustomItems.id, id))
    .for('update');
  if (!row) throw new AppError('NOT_FOUND');
  const now = ctx.clock.now();
  const next = {
    ...(patch.title !== undefined ? { title: patch.title } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.dueDate !== undefined ? { dueDate: patch.dueDate } : {}),
    ...(patch.dueKm !== undefined ? { dueKm: patch.dueKm } : {}),
    ...(patch.leadDays !== undefined ? { leadDays: patch.leadDays } : {}),
    ...(patch.status !== undefined
      ? { status: patch.status, closedAt: patch.status === 'open' ? null : now }
      : {}),
  };
  await ctx.tx
    .update(dueCustomItems)
    .set({ ...next, updatedAt: now })
    .where(eq(dueCustomItems.id, id));
  await recordAudit(ctx, {
    action: 'due.itemUpdated',
    entityType: 'due_custom_item',
    entityId: id,
    changes: patch,
  });
  await recomputeVehicleDue(ctx, row.vehicleId);
  const [updated] = await ctx.tx.select().from(dueCustomItems).where(eq(dueCustomItems.id, id));
  return toCustomDto(updated!);
}

export async function deleteCustomDueItem(ctx: Ctx, id: string): Promise<void> {
  const [row] = await ctx.tx
    .delete(dueCustomItems)
    .where(eq(dueCustomItems.id, id))
    .returning({ vehicleId: dueCustomItems.vehicleId });
  if (!row) throw new AppError('NOT_FOUND');
  await recordAudit(ctx, {
    action: 'due.itemDeleted',
    entityType: 'due_custom_item',
    entityId: id,
    changes: {},
  });
  await recomputeVehicleDue(ctx, row.vehicleId);
}
