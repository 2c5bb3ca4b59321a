// The tables the generator fills, in load order (a row's foreign keys point only to tables
// earlier in the list), with the columns it writes. Column names come from the server's Drizzle
// tables, so a renamed column breaks type-checking here rather than the load.
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  customers,
  declinedRecommendations,
  odometerReadings,
  serviceOrderItems,
  serviceOrders,
  staffStores,
  staffUsers,
  storeOpeningHours,
  stores,
  tenants,
  vehicleOwnerships,
  vehicles,
} from '../../apps/server/src/schema.ts';
import type { CopyValue } from './copy-text.ts';

type Keys<T extends PgTable> = readonly (keyof T['$inferInsert'] & string)[];

const keys = <T extends PgTable, const K extends Keys<T>>(_table: T, k: K): K => k;

const KEYS = {
  tenants: keys(tenants, [
    'tenantId',
    'slug',
    'name',
    'timezone',
    'locale',
    'createdAt',
    'updatedAt',
  ]),
  stores: keys(stores, [
    'tenantId',
    'id',
    'code',
    'name',
    'address',
    'phone',
    'createdAt',
    'updatedAt',
  ]),
  storeOpeningHours: keys(storeOpeningHours, [
    'tenantId',
    'storeId',
    'weekday',
    'opensAt',
    'closesAt',
    'slotMinutes',
    'capacity',
  ]),
  staffUsers: keys(staffUsers, [
    'tenantId',
    'id',
    'name',
    'phone',
    'email',
    'passwordHash',
    'role',
    'createdAt',
    'updatedAt',
  ]),
  staffStores: keys(staffStores, ['tenantId', 'staffId', 'storeId']),
  customers: keys(customers, [
    'tenantId',
    'id',
    'memberNo',
    'name',
    'phone',
    'phoneDigits',
    'nameInitials',
    'gender',
    'birthday',
    'tags',
    'source',
    'homeStoreId',
    'createdAt',
    'updatedAt',
  ]),
  vehicles: keys(vehicles, [
    'tenantId',
    'id',
    'customerId',
    'vin',
    'plate',
    'make',
    'model',
    'year',
    'fuelType',
    'registrationDate',
    'insuranceExpiry',
    'nextInspectionDate',
    'createdAt',
    'updatedAt',
  ]),
  vehicleOwnerships: keys(vehicleOwnerships, [
    'tenantId',
    'id',
    'vehicleId',
    'customerId',
    'fromAt',
  ]),
  serviceOrders: keys(serviceOrders, [
    'tenantId',
    'id',
    'number',
    'storeId',
    'customerId',
    'vehicleId',
    'advisorId',
    'status',
    'mileageKm',
    'totalFen',
    'paidFen',
    'paymentMethod',
    'openedAt',
    'completedAt',
    'paidAt',
    'closedAt',
    'cancelledAt',
    'createdAt',
    'updatedAt',
  ]),
  serviceOrderItems: keys(serviceOrderItems, [
    'tenantId',
    'id',
    'orderId',
    'position',
    'kind',
    'category',
    'description',
    'partNumber',
    'quantity',
    'unitPriceFen',
  ]),
  declinedRecommendations: keys(declinedRecommendations, [
    'tenantId',
    'id',
    'vehicleId',
    'customerId',
    'orderId',
    'category',
    'description',
    'createdAt',
  ]),
  odometerReadings: keys(odometerReadings, [
    'tenantId',
    'id',
    'vehicleId',
    'readAt',
    'mileageKm',
    'source',
    'serviceOrderId',
    'createdAt',
  ]),
} as const;

const DRIZZLE = {
  tenants,
  stores,
  storeOpeningHours,
  staffUsers,
  staffStores,
  customers,
  vehicles,
  vehicleOwnerships,
  serviceOrders,
  serviceOrderItems,
  declinedRecommendations,
  odometerReadings,
} as const;

export type TableName = keyof typeof KEYS;
/** One row to write: a value for every column the generator writes to that table. */
export type RowOf<N extends TableName> = { [K in (typeof KEYS)[N][number]]: CopyValue };

/** Load order: parents before children. */
export const TABLES = Object.keys(KEYS) as TableName[];

/** How a column's value is written: decides the encoding without looking at the value. */
export type ColumnKind = 'raw' | 'number' | 'instant' | 'text' | 'array';

export interface CopyTable {
  name: string;
  keys: readonly string[];
  columns: readonly string[];
  kinds: readonly ColumnKind[];
}

interface ColumnInfo {
  name: string;
  columnType: string;
  enumValues?: readonly string[] | undefined;
}

function kindOf(c: ColumnInfo): ColumnKind {
  switch (c.columnType) {
    case 'PgUUID':
    case 'PgDateString':
    case 'PgTime':
      return 'raw';
    case 'PgInteger':
    case 'PgBigInt53':
      return 'number';
    case 'PgTimestamp':
      return 'instant';
    case 'PgArray':
      return 'array';
    case 'PgText':
      // An enum's values are known words: nothing to escape.
      return c.enumValues?.length ? 'raw' : 'text';
    default:
      throw new Error(`bench: no COPY encoding for column ${c.name} (${c.columnType})`);
  }
}

export const COPY_TABLES: Record<TableName, CopyTable> = Object.fromEntries(
  TABLES.map((t) => {
    const columns = getTableColumns(DRIZZLE[t]) as unknown as Record<string, ColumnInfo>;
    const k = KEYS[t] as readonly string[];
    const info = k.map((c) => columns[c]!);
    const spec: CopyTable = {
      name: getTableName(DRIZZLE[t]),
      keys: k,
      columns: info.map((c) => c.name),
      kinds: info.map(kindOf),
    };
    return [t, spec];
  }),
) as unknown as Record<TableName, CopyTable>;

export const copyStatement = (t: CopyTable): string =>
  `COPY "${t.name}" (${t.columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;
