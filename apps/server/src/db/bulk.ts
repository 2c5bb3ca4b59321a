// Set-based bulk insert: one statement per chunk, the rows travel as one JSON parameter and
// are expanded by json_populate_recordset — far fewer bind parameters than a multi-row VALUES,
// the same on PGlite and PostgreSQL, and still subject to row-level security.
import { getTableColumns, getTableName, sql, type Table } from 'drizzle-orm';
import type { Db } from './database.ts';

export async function bulkInsert<T extends Table>(
  tx: Db,
  table: T,
  rows: T['$inferInsert'][],
  chunkSize = 5000,
): Promise<void> {
  if (!rows.length) return;
  const columns = getTableColumns(table);
  const keys = Object.keys(rows[0]!).filter((k) => k in columns);
  const names = keys.map((k) => (columns[k] as { name: string }).name);
  const tableName = getTableName(table);
  const list = sql.raw(names.map((n) => `"${n}"`).join(', '));
  for (let i = 0; i < rows.length; i += chunkSize) {
    const chunk = rows.slice(i, i + chunkSize).map((row) => {
      const out: Record<string, unknown> = {};
      keys.forEach((k, j) => (out[names[j]!] = (row as Record<string, unknown>)[k]));
      return out;
    });
    await tx.execute(
      sql`insert into ${sql.raw(`"${tableName}"`)} (${list}) select ${list} from json_populate_recordset(null::${sql.raw(`"${tableName}"`)}, ${JSON.stringify(chunk)}::json)`,
    );
  }
}

/**
 * Set-based bulk update, the counterpart of the insert above: the rows travel as one JSON
 * parameter per chunk and `set` names the columns written, matched on (tenant_id, id). Still
 * subject to row-level security.
 */
export async function bulkUpdate<T extends Table>(
  db: Db,
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
    await db.execute(
      sql`update ${sql.raw(`"${name}"`)} as t set ${sql.raw(assignments)}
          from json_populate_recordset(null::${sql.raw(`"${name}"`)}, ${JSON.stringify(records.slice(i, i + chunkSize))}::json) as r
          where t.tenant_id = r.tenant_id and t.id = r.id`,
    );
  }
}
