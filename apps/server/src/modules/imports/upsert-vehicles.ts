// Cars of an import batch: each row names its owner (external id or phone) and matches a car by
// external id, then VIN, then plate; a VIN or plate must not belong to another car. A new owner
// is a transfer; a mileage above every known reading is a new reading. The vehicles module
// writes them; a dry run stops before.
import { inArray, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudits } from '../audit/index.ts';
import { customers } from '../customers/index.ts';
import {
  IMPORTED_VEHICLE_FIELDS,
  odometerReadings,
  saveImportedVehicles,
  vehicles,
  type ImportedReading,
  type ImportedVehicle,
} from '../vehicles/index.ts';
import {
  among,
  diff,
  emptyResult,
  errorFor,
  keep,
  rowsToCompare,
  uniq,
  tally,
  type AuditEntry,
  type Batch,
  type BatchResult,
  type Outcome,
} from './batch.ts';
import type { RowError, ValidRow, VehicleValues } from './csv.ts';
import { unchangedVehicles } from './unchanged.ts';

type VehicleRecord = typeof vehicles.$inferSelect;

/** The batch's cars as known so far, with the highest mileage read on each. */
function knownIndex() {
  const known = {
    byExt: new Map<string, VehicleRecord>(),
    byVin: new Map<string, VehicleRecord>(),
    byPlate: new Map<string, VehicleRecord>(),
    maxMileage: new Map<string, number>(),
    add(v: VehicleRecord) {
      if (v.externalId) known.byExt.set(v.externalId, v);
      if (v.vin) known.byVin.set(v.vin, v);
      if (v.plate) known.byPlate.set(v.plate, v);
    },
  };
  return known;
}
type Known = ReturnType<typeof knownIndex>;

interface Plan {
  created: ImportedVehicle[];
  changed: ImportedVehicle[];
  transfers: { vehicleId: string; customerId: string }[];
  readings: ImportedReading[];
  audits: AuditEntry[];
}

export async function upsertVehicles(
  b: Batch,
  all: ValidRow<VehicleValues>[],
): Promise<BatchResult> {
  const { ctx } = b;
  const result = emptyResult();
  const rows = rowsToCompare(all, await unchangedVehicles(b, all), result);
  if (!rows.length) return result;
  const owners = await findOwners(
    ctx,
    uniq(rows.map((r) => r.values.customerExternalId)),
    uniq(rows.map((r) => r.values.customerPhone)),
  );
  const known = await knownVehicles(ctx, rows);
  const now = ctx.clock.now();
  const plan: Plan = { created: [], changed: [], transfers: [], readings: [], audits: [] };
  for (const row of rows) tally(result, decide(b, row, owners, known, plan, now));
  if (!b.dryRun) {
    await saveImportedVehicles(ctx, plan, now);
    if (plan.audits.length) await recordAudits(ctx, plan.audits);
  }
  return result;
}

function decide(
  b: Batch,
  { row, values: v }: ValidRow<VehicleValues>,
  owners: Owners,
  known: Known,
  plan: Plan,
  now: Date,
): Outcome {
  const customerId =
    (v.customerExternalId ? owners.byExt.get(v.customerExternalId) : undefined) ??
    (v.customerPhone ? owners.byPhone.get(v.customerPhone) : undefined);
  if (!customerId) return ownerUnknown(b, row, v);
  const matched = match(b, row, v, known);
  if ('error' in matched) return matched.error;
  if (matched.target)
    return update(b, v, customerId, matched.target, known, plan, now) ? 'updated' : 'unchanged';
  create(b, v, customerId, known, plan, now);
  return 'inserted';
}

type Owners = Awaited<ReturnType<typeof findOwners>>;

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

async function knownVehicles(ctx: Ctx, rows: ValidRow<VehicleValues>[]): Promise<Known> {
  const found = await ctx.tx
    .select()
    .from(vehicles)
    .where(
      or(
        among(vehicles.externalId, uniq(rows.map((r) => r.values.externalId))),
        among(vehicles.vin, uniq(rows.map((r) => r.values.vin))),
        among(vehicles.plate, uniq(rows.map((r) => r.values.plate))),
      ),
    );
  const known = knownIndex();
  found.forEach((v) => known.add(v));
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
    for (const r of readings) known.maxMileage.set(r.vehicleId, Number(r.km));
  }
  return known;
}

function ownerUnknown(b: Batch, row: number, v: VehicleValues) {
  const field = v.customerExternalId ? 'customerExternalId' : 'customerPhone';
  const value = v.customerExternalId ?? v.customerPhone ?? '';
  return errorFor(b, row, field, 'IMPORT_CUSTOMER_UNKNOWN', {
    'zh-CN': `找不到客户“${value}”，请先导入客户`,
    en: `No customer “${value}”; import the customers first`,
  });
}

/** The car a row is about (undefined: a new one); the VIN and plate must not be another car's. */
function match(
  b: Batch,
  row: number,
  v: VehicleValues,
  known: Known,
): { target: VehicleRecord | undefined } | { error: RowError } {
  const ext = v.externalId ?? null;
  let target = ext ? known.byExt.get(ext) : undefined;
  for (const [field, map, value, code] of [
    ['vin', known.byVin, v.vin, 'VEHICLE_VIN_TAKEN'],
    ['plate', known.byPlate, v.plate, 'VEHICLE_PLATE_TAKEN'],
  ] as const) {
    const holder = value ? map.get(value) : undefined;
    if (!holder) continue;
    if (!target && !(ext && holder.externalId && holder.externalId !== ext)) target = holder;
    else if (holder.id !== target?.id) return { error: errorFor(b, row, field, code) };
  }
  return { target };
}

function create(
  b: Batch,
  v: VehicleValues,
  customerId: string,
  known: Known,
  plan: Plan,
  now: Date,
) {
  const record: ImportedVehicle = {
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
    externalId: v.externalId ?? null,
  };
  plan.created.push(record);
  known.add(record as VehicleRecord);
  const mileage = v.mileageKm ?? null;
  if (mileage !== null) {
    plan.readings.push({
      vehicleId: record.id,
      mileageKm: mileage,
      readAt: now,
      serviceOrderId: null,
    });
    known.maxMileage.set(record.id, mileage);
  }
  plan.audits.push({
    action: 'vehicle.created',
    entityType: 'vehicle',
    entityId: record.id,
    changes: {
      ...Object.fromEntries(IMPORTED_VEHICLE_FIELDS.map((f) => [f, record[f]])),
      ...(mileage !== null ? { mileageKm: mileage } : {}),
      importJobId: b.jobId,
    },
  });
}

/** Plans the changes a row makes to `target`; false when it changes nothing. */
function update(
  b: Batch,
  v: VehicleValues,
  customerId: string,
  target: VehicleRecord,
  known: Known,
  plan: Plan,
  now: Date,
): boolean {
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
    externalId: keep(v.externalId ?? null, target.externalId),
  };
  const changes = diff(target, next, IMPORTED_VEHICLE_FIELDS);
  // Only a reading above every known one is news: an older file must not wind the clock back.
  const mileage = v.mileageKm ?? null;
  const highest = known.maxMileage.get(target.id);
  if (mileage !== null && (highest === undefined || mileage > highest)) {
    plan.readings.push({
      vehicleId: target.id,
      mileageKm: mileage,
      readAt: now,
      serviceOrderId: null,
    });
    known.maxMileage.set(target.id, mileage);
    changes.mileageKm = mileage;
  }
  if (!Object.keys(changes).length) return false;
  if (next.customerId !== target.customerId) {
    plan.transfers.push({ vehicleId: target.id, customerId: next.customerId });
    changes.customerId = { from: target.customerId, to: next.customerId };
  }
  if (Object.keys(changes).some((k) => k !== 'mileageKm')) plan.changed.push(next);
  known.add(next);
  plan.audits.push({
    action: 'vehicle.updated',
    entityType: 'vehicle',
    entityId: target.id,
    changes: { ...changes, importJobId: b.jobId },
  });
  return true;
}
