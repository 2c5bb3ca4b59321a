import { z } from 'zod';
import { CursorQuery, LimitQuery } from '../../kernel/paging.ts';
import { IMPORT_KINDS, IMPORT_STATUSES } from './imports.tables.ts';

export const ImportKindQuery = z.object({
  kind: z.enum(IMPORT_KINDS).describe('What the file holds'),
});

export const CreateImportQuery = ImportKindQuery.extend({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('true: check the file and report, write nothing but the job'),
  defaultStoreId: z
    .string()
    .uuid()
    .optional()
    .describe(
      'Service history: the store of rows that name none. Needed when the file has no store column and the tenant has several stores (a tenant with one store uses it)',
    ),
});

export const ImportListQuery = z.object({
  kind: z.enum(IMPORT_KINDS).optional(),
  limit: LimitQuery,
  cursor: CursorQuery,
});

export const ImportErrorsQuery = z.object({ limit: LimitQuery, cursor: CursorQuery });

export const ExportQuery = z.object({
  lang: z
    .enum(['zh-CN', 'en'])
    .optional()
    .describe('Header language (defaults to Accept-Language); both re-import unchanged'),
});

/** The client's column mapping: target field → CSV header (null or '' leaves the field out). */
export const MappingSchema = z.record(z.string().max(60), z.string().max(200).nullable());

export const ImportJobSchema = z
  .object({
    id: z.string(),
    kind: z.enum(IMPORT_KINDS),
    dryRun: z.boolean(),
    status: z.enum(IMPORT_STATUSES),
    fileName: z.string().nullable(),
    encoding: z.string().nullable().describe('utf-8, utf-8-bom, utf-16le, utf-16be or gb18030'),
    mapping: z.record(z.string(), z.string()).describe('Field → CSV header used'),
    totalRows: z.number().int(),
    processedRows: z.number().int(),
    insertedRows: z.number().int().describe('Dry run: rows that would be inserted'),
    updatedRows: z.number().int(),
    unchangedRows: z.number().int(),
    errorRows: z.number().int(),
    failure: z.string().nullable().describe('Why the job failed, when it did'),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'ImportJob' });
export type ImportJobDto = z.infer<typeof ImportJobSchema>;

export const ImportErrorSchema = z
  .object({
    row: z.number().int().describe('Spreadsheet row: the header is row 1, the first data row 2'),
    column: z.string().nullable(),
    code: z.string(),
    message: z.string(),
  })
  .meta({ id: 'ImportError' });

export const ImportPreviewSchema = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    encoding: z.string(),
    headers: z.array(z.string()),
    totalRows: z.number().int(),
    sample: z.array(z.array(z.string())).describe('The first data rows, as read'),
    mapping: z.record(z.string(), z.string()).describe('Field → header recognised by default'),
    fields: z.array(z.object({ field: z.string(), label: z.string(), required: z.boolean() })),
    required: z
      .array(z.array(z.string()))
      .describe('Groups of fields: the file needs a column for one field of each group'),
    missing: z.array(z.array(z.string())).describe('Required groups the file has no column for'),
    asks: z
      .array(z.enum(['defaultStoreId']))
      .describe(
        'What the import must be told because the file lacks it: defaultStoreId (a store for all rows)',
      ),
  })
  .meta({ id: 'ImportPreview' });

export const CsvResponse = z.string().describe('CSV, UTF-8 with BOM');
