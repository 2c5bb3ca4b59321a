// The database half of an import, one batch at a time and set-based: look up what the batch's
// rows match (by external id, then phone / VIN / plate / order number), compare, and write only
// what changed — one statement per table per batch. A dry run stops after the comparison.
import { and, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import { bulkInsert } from '../../db/bulk.ts';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { ERROR_CODES, type ErrorCode } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { phoneDigits } from '../../kernel/phone.ts';
import { recordAudits } from '../audit/index.ts';
import { customers, nameInitials } from '../customers/index.ts';
import { serviceOrderItems, serviceOrders, type SERVICE_CATEGORIES } from '../service/index.ts';
import { updateCustomerStats } from '../customer-stats/index.ts';
import { stores } from '../tenancy/tenancy.tables.ts';
import { odometerReadings, vehicleOwnerships, vehicles } from '../vehicles/index.ts';
import type {
  CustomerValues,
  Mapping,
  OrderStatus,
  OrderValues,
  RowError,
  ValidRow,
  VehicleValues,
} from './csv.ts';

type Messages = { 'zh-CN': string; en: string };

export interface StoreIndex {
  byKey: Map<string, string>;
  codeById: Map<string, string>;
}

/** Stores by code (and by name, which people type as often), case-insensitively. */
export async function loadStores(ctx: Ctx): Promise<StoreIndex> {
  const rows = await ctx.tx
    .select({ id: stores.id, code: stores.code, name: stores.name })
    .from(stores);
  const byKey = new Map<string, string>();
  for (const s of rows) byKey.set(s.name.trim().toLowerCase(), s.id);
  for (const s of rows) byKey.set(s.code.trim().toLowerCase(), s.id);
  return { byKey, codeById: new Map(rows.map((s) => [s.id, s.code])) };
}

export interface Batch {
  ctx: Ctx;
  jobId: string;
  dryRun: boolean;
  mapping: Mapping;
  stores: StoreIndex;
}

export interface BatchResult {
  inserted: number;
  updated: number;
  unchanged: number;
  errors: RowError[];
}

function errorFor(
  b: Batch,
  row: number,
  field: string,
  code: ErrorCode,
  message?: Messages,
  details?: Record<string, unknown>,
): RowError {
  return {
    row,
    field,
    column: b.mapping[field] ?? field,
    code,
    message: message ?? ERROR_CODES[code].message,
    ...(details ? { details } : {}),
  };
}

const uniq = <T>(list: (T | null | undefined)[]): T[] => [
  ...new Set(list.filter((x): x is T => x !== null && x !== undefined && x !== '')),
];

/** `col in (…)`; false for an empty list (so `or` of empty lists matches nothing, not all). */
const among = (col: Parameters<typeof inArray>[0], values: string[]): SQL =>
  values.length ? inArray(col, values) : sql`false`;

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    if (!(a instanceof Date) || !(b instanceof Date)) return false;
    // Exports write whole seconds; finer precision in the database is not a change.
    return Math.floor(a.getTime() / 1000) === Math.floor(b.getTime() / 1000);
  }
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  return (a ?? null) === (b ?? null);
}

/** The fields of `next` that differ from `current`, with their new values. */
function diff<T extends Record<string, unknown>>(
  current: T,
  next: T,
  fields: readonly (keyof T & string)[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (!sameValue(current[f], next[f])) out[f] = next[f] ?? null;
  return out;
}

/** `cell` unless the file left it out or empty: an empty cell never erases what is known. */
const keep = <T>(cell: T | null | undefined, current: T): T =>
  cell === undefined || cell === null ? current : cell;

/**
 * Set-based update: the rows travel as one JSON parameter, `set` lists the columns written.
 * Still subject to row-level security.
 */
async function bulkUpdate<T extends Table>(
  ctx: Ctx,
  table: T,
  rows: T['$inferInsert'][],
  set: (keyof T['$inferInsert'] & string)[],
): Promise<void> {
  if (!rows.length) return;
  const cols = getTableColumns(table) as Record<string, { name: string }>;
  const name = getTableName(table);
  const names = ['tenantId', 'id', ...set].map((k) => cols[k]!.name);
  const records = rows.map((row) => {
    const out: Record<string, unknown> = {};
    ['tenantId', 'id', ...set].forEach(
      (k, i) => (out[names[i]!] = (row as Record<string, unknown>)[k] ?? null),
    );
    return out;
  });
  const assignments = set.map((k) => `"${cols[k]!.name}" = r."${cols[k]!.name}"`).join(', ');
  for (let i = 0; i < records.length; i += 2000) {
    await ctx.tx.execute(
      sql`update ${sql.raw(`"${name}"`)} as t set ${sql.raw(assignments)}
          from json_populate_recordset(null::${sql.raw(`"${name}"`)}, ${JSON.stringify(records.slice(i, i + 2000))}::json) as r
          where t.tenant_id = r.tenant_id and t.id = r.id`,
    );
  }
}

interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  changes: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Compare first: one statement finds the rows that certainly change nothing (the usual case
// when a file is run again), so only the others are read in full and compared in code. It
// errs on the side of "may change": those rows simply take the full path.

/** Row numbers the query classed as `s`ame (and `a`bsent: nothing in the database matches). */
async function classify(ctx: Ctx, data: Record<string, unknown>[], query: (json: string) => SQL) {
  const same = new Set<number>();
  const absent = new Set<number>();
  if (!data.length) return { same, absent };
  const rows = await queryRows<{ i: number; k: string }>(ctx.tx, query(JSON.stringify(data)));
  for (const r of rows) {
    if (r.k === 's') same.add(Number(r.i));
    else if (r.k === 'a') absent.add(Number(r.i));
  }
  return { same, absent };
}

async function unchangedRows(
  ctx: Ctx,
  data: Record<string, unknown>[],
  query: (json: string) => SQL,
) {
  return (await classify(ctx, data, query)).same;
}

async function unchangedCustomers(b: Batch, rows: ValidRow<CustomerValues>[]) {
  const data = rows.flatMap(({ row, values: v }) => {
    const home = v.homeStoreCode ? b.stores.byKey.get(v.homeStoreCode.toLowerCase()) : null;
    if (home === undefined) return []; // an unknown store: the full path reports it
    return [
      {
        i: row,
        ext: v.externalId ?? null,
        phone: v.phone,
        name: v.name ?? null,
        gender: v.gender ?? null,
        birthday: v.birthday ?? null,
        tags: v.tags ?? null,
        source: v.source ?? null,
        home,
        notes: v.notes ?? null,
      },
    ];
  });
  const same = (c: string) =>
    sql.raw(`coalesce(${c}.merged_into_id is not null or (
    (r.name is null or r.name = ${c}.name) and (r.gender is null or r.gender = ${c}.gender)
    and (r.birthday is null or r.birthday = ${c}.birthday) and (r.tags is null or r.tags = ${c}.tags)
    and (r.source is null or r.source = ${c}.source) and (r.home is null or r.home = ${c}.home_store_id)
    and (r.notes is null or r.notes = ${c}.notes)), false)`);
  // `s`: certainly unchanged; `a`: nothing has this external id or phone (a plain insert).
  return classify(
    b.ctx,
    data,
    (json) => sql`with r as (select * from json_to_recordset(${json}::json) as r(i int, ext text,
        phone text, name text, gender text, birthday date, tags text[], source text, home uuid, notes text))
      select r.i, case
          when c.id is null and p.id is null then 'a'
          when r.ext is not null and c.id is not null and c.phone = r.phone and ${same('c')} then 's'
          when r.ext is null and p.id is not null and ${same('p')} then 's'
        end as k
      from r left join customers c on c.external_id = r.ext left join customers p on p.phone = r.phone`,
  );
}

async function unchangedVehicles(b: Batch, rows: ValidRow<VehicleValues>[]) {
  const data = rows.map(({ row, values: v }) => ({
    i: row,
    ext: v.externalId ?? null,
    cext: v.customerExternalId ?? null,
    cphone: v.customerPhone ?? null,
    plate: v.plate ?? null,
    vin: v.vin ?? null,
    make: v.make ?? null,
    model: v.model ?? null,
    year: v.year ?? null,
    fuel: v.fuelType ?? null,
    reg: v.registrationDate ?? null,
    ins: v.insuranceExpiry ?? null,
    insp: v.nextInspectionDate ?? null,
    km: v.mileageKm ?? null,
  }));
  const same = sql.raw(`coalesce(
    (r.vin is null or r.vin = c.vin) and (r.plate is null or r.plate = c.plate)
    and (r.make is null or r.make = c.make) and (r.model is null or r.model = c.model)
    and (r.year is null or r.year = c.year) and (r.fuel is null or r.fuel = c.fuel_type)
    and (r.reg is null or r.reg = c.registration_date)
    and (r.ins is null or r.ins = c.insurance_expiry)
    and (r.insp is null or r.insp = c.next_inspection_date)
    and c.customer_id = coalesce(
      (select coalesce(o.merged_into_id, o.id) from customers o where o.external_id = r.cext),
      (select coalesce(o.merged_into_id, o.id) from customers o where o.phone = r.cphone))
    and (r.km is null or r.km <= (select max(m.mileage_km) from odometer_readings m
      where m.tenant_id = c.tenant_id and m.vehicle_id = c.id)), false)`);
  return unchangedRows(
    b.ctx,
    data,
    (json) => sql`with r as (select * from json_to_recordset(${json}::json) as r(i int, ext text,
        cext text, cphone text, plate text, vin text, make text, model text, year int, fuel text,
        reg date, ins date, insp date, km int))
      select r.i from r join vehicles c on c.external_id = r.ext where r.ext is not null and ${same}
      union all
      select r.i from r join vehicles c on c.vin = r.vin
        where r.ext is null and r.vin is not null and ${same}
      union all
      select r.i from r join vehicles c on c.plate = r.plate
        where r.ext is null and r.vin is null and ${same}`,
  );
}

async function unchangedOrders(b: Batch, rows: ValidRow<OrderValues>[]) {
  const data = rows.flatMap(({ row, values: v }) => {
    const store = b.stores.byKey.get(v.storeCode.toLowerCase());
    if (!store) return [];
    return [
      {
        i: row,
        ext: v.externalId ?? null,
        number: v.number ?? null,
        vext: v.vehicleExternalId ?? null,
        vin: v.vin ?? null,
        plate: v.plate ?? null,
        store,
        opened: v.openedAt.toISOString(),
        closed: v.closedAt?.toISOString() ?? null,
        km: v.mileageKm ?? null,
        status: v.status,
        total: v.totalFen ?? null,
        items: v.items ?? null,
      },
    ];
  });
  const end = 'coalesce(c.closed_at, c.paid_at, c.completed_at, c.cancelled_at)';
  const same = sql.raw(`coalesce(
    (r.number is null or r.number = c.number) and c.store_id = r.store and c.status = r.status
    and date_trunc('second', c.opened_at) = date_trunc('second', r.opened)
    and (case when r.status = 'open' then ${end} is null
      else date_trunc('second', ${end}) = date_trunc('second', coalesce(r.closed, ${end}, r.opened)) end)
    and (r.km is null or r.km = c.mileage_km) and (r.total is null or r.total = c.total_fen)
    and (r.items is null or r.items = (select string_agg(it.description, '${ITEMS_SEPARATOR}' order by it.position)
      from service_order_items it where it.tenant_id = c.tenant_id and it.order_id = c.id))
    and c.vehicle_id = coalesce(
      (select v.id from vehicles v where v.external_id = r.vext),
      (select v.id from vehicles v where v.vin = r.vin),
      (select v.id from vehicles v where v.plate = r.plate)), false)`);
  return unchangedRows(
    b.ctx,
    data,
    (json) => sql`with r as (select * from json_to_recordset(${json}::json) as r(i int, ext text,
        number text, vext text, vin text, plate text, store uuid, opened timestamptz,
        closed timestamptz, km int, status text, total bigint, items text))
      select r.i from r join service_orders c on c.external_id = r.ext
        where r.ext is not null and ${same}
      union all
      select r.i from r join service_orders c on c.number = r.number
        where r.ext is null and ${same}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Customers

const CUSTOMER_FIELDS = [
  'name',
  'phone',
  'gender',
  'birthday',
  'tags',
  'source',
  'homeStoreId',
  'notes',
  'externalId',
] as const;

type CustomerRecord = typeof customers.$inferSelect;

export async function upsertCustomers(
  b: Batch,
  all: ValidRow<CustomerValues>[],
): Promise<BatchResult> {
  const { ctx } = b;
  const result: BatchResult = { inserted: 0, updated: 0, unchanged: 0, errors: [] };
  const { same, absent } = await unchangedCustomers(b, all);
  result.unchanged += same.size;
  const rows = all.filter((r) => !same.has(r.row));
  if (!rows.length) return result;
  // Rows nothing matches need no reading back: only the others are looked up in full.
  const present = rows.filter((r) => !absent.has(r.row));
  const exts = uniq(present.map((r) => r.values.externalId));
  const phones = uniq(present.map((r) => r.values.phone));
  const found = present.length
    ? await ctx.tx
        .select()
        .from(customers)
        .where(or(among(customers.externalId, exts), among(customers.phone, phones)))
    : [];
  const byExt = new Map<string, CustomerRecord>();
  const byPhone = new Map<string, CustomerRecord>();
  for (const c of found) {
    if (c.externalId) byExt.set(c.externalId, c);
    byPhone.set(c.phone, c);
  }
  const now = ctx.clock.now();
  const inserts: (typeof customers.$inferInsert)[] = [];
  const updates: CustomerRecord[] = [];
  const audits: AuditEntry[] = [];

  for (const { row, values: v } of rows) {
    let homeStoreId: string | null | undefined = undefined;
    if (v.homeStoreCode) {
      homeStoreId = b.stores.byKey.get(v.homeStoreCode.toLowerCase());
      if (!homeStoreId) {
        result.errors.push(
          errorFor(b, row, 'homeStoreCode', 'IMPORT_STORE_UNKNOWN', {
            'zh-CN': `门店“${v.homeStoreCode}”不存在`,
            en: `No store has the code “${v.homeStoreCode}”`,
          }),
        );
        continue;
      }
    }
    const ext = v.externalId ?? null;
    let target = ext ? byExt.get(ext) : undefined;
    const holder = byPhone.get(v.phone);
    if (target && holder && holder.id !== target.id) {
      result.errors.push(phoneTaken(b, row));
      continue;
    }
    if (!target && holder) {
      if (ext && holder.externalId && holder.externalId !== ext) {
        result.errors.push(phoneTaken(b, row));
        continue;
      }
      target = holder;
    }
    // A record merged into another is kept only as history: the import leaves it be.
    if (target?.mergedIntoId) {
      result.unchanged++;
      continue;
    }
    if (!target) {
      if (!v.name) {
        result.errors.push(errorFor(b, row, 'name', 'IMPORT_VALUE_REQUIRED'));
        continue;
      }
      const record = {
        tenantId: ctx.tenantId,
        id: newId(),
        name: v.name,
        phone: v.phone,
        phoneDigits: phoneDigits(v.phone),
        nameInitials: nameInitials(v.name),
        gender: v.gender ?? 'unknown',
        birthday: v.birthday ?? null,
        tags: v.tags ?? [],
        source: v.source ?? 'import',
        homeStoreId: homeStoreId ?? null,
        notes: v.notes ?? null,
        externalId: ext,
        createdAt: now,
        updatedAt: now,
      } satisfies typeof customers.$inferInsert;
      inserts.push(record);
      const asRecord = { ...record, mergedIntoId: null } as unknown as CustomerRecord;
      if (ext) byExt.set(ext, asRecord);
      byPhone.set(v.phone, asRecord);
      audits.push({
        action: 'customer.created',
        entityType: 'customer',
        entityId: record.id,
        changes: {
          ...Object.fromEntries(CUSTOMER_FIELDS.map((f) => [f, record[f]])),
          importJobId: b.jobId,
        },
      });
      result.inserted++;
      continue;
    }
    const next: CustomerRecord = {
      ...target,
      name: keep(v.name, target.name),
      phone: v.phone,
      gender: keep(v.gender, target.gender),
      birthday: keep(v.birthday, target.birthday),
      tags: keep(v.tags, target.tags),
      source: keep(v.source, target.source),
      homeStoreId: keep(homeStoreId, target.homeStoreId),
      notes: keep(v.notes, target.notes),
      externalId: keep(ext, target.externalId),
    };
    const changes = diff(target, next, CUSTOMER_FIELDS);
    if (!Object.keys(changes).length) {
      result.unchanged++;
      continue;
    }
    next.phoneDigits = phoneDigits(next.phone);
    next.nameInitials = next.name ? nameInitials(next.name) : '';
    next.updatedAt = now;
    updates.push(next);
    if (target.phone !== next.phone) byPhone.delete(target.phone);
    byPhone.set(next.phone, next);
    if (next.externalId) byExt.set(next.externalId, next);
    audits.push({
      action: 'customer.updated',
      entityType: 'customer',
      entityId: target.id,
      changes: { ...changes, importJobId: b.jobId },
    });
    result.updated++;
  }

  if (!b.dryRun) {
    await bulkInsert(ctx.tx, customers, inserts);
    await bulkUpdate(ctx, customers, updates, [
      ...CUSTOMER_FIELDS,
      'phoneDigits',
      'nameInitials',
      'updatedAt',
    ]);
    if (audits.length) await recordAudits(ctx, audits);
  }
  return result;
}

const phoneTaken = (b: Batch, row: number) =>
  errorFor(b, row, 'phone', 'CUSTOMER_PHONE_TAKEN', {
    'zh-CN': '该手机号已属于另一位客户（外部编号不同）',
    en: 'This phone belongs to another customer (a different external ID)',
  });

// ---------------------------------------------------------------------------------------------
// Vehicles

const VEHICLE_FIELDS = [
  'customerId',
  'plate',
  'vin',
  'make',
  'model',
  'year',
  'fuelType',
  'registrationDate',
  'insuranceExpiry',
  'nextInspectionDate',
  'externalId',
] as const;

type VehicleRecord = typeof vehicles.$inferSelect;

/** Customers by external id and by phone; a merged record stands for the one it went into. */
async function findOwners(ctx: Ctx, exts: string[], phones: string[]) {
  const found = await ctx.tx
    .select({
      id: customers.id,
      externalId: customers.externalId,
      phone: customers.phone,
      mergedIntoId: customers.mergedIntoId,
    })
    .from(customers)
    .where(or(among(customers.externalId, exts), among(customers.phone, phones)));
  const byExt = new Map<string, string>();
  const byPhone = new Map<string, string>();
  for (const c of found) {
    const id = c.mergedIntoId ?? c.id;
    if (c.externalId) byExt.set(c.externalId, id);
    byPhone.set(c.phone, id);
  }
  return { byExt, byPhone };
}

export async function upsertVehicles(
  b: Batch,
  all: ValidRow<VehicleValues>[],
): Promise<BatchResult> {
  const { ctx } = b;
  const result: BatchResult = { inserted: 0, updated: 0, unchanged: 0, errors: [] };
  const same = await unchangedVehicles(b, all);
  result.unchanged += same.size;
  const rows = all.filter((r) => !same.has(r.row));
  if (!rows.length) return result;
  const owners = await findOwners(
    ctx,
    uniq(rows.map((r) => r.values.customerExternalId)),
    uniq(rows.map((r) => r.values.customerPhone)),
  );
  const exts = uniq(rows.map((r) => r.values.externalId));
  const vins = uniq(rows.map((r) => r.values.vin));
  const plates = uniq(rows.map((r) => r.values.plate));
  const found = await ctx.tx
    .select()
    .from(vehicles)
    .where(
      or(
        among(vehicles.externalId, exts),
        among(vehicles.vin, vins),
        among(vehicles.plate, plates),
      ),
    );
  const byExt = new Map<string, VehicleRecord>();
  const byVin = new Map<string, VehicleRecord>();
  const byPlate = new Map<string, VehicleRecord>();
  const index = (v: VehicleRecord) => {
    if (v.externalId) byExt.set(v.externalId, v);
    if (v.vin) byVin.set(v.vin, v);
    if (v.plate) byPlate.set(v.plate, v);
  };
  found.forEach(index);
  const maxMileage = new Map<string, number>();
  if (found.length) {
    const readings = await ctx.tx
      .select({
        vehicleId: odometerReadings.vehicleId,
        km: sql<number>`max(${odometerReadings.mileageKm})::int`,
      })
      .from(odometerReadings)
      .where(
        inArray(
          odometerReadings.vehicleId,
          found.map((v) => v.id),
        ),
      )
      .groupBy(odometerReadings.vehicleId);
    for (const r of readings) maxMileage.set(r.vehicleId, Number(r.km));
  }

  const now = ctx.clock.now();
  const inserts: (typeof vehicles.$inferInsert)[] = [];
  const updates: VehicleRecord[] = [];
  const transfers: { vehicleId: string; customerId: string }[] = [];
  const readings: (typeof odometerReadings.$inferInsert)[] = [];
  const audits: AuditEntry[] = [];

  for (const { row, values: v } of rows) {
    const customerId =
      (v.customerExternalId ? owners.byExt.get(v.customerExternalId) : undefined) ??
      (v.customerPhone ? owners.byPhone.get(v.customerPhone) : undefined);
    if (!customerId) {
      const field = v.customerExternalId ? 'customerExternalId' : 'customerPhone';
      const value = v.customerExternalId ?? v.customerPhone ?? '';
      result.errors.push(
        errorFor(b, row, field, 'IMPORT_CUSTOMER_UNKNOWN', {
          'zh-CN': `找不到客户“${value}”，请先导入客户`,
          en: `No customer “${value}”; import the customers first`,
        }),
      );
      continue;
    }
    const ext = v.externalId ?? null;
    let target = ext ? byExt.get(ext) : undefined;
    // The VIN and the plate must not belong to another car.
    let conflict: RowError | null = null;
    for (const [field, map, value, code] of [
      ['vin', byVin, v.vin, 'VEHICLE_VIN_TAKEN'],
      ['plate', byPlate, v.plate, 'VEHICLE_PLATE_TAKEN'],
    ] as const) {
      const holder = value ? map.get(value) : undefined;
      if (!holder) continue;
      if (!target && !(ext && holder.externalId && holder.externalId !== ext)) target = holder;
      else if (holder.id !== target?.id) {
        conflict = errorFor(b, row, field, code);
        break;
      }
    }
    if (conflict) {
      result.errors.push(conflict);
      continue;
    }
    const mileage = v.mileageKm ?? null;
    if (!target) {
      const record = {
        tenantId: ctx.tenantId,
        id: newId(),
        customerId,
        vin: v.vin ?? null,
        plate: v.plate ?? null,
        make: v.make ?? null,
        model: v.model ?? null,
        year: v.year ?? null,
        fuelType: v.fuelType ?? 'petrol',
        registrationDate: v.registrationDate ?? null,
        insuranceExpiry: v.insuranceExpiry ?? null,
        nextInspectionDate: v.nextInspectionDate ?? null,
        externalId: ext,
        createdAt: now,
        updatedAt: now,
      } satisfies typeof vehicles.$inferInsert;
      inserts.push(record);
      index(record as VehicleRecord);
      if (mileage !== null) {
        readings.push(reading(ctx, record.id, mileage, now));
        maxMileage.set(record.id, mileage);
      }
      audits.push({
        action: 'vehicle.created',
        entityType: 'vehicle',
        entityId: record.id,
        changes: {
          ...Object.fromEntries(VEHICLE_FIELDS.map((f) => [f, record[f]])),
          ...(mileage !== null ? { mileageKm: mileage } : {}),
          importJobId: b.jobId,
        },
      });
      result.inserted++;
      continue;
    }
    const next: VehicleRecord = {
      ...target,
      customerId,
      vin: keep(v.vin, target.vin),
      plate: keep(v.plate, target.plate),
      make: keep(v.make, target.make),
      model: keep(v.model, target.model),
      year: keep(v.year, target.year),
      fuelType: keep(v.fuelType, target.fuelType),
      registrationDate: keep(v.registrationDate, target.registrationDate),
      insuranceExpiry: keep(v.insuranceExpiry, target.insuranceExpiry),
      nextInspectionDate: keep(v.nextInspectionDate, target.nextInspectionDate),
      externalId: keep(ext, target.externalId),
    };
    const changes = diff(target, next, VEHICLE_FIELDS);
    // Only a reading above every known one is news: an older file must not wind the clock back.
    const known = maxMileage.get(target.id);
    if (mileage !== null && (known === undefined || mileage > known)) {
      readings.push(reading(ctx, target.id, mileage, now));
      maxMileage.set(target.id, mileage);
      changes.mileageKm = mileage;
    }
    if (!Object.keys(changes).length) {
      result.unchanged++;
      continue;
    }
    if (next.customerId !== target.customerId) {
      transfers.push({ vehicleId: target.id, customerId: next.customerId });
      changes.customerId = { from: target.customerId, to: next.customerId };
    }
    if (Object.keys(changes).some((k) => k !== 'mileageKm')) {
      next.updatedAt = now;
      updates.push(next);
    }
    index(next);
    audits.push({
      action: 'vehicle.updated',
      entityType: 'vehicle',
      entityId: target.id,
      changes: { ...changes, importJobId: b.jobId },
    });
    result.updated++;
  }

  if (!b.dryRun) {
    await bulkInsert(ctx.tx, vehicles, inserts);
    await bulkUpdate(ctx, vehicles, updates, [...VEHICLE_FIELDS, 'updatedAt']);
    // Ownership history: a new car starts one; a change of owner closes one and opens the next.
    if (transfers.length)
      await ctx.tx
        .update(vehicleOwnerships)
        .set({ toAt: now })
        .where(
          and(
            inArray(
              vehicleOwnerships.vehicleId,
              transfers.map((t) => t.vehicleId),
            ),
            isNull(vehicleOwnerships.toAt),
          ),
        );
    await bulkInsert(ctx.tx, vehicleOwnerships, [
      ...inserts.map((v) => ({
        tenantId: ctx.tenantId,
        id: newId(),
        vehicleId: v.id,
        customerId: v.customerId,
        fromAt: now,
        toAt: null,
        reason: null,
      })),
      ...transfers.map((t) => ({
        tenantId: ctx.tenantId,
        id: newId(),
        vehicleId: t.vehicleId,
        customerId: t.customerId,
        fromAt: now,
        toAt: null,
        reason: 'import',
      })),
    ]);
    await bulkInsert(ctx.tx, odometerReadings, readings);
    if (audits.length) await recordAudits(ctx, audits);
  }
  return result;
}

function reading(
  ctx: Ctx,
  vehicleId: string,
  mileageKm: number,
  readAt: Date,
  serviceOrderId: string | null = null,
) {
  return {
    tenantId: ctx.tenantId,
    id: newId(),
    vehicleId,
    readAt,
    mileageKm,
    source: 'import' as const,
    serviceOrderId,
    createdAt: ctx.clock.now(),
  };
}

// ---------------------------------------------------------------------------------------------
// Service history

type Category = (typeof SERVICE_CATEGORIES)[number];
const CATEGORY_WORDS: [RegExp, Category][] = [
  [/机油|保养|机滤|oil/i, 'oil_change'],
  [/轮胎|换胎|补胎|四轮定位|动平衡|tyre|tire/i, 'tyres'],
  [/刹车|制动|brake/i, 'brakes'],
  [/电瓶|蓄电池|battery/i, 'battery'],
  [/年检|年审|检测|inspection/i, 'inspection'],
  [/洗车|美容|打蜡|wash/i, 'wash'],
];
export const guessCategory = (text: string): Category =>
  CATEGORY_WORDS.find(([re]) => re.test(text))?.[1] ?? 'other';

/** How exports write an order's items, and how an import compares them. */
export const ITEMS_SEPARATOR = '; ';

type OrderRecord = typeof serviceOrders.$inferSelect;

/** The end of an order as one time: when it was closed, paid, completed or cancelled. */
export const orderEnd = (o: {
  closedAt: Date | null;
  paidAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
}) => o.closedAt ?? o.paidAt ?? o.completedAt ?? o.cancelledAt;

function statusTimes(status: OrderStatus, end: Date | null) {
  const none = { completedAt: null, paidAt: null, closedAt: null, cancelledAt: null };
  switch (status) {
    case 'open':
      return none;
    case 'completed':
      return { ...none, completedAt: end };
    case 'paid':
      return { ...none, completedAt: end, paidAt: end };
    case 'closed':
      return { ...none, completedAt: end, paidAt: end, closedAt: end };
    case 'cancelled':
      return { ...none, cancelledAt: end };
  }
}

const ORDER_FIELDS = [
  'number',
  'storeId',
  'vehicleId',
  'status',
  'openedAt',
  'end',
  'mileageKm',
  'totalFen',
  'items',
  'externalId',
] as const;

export async function upsertServiceOrders(
  b: Batch,
  all: ValidRow<OrderValues>[],
): Promise<BatchResult> {
  const { ctx } = b;
  const result: BatchResult = { inserted: 0, updated: 0, unchanged: 0, errors: [] };
  const same = await unchangedOrders(b, all);
  result.unchanged += same.size;
  const rows = all.filter((r) => !same.has(r.row));
  if (!rows.length) return result;
  const vExts = uniq(rows.map((r) => r.values.vehicleExternalId));
  const vins = uniq(rows.map((r) => r.values.vin));
  const plates = uniq(rows.map((r) => r.values.plate));
  const cars = await ctx.tx
    .select({
      id: vehicles.id,
      customerId: vehicles.customerId,
      externalId: vehicles.externalId,
      vin: vehicles.vin,
      plate: vehicles.plate,
    })
    .from(vehicles)
    .where(
      or(
        among(vehicles.externalId, vExts),
        among(vehicles.vin, vins),
        among(vehicles.plate, plates),
      ),
    );
  const carByExt = new Map(cars.filter((c) => c.externalId).map((c) => [c.externalId!, c]));
  const carByVin = new Map(cars.filter((c) => c.vin).map((c) => [c.vin!, c]));
  const carByPlate = new Map(cars.filter((c) => c.plate).map((c) => [c.plate!, c]));

  const exts = uniq(rows.map((r) => r.values.externalId));
  const numbers = uniq(rows.map((r) => r.values.number ?? r.values.externalId));
  const found = await ctx.tx
    .select()
    .from(serviceOrders)
    .where(or(among(serviceOrders.externalId, exts), among(serviceOrders.number, numbers)));
  const byExt = new Map<string, OrderRecord>();
  const byNumber = new Map<string, OrderRecord>();
  for (const o of found) {
    if (o.externalId) byExt.set(o.externalId, o);
    byNumber.set(o.number, o);
  }
  const itemsText = new Map<string, string>();
  const orderReadings = new Map<string, string>();
  if (found.length) {
    const ids = found.map((o) => o.id);
    const texts = await ctx.tx
      .select({
        orderId: serviceOrderItems.orderId,
        text: sql<string>`string_agg(${serviceOrderItems.description}, ${ITEMS_SEPARATOR} order by ${serviceOrderItems.position})`,
      })
      .from(serviceOrderItems)
      .where(inArray(serviceOrderItems.orderId, ids))
      .groupBy(serviceOrderItems.orderId);
    for (const t of texts) itemsText.set(t.orderId, t.text);
    const linked = await ctx.tx
      .select({ id: odometerReadings.id, orderId: odometerReadings.serviceOrderId })
      .from(odometerReadings)
      .where(inArray(odometerReadings.serviceOrderId, ids));
    for (const r of linked) if (r.orderId) orderReadings.set(r.orderId, r.id);
  }

  const now = ctx.clock.now();
  const inserts: (typeof serviceOrders.$inferInsert)[] = [];
  const updates: OrderRecord[] = [];
  const formerCustomers: string[] = [];
  const itemOrders: { orderId: string; text: string; totalFen: number }[] = [];
  const replacedItems: string[] = [];
  const readings: (typeof odometerReadings.$inferInsert)[] = [];
  const readingUpdates: { id: string; mileageKm: number }[] = [];
  const audits: AuditEntry[] = [];

  for (const { row, values: v } of rows) {
    const car =
      (v.vehicleExternalId ? carByExt.get(v.vehicleExternalId) : undefined) ??
      (v.vin ? carByVin.get(v.vin) : undefined) ??
      (v.plate ? carByPlate.get(v.plate) : undefined);
    if (!car) {
      const field = v.vehicleExternalId ? 'vehicleExternalId' : v.vin ? 'vin' : 'plate';
      const value = v.vehicleExternalId ?? v.vin ?? v.plate ?? '';
      result.errors.push(
        errorFor(b, row, field, 'IMPORT_VEHICLE_UNKNOWN', {
          'zh-CN': `找不到车辆“${value}”，请先导入车辆`,
          en: `No car “${value}”; import the cars first`,
        }),
      );
      continue;
    }
    const storeId = b.stores.byKey.get(v.storeCode.toLowerCase());
    if (!storeId) {
      result.errors.push(
        errorFor(b, row, 'storeCode', 'IMPORT_STORE_UNKNOWN', {
          'zh-CN': `门店“${v.storeCode}”不存在`,
          en: `No store has the code “${v.storeCode}”`,
        }),
      );
      continue;
    }
    const ext = v.externalId ?? null;
    let target = ext ? byExt.get(ext) : undefined;
    const wanted = v.number ?? (target ? null : ext);
    const holder = wanted ? byNumber.get(wanted) : undefined;
    if (holder && holder.id !== target?.id) {
      if (target || (ext && holder.externalId && holder.externalId !== ext)) {
        result.errors.push(
          errorFor(b, row, v.number ? 'number' : 'externalId', 'IMPORT_NUMBER_TAKEN', {
            'zh-CN': `工单号“${wanted}”已被另一张工单使用`,
            en: `Another service order has the number “${wanted}”`,
          }),
        );
        continue;
      }
      target = holder;
    }
    const text = v.items ?? null;
    if (!target) {
      const total = v.totalFen ?? 0;
      const end = v.status === 'open' ? null : (v.closedAt ?? v.openedAt);
      const record = {
        tenantId: ctx.tenantId,
        id: newId(),
        number: wanted!,
        storeId,
        customerId: car.customerId,
        vehicleId: car.id,
        advisorId: null,
        status: v.status,
        mileageKm: v.mileageKm ?? null,
        totalFen: total,
        paidFen: v.status === 'paid' || v.status === 'closed' ? total : null,
        paymentMethod: null,
        notes: null,
        externalId: ext,
        openedAt: v.openedAt,
        ...statusTimes(v.status, end),
        cancelReason: null,
        createdAt: now,
        updatedAt: now,
      } satisfies typeof serviceOrders.$inferInsert;
      inserts.push(record);
      byNumber.set(record.number, record as OrderRecord);
      if (ext) byExt.set(ext, record as OrderRecord);
      if (text) itemOrders.push({ orderId: record.id, text, totalFen: total });
      if (record.mileageKm !== null)
        readings.push(reading(ctx, car.id, record.mileageKm, v.openedAt, record.id));
      audits.push({
        action: 'serviceOrder.created',
        entityType: 'service_order',
        entityId: record.id,
        changes: {
          number: record.number,
          vehicleId: car.id,
          storeId,
          status: record.status,
          openedAt: record.openedAt,
          mileageKm: record.mileageKm,
          totalFen: total,
          items: text,
          externalId: ext,
          importJobId: b.jobId,
        },
      });
      result.inserted++;
      continue;
    }
    const currentEnd = orderEnd(target);
    const nextEnd =
      v.status === 'open' ? null : (v.closedAt ?? (currentEnd as Date | null) ?? v.openedAt);
    const current = {
      number: target.number,
      storeId: target.storeId,
      vehicleId: target.vehicleId,
      status: target.status,
      openedAt: target.openedAt,
      end: currentEnd,
      mileageKm: target.mileageKm,
      totalFen: target.totalFen,
      items: itemsText.get(target.id) ?? null,
      externalId: target.externalId,
    };
    const next = {
      number: keep(v.number, target.number),
      storeId,
      vehicleId: car.id,
      status: v.status,
      openedAt: v.openedAt,
      end: nextEnd,
      mileageKm: keep(v.mileageKm, target.mileageKm),
      totalFen: keep(v.totalFen, target.totalFen),
      items: keep(text, current.items),
      externalId: keep(ext, target.externalId),
    };
    const changes = diff(current, next, ORDER_FIELDS);
    if (!Object.keys(changes).length) {
      result.unchanged++;
      continue;
    }
    const times =
      'status' in changes || 'end' in changes
        ? statusTimes(next.status, next.end)
        : {
            completedAt: target.completedAt,
            paidAt: target.paidAt,
            closedAt: target.closedAt,
            cancelledAt: target.cancelledAt,
          };
    const updated: OrderRecord = {
      ...target,
      number: next.number,
      storeId,
      vehicleId: car.id,
      // The order stays with whoever owned the car then, unless it moves to another car.
      customerId: car.id === target.vehicleId ? target.customerId : car.customerId,
      status: next.status,
      openedAt: next.openedAt,
      ...times,
      mileageKm: next.mileageKm,
      totalFen: next.totalFen,
      paidFen:
        next.status === 'paid' || next.status === 'closed'
          ? 'totalFen' in changes || target.paidFen === null
            ? next.totalFen
            : target.paidFen
          : target.paidFen,
      externalId: next.externalId,
      updatedAt: now,
    };
    updates.push(updated);
    formerCustomers.push(target.customerId);
    if (next.number !== target.number) byNumber.delete(target.number);
    byNumber.set(updated.number, updated);
    if ('items' in changes && next.items) {
      replacedItems.push(target.id);
      itemOrders.push({ orderId: target.id, text: next.items, totalFen: next.totalFen });
    }
    if ('mileageKm' in changes && next.mileageKm !== null) {
      const readingId = orderReadings.get(target.id);
      if (readingId) readingUpdates.push({ id: readingId, mileageKm: next.mileageKm });
      else readings.push(reading(ctx, car.id, next.mileageKm, next.openedAt, target.id));
    }
    audits.push({
      action: 'serviceOrder.updated',
      entityType: 'service_order',
      entityId: target.id,
      changes: { ...changes, importJobId: b.jobId },
    });
    result.updated++;
  }

  if (!b.dryRun) {
    await bulkInsert(ctx.tx, serviceOrders, inserts);
    await bulkUpdate(ctx, serviceOrders, updates, [
      'number',
      'storeId',
      'customerId',
      'vehicleId',
      'status',
      'openedAt',
      'completedAt',
      'paidAt',
      'closedAt',
      'cancelledAt',
      'mileageKm',
      'totalFen',
      'paidFen',
      'externalId',
      'updatedAt',
    ]);
    // Visits and spend of every customer whose orders came, changed or moved away.
    await updateCustomerStats(ctx, [
      ...inserts.map((o) => o.customerId),
      ...updates.map((o) => o.customerId),
      ...formerCustomers,
    ]);
    if (replacedItems.length)
      await ctx.tx
        .delete(serviceOrderItems)
        .where(inArray(serviceOrderItems.orderId, replacedItems));
    // The DMS gives the work as one description: one item carries it and the order's total.
    await bulkInsert(
      ctx.tx,
      serviceOrderItems,
      itemOrders.map((o) => ({
        tenantId: ctx.tenantId,
        id: newId(),
        orderId: o.orderId,
        position: 1,
        kind: 'labour' as const,
        category: guessCategory(o.text),
        description: o.text,
        partNumber: null,
        quantity: 1,
        unitPriceFen: o.totalFen,
      })),
    );
    await bulkInsert(ctx.tx, odometerReadings, readings);
    await bulkUpdate(
      ctx,
      odometerReadings,
      readingUpdates.map((r) => ({ tenantId: ctx.tenantId, ...r })) as never[],
      ['mileageKm'],
    );
    if (audits.length) await recordAudits(ctx, audits);
  }
  return result;
}

/** Constraint names a concurrent change can still hit, and what a row's error then says. */
export const CONSTRAINT_ERRORS: Record<string, { field: string; code: ErrorCode }> = {
  customers_tenant_phone_key: { field: 'phone', code: 'CUSTOMER_PHONE_TAKEN' },
  customers_tenant_external_id_key: { field: 'externalId', code: 'IMPORT_DUPLICATE_ROW' },
  vehicles_tenant_vin_key: { field: 'vin', code: 'VEHICLE_VIN_TAKEN' },
  vehicles_tenant_plate_key: { field: 'plate', code: 'VEHICLE_PLATE_TAKEN' },
  vehicles_tenant_external_id_key: { field: 'externalId', code: 'IMPORT_DUPLICATE_ROW' },
  service_orders_tenant_number_key: { field: 'number', code: 'IMPORT_NUMBER_TAKEN' },
  service_orders_tenant_external_id_key: { field: 'externalId', code: 'IMPORT_DUPLICATE_ROW' },
};

export { errorFor };
