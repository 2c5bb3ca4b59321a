// Set-based bulk update, the counterpart of db/bulk.ts's insert: the rows travel as one JSON
// parameter per chunk and `set` names the columns written, matched on (tenant_id, id). Still
// subject to row-level security. Imports write customers, cars and service orders with it.
import { getTableColumns, getTableName, sql, type Table } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';

export async function bulkUpdate<T extends Table>(
  ctx: Ctx,
  table: T,
  rows: Partial<T['$inferInsert']>[],
  set: (keyof T['$inferInsert'] & string)[],
  chunkSize = 2000,
): Promise<void> {
  if (!rows.length) return;
  const cols = getTableColumns(table) as Record<string, { name: string }>;
  const name = getTableName(table);
  const keys = ['tenantId', 'id', ...set];
  const names = keys.map((k) => cols[k]!.name);
  const records = rows.map((row) => {
    const out: Record<string, unknown> = {};
    keys.forEach((k, i) => (out[names[i]!] = (row as Record<string, unknown>)[k] ?? null));
    return out;
  });
  const assignments = set.map((k) => `"${cols[k]!.name}" = r."${cols[k]!.name}"`).join(', ');
  for (let i = 0; i < records.length; i += chunkSize) {
    await ctx.tx.execute(
      sql`update ${sql.raw(`"${name}"`)} as t set ${sql.raw(assignments)}
          from json_populate_recordset(null::${sql.raw(`"${name}"`)}, ${JSON.stringify(records.slice(i, i + chunkSize))}::json) as r
          where t.tenant_id = r.tenant_id and t.id = r.id`,
    );
  }
}
