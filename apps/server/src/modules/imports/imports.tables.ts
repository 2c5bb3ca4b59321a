import { index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId } from '../../db/columns.ts';
import { tenants } from '../tenancy/index.ts';

export const IMPORT_KINDS = ['customers', 'vehicles', 'service_orders'] as const;
export const IMPORT_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;

/** One CSV import (dry run or real): its progress and outcome, shown in the console. */
export const importJobs = pgTable(
  'import_jobs',
  {
    tenantId: tenantId().references(() => tenants.tenantId),
    id: uuid('id').notNull(),
    kind: text('kind', { enum: IMPORT_KINDS }).notNull(),
    dryRun: text('dry_run', { enum: ['yes', 'no'] }).notNull(),
    status: text('status', { enum: IMPORT_STATUSES }).notNull().default('queued'),
    fileName: text('file_name'),
    encoding: text('encoding'),
    /** Column mapping: target field → CSV header. */
    mapping: jsonb('mapping'),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    insertedRows: integer('inserted_rows').notNull().default(0),
    updatedRows: integer('updated_rows').notNull().default(0),
    unchangedRows: integer('unchanged_rows').notNull().default(0),
    errorRows: integer('error_rows').notNull().default(0),
    failure: text('failure'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    startedAt: instant('started_at'),
    finishedAt: instant('finished_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('import_jobs_created_idx').on(t.tenantId, t.createdAt),
  ],
);

/** Per-row problems of an import: row, column, stable code, message. */
export const importErrors = pgTable(
  'import_errors',
  {
    tenantId: tenantId(),
    jobId: uuid('job_id').notNull(),
    rowNumber: integer('row_number').notNull(),
    position: integer('position').notNull(),
    column: text('column'),
    code: text('code').notNull(),
    message: text('message').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.jobId, t.rowNumber, t.position] })],
);
