// Import jobs: a request checks the file (encoding, columns) and records the job; the rows are
// then applied in the background, batch by batch, each batch in its own transaction with the
// job's progress — so a row is never half-applied and the console can watch the counts grow.
import { and, desc, eq, sql } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import { bulkInsert } from '../../db/bulk.ts';
import type { Database } from '../../db/database.ts';
import { withTenant } from '../../db/tenant-scope.ts';
import { emitEvent } from '../../jobs/outbox.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Actor, Ctx } from '../../kernel/context.ts';
import { AppError, ERROR_CODES, type ErrorCode, type Locale } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { Logger } from '../../kernel/logger.ts';
import { decodeCursor, encodeCursor } from '../../kernel/paging.ts';
import { pgError } from '../../kernel/pg-errors.ts';
import { getTenant, listStoresFor } from '../tenancy/index.ts';
import {
  decodeCsv,
  defaultMapping,
  FIELDS,
  parseCsv,
  REQUIRED,
  resolveMapping,
  safeCell,
  validateRows,
  type ImportKind,
  type Mapping,
  type ParsedCsv,
  type RowError,
  type ValidRow,
} from './csv.ts';
import type { ImportJobDto } from './imports.schemas.ts';
import { importErrors, importJobs } from './imports.tables.ts';
import { CONSTRAINT_ERRORS, errorFor, loadStores, type Batch, type BatchResult } from './batch.ts';
import { upsertCustomers } from './upsert-customers.ts';
import { upsertServiceOrders } from './upsert-orders.ts';
import { upsertVehicles } from './upsert-vehicles.ts';

/** Rows per transaction: large enough for set-based statements, small enough to show progress. */
export const BATCH_ROWS = 1000;

export interface Upload {
  fileName: string | null;
  bytes: Uint8Array;
  /** Field → CSV header chosen by the client. */
  mapping: Record<string, string | null> | undefined;
}

const FAILURES: Record<string, { 'zh-CN': string; en: string }> = {
  interrupted: {
    'zh-CN': '导入被中断（服务器已停止），请重新导入：已导入的行不会重复',
    en: 'The import was interrupted (the server stopped); run it again: rows already in are not doubled',
  },
  internal: {
    'zh-CN': '导入失败（服务器内部错误），请稍后重试',
    en: 'The import failed (internal error); try again later',
  },
};

function jobDto(j: typeof importJobs.$inferSelect, locale: Locale): ImportJobDto {
  return {
    id: j.id,
    kind: j.kind,
    dryRun: j.dryRun === 'yes',
    status: j.status,
    fileName: j.fileName,
    encoding: j.encoding,
    mapping: (j.mapping ?? {}) as Record<string, string>,
    totalRows: j.totalRows,
    processedRows: j.processedRows,
    insertedRows: j.insertedRows,
    updatedRows: j.updatedRows,
    unchangedRows: j.unchangedRows,
    errorRows: j.errorRows,
    failure: j.failure ? (FAILURES[j.failure]?.[locale] ?? j.failure) : null,
    createdBy: j.createdBy,
    createdAt: j.createdAt.toISOString(),
    startedAt: j.startedAt?.toISOString() ?? null,
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}

function readFile(upload: Upload) {
  const { text, encoding } = decodeCsv(upload.bytes);
  return { parsed: parseCsv(text), encoding };
}

/** The field a service history may leave to one store for all rows (the `defaultStoreId`). */
const STORE_FIELD = 'storeCode';

/**
 * The store of rows that name none: the one given, else the tenant's only store. Null when the
 * file's store column answers for every row. Throws when the file has no store column and
 * the tenant has several stores but none was chosen (the console then asks which).
 */
async function defaultStoreFor(
  ctx: Ctx,
  kind: ImportKind,
  mapping: Mapping,
  given: string | undefined,
): Promise<string | null> {
  if (kind !== 'service_orders') return null;
  const stores = await listStoresFor(ctx, null);
  if (given) {
    if (!stores.some((s) => s.id === given))
      throw new AppError('IMPORT_STORE_UNKNOWN', {
        field: 'defaultStoreId',
        message: { 'zh-CN': '所选门店不存在', en: 'The chosen store does not exist' },
      });
    return given;
  }
  if (mapping[STORE_FIELD] !== undefined) return null;
  if (stores.length === 1) return stores[0]!.id;
  throw new AppError('IMPORT_STORE_REQUIRED', {
    field: 'defaultStoreId',
    details: { stores: stores.map((s) => ({ id: s.id, code: s.code, name: s.name })) },
  });
}

/** What the console shows before a dry run: headers, the recognised mapping, a sample. */
export async function previewImport(ctx: Ctx, kind: ImportKind, upload: Upload) {
  const { parsed, encoding } = readFile(upload);
  const mapping = defaultMapping(kind, parsed.headers);
  // Asked only when the file cannot say and the tenant has a choice to make.
  const asksStore =
    kind === 'service_orders' &&
    mapping[STORE_FIELD] === undefined &&
    (await listStoresFor(ctx, null)).length > 1;
  const required = REQUIRED[kind];
  const inGroup = new Set(required.flat());
  return {
    kind,
    encoding,
    headers: parsed.headers,
    totalRows: parsed.rows.length,
    sample: parsed.rows.slice(0, 5).map((r) => r.cells),
    mapping,
    fields: FIELDS[kind].map((s) => ({
      field: s.field,
      label: s.label[ctx.locale],
      required: inGroup.has(s.field),
    })),
    required,
    missing: required.filter((group) => !group.some((field) => mapping[field] !== undefined)),
    asks: asksStore ? ['defaultStoreId' as const] : [],
  };
}

export interface PreparedImport {
  tenantId: string;
  jobId: string;
  kind: ImportKind;
  dryRun: boolean;
  parsed: ParsedCsv;
  mapping: Mapping;
  actor: Actor;
  requestId: string | null;
  timeZone: string;
  defaultStoreId: string | null;
}

/**
 * Checks the file and records the job (status queued). Throws before anything is written when
 * the file cannot be read or lacks a required column.
 */
export async function createImport(
  ctx: Ctx,
  input: { kind: ImportKind; dryRun: boolean; upload: Upload; defaultStoreId?: string | undefined },
): Promise<{ job: ImportJobDto; prepared: PreparedImport }> {
  const { parsed, encoding } = readFile(input.upload);
  const { mapping } = resolveMapping(input.kind, parsed.headers, input.upload.mapping);
  const defaultStoreId = await defaultStoreFor(ctx, input.kind, mapping, input.defaultStoreId);
  const tenant = await getTenant(ctx);
  const id = newId();
  const [job] = await ctx.tx
    .insert(importJobs)
    .values({
      tenantId: ctx.tenantId,
      id,
      kind: input.kind,
      dryRun: input.dryRun ? 'yes' : 'no',
      status: 'queued',
      fileName: input.upload.fileName?.slice(0, 255) ?? null,
      encoding,
      mapping,
      totalRows: parsed.rows.length,
      createdBy: ctx.actor.id,
      createdAt: ctx.clock.now(),
    })
    .returning();
  return {
    job: jobDto(job!, ctx.locale),
    prepared: {
      tenantId: ctx.tenantId,
      jobId: id,
      kind: input.kind,
      dryRun: input.dryRun,
      parsed,
      mapping,
      actor: ctx.actor,
      requestId: ctx.requestId,
      timeZone: tenant.timezone,
      defaultStoreId,
    },
  };
}

export interface RunEnv {
  database: Database;
  clock: Clock;
  log: Logger;
  /** True once the server is shutting down: the job stops at the next batch. */
  stopping: () => boolean;
}

const UPSERT = {
  customers: upsertCustomers,
  vehicles: upsertVehicles,
  service_orders: upsertServiceOrders,
} as unknown as Record<ImportKind, (b: Batch, rows: ValidRow<unknown>[]) => Promise<BatchResult>>;

class Interrupted extends Error {}

/** Applies a prepared import, batch by batch. Never throws: a failure is recorded on the job. */
export async function runImport(env: RunEnv, p: PreparedImport): Promise<void> {
  const inTenant = <T>(fn: (ctx: Ctx) => Promise<T>) =>
    withTenant(env.database.db, p.tenantId, (tx) =>
      fn({
        tenantId: p.tenantId,
        actor: p.actor,
        tx,
        clock: env.clock,
        locale: 'zh-CN',
        requestId: p.requestId,
        log: env.log,
      }),
    );
  const setJob = (ctx: Ctx, values: Partial<typeof importJobs.$inferInsert>) =>
    ctx.tx.update(importJobs).set(values).where(eq(importJobs.id, p.jobId));

  try {
    const stores = await inTenant(async (ctx) => {
      await setJob(ctx, { status: 'running', startedAt: env.clock.now() });
      return loadStores(ctx);
    });
    const checked = validateRows(p.kind, p.parsed, p.mapping, {
      timeZone: p.timeZone,
      defaultStore: p.defaultStoreId !== null,
    });
    const total = { inserted: 0, updated: 0 };
    let validAt = 0;
    let errorAt = 0;
    for (let start = 0; start < p.parsed.rows.length; start += BATCH_ROWS) {
      // Let requests in between batches: on the embedded database every query runs on this
      // thread, and a chain of queries would otherwise hold the event loop until the end.
      await new Promise((resolve) => setImmediate(resolve));
      if (env.stopping()) throw new Interrupted();
      const slice = p.parsed.rows.slice(start, start + BATCH_ROWS);
      const lastRow = slice[slice.length - 1]!.row;
      const valid: ValidRow<unknown>[] = [];
      while (validAt < checked.valid.length && checked.valid[validAt]!.row <= lastRow)
        valid.push(checked.valid[validAt++]!);
      const fileErrors: RowError[] = [];
      while (errorAt < checked.errors.length && checked.errors[errorAt]!.row <= lastRow)
        fileErrors.push(checked.errors[errorAt++]!);

      const batch = (ctx: Ctx): Batch => ({
        ctx,
        jobId: p.jobId,
        dryRun: p.dryRun,
        mapping: p.mapping,
        stores,
        defaultStoreId: p.defaultStoreId,
      });
      const record = async (ctx: Ctx, result: BatchResult) => {
        const errors = [...fileErrors, ...result.errors].sort((a, b) => a.row - b.row);
        await saveErrors(ctx, p.jobId, errors);
        const errorRows = new Set(errors.map((e) => e.row)).size;
        await ctx.tx
          .update(importJobs)
          .set({
            processedRows: sql`${importJobs.processedRows} + ${slice.length}`,
            insertedRows: sql`${importJobs.insertedRows} + ${result.inserted}`,
            updatedRows: sql`${importJobs.updatedRows} + ${result.updated}`,
            unchangedRows: sql`${importJobs.unchangedRows} + ${result.unchanged}`,
            errorRows: sql`${importJobs.errorRows} + ${errorRows}`,
          })
          .where(eq(importJobs.id, p.jobId));
        total.inserted += result.inserted;
        total.updated += result.updated;
      };
      try {
        await inTenant(async (ctx) => record(ctx, await UPSERT[p.kind](batch(ctx), valid)));
      } catch (err) {
        // Someone changed the same records meanwhile (a unique key now taken): redo the batch
        // one row per transaction, so only the rows that collide are reported.
        if (!pgError(err)?.constraint) throw err;
        const merged: BatchResult = { inserted: 0, updated: 0, unchanged: 0, errors: [] };
        for (const one of valid) {
          try {
            const r = await inTenant((ctx) => UPSERT[p.kind](batch(ctx), [one]));
            merged.inserted += r.inserted;
            merged.updated += r.updated;
            merged.unchanged += r.unchanged;
            merged.errors.push(...r.errors);
          } catch (rowErr) {
            const hit = CONSTRAINT_ERRORS[pgError(rowErr)?.constraint ?? ''];
            if (!hit) throw rowErr;
            merged.errors.push(
              errorFor(
                { mapping: p.mapping } as Batch,
                one.row,
                hit.field,
                hit.code,
                ERROR_CODES[hit.code].message,
              ),
            );
          }
        }
        await inTenant((ctx) => record(ctx, merged));
      }
    }
    await inTenant(async (ctx) => {
      await setJob(ctx, { status: 'completed', finishedAt: env.clock.now() });
      if (!p.dryRun && total.inserted + total.updated > 0)
        await emitEvent(ctx, {
          type: 'import.completed',
          aggregateId: p.jobId,
          payload: { jobId: p.jobId, kind: p.kind, ...total },
        });
    });
  } catch (err) {
    const reason = err instanceof Interrupted ? 'interrupted' : 'internal';
    if (reason === 'internal') env.log.error({ err, jobId: p.jobId }, 'import failed');
    try {
      await inTenant((ctx) =>
        setJob(ctx, { status: 'failed', failure: reason, finishedAt: env.clock.now() }),
      );
    } catch (markErr) {
      env.log.error({ err: markErr, jobId: p.jobId }, 'could not mark the import as failed');
    }
  }
}

async function saveErrors(ctx: Ctx, jobId: string, errors: RowError[]) {
  const position = new Map<number, number>();
  await bulkInsert(
    ctx.tx,
    importErrors,
    errors.map((e) => {
      const n = position.get(e.row) ?? 0;
      position.set(e.row, n + 1);
      return {
        tenantId: ctx.tenantId,
        jobId,
        rowNumber: e.row,
        position: n,
        column: e.column,
        code: e.code,
        // Stored in Chinese; other languages read the code's message (see errorMessage).
        message: e.message['zh-CN'],
      };
    }),
  );
}

/** The stored (Chinese) message, or the code's message in another language. */
function errorMessage(row: { code: string; message: string }, locale: Locale): string {
  if (locale === 'zh-CN') return row.message;
  return ERROR_CODES[row.code as ErrorCode]?.message[locale] ?? row.message;
}

async function findJob(ctx: Ctx, id: string) {
  const [job] = await ctx.tx.select().from(importJobs).where(eq(importJobs.id, id));
  if (!job) throw new AppError('NOT_FOUND');
  return job;
}

export async function getImport(ctx: Ctx, id: string): Promise<ImportJobDto> {
  return jobDto(await findJob(ctx, id), ctx.locale);
}

export async function listImports(
  ctx: Ctx,
  input: { kind?: ImportKind | undefined; limit: number; cursor?: string | undefined },
) {
  const after = decodeCursor(input.cursor, ['instant', 'uuid']);
  const rows = await ctx.tx
    .select({ j: importJobs, sortKey: sql<string>`"import_jobs"."created_at"::text` })
    .from(importJobs)
    .where(
      and(
        input.kind ? eq(importJobs.kind, input.kind) : undefined,
        after
          ? sql`("import_jobs"."created_at", "import_jobs"."id") < (${after[0]}::timestamptz, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(importJobs.createdAt), desc(importJobs.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = rows.length > input.limit ? page[page.length - 1] : undefined;
  return {
    items: page.map((r) => jobDto(r.j, ctx.locale)),
    nextCursor: last ? encodeCursor([last.sortKey, last.j.id]) : null,
  };
}

export async function listImportErrors(
  ctx: Ctx,
  id: string,
  input: { limit: number; cursor?: string | undefined },
) {
  const after = decodeCursor(input.cursor, ['int', 'int']);
  await findJob(ctx, id);
  const rows = await ctx.tx
    .select()
    .from(importErrors)
    .where(
      and(
        eq(importErrors.jobId, id),
        after
          ? sql`("import_errors"."row_number", "import_errors"."position") > (${after[0]}, ${after[1]})`
          : undefined,
      ),
    )
    .orderBy(importErrors.rowNumber, importErrors.position)
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = rows.length > input.limit ? page[page.length - 1] : undefined;
  return {
    items: page.map((e) => ({
      row: e.rowNumber,
      column: e.column,
      code: e.code,
      message: errorMessage(e, ctx.locale),
    })),
    nextCursor: last ? encodeCursor([last.rowNumber, last.position]) : null,
  };
}

const REPORT_HEADERS = {
  'zh-CN': ['行号', '列', '错误代码', '说明'],
  en: ['row', 'column', 'code', 'message'],
};

/** The whole error report as CSV (UTF-8 with BOM, so Excel shows the Chinese). */
export async function importErrorsCsv(ctx: Ctx, id: string): Promise<Buffer> {
  const job = await findJob(ctx, id);
  const chunks: string[] = ['\uFEFF', stringify([REPORT_HEADERS[ctx.locale]])];
  let after: [number, number] = [0, -1];
  for (;;) {
    const rows = await ctx.tx
      .select()
      .from(importErrors)
      .where(
        and(
          eq(importErrors.jobId, job.id),
          sql`("import_errors"."row_number", "import_errors"."position") > (${after[0]}, ${after[1]})`,
        ),
      )
      .orderBy(importErrors.rowNumber, importErrors.position)
      .limit(5000);
    if (!rows.length) break;
    chunks.push(
      stringify(
        rows.map((e) => [
          e.rowNumber,
          safeCell(e.column),
          e.code,
          safeCell(errorMessage(e, ctx.locale)),
        ]),
      ),
    );
    const last = rows[rows.length - 1]!;
    after = [last.rowNumber, last.position];
  }
  return Buffer.from(chunks.join(''), 'utf8');
}

/**
 * Jobs left queued or running by a process that stopped (their rows live only in its memory)
 * are marked interrupted. Only for the embedded database, where one process owns the data; on
 * PostgreSQL another server may be running them.
 */
export async function failOrphanedImports(database: Database): Promise<void> {
  if (database.kind !== 'pglite') return;
  await database.adminDb
    .update(importJobs)
    .set({ status: 'failed', failure: 'interrupted' })
    .where(sql`${importJobs.status} in ('queued', 'running')`);
}
