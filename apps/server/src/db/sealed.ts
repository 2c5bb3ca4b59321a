// Columns that hold secrets sealed by the secret box (kernel/secret-box.ts). A module declares
// each such column next to its table with `registerSealedColumn`; the sweep below then seals any
// value still in plain text (rows written before sealing existed) and re-seals values sealed
// under a key other than the primary (key rotation). Every start and `liuke migrate` run it, and
// `liuke secrets rotate` runs it after adding a key. See kernel/sealed-columns.ts for the column
// convention.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from './database.ts';
import {
  currentKeyring,
  isSealed,
  openField,
  sealField,
  sealedKeyId,
  SecretBoxError,
} from '../kernel/secret-box.ts';
import { sealedColumns } from '../kernel/sealed-columns.ts';

export { registerSealedColumn, sealedColumns } from '../kernel/sealed-columns.ts';

export interface SweepReport {
  /** Plain values sealed. */
  sealed: number;
  /** Values re-sealed under the primary key. */
  resealed: number;
  /** Values that did not open (tampered, or sealed under a key that is gone): left as they are. */
  unreadable: { table: string; column: string; tenantId: string; field: string }[];
  /** Values still sealed under another key than the primary after the sweep. */
  underOldKeys: number;
}

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

/**
 * Seals plain values and re-seals values under old keys, in every registered column of every
 * tenant (owner connection: the sweep is system work across tenants). Each row is updated only
 * if it still holds what was read, so a concurrent save wins over the sweep.
 */
export async function sweepSealedColumns(adminDb: Db): Promise<SweepReport> {
  const report: SweepReport = { sealed: 0, resealed: 0, unreadable: [], underOldKeys: 0 };
  const primary = currentKeyring().primary;
  for (const c of sealedColumns()) {
    const keyList = c.keys.map((k) => sql`${ident(k)}::text as ${ident(k)}`);
    const rows = await queryRows<Record<string, string> & { tenant_id: string; value: string }>(
      adminDb,
      sql`select tenant_id::text as tenant_id, ${sql.join([...keyList, sql`${ident(c.column)}::text as value`], sql`, `)}
          from ${ident(c.table)} where ${ident(c.column)} is not null`,
    );
    for (const row of rows) {
      const key = Object.fromEntries(c.keys.map((k) => [k, row[k]!]));
      let changed = false;
      const fix = (plainOrSealed: string, field: string): string => {
        if (!isSealed(plainOrSealed)) {
          report.sealed++;
          changed = true;
          return sealField(row.tenant_id, field, plainOrSealed);
        }
        if (sealedKeyId(plainOrSealed) === primary) return plainOrSealed;
        try {
          const next = sealField(
            row.tenant_id,
            field,
            openField(row.tenant_id, field, plainOrSealed),
          );
          report.resealed++;
          changed = true;
          return next;
        } catch (err) {
          if (!(err instanceof SecretBoxError)) throw err;
          report.unreadable.push({
            table: c.table,
            column: c.column,
            tenantId: row.tenant_id,
            field,
          });
          report.underOldKeys++;
          return plainOrSealed;
        }
      };
      let next: string;
      if (c.shape === 'text') next = fix(row.value, c.field(key));
      else {
        const obj = JSON.parse(row.value) as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const [m, v] of Object.entries(obj))
          out[m] = typeof v === 'string' && v ? fix(v, c.field(key, m)) : v;
        next = JSON.stringify(out);
      }
      if (!changed) continue;
      const where = [
        sql`tenant_id = ${row.tenant_id}::uuid`,
        ...c.keys.map((k) => sql`${ident(k)}::text = ${row[k]!}`),
        c.shape === 'text'
          ? sql`${ident(c.column)} = ${row.value}`
          : sql`${ident(c.column)} = ${row.value}::jsonb`,
      ];
      await adminDb.execute(
        sql`update ${ident(c.table)} set ${ident(c.column)} = ${c.shape === 'text' ? sql`${next}` : sql`${next}::jsonb`}
            where ${sql.join(where, sql` and `)}`,
      );
    }
  }
  return report;
}
