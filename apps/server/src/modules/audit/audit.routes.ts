// The audit log in the console. Imported by the composition root directly (not through the
// module's index): every module imports the index to write entries, and the routes depend on
// the HTTP layer, which depends on identity, which writes entries.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import { page } from '../../kernel/paging.ts';
import { AuditEntrySchema, AuditFilterQuery, AuditListQuery } from './audit.schemas.ts';
import { exportAuditCsv, listAuditEntries } from './audit.service.ts';

/** Who may read the log: the people accountable for the business and its data. */
export const AUDIT_READERS = ['owner', 'manager'] as const;

export function auditRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/audit-log',
    audience: 'staff',
    roles: AUDIT_READERS,
    summary: 'The audit log, newest first: who did what, when, before and after',
    tags: ['audit'],
    querystring: AuditListQuery,
    response: page(AuditEntrySchema),
    errors: ['CURSOR_INVALID'],
    handler: async (ctx, { query }) => listAuditEntries(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/audit-log.csv',
    audience: 'staff',
    roles: AUDIT_READERS,
    summary: 'The filtered audit log as CSV (UTF-8 with BOM, zh-CN headers by default)',
    tags: ['audit'],
    querystring: AuditFilterQuery,
    produces: 'text/csv; charset=utf-8',
    response: z.string().describe('CSV, UTF-8 with BOM'),
    handler: async (ctx, { query }, _req, reply) => {
      const body = await exportAuditCsv(ctx, query);
      reply.headers({
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="audit-log.csv"',
        'cache-control': 'no-store',
      });
      return body;
    },
  });
}
