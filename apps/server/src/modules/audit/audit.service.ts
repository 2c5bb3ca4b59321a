// Reading the audit log: owners and managers browse it by person, action, entity and time, and
// export what they filtered as CSV. Each entry shows the values before and after where the
// writer recorded them (`changes.before` / `changes.after`), else what it recorded.
import { sql, type SQL } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { decodeCursor, encodeCursor } from '../../kernel/paging.ts';

export interface AuditQuery {
  actorId?: string | undefined;
  actorType?: 'staff' | 'customer' | 'api_key' | 'system' | undefined;
  /** An action, or its prefix ending in a dot (`customer.`). */
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

interface Row {
  id: string;
  at: string;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  changes: unknown;
  request_id: string | null;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/gu, (c) => `\\${c}`);

function conditions(ctx: Ctx, q: AuditQuery): SQL {
  const c: SQL[] = [sql`a.tenant_id = ${ctx.tenantId}::uuid`];
  if (q.actorId) c.push(sql`a.actor_id = ${q.actorId}::uuid`);
  if (q.actorType) c.push(sql`a.actor_type = ${q.actorType}`);
  if (q.action)
    c.push(
      q.action.endsWith('.')
        ? sql`a.action like ${likeEscape(q.action) + '%'}`
        : sql`a.action = ${q.action}`,
    );
  if (q.entityType) c.push(sql`a.entity_type = ${q.entityType}`);
  if (q.entityId) c.push(sql`a.entity_id = ${q.entityId}::uuid`);
  if (q.from) c.push(sql`a.at >= ${q.from}::timestamptz`);
  if (q.to) c.push(sql`a.at < ${q.to}::timestamptz`);
  return sql.join(c, sql` and `);
}

function select(where: SQL, tail: SQL) {
  return sql`select a.id, a.at::text as at, a.actor_type, a.actor_id, s.name as actor_name, s.role as actor_role,
      a.action, a.entity_type, a.entity_id, a.changes, a.request_id
    from audit_log a
    left join staff_users s on s.tenant_id = a.tenant_id and s.id = a.actor_id
      and a.actor_type = 'staff'
    where ${where} ${tail}`;
}

function split(changes: unknown): { before: unknown; after: unknown } {
  const c = typeof changes === 'string' ? (JSON.parse(changes) as unknown) : changes;
  if (c && typeof c === 'object' && !Array.isArray(c) && ('before' in c || 'after' in c)) {
    const { before, after, ...rest } = c as Record<string, unknown>;
    return {
      before: before ?? null,
      after: Object.keys(rest).length
        ? { ...(after as object | undefined), ...rest }
        : (after ?? null),
    };
  }
  return { before: null, after: c ?? null };
}

function dto(r: Row) {
  const { before, after } = split(r.changes);
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    actor: { type: r.actor_type, id: r.actor_id, name: r.actor_name, role: r.actor_role },
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before,
    after,
    requestId: r.request_id,
  };
}

export type AuditEntryDto = ReturnType<typeof dto>;

/** Newest first, keyset paging on (at, id). */
export async function listAuditEntries(
  ctx: Ctx,
  q: AuditQuery & { limit: number; cursor?: string | undefined },
) {
  const after = decodeCursor(q.cursor, ['instant', 'uuid']);
  const where = after
    ? sql`${conditions(ctx, q)} and (a.at, a.id) < (${String(after[0])}::timestamptz, ${String(after[1])}::uuid)`
    : conditions(ctx, q);
  const rows = await queryRows<Row>(
    ctx.tx,
    select(where, sql`order by a.at desc, a.id desc limit ${q.limit + 1}`),
  );
  const more = rows.length > q.limit;
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return {
    items: items.map(dto),
    nextCursor: more && last ? encodeCursor([last.at, last.id]) : null,
  };
}

/** The most rows one CSV carries (a filter narrows it). */
export const AUDIT_CSV_MAX_ROWS = 50_000;

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));
/** A cell a spreadsheet would run as a formula is quoted (CSV injection). */
const cell = (v: string): string => (/^[=+\-@\t\r]/u.test(v) ? `'${v}` : v);

/** The filtered entries as CSV: UTF-8 with BOM (Excel), headers in the reader's language. */
export async function exportAuditCsv(ctx: Ctx, q: AuditQuery): Promise<string> {
  const rows = await queryRows<Row>(
    ctx.tx,
    select(conditions(ctx, q), sql`order by a.at desc, a.id desc limit ${AUDIT_CSV_MAX_ROWS}`),
  );
  const zh = ctx.locale !== 'en';
  const header = zh
    ? [
        '时间',
        '操作人类型',
        '操作人',
        '角色',
        '操作',
        '对象类型',
        '对象ID',
        '修改前',
        '修改后',
        '请求ID',
      ]
    : [
        'Time',
        'Actor type',
        'Actor',
        'Role',
        'Action',
        'Entity type',
        'Entity id',
        'Before',
        'After',
        'Request id',
      ];
  const body = rows.map((r) => {
    const d = dto(r);
    return [
      d.at,
      d.actor.type,
      cell(d.actor.name ?? d.actor.id ?? ''),
      d.actor.role ?? '',
      cell(d.action),
      cell(d.entityType),
      d.entityId ?? '',
      cell(json(d.before)),
      cell(json(d.after)),
      d.requestId ?? '',
    ];
  });
  return '\uFEFF' + stringify([header, ...body]);
}
