import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import { AppError, localeFromHeader } from '../../kernel/errors.ts';
import { page } from '../../kernel/paging.ts';
import { exportCsv } from './exports.ts';
import {
  CreateImportQuery,
  CsvResponse,
  ExportQuery,
  ImportErrorSchema,
  ImportErrorsQuery,
  ImportJobSchema,
  ImportKindQuery,
  ImportListQuery,
  ImportPreviewSchema,
  MappingSchema,
} from './imports.schemas.ts';
import * as imports from './imports.service.ts';
import type { ImportKind } from './csv.ts';

/** The largest CSV accepted (a larger upload is answered 413 PAYLOAD_TOO_LARGE). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

const ROLES = ['owner', 'manager'] as const;
const JobParams = z.object({ id: z.string().uuid() });

const UPLOAD_DOC =
  'Send `multipart/form-data` with the CSV in the part `file` (at most 50 MB; UTF-8 with or without BOM, UTF-16 with BOM, or GBK / GB18030) and, optionally, a part `mapping` holding JSON `{ "field": "CSV header" }` (null leaves a field out); unmapped fields use the default recognition of common Chinese and English headers.';

/** The upload read by the preHandler; the body the route sees is its digest. */
const uploads = new WeakMap<FastifyRequest, imports.Upload>();

async function readUpload(req: FastifyRequest): Promise<void> {
  if (req.method !== 'POST' || !req.isMultipart()) return;
  // Leave an anonymous upload unread: the route answers 401 before anything else.
  if (!req.headers.authorization && !req.cookies.lk_staff) return;
  let file: { name: string | null; bytes: Buffer } | null = null;
  let mappingText: string | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === 'file' && !file) file = { name: part.filename || null, bytes };
      } else if (part.fieldname === 'mapping') {
        mappingText = typeof part.value === 'string' ? part.value : null;
      }
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('PAYLOAD_TOO_LARGE', {
        field: 'file',
        details: { maxBytes: MAX_IMPORT_BYTES },
        message: {
          'zh-CN': '文件超过 50 MB 上限，请拆分后分批导入',
          en: 'The file is over the 50 MB limit; split it and import the parts',
        },
        cause: err,
      });
    throw err;
  }
  if (!file) return;
  let mapping: Record<string, string | null> | undefined;
  if (mappingText?.trim()) {
    let json: unknown;
    try {
      json = JSON.parse(mappingText);
    } catch {
      json = undefined;
    }
    const parsed = MappingSchema.safeParse(json);
    if (!parsed.success)
      throw new AppError('IMPORT_MAPPING_INVALID', {
        field: 'mapping',
        message: {
          'zh-CN': '列对应关系应为 JSON：{"字段": "表头"}',
          en: 'The mapping must be JSON: {"field": "header"}',
        },
      });
    mapping = parsed.data;
  }
  uploads.set(req, { fileName: file.name, bytes: file.bytes, mapping });
  // Idempotency-Key compares bodies: the file's digest stands for its bytes.
  req.body = {
    fileName: file.name,
    size: file.bytes.length,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    mapping: mapping ?? null,
  };
}

function uploadOf(req: FastifyRequest): imports.Upload {
  const upload = uploads.get(req);
  if (upload) return upload;
  const type = req.headers['content-type'];
  if (type && !req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  throw new AppError('IMPORT_FILE_MISSING', { field: 'file' });
}

const csvHeaders = (name: string) => ({
  'content-type': 'text/csv; charset=utf-8',
  'content-disposition': `attachment; filename="${name}"`,
  'cache-control': 'no-store',
});

export function importRoutes(app: FastifyInstance, deps: RouteDeps) {
  // Own plugin scope: multipart parsing and the background runner live only here.
  void app.register(async (scope) => {
    await scope.register(multipart, {
      limits: {
        fileSize: MAX_IMPORT_BYTES,
        files: 1,
        fields: 5,
        fieldSize: 256 * 1024,
        parts: 8,
        headerPairs: 200,
      },
    });
    scope.addHook('preHandler', readUpload);

    // Imports run in this process after the request commits; shutting down stops them at the
    // next batch boundary (the job says "interrupted"; re-running it is safe).
    const running = new Set<Promise<void>>();
    const pending = new WeakMap<FastifyRequest, imports.PreparedImport>();
    let stopping = false;
    scope.addHook('onResponse', async (req, reply) => {
      const prepared = pending.get(req);
      if (!prepared || reply.statusCode !== 202) return;
      pending.delete(req);
      const task = imports.runImport(
        {
          database: deps.database,
          clock: deps.clock,
          log: scope.log.child({ importJob: prepared.jobId }),
          stopping: () => stopping,
        },
        prepared,
      );
      running.add(task);
      void task.finally(() => running.delete(task));
    });
    scope.addHook('onReady', () => imports.failOrphanedImports(deps.database));
    scope.addHook('onClose', async () => {
      stopping = true;
      await Promise.allSettled([...running]);
    });

    defineRoute(scope, deps, {
      method: 'POST',
      url: '/api/v1/staff/imports/preview',
      audience: 'staff',
      roles: ROLES,
      summary: 'Read a CSV’s headers and the column mapping recognised by default',
      description: `Writes nothing. ${UPLOAD_DOC}`,
      tags: ['imports'],
      querystring: ImportKindQuery,
      response: ImportPreviewSchema,
      errors: [
        'IMPORT_FILE_MISSING',
        'IMPORT_FILE_INVALID',
        'IMPORT_ENCODING_UNSUPPORTED',
        'IMPORT_MAPPING_INVALID',
        'PAYLOAD_TOO_LARGE',
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      handler: async (ctx, { query }, req) =>
        imports.previewImport(ctx, query.kind as ImportKind, uploadOf(req)),
    });

    defineRoute(scope, deps, {
      method: 'POST',
      url: '/api/v1/staff/imports',
      audience: 'staff',
      roles: ROLES,
      summary: 'Import customers, cars or service history from CSV (or check the file: dryRun)',
      description: `Answers 202 with the job at once; the rows are applied in the background in batches of ${imports.BATCH_ROWS}, each in its own transaction — poll the job for progress. Rows are matched by external id (then phone, VIN, plate or order number): new ones are inserted, changed ones updated, the rest left untouched, so running a file twice changes nothing. An empty cell never erases a known value. A dry run writes nothing but the job and its error report. A missing required column is refused (400) before any row is read; so is a service history without a store column when the tenant has several stores and no defaultStoreId is given (IMPORT_STORE_REQUIRED). ${UPLOAD_DOC}`,
      tags: ['imports'],
      querystring: CreateImportQuery,
      status: 202,
      response: ImportJobSchema,
      errors: [
        'IMPORT_FILE_MISSING',
        'IMPORT_FILE_INVALID',
        'IMPORT_ENCODING_UNSUPPORTED',
        'IMPORT_COLUMN_MISSING',
        'IMPORT_MAPPING_INVALID',
        'IMPORT_STORE_REQUIRED',
        'IMPORT_STORE_UNKNOWN',
        'PAYLOAD_TOO_LARGE',
        'UNSUPPORTED_MEDIA_TYPE',
        'IDEMPOTENCY_KEY_REUSED',
      ],
      handler: async (ctx, { query }, req) => {
        const { job, prepared } = await imports.createImport(ctx, {
          kind: query.kind as ImportKind,
          dryRun: query.dryRun,
          upload: uploadOf(req),
          defaultStoreId: query.defaultStoreId,
        });
        pending.set(req, prepared);
        return job;
      },
    });

    defineRoute(scope, deps, {
      method: 'GET',
      url: '/api/v1/staff/imports',
      audience: 'staff',
      roles: ROLES,
      summary: 'Import jobs, newest first',
      tags: ['imports'],
      querystring: ImportListQuery,
      response: page(ImportJobSchema),
      errors: ['CURSOR_INVALID'],
      handler: async (ctx, { query }) => imports.listImports(ctx, query),
    });

    defineRoute(scope, deps, {
      method: 'GET',
      url: '/api/v1/staff/imports/{id}',
      audience: 'staff',
      roles: ROLES,
      summary: 'An import job: status, progress (processedRows of totalRows) and counts',
      tags: ['imports'],
      params: JobParams,
      response: ImportJobSchema,
      handler: async (ctx, { params }) => imports.getImport(ctx, params.id),
    });

    defineRoute(scope, deps, {
      method: 'GET',
      url: '/api/v1/staff/imports/{id}/errors',
      audience: 'staff',
      roles: ROLES,
      summary: 'The error report of an import: row, column, code, message',
      tags: ['imports'],
      params: JobParams,
      querystring: ImportErrorsQuery,
      response: page(ImportErrorSchema),
      errors: ['CURSOR_INVALID'],
      handler: async (ctx, { params, query }) => imports.listImportErrors(ctx, params.id, query),
    });

    defineRoute(scope, deps, {
      method: 'GET',
      url: '/api/v1/staff/imports/{id}/errors.csv',
      produces: 'text/csv; charset=utf-8',
      audience: 'staff',
      roles: ROLES,
      summary: 'The error report of an import as CSV (UTF-8 with BOM)',
      tags: ['imports'],
      params: JobParams,
      response: CsvResponse,
      handler: async (ctx, { params }, _req, reply) => {
        const body = await imports.importErrorsCsv(ctx, params.id);
        reply.headers(csvHeaders(`import-${params.id}-errors.csv`));
        return body as unknown as string;
      },
    });

    const exportsOf: [string, ImportKind, string][] = [
      ['customers.csv', 'customers', 'Customers'],
      ['vehicles.csv', 'vehicles', 'Cars'],
      ['service-orders.csv', 'service_orders', 'Service history'],
    ];
    for (const [file, kind, what] of exportsOf) {
      defineRoute(scope, deps, {
        method: 'GET',
        url: `/api/v1/staff/exports/${file}`,
        produces: 'text/csv; charset=utf-8',
        audience: 'staff',
        roles: ROLES,
        summary: `${what} as CSV (UTF-8 with BOM), in the columns the importer reads`,
        description: 'Streamed; re-importing the file changes nothing.',
        tags: ['imports'],
        querystring: ExportQuery,
        response: CsvResponse,
        handler: async (ctx, { query }, req, reply) => {
          const locale = query.lang ?? localeFromHeader(req.headers['accept-language']);
          const stream = await exportCsv(ctx, deps.database, kind, locale);
          reply.headers(csvHeaders(file));
          return stream as unknown as string;
        },
      });
    }
  });
}
