// `liuke db move`: copies every table of one database into another, empty one in a single
// transaction (all or nothing), then proves the copy — see `verifyCopy`.
import type { Db } from './database.ts';
import {
  beginLoad,
  beginRead,
  checkForeignKeys,
  dataTables,
  differingFields,
  findRow,
  isEmpty,
  ledgerChecks,
  ledgerProblems,
  readRows,
  resetSequences,
  sampleRows,
  summarizeTable,
  writeRows,
  type LedgerCheck,
  type TableSummary,
} from './portable.ts';

export class TargetNotEmptyError extends Error {
  constructor(tables: string[]) {
    super(
      `The target database is not empty (rows in ${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}). ` +
        `Give it an empty database.`,
    );
    this.name = 'TargetNotEmptyError';
  }
}

/** Copies all rows from `source` into `target` (both migrated to the same version, target empty). */
export async function copyDatabase(
  source: Db,
  target: Db,
  progress: (line: string) => void = () => {},
): Promise<{ tables: number; rows: number }> {
  const check = await isEmpty(target);
  if (!check.empty) throw new TargetNotEmptyError(check.nonEmpty);
  const tables = await dataTables(source);
  let total = 0;
  // A consistent snapshot of the source (it may be a live PostgreSQL server).
  await source.transaction(
    async (src) => {
      await beginRead(src);
      await target.transaction(async (dst) => {
        await beginLoad(dst);
        for (const table of tables) {
          let n = 0;
          for await (const batch of readRows(src, table)) {
            await writeRows(dst, table, batch);
            n += batch.length;
          }
          total += n;
          if (n) progress(`  copied ${table.name}: ${n}`);
        }
        await resetSequences(dst);
      });
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  return { tables: tables.length, rows: total };
}

export interface VerifyReport {
  ok: boolean;
  tables: { name: string; source: TableSummary; target: TableSummary }[];
  ledger: { source: LedgerCheck[]; target: LedgerCheck[] };
  sampled: number;
  sampleMismatches: { table: string; row: string; fields: string[] | 'missing' }[];
  foreignKeys: { constraint: string; orphans: number }[];
  problems: string[];
}

/**
 * Proves that `target` holds what `source` holds: per table the row count and a checksum of
 * every row; the ledger's invariants per tenant (debits equal credits, every balance the sum of
 * its entries…) on both sides; `sample` rows per table looked up by key and compared field by
 * field; every foreign key of the target satisfied.
 */
export async function verifyCopy(
  source: Db,
  target: Db,
  opts: { sample?: number } = {},
): Promise<VerifyReport> {
  const sample = opts.sample ?? 5;
  return source.transaction(
    async (src) => {
      await beginRead(src);
      return target.transaction(
        async (dst) => {
          await beginRead(dst);
          const problems: string[] = [];
          const tables: VerifyReport['tables'] = [];
          const sourceTables = await dataTables(src);
          const targetNames = new Set((await dataTables(dst)).map((t) => t.name));
          for (const t of sourceTables) {
            const s = await summarizeTable(src, t.name);
            const d = targetNames.has(t.name)
              ? await summarizeTable(dst, t.name)
              : { rows: -1, checksum: 'missing' };
            tables.push({ name: t.name, source: s, target: d });
            if (s.rows !== d.rows) problems.push(`${t.name}: ${s.rows} rows ≠ ${d.rows}`);
            else if (s.checksum !== d.checksum) problems.push(`${t.name}: rows differ (checksum)`);
          }
          const ledger = { source: await ledgerChecks(src), target: await ledgerChecks(dst) };
          for (const c of ledger.target)
            for (const p of ledgerProblems(c)) problems.push(`ledger of ${c.slug}: ${p}`);
          const bySlug = new Map(ledger.target.map((c) => [c.tenantId, c]));
          for (const c of ledger.source) {
            const d = bySlug.get(c.tenantId);
            if (!d) problems.push(`ledger of ${c.slug}: tenant missing in the target`);
            else if (
              d.transfers !== c.transfers ||
              d.debits !== c.debits ||
              d.credits !== c.credits
            )
              problems.push(
                `ledger of ${c.slug}: ${c.transfers} transfers, ${c.debits} debited → ${d.transfers}, ${d.debits}`,
              );
          }
          let sampled = 0;
          const sampleMismatches: VerifyReport['sampleMismatches'] = [];
          for (const t of sourceTables) {
            if (!targetNames.has(t.name)) continue;
            for (const row of await sampleRows(src, t, sample)) {
              sampled++;
              const other = await findRow(dst, t, row);
              const fields = other === null ? 'missing' : differingFields(row, other);
              if (fields === 'missing' || fields.length) {
                const key = JSON.parse(row) as Record<string, unknown>;
                const label = t.key.map((k) => String(key[k])).join('/');
                sampleMismatches.push({ table: t.name, row: label, fields });
                problems.push(
                  `${t.name} ${label}: ${fields === 'missing' ? 'missing' : `differs in ${fields.join(', ')}`}`,
                );
              }
            }
          }
          const foreignKeys = await checkForeignKeys(dst);
          for (const f of foreignKeys)
            problems.push(`${f.constraint}: ${f.orphans} rows refer to nothing`);
          return {
            ok: problems.length === 0,
            tables,
            ledger,
            sampled,
            sampleMismatches,
            foreignKeys,
            problems,
          };
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      );
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** The report as printed by the command: tables, ledger, sample, then the verdict. */
export function formatReport(r: VerifyReport, names = { source: 'source', target: 'target' }) {
  const w = Math.max(...r.tables.map((t) => t.name.length), 5);
  const lines = [
    `${'table'.padEnd(w)}  ${names.source.padStart(9)}  ${names.target.padStart(9)}  rows equal`,
  ];
  for (const t of r.tables) {
    const same = t.source.rows === t.target.rows && t.source.checksum === t.target.checksum;
    lines.push(
      `${t.name.padEnd(w)}  ${String(t.source.rows).padStart(9)}  ${String(t.target.rows).padStart(9)}  ${same ? 'yes' : 'NO'}`,
    );
  }
  lines.push('', 'ledger per tenant (target): transfers, debits = credits, invariants');
  for (const c of r.ledger.target) {
    const p = ledgerProblems(c);
    lines.push(
      `  ${c.slug}: ${c.transfers} transfers, debits ${c.debits} = credits ${c.credits}: ${p.length ? p.join('; ') : 'balances equal the sums of their entries'}`,
    );
  }
  lines.push(
    '',
    `sample: ${r.sampled} rows compared field by field, ${r.sampleMismatches.length} differ`,
    `foreign keys: ${r.foreignKeys.length ? `${r.foreignKeys.length} broken` : 'all satisfied'}`,
    '',
  );
  if (r.ok) lines.push('Verified: the target holds the same data.');
  else
    lines.push(`NOT verified (${r.problems.length} problems):`, ...r.problems.map((p) => `  ${p}`));
  return lines.join('\n') + '\n';
}
