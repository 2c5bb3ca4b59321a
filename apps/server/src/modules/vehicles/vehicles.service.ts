import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { mapConstraintError } from '../../kernel/pg-errors.ts';
import { validatePlate } from '../../kernel/plate.ts';
import { validateVin } from '../../kernel/vin.ts';
import { recordAudit } from '../audit/index.ts';
import { customers } from '../customers/index.ts';
import { odometerReadings, vehicleOwnerships, vehicles } from './vehicles.tables.ts';
import type { VehicleDto, VehicleInput } from './vehicles.schemas.ts';

const CONSTRAINTS = {
  vehicles_tenant_plate_key: { code: 'VEHICLE_PLATE_TAKEN', field: 'plate' },
  vehicles_tenant_vin_key: { code: 'VEHICLE_VIN_TAKEN', field: 'vin' },
  vehicles_tenant_external_id_key: { code: 'VALIDATION_FAILED', field: 'externalId' },
} as const;

// Columns are qualified by hand: Drizzle leaves them bare in a single-table select list.
const lastMileage = sql<number | null>`(select r.mileage_km from ${odometerReadings} r
  where r.tenant_id = "vehicles"."tenant_id" and r.vehicle_id = "vehicles"."id" order by r.read_at desc limit 1)`;

const columns = {
  id: vehicles.id,
  customerId: vehicles.customerId,
  plate: vehicles.plate,
  vin: vehicles.vin,
  make: vehicles.make,
  model: vehicles.model,
  year: vehicles.year,
  fuelType: vehicles.fuelType,
  registrationDate: vehicles.registrationDate,
  insuranceExpiry: vehicles.insuranceExpiry,
  nextInspectionDate: vehicles.nextInspectionDate,
  externalId: vehicles.externalId,
  lastMileageKm: lastMileage,
  createdAt: vehicles.createdAt,
  updatedAt: vehicles.updatedAt,
};

type Row = { [K in keyof typeof columns]: unknown } & { createdAt: Date; updatedAt: Date };
const toDto = (r: Row): VehicleDto =>
  ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }) as VehicleDto;

/** Checks and normalises plate and VIN; throws the code and field a form can show. */
function cleanIdentifiers(input: Pick<VehicleInput, 'plate' | 'vin'>) {
  const out: { plate?: string | null; vin?: string | null } = {};
  if (input.plate !== undefined) {
    if (input.plate === null || input.plate === '') out.plate = null;
    else {
      const p = validatePlate(input.plate);
      if (!p.ok)
        throw new AppError('VEHICLE_PLATE_INVALID', {
          field: 'plate',
          details: { reason: p.reason },
        });
      out.plate = p.plate;
    }
  }
  if (input.vin !== undefined) {
    if (input.vin === null || input.vin === '') out.vin = null;
    else {
      const v = validateVin(input.vin);
      if (!v.ok) {
        const position = v.position;
        throw new AppError(v.code, {
          field: 'vin',
          details: {
            reason: v.reason,
            ...(position ? { position } : {}),
            ...(v.expected ? { expected: v.expected } : {}),
          },
          ...(v.code === 'VEHICLE_VIN_INVALID' && position
            ? {
                message: {
                  'zh-CN': `车架号第 ${position} 位无效`,
                  en: `The VIN is not valid at position ${position}`,
                },
              }
            : v.code === 'VEHICLE_VIN_INVALID' && v.reason === 'length'
              ? { message: { 'zh-CN': '车架号应为 17 位', en: 'A VIN has 17 characters' } }
              : {}),
        });
      }
      out.vin = v.vin;
    }
  }
  return out;
}

export async function getVehicle(ctx: Ctx, id: string, ownerId?: string): Promise<VehicleDto> {
  const [row] = await ctx.tx
    .select(columns)
    .from(vehicles)
    .where(and(eq(vehicles.id, id), ownerId ? eq(vehicles.customerId, ownerId) : undefined));
  if (!row) throw new AppError('NOT_FOUND');
  return toDto(row as Row);
}

export async function listVehiclesOfCustomers(
  ctx: Ctx,
  customerIds: string[],
): Promise<VehicleDto[]> {
  if (!customerIds.length) return [];
  // One array parameter: one statement for any number of customers (customer detail and list).
  const rows = await ctx.tx
    .select(columns)
    .from(vehicles)
    .where(sql`${vehicles.customerId} = any(${sql.param(customerIds)}::uuid[])`)
    .orderBy(desc(vehicles.createdAt));
  return rows.map((r) => toDto(r as Row));
}

export async function createVehicle(
  ctx: Ctx,
  customerId: string,
  input: VehicleInput,
): Promise<VehicleDto> {
  const ids = cleanIdentifiers(input);
  // Only a live customer gets a car (a merged one is hidden; segments rely on it). The share lock
  // makes a merge of this customer wait, then re-point the new car with the others.
  const [owner] = await ctx.tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.id, customerId), isNull(customers.mergedIntoId)))
    .for('share');
  if (!owner) throw new AppError('NOT_FOUND', { field: 'customerId' });
  const id = newId();
  const now = ctx.clock.now();
  try {
    await ctx.tx.insert(vehicles).values({
      tenantId: ctx.tenantId,
      id,
      customerId,
      plate: ids.plate ?? null,
      vin: ids.vin ?? null,
      make: input.make ?? null,
      model: input.model ?? null,
      year: input.year ?? null,
      fuelType: input.fuelType ?? 'petrol',
      registrationDate: input.registrationDate ?? null,
      insuranceExpiry: input.insuranceExpiry ?? null,
      nextInspectionDate: input.nextInspectionDate ?? null,
      externalId: input.externalId ?? null,
      createdAt: now,
      updatedAt: now,
    });
  } catch (err) {
    mapConstraintError(err, CONSTRAINTS);
  }
  await ctx.tx
    .insert(vehicleOwnerships)
    .values({ tenantId: ctx.tenantId, id: newId(), vehicleId: id, customerId, fromAt: now });
  await recordAudit(ctx, {
    action: 'vehicle.created',
    entityType: 'vehicle',
    entityId: id,
    changes: { customerId, ...input, ...ids },
  });
  return getVehicle(ctx, id);
}

export async function updateVehicle(
  ctx: Ctx,
  id: string,
  input: VehicleInput,
): Promise<VehicleDto> {
  const ids = cleanIdentifiers(input);
  const patch = Object.fromEntries(
    Object.entries({ ...input, ...ids }).filter(([, v]) => v !== undefined),
  ) as Partial<typeof vehicles.$inferInsert>;
  let updated: { id: string }[] = [];
  try {
    updated = await ctx.tx
      .update(vehicles)
      .set({ ...patch, updatedAt: ctx.clock.now() })
      .where(eq(vehicles.id, id))
      .returning({ id: vehicles.id });
  } catch (err) {
    mapConstraintError(err, CONSTRAINTS);
  }
  if (!updated.length) throw new AppError('NOT_FOUND');
  await recordAudit(ctx, {
    action: 'vehicle.updated',
    entityType: 'vehicle',
    entityId: id,
    changes: patch as Record<string, unknown>,
  });
  return getVehicle(ctx, id);
}
