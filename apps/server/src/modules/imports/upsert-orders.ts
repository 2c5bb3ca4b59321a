// Service history of an import batch: each row names its car (external id, VIN or plate) and its
// store, and matches an order by external id, then number. The order's work comes as one text
// and its mileage as a reading linked to it. The service and vehicles modules write them, and
// the customers' visit figures follow; a dry run stops before.
import { inArray, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudits } from '../audit/index.ts';
import { updateCustomerStats } from '../customer-stats/index.ts';
import { customers } from '../customers/index.ts';
import {
  saveImportedOrders,
  serviceOrderItems,
  serviceOrders,
  type ImportedOrder,
  type ImportedWork,
} from '../service/index.ts';
import {
  odometerReadings,
  saveImportedReadings,
  vehicles,
  type ImportedReading,
} from '../vehicles/index.ts';
import {
  among,
  diff,
  emptyResult,
  errorFor,
  keep,
  rowsToCompare,
  storeOf,
  storeUnknown,
  uniq,
  tally,
  type AuditEntry,
  type Batch,
  type BatchResult,
  type Outcome,
} from './batch.ts';
import type { OrderStatus, OrderValues, RowError, ValidRow } from './csv.ts';
import {
  guessCategory,
  ITEMS_SEPARATOR,
  orderEnd,
  statusTimes,
  type ServiceCategory,
} from './order-row.ts';
import { unchangedOrders } from './unchanged.ts';

type OrderRecord = typeof serviceOrders.$inferSelect;
type Car = Pick<typeof vehicles.$inferSelect, 'id' | 'customerId'>;

/** An order as a row compares it: `end` stands for the status times, `items` for the work. */
type Compared = {
  number: string;
  storeId: string;
  vehicleId: string;
  status: OrderRecord['status'];
  openedAt: Date;
  end: Date | null;
  mileageKm: number | null;
  totalFen: number;
  items: string | null;
  category: ServiceCategory | null;
  externalId: string | null;
};
/** What a row says an order is. */
type RowOrder = Compared & { status: OrderStatus };

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
  'category',
  'externalId',
] as const;

/** The batch's orders as known so far, with their work as one text and their linked reading. */
interface Known {
  byExt: Map<string, OrderRecord>;
  byNumber: Map<string, OrderRecord>;
  itemsText: Map<string, string>;
  /** The category of an order's first line. */
  categoryOf: Map<string, ServiceCategory>;
  readingOf: Map<string, string>;
}

interface Plan {
  created: ImportedOrder[];
  changed: OrderRecord[];
  /** Customers whose orders moved away from them (their figures change too). */
  formerCustomers: string[];
  replaceItemsOf: string[];
  work: ImportedWork[];
  readings: ImportedReading[];
  readingUpdates: { id: string; mileageKm: number }[];
  audits: AuditEntry[];
}

export async function upsertServiceOrders(
  b: Batch,
  all: ValidRow<OrderValues>[],
): Promise<BatchResult> {
  const { ctx } = b;
  const result = emptyResult();
  const findCar = await carFinder(ctx, all);
  const owned = await checkOwners(b, all, findCar, result);
  const rows = rowsToCompare(owned, await unchangedOrders(b, owned), result);
  if (!rows.length) return result;
  const known = await knownOrders(ctx, rows);
  const plan: Plan = {
    created: [],
    changed: [],
    formerCustomers: [],
    replaceItemsOf: [],
    work: [],
    readings: [],
    readingUpdates: [],
    audits: [],
  };
  for (const row of rows) tally(result, decide(b, row, findCar, known, plan));
  if (!b.dryRun) await save(ctx, plan);
  return result;
}

async function save(ctx: Ctx, plan: Plan) {
  await saveImportedOrders(ctx, plan, ctx.clock.now());
  // Visits and spend of every customer whose orders came, changed or moved away.
  await updateCustomerStats(ctx, [
    ...plan.created.map((o) => o.customerId),
    ...plan.changed.map((o) => o.customerId),
    ...plan.formerCustomers,
  ]);
  await saveImportedReadings(ctx, { created: plan.readings, changed: plan.readingUpdates });
  if (plan.audits.length) await recordAudits(ctx, plan.audits);
}

function decide(
  b: Batch,
  { row, values: v }: ValidRow<OrderValues>,
  findCar: (v: OrderValues) => Car | undefined,
  known: Known,
  plan: Plan,
): Outcome {
  const car = findCar(v);
  if (!car) return carUnknown(b, row, v);
  const storeId = storeOf(b, v.storeCode);
  if (!storeId) return storeUnknown(b, row, 'storeCode', v.storeCode ?? '');
  const matched = match(b, row, v, known);
  if ('error' in matched) return matched.error;
  if (!matched.target) {
    create(b, v, { car, storeId, number: matched.wanted! }, known, plan);
    return 'inserted';
  }
  return update(b, v, { car, storeId }, matched.target, known, plan) ? 'updated' : 'unchanged';
}

/** The cars the rows name, found by external id, then VIN, then plate. */
async function carFinder(ctx: Ctx, rows: ValidRow<OrderValues>[]) {
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
        among(vehicles.externalId, uniq(rows.map((r) => r.values.vehicleExternalId))),
        among(vehicles.vin, uniq(rows.map((r) => r.values.vin))),
        among(vehicles.plate, uniq(rows.map((r) => r.values.plate))),
      ),
    );
  const byExt = new Map(cars.filter((c) => c.externalId).map((c) => [c.externalId!, c]));
  const byVin = new Map(cars.filter((c) => c.vin).map((c) => [c.vin!, c]));
  const byPlate = new Map(cars.filter((c) => c.plate).map((c) => [c.plate!, c]));
  return (v: OrderValues): Car | undefined =>
    (v.vehicleExternalId ? byExt.get(v.vehicleExternalId) : undefined) ??
    (v.vin ? byVin.get(v.vin) : undefined) ??
    (v.plate ? byPlate.get(v.plate) : undefined);
}

/**
 * The rows whose customer (by customer number, else phone) owns the car they name, as the car
 * stands now — after the customer and car files of the move-in. The others are reported, not
 * imported onto someone else's car; rows naming no customer, or no known car, pass on.
 */
async function checkOwners(
  b: Batch,
  rows: ValidRow<OrderValues>[],
  findCar: (v: OrderValues) => Car | undefined,
  result: BatchResult,
): Promise<ValidRow<OrderValues>[]> {
  const named = rows.filter((r) => r.values.customerExternalId || r.values.customerPhone);
  if (!named.length) return rows;
  const found = await b.ctx.tx
    .select({
      id: sql<string>`coalesce(${customers.mergedIntoId}, ${customers.id})`,
      externalId: customers.externalId,
      phone: customers.phone,
    })
    .from(customers)
    .where(
      or(
        among(customers.externalId, uniq(named.map((r) => r.values.customerExternalId))),
        among(customers.phone, uniq(named.map((r) => r.values.customerPhone))),
      ),
    );
  const byExt = new Map(found.filter((c) => c.externalId).map((c) => [c.externalId!, c.id]));
  const byPhone = new Map(found.filter((c) => c.phone).map((c) => [c.phone!, c.id]));
  return rows.filter(({ row, values: v }) => {
    const car = findCar(v);
    if (!car || (!v.customerExternalId && !v.customerPhone)) return true;
    const [field, key, customerId] = v.customerExternalId
      ? (['customerExternalId', v.customerExternalId, byExt.get(v.customerExternalId)] as const)
      : (['customerPhone', v.customerPhone!, byPhone.get(v.customerPhone!)] as const);
    if (customerId === car.customerId) return true;
    const who = v.customerName ? `${v.customerName}（${key}）` : key;
    const carName = v.plate ?? v.vin ?? v.vehicleExternalId ?? '';
    result.errors.push(
      customerId === undefined
        ? errorFor(b, row, field, 'IMPORT_CUSTOMER_UNKNOWN', {
            'zh-CN': `找不到客户“${who}”，请先导入客户`,
            en: `No customer “${who}”; import the customers first`,
          })
        : errorFor(
            b,
            row,
            field,
            'IMPORT_CUSTOMER_NOT_CAR_OWNER',
            {
              'zh-CN': `客户“${who}”不是车辆“${carName}”的车主，未导入`,
              en: `Customer “${who}” does not own the car “${carName}”; not imported`,
            },
            { customerId, ownerId: car.customerId, vehicleId: car.id },
          ),
    );
    return false;
  });
}

async function knownOrders(ctx: Ctx, rows: ValidRow<OrderValues>[]): Promise<Known> {
  const exts = uniq(rows.map((r) => r.values.externalId));
  const numbers = uniq(rows.map((r) => r.values.number ?? r.values.externalId));
  const found = await ctx.tx
    .select()
    .from(serviceOrders)
    .where(or(among(serviceOrders.externalId, exts), among(serviceOrders.number, numbers)));
  const known: Known = {
    byExt: new Map(),
    byNumber: new Map(),
    itemsText: new Map(),
    categoryOf: new Map(),
    readingOf: new Map(),
  };
  for (const o of found) {
    if (o.externalId) known.byExt.set(o.externalId, o);
    known.byNumber.set(o.number, o);
  }
  if (!found.length) return known;
  const ids = found.map((o) => o.id);
  const texts = await ctx.tx
    .select({
      orderId: serviceOrderItems.orderId,
      text: sql<string>`string_agg(${serviceOrderItems.description}, ${ITEMS_SEPARATOR} order by ${serviceOrderItems.position})`,
      category: sql<ServiceCategory>`(array_agg(${serviceOrderItems.category} order by ${serviceOrderItems.position}))[1]`,
    })
    .from(serviceOrderItems)
    .where(inArray(serviceOrderItems.orderId, ids))
    .groupBy(serviceOrderItems.orderId);
  for (const t of texts) {
    known.itemsText.set(t.orderId, t.text);
    known.categoryOf.set(t.orderId, t.category);
  }
  const linked = await ctx.tx
    .select({ id: odometerReadings.id, orderId: odometerReadings.serviceOrderId })
    .from(odometerReadings)
    .where(inArray(odometerReadings.serviceOrderId, ids));
  for (const r of linked) if (r.orderId) known.readingOf.set(r.orderId, r.id);
  return known;
}

function carUnknown(b: Batch, row: number, v: OrderValues) {
  const field = v.vehicleExternalId ? 'vehicleExternalId' : v.vin ? 'vin' : 'plate';
  const value = v.vehicleExternalId ?? v.vin ?? v.plate ?? '';
  return errorFor(b, row, field, 'IMPORT_VEHICLE_UNKNOWN', {
    'zh-CN': `找不到车辆“${value}”，请先导入车辆`,
    en: `No car “${value}”; import the cars first`,
  });
}

/** The order a row is about (undefined: a new one, numbered `wanted`), or the row's error. */
function match(
  b: Batch,
  row: number,
  v: OrderValues,
  known: Known,
): { target: OrderRecord | undefined; wanted: string | null } | { error: RowError } {
  const ext = v.externalId ?? null;
  let target = ext ? known.byExt.get(ext) : undefined;
  const wanted = v.number ?? (target ? null : ext);
  const holder = wanted ? known.byNumber.get(wanted) : undefined;
  if (holder && holder.id !== target?.id) {
    if (target || (ext && holder.externalId && holder.externalId !== ext))
      return {
        error: errorFor(b, row, v.number ? 'number' : 'externalId', 'IMPORT_NUMBER_TAKEN', {
          'zh-CN': `工单号“${wanted}”已被另一张工单使用`,
          en: `Another service order has the number “${wanted}”`,
        }),
      };
    target = holder;
  }
  return { target, wanted };
}

function create(
  b: Batch,
  v: OrderValues,
  { car, storeId, number }: { car: Car; storeId: string; number: string },
  known: Known,
  plan: Plan,
) {
  const ext = v.externalId ?? null;
  const text = v.items ?? null;
  const total = v.totalFen ?? 0;
  const end = v.status === 'open' ? null : (v.closedAt ?? v.openedAt);
  const record = {
    id: newId(),
    number,
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
  } satisfies ImportedOrder;
  plan.created.push(record);
  known.byNumber.set(record.number, record as OrderRecord);
  if (ext) known.byExt.set(ext, record as OrderRecord);
  if (text) plan.work.push(workOf(record.id, text, total, v.category));
  if (record.mileageKm !== null)
    plan.readings.push({
      vehicleId: car.id,
      mileageKm: record.mileageKm,
      readAt: v.openedAt,
      serviceOrderId: record.id,
    });
  plan.audits.push({
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
}

/** The DMS gives the work as one description: one item carries it and the order's total. */
const workOf = (
  orderId: string,
  text: string,
  totalFen: number,
  category: ServiceCategory | null | undefined,
): ImportedWork => ({
  orderId,
  description: text,
  category: category ?? guessCategory(text),
  priceFen: totalFen,
});

function compared(target: OrderRecord, known: Known): Compared {
  return {
    number: target.number,
    storeId: target.storeId,
    vehicleId: target.vehicleId,
    status: target.status,
    openedAt: target.openedAt,
    end: orderEnd(target),
    mileageKm: target.mileageKm,
    totalFen: target.totalFen,
    items: known.itemsText.get(target.id) ?? null,
    category: known.categoryOf.get(target.id) ?? null,
    externalId: target.externalId,
  };
}

/** Plans the changes a row makes to `target`; false when it changes nothing. */
function update(
  b: Batch,
  v: OrderValues,
  { car, storeId }: { car: Car; storeId: string },
  target: OrderRecord,
  known: Known,
  plan: Plan,
): boolean {
  const current = compared(target, known);
  const next: RowOrder = {
    number: keep(v.number, target.number),
    storeId,
    vehicleId: car.id,
    status: v.status,
    openedAt: v.openedAt,
    end: v.status === 'open' ? null : (v.closedAt ?? current.end ?? v.openedAt),
    mileageKm: keep(v.mileageKm, target.mileageKm),
    totalFen: keep(v.totalFen, target.totalFen),
    items: keep(v.items ?? null, current.items),
    category: keep(v.category ?? null, current.category),
    externalId: keep(v.externalId ?? null, target.externalId),
  };
  const changes = diff(current, next, ORDER_FIELDS);
  if (!Object.keys(changes).length) return false;
  const updated = updatedOrder(target, next, changes, car);
  plan.changed.push(updated);
  plan.formerCustomers.push(target.customerId);
  if (next.number !== target.number) known.byNumber.delete(target.number);
  known.byNumber.set(updated.number, updated);
  if (('items' in changes || 'category' in changes) && next.items) {
    plan.replaceItemsOf.push(target.id);
    plan.work.push(workOf(target.id, next.items, next.totalFen, next.category));
  }
  if ('mileageKm' in changes && next.mileageKm !== null) {
    const readingId = known.readingOf.get(target.id);
    if (readingId) plan.readingUpdates.push({ id: readingId, mileageKm: next.mileageKm });
    else
      plan.readings.push({
        vehicleId: car.id,
        mileageKm: next.mileageKm,
        readAt: next.openedAt,
        serviceOrderId: target.id,
      });
  }
  plan.audits.push({
    action: 'serviceOrder.updated',
    entityType: 'service_order',
    entityId: target.id,
    changes: { ...changes, importJobId: b.jobId },
  });
  return true;
}

/** `target` with a row's changes applied (status times and the paid amount follow them). */
function updatedOrder(
  target: OrderRecord,
  next: RowOrder,
  changes: Record<string, unknown>,
  car: Car,
): OrderRecord {
  const times =
    'status' in changes || 'end' in changes
      ? statusTimes(next.status, next.end)
      : {
          completedAt: target.completedAt,
          paidAt: target.paidAt,
          closedAt: target.closedAt,
          cancelledAt: target.cancelledAt,
        };
  const paid = next.status === 'paid' || next.status === 'closed';
  return {
    ...target,
    number: next.number,
    storeId: next.storeId,
    vehicleId: car.id,
    // The order stays with whoever owned the car then, unless it moves to another car.
    customerId: car.id === target.vehicleId ? target.customerId : car.customerId,
    status: next.status,
    openedAt: next.openedAt,
    ...times,
    mileageKm: next.mileageKm,
    totalFen: next.totalFen,
    paidFen:
      paid && ('totalFen' in changes || target.paidFen === null) ? next.totalFen : target.paidFen,
    externalId: next.externalId,
  };
}
