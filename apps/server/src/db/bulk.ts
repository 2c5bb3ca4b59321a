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
