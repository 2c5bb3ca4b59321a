// One batch of an import as the upserts see it — the job, its mapping and the tenant's stores —
// with what they share: a row's error in the reader's terms, the comparison that decides whether
// a row changes anything, and the constraint names a concurrent change can still hit.
import { inArray, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { ERROR_CODES, type ErrorCode } from '../../kernel/errors.ts';
import { listStoresFor } from '../tenancy/index.ts';
import type { Mapping, RowError, ValidRow } from './csv.ts';

type Messages = { 'zh-CN': string; en: string };

export interface StoreIndex {
  byKey: Map<string, string>;
  codeById: Map<string, string>;
}

/** Stores by code (and by name, which people type as often), case-insensitively. */
export async function loadStores(ctx: Ctx): Promise<StoreIndex> {
  const rows = await listStoresFor(ctx, null);
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
  /** The store of rows that name none (the file has no store column, or the cell is empty). */
  defaultStoreId: string | null;
}

export interface BatchResult {
  inserted: number;
  updated: number;
  unchanged: number;
  errors: RowError[];
}

export const emptyResult = (): BatchResult => ({
  inserted: 0,
  updated: 0,
  unchanged: 0,
  errors: [],
});

/** The rows the compare-first query did not class as unchanged; those it did are counted. */
export function rowsToCompare<V>(
  all: ValidRow<V>[],
  same: Set<number>,
  result: BatchResult,
): ValidRow<V>[] {
  result.unchanged += same.size;
  return all.filter((r) => !same.has(r.row));
}

/** What one row came to: a count of the result, or its error. */
export type Outcome = 'inserted' | 'updated' | 'unchanged' | RowError;

export function tally(result: BatchResult, outcome: Outcome): void {
  if (typeof outcome === 'string') result[outcome]++;
  else result.errors.push(outcome);
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  changes: Record<string, unknown>;
}

export function errorFor(
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

/** A row naming a store the tenant does not have. */
export const storeUnknown = (b: Batch, row: number, field: string, code: string) =>
  errorFor(b, row, field, 'IMPORT_STORE_UNKNOWN', {
    'zh-CN': `门店“${code}”不存在`,
    en: `No store has the code “${code}”`,
  });

/** A row's store: the one it names (undefined when unknown), else the import's default. */
export function storeOf(b: Batch, code: string | null | undefined): string | null | undefined {
  if (code) return b.stores.byKey.get(code.toLowerCase());
  return b.defaultStoreId;
}

export const uniq = <T>(list: (T | null | undefined)[]): T[] => [
  ...new Set(list.filter((x): x is T => x !== null && x !== undefined && x !== '')),
];

/** `col in (…)`; false for an empty list (so `or` of empty lists matches nothing, not all). */
export const among = (col: Parameters<typeof inArray>[0], values: string[]): SQL =>
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
export function diff<T extends Record<string, unknown>>(
  current: T,
  next: T,
  fields: readonly (keyof T & string)[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (!sameValue(current[f], next[f])) out[f] = next[f] ?? null;
  return out;
}

/** `cell` unless the file left it out or empty: an empty cell never erases what is known. */
export const keep = <T>(cell: T | null | undefined, current: T): T =>
  cell === undefined || cell === null ? current : cell;

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
