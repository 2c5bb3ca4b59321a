// `liuke backup` / `liuke restore`: a logical dump made by the application itself, the same file
// for both engines (a backup of the embedded database restores onto PostgreSQL and back), no
// pg_dump needed. The file is gzip-compressed JSON lines:
//
//   ["liuke-backup", 1, {createdAt, engine, migrations: [hash…], tables: [name…]}]
//   ["T", table, columns]     then one ["R", row] per row (the row as to_jsonb gives it)
//   ["E", table, rows, checksum]
//   ["Z", tables]             the end: a file without it was cut short
//
// A backup is read in one read-only snapshot, so the server may keep running. A restore loads
// the whole file in one transaction into a database migrated to the same version, refuses a
// database that holds data unless forced (then it empties it first, in the same transaction), and
// checks each table's row count and checksum against the file before it commits.
import fs from 'node:fs';
import { once } from 'node:events';
import zlib from 'node:zlib';
import type { Db } from './database.ts';
import {
  appliedMigrations,
  beginLoad,
  beginRead,
  checkForeignKeys,
  dataTables,
  isEmpty,
  ledgerChecks,
  ledgerProblems,
  readRows,
  resetSequences,
  summarizeTable,
  truncateAll,
  writeRows,
  type TableInfo,
} from './portable.ts';

const FORMAT = 'liuke-backup';
const VERSION = 1;

export interface BackupHeader {
  createdAt: string;
  engine: 'pglite' | 'postgres';
  migrations: string[];
  tables: string[];
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** Writes a backup of `db` to `file`; returns the rows written per table. */
export async function writeBackup(
  db: Db,
  file: string,
  engine: BackupHeader['engine'],
): Promise<{ tables: number; rows: number }> {
  const tmp = `${file}.partial`;
  const gzip = zlib.createGzip();
  const out = fs.createWriteStream(tmp);
  const piped = new Promise<void>((resolve, reject) => {
    gzip.pipe(out).on('finish', resolve).on('error', reject);
    gzip.on('error', reject);
  });
  const write = async (line: string) => {
    if (!gzip.write(line + '\n')) await once(gzip, 'drain');
  };
  let total = 0;
  let count = 0;
  try {
    await db.transaction(
      async (tx) => {
        await beginRead(tx);
        const tables = await dataTables(tx);
        count = tables.length;
        const header: BackupHeader = {
          createdAt: new Date().toISOString(),
          engine,
          migrations: await appliedMigrations(tx),
          tables: tables.map((t) => t.name),
        };
        await write(JSON.stringify([FORMAT, VERSION, header]));
        for (const t of tables) {
          await write(JSON.stringify(['T', t.name, t.columns]));
          let n = 0;
          for await (const batch of readRows(tx, t)) {
            for (const r of batch) await write(`["R",${r}]`);
            n += batch.length;
          }
          // The checksum in the same snapshot as the rows just written.
          const s = await summarizeTable(tx, t.name);
          await write(JSON.stringify(['E', t.name, n, s.checksum]));
          total += n;
        }
        await write(JSON.stringify(['Z', tables.length]));
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    gzip.end();
    await piped;
    fs.renameSync(tmp, file);
  } catch (err) {
    gzip.destroy();
    out.destroy();
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  return { tables: count, rows: total };
}

export interface RestoreResult {
  tables: number;
  rows: number;
  header: BackupHeader;
  ledger: { slug: string; transfers: number; debits: number; credits: number }[];
}

/**
 * Loads a backup into `db` (already migrated). Refuses a database with data unless `force`.
 * Everything happens in one transaction: a bad file or a failed check leaves the target as it was.
 */
export async function restoreBackup(
  db: Db,
  file: string,
  opts: { force?: boolean } = {},
): Promise<RestoreResult> {
  if (!fs.existsSync(file)) throw new BackupError(`${file}: no such file`);
  const it = jsonLines(file);
  const next = async (): Promise<string | null> => {
    const r = await it.next();
    return r.done ? null : r.value;
  };
  let head: unknown[];
  try {
    const first = await next();
    head = first ? (JSON.parse(first) as unknown[]) : [];
  } catch {
    await it.return(undefined);
    throw new BackupError(`${file} is not a Liuke backup`);
  }
  try {
    return await restoreLines(db, file, head, next, opts);
  } finally {
    await it.return(undefined);
  }
}

async function restoreLines(
  db: Db,
  file: string,
  head: unknown[],
  next: () => Promise<string | null>,
  opts: { force?: boolean },
): Promise<RestoreResult> {
  if (head[0] !== FORMAT) throw new BackupError(`${file} is not a Liuke backup`);
  if (head[1] !== VERSION)
    throw new BackupError(`${file}: backup format ${String(head[1])} unknown`);
  const header = head[2] as BackupHeader;

  const mine = await appliedMigrations(db);
  if (mine.join() !== header.migrations.join())
    throw new BackupError(
      `${file} was made by a Liuke with ${header.migrations.length} migrations; this one has ${mine.length}. ` +
        `Restore it with the version that made it, then upgrade.`,
    );
  const occupied = await isEmpty(db);
  if (!occupied.empty && !opts.force)
    throw new BackupError(
      `The database already holds data (${occupied.nonEmpty.slice(0, 5).join(', ')}…); ` +
        `restore refuses to overwrite it. Use --force to replace everything in it.`,
    );

  let rows = 0;
  let tables = 0;
  const ledger = await db.transaction(async (tx) => {
    await beginLoad(tx);
    if (!occupied.empty) await truncateAll(tx);
    const known = new Map((await dataTables(tx)).map((t) => [t.name, t]));
    let table: TableInfo | null = null;
    let batch: string[] = [];
    let n = 0;
    let ended = false;
    const flush = async () => {
      if (table && batch.length) await writeRows(tx, table, batch);
      n += batch.length;
      batch = [];
    };
    for (let line = await next(); line !== null; line = await next()) {
      if (line.startsWith('["R",')) {
        if (!table) throw new BackupError('row outside a table');
        batch.push(line.slice(5, -1));
        if (batch.length >= 1000) await flush();
        continue;
      }
      const rec = JSON.parse(line) as unknown[];
      if (rec[0] === 'T') {
        const t = known.get(String(rec[1]));
        if (!t) throw new BackupError(`table ${String(rec[1])} is not in this database`);
        const cols = rec[2] as string[];
        if (cols.join() !== t.columns.join())
          throw new BackupError(`table ${t.name}: columns differ from this database's`);
        table = t;
        n = 0;
      } else if (rec[0] === 'E') {
        await flush();
        const name = String(rec[1]);
        const s = await summarizeTable(tx, name);
        if (s.rows !== rec[2] || s.checksum !== rec[3])
          throw new BackupError(
            `table ${name}: restored ${s.rows} rows (checksum ${s.checksum}), the backup has ${String(rec[2])} (${String(rec[3])})`,
          );
        rows += n;
        tables++;
        table = null;
      } else if (rec[0] === 'Z') {
        ended = rec[1] === tables;
        break;
      } else throw new BackupError(`unexpected line in ${file}`);
    }
    if (!ended) throw new BackupError(`${file} is incomplete (cut short?)`);
    await resetSequences(tx);
    const broken = await checkForeignKeys(tx);
    if (broken.length)
      throw new BackupError(
        `foreign keys broken after restore: ${broken.map((b) => `${b.constraint} (${b.orphans})`).join(', ')}`,
      );
    const checks = await ledgerChecks(tx);
    const bad = checks.flatMap((c) => ledgerProblems(c).map((p) => `${c.slug}: ${p}`));
    if (bad.length)
      throw new BackupError(`ledger invariants fail after restore: ${bad.join('; ')}`);
    return checks.map((c) => ({
      slug: c.slug,
      transfers: c.transfers,
      debits: c.debits,
      credits: c.credits,
    }));
  });
  return { tables, rows, header, ledger };
}

/** The file's lines, decompressed; a read or gzip error rejects the iteration. */
async function* jsonLines(file: string): AsyncGenerator<string> {
  const gunzip = zlib.createGunzip();
  const input = fs.createReadStream(file);
  input.on('error', (err) => gunzip.destroy(err));
  input.pipe(gunzip);
  gunzip.setEncoding('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<string>) {
      rest += chunk;
      let at: number;
      while ((at = rest.indexOf('\n')) >= 0) {
        yield rest.slice(0, at);
        rest = rest.slice(at + 1);
      }
    }
    if (rest) yield rest;
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}
