// Customers of an import batch: each row matches a customer by external id, then by phone; a new
// one is created, a known one updated with what the file changes (an empty cell erases nothing).
// The customers module writes them; a dry run stops before.
import { or } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudits } from '../audit/index.ts';
import {
  customers,
  IMPORTED_CUSTOMER_FIELDS,
  saveImportedCustomers,
  type ImportedCustomer,
} from '../customers/index.ts';
import {
  among,
  diff,
  emptyResult,
  errorFor,
  keep,
  rowsToCompare,
  storeUnknown,
  uniq,
  tally,
  type AuditEntry,
  type Batch,
  type BatchResult,
  type Outcome,
} from './batch.ts';
import type { CustomerValues, RowError, ValidRow } from './csv.ts';
import { unchangedCustomers } from './unchanged.ts';

type CustomerRecord = typeof customers.$inferSelect;

/** The batch's customers as known so far: the database's, then those the batch made or changed. */
interface Known {
  byExt: Map<string, CustomerRecord>;
  byPhone: Map<string, CustomerRecord>;
}

interface Plan {
  created: ImportedCustomer[];
  changed: ImportedCustomer[];
  audits: AuditEntry[];
}

export async function upsertCustomers(
  b: Batch,
  all: ValidRow<CustomerValues>[],
): Promise<BatchResult> {
  const result = emptyResult();
  const { same, absent } = await unchangedCustomers(b, all);
  const rows = rowsToCompare(all, same, result);
  if (!rows.length) return result;
  // Rows nothing matches need no reading back: only the others are looked up in full.
  const known = await knownCustomers(
    b.ctx,
    rows.filter((r) => !absent.has(r.row)),
  );
  const now = b.ctx.clock.now();
  const plan: Plan = { created: [], changed: [], audits: [] };
  for (const row of rows) tally(result, decide(b, row, known, plan));
  if (!b.dryRun) {
    await saveImportedCustomers(b.ctx, plan, now);
    if (plan.audits.length) await recordAudits(b.ctx, plan.audits);
  }
  return result;
}

async function knownCustomers(ctx: Ctx, present: ValidRow<CustomerValues>[]): Promise<Known> {
  const exts = uniq(present.map((r) => r.values.externalId));
  const phones = uniq(present.map((r) => r.values.phone));
  const found = present.length
    ? await ctx.tx
        .select()
        .from(customers)
        .where(or(among(customers.externalId, exts), among(customers.phone, phones)))
    : [];
  const known: Known = { byExt: new Map(), byPhone: new Map() };
  for (const c of found) {
    if (c.externalId) known.byExt.set(c.externalId, c);
    known.byPhone.set(c.phone, c);
  }
  return known;
}

const phoneTaken = (b: Batch, row: number) =>
  errorFor(b, row, 'phone', 'CUSTOMER_PHONE_TAKEN', {
    'zh-CN': '该手机号已属于另一位客户（外部编号不同）',
    en: 'This phone belongs to another customer (a different external ID)',
  });

/** The customer a row is about (undefined: a new one), or the row's error. */
function match(
  b: Batch,
  row: number,
  v: CustomerValues,
  known: Known,
): { target: CustomerRecord | undefined } | { error: RowError } {
  const ext = v.externalId ?? null;
  const target = ext ? known.byExt.get(ext) : undefined;
  const holder = known.byPhone.get(v.phone);
  if (target && holder && holder.id !== target.id) return { error: phoneTaken(b, row) };
  if (!target && holder && ext && holder.externalId && holder.externalId !== ext)
    return { error: phoneTaken(b, row) };
  return { target: target ?? holder };
}

function decide(
  b: Batch,
  { row, values: v }: ValidRow<CustomerValues>,
  known: Known,
  plan: Plan,
): Outcome {
  let homeStoreId: string | null | undefined = undefined;
  if (v.homeStoreCode) {
    homeStoreId = b.stores.byKey.get(v.homeStoreCode.toLowerCase());
    if (!homeStoreId) return storeUnknown(b, row, 'homeStoreCode', v.homeStoreCode);
  }
  const matched = match(b, row, v, known);
  if ('error' in matched) return matched.error;
  const { target } = matched;
  // A record merged into another is kept only as history: the import leaves it be.
  if (target?.mergedIntoId) return 'unchanged';
  if (target) return update(b, v, homeStoreId, target, known, plan) ? 'updated' : 'unchanged';
  if (!v.name) return errorFor(b, row, 'name', 'IMPORT_VALUE_REQUIRED');
  create(b, { ...v, name: v.name }, homeStoreId ?? null, known, plan);
  return 'inserted';
}

function create(
  b: Batch,
  v: CustomerValues & { name: string },
  homeStoreId: string | null,
  known: Known,
  plan: Plan,
) {
  const ext = v.externalId ?? null;
  const record: ImportedCustomer = {
    id: newId(),
    name: v.name,
    phone: v.phone,
    gender: v.gender ?? 'unknown',
    birthday: v.birthday ?? null,
    tags: v.tags ?? [],
    source: v.source ?? 'import',
    homeStoreId,
    notes: v.notes ?? null,
    externalId: ext,
  };
  plan.created.push(record);
  const asRecord = { ...record, mergedIntoId: null } as unknown as CustomerRecord;
  if (ext) known.byExt.set(ext, asRecord);
  known.byPhone.set(v.phone, asRecord);
  plan.audits.push({
    action: 'customer.created',
    entityType: 'customer',
    entityId: record.id,
    changes: {
      ...Object.fromEntries(IMPORTED_CUSTOMER_FIELDS.map((f) => [f, record[f]])),
      importJobId: b.jobId,
    },
  });
}

/** Plans the changes a row makes to `target`; false when it changes nothing. */
function update(
  b: Batch,
  v: CustomerValues,
  homeStoreId: string | null | undefined,
  target: CustomerRecord,
  known: Known,
  plan: Plan,
): boolean {
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
    externalId: keep(v.externalId ?? null, target.externalId),
  };
  const changes = diff(target, next, IMPORTED_CUSTOMER_FIELDS);
  if (!Object.keys(changes).length) return false;
  plan.changed.push(next);
  if (target.phone !== next.phone) known.byPhone.delete(target.phone);
  known.byPhone.set(next.phone, next);
  if (next.externalId) known.byExt.set(next.externalId, next);
  plan.audits.push({
    action: 'customer.updated',
    entityType: 'customer',
    entityId: target.id,
    changes: { ...changes, importJobId: b.jobId },
  });
  return true;
}
