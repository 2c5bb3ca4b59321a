// The database as portable data, the same on both engines: the application's tables read from
// the catalogue in foreign-key order, copied row by row as JSON (`to_jsonb` out,
// `jsonb_populate_recordset` in — every column type survives, no pg_dump needed), identity
// sequences reset, and the proof that two databases hold the same data: row counts, an
// order-independent checksum of every row, a sample compared field by field, foreign keys and
// the ledger's invariants. Used by `liuke db move`, `liuke backup` and `liuke restore`.
//
// Only the `public` schema is data. The migrator's bookkeeping (`drizzle`) is rebuilt by
// migrating the target; pg-boss's queue (`pgboss`) is not copied: its schedules are re-created
// by the worker at start, and pending work lives in the outbox and messaging tables, which are.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from './database.ts';

export interface TableInfo {
  name: string;
  /** Columns that take a value on insert (generated columns are computed again). */
  columns: string[];
  /** Primary key columns, in key order. */
  key: string[];
  /** Tables this one refers to (other than itself). */
  refersTo: string[];
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const ident = (name: string) => sql.raw(quote(name));
const list = (names: string[], prefix = '') =>
  sql.raw(names.map((n) => `${prefix}${quote(n)}`).join(', '));

/** The public tables in an order where every table comes after the tables it refers to. */
export async function dataTables(db: Db): Promise<TableInfo[]> {
  const rows = await queryRows<{
    name: string;
    columns: string[];
    key: string[];
    refers_to: string[];
  }>(
    db,
    sql`select c.relname as name,
          to_json(array(select a.attname::text from pg_attribute a
             where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
             order by a.attnum)) as columns,
          to_json(array(select a.attname::text from pg_index i
             cross join lateral unnest(i.indkey) with ordinality k(attnum, ord)
             join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
             where i.indrelid = c.oid and i.indisprimary order by k.ord)) as key,
          to_json(array(select distinct f.relname::text from pg_constraint co
             join pg_class f on f.oid = co.confrelid
             where co.conrelid = c.oid and co.contype = 'f' and co.confrelid <> c.oid)) as refers_to
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p')
        order by c.relname`,
  );
  const byName = new Map(rows.map((r) => [r.name, r]));
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  // Kahn's algorithm, alphabetical among equals so the order is stable.
  while (placed.size < rows.length) {
    const ready = rows.filter(
      (r) => !placed.has(r.name) && r.refers_to.every((d) => placed.has(d) || !byName.has(d)),
    );
    if (!ready.length)
      throw new Error(
        `foreign keys form a cycle among ${rows
          .filter((r) => !placed.has(r.name))
          .map((r) => r.name)
          .join(', ')}`,
      );
    for (const r of ready) {
      placed.add(r.name);
      if (!r.key.length) throw new Error(`table ${r.name} has no primary key`);
      ordered.push({ name: r.name, columns: r.columns, key: r.key, refersTo: r.refers_to });
    }
  }
  return ordered;
}

/** Reads a table's rows as JSON text, in primary-key order, `batch` at a time. */
export async function* readRows(db: Db, table: TableInfo, batch = 1000): AsyncGenerator<string[]> {
  let last: string | null = null;
  for (;;) {
    const after: SQL = last
      ? sql`where (${list(table.key, 't.')}) > (select ${list(table.key, 'p.')} from jsonb_populate_record(null::${ident(table.name)}, ${last}::jsonb) p)`
      : sql``;
    const rows = await queryRows<{ r: string }>(
      db,
      sql`select to_jsonb(t)::text as r from ${ident(table.name)} t ${after}
          order by ${list(table.key, 't.')} limit ${batch}`,
    );
    if (!rows.length) return;
    yield rows.map((r) => r.r);
    if (rows.length < batch) return;
    last = rows[rows.length - 1]!.r;
  }
}

/** Inserts rows (JSON texts from `readRows`) into the table, identity values included. */
export async function writeRows(db: Db, table: TableInfo, rows: string[]): Promise<void> {
  if (!rows.length) return;
  const cols = list(table.columns);
  await db.execute(
    sql`insert into ${ident(table.name)} (${cols}) overriding system value
        select ${cols} from jsonb_populate_recordset(null::${ident(table.name)}, ${`[${rows.join(',')}]`}::jsonb)`,
  );
}

/**
 * For a transaction that loads data: triggers and foreign-key checks off (the rows come from a
 * database where they held; `checkForeignKeys` proves it afterwards), timestamps in UTC.
 */
export async function beginLoad(tx: Db): Promise<void> {
  await tx.execute(
    sql`select set_config('session_replication_role', 'replica', true), set_config('TimeZone', 'UTC', true)`,
  );
}

/** For a transaction that reads data to compare: timestamps in UTC on both sides. */
export async function beginRead(tx: Db): Promise<void> {
  await tx.execute(sql`select set_config('TimeZone', 'UTC', true)`);
}

/** Sets every identity or serial sequence of the public schema past the largest value used. */
export async function resetSequences(db: Db): Promise<{ sequence: string; next: number }[]> {
  const seqs = await queryRows<{ table: string; column: string; seq: string }>(
    db,
    sql`select c.relname as table, a.attname as column,
          pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) as seq
        from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
          and pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) is not null
        order by 1, 2`,
  );
  const out: { sequence: string; next: number }[] = [];
  for (const s of seqs) {
    const [row] = await queryRows<{ next: string | number }>(
      db,
      sql`select setval(${s.seq}::regclass, coalesce((select max(${ident(s.column)}) from ${ident(s.table)}), 0) + 1, false)::text as next`,
    );
    out.push({ sequence: s.seq, next: Number(row!.next) });
  }
  return out;
}

export interface TableSummary {
  rows: number;
  /** Sum of a 64-bit hash of every row's JSON: independent of row order and engine. */
  checksum: string;
}

export async function summarizeTable(db: Db, table: string): Promise<TableSummary> {
  const [row] = await queryRows<{ n: string | number; h: string }>(
    db,
    sql`select count(*)::text as n,
          coalesce(sum(hashtextextended(to_jsonb(t)::text, 0)::numeric), 0)::text as h
        from ${ident(table)} t`,
  );
  return { rows: Number(row!.n), checksum: row!.h };
}

/** Rows whose foreign keys point at nothing, per constraint (needed after a load with checks off). */
export async function checkForeignKeys(db: Db): Promise<{ constraint: string; orphans: number }[]> {
  const fks = await queryRows<{
    name: string;
    child: string;
    parent: string;
    cols: string[];
    refs: string[];
  }>(
    db,
    sql`select co.conname as name, c.relname as child, p.relname as parent,
          to_json(array(select a.attname::text from unnest(co.conkey) with ordinality k(n, o)
            join pg_attribute a on a.attrelid = co.conrelid and a.attnum = k.n order by k.o)) as cols,
          to_json(array(select a.attname::text from unnest(co.confkey) with ordinality k(n, o)
            join pg_attribute a on a.attrelid = co.confrelid and a.attnum = k.n order by k.o)) as refs
        from pg_constraint co join pg_class c on c.oid = co.conrelid join pg_class p on p.oid = co.confrelid
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and co.contype = 'f' order by co.conname`,
  );
  const bad: { constraint: string; orphans: number }[] = [];
  for (const fk of fks) {
    const notNull = sql.raw(fk.cols.map((c) => `c."${c}" is not null`).join(' and '));
    const join = sql.raw(fk.cols.map((c, i) => `p."${fk.refs[i]}" = c."${c}"`).join(' and '));
    const [row] = await queryRows<{ n: string | number }>(
      db,
      sql`select count(*)::text as n from ${ident(fk.child)} c where ${notNull}
          and not exists (select 1 from ${ident(fk.parent)} p where ${join})`,
    );
    if (Number(row!.n) > 0) bad.push({ constraint: fk.name, orphans: Number(row!.n) });
  }
  return bad;
}

export interface LedgerCheck {
  tenantId: string;
  slug: string;
  transfers: number;
  /** Sum of the debit entries (negative amounts, as a positive number) and of the credits. */
  debits: number;
  credits: number;
  /** Transfers without exactly their two matching entries, entries without a transfer. */
  badTransfers: number;
  orphanEntries: number;
  /** Accounts whose balance is not the sum of their entries, or not their last running balance. */
  balanceMismatches: number;
  runningMismatches: number;
  /** Accounts below zero that may not be, points accounts that disagree with their lots. */
  negative: number;
  lotMismatches: number;
}

/** The ledger's invariants per tenant (see modules/loyalty: ledger.ts and its tests). */
export async function ledgerChecks(db: Db): Promise<LedgerCheck[]> {
  const rows = await queryRows<Record<string, string | number>>(
    db,
    sql`select t.tenant_id as "tenantId", t.slug,
          (select count(*) from ledger_transfers x where x.tenant_id = t.tenant_id)::text as "transfers",
          coalesce((select -sum(e.amount) from ledger_entries e where e.tenant_id = t.tenant_id and e.amount < 0), 0)::text as "debits",
          coalesce((select sum(e.amount) from ledger_entries e where e.tenant_id = t.tenant_id and e.amount > 0), 0)::text as "credits",
          (select count(*) from ledger_transfers x where x.tenant_id = t.tenant_id and
            (select count(*) from ledger_entries e where e.tenant_id = x.tenant_id and e.transfer_id = x.id
              and ((e.account_id = x.debit_account_id and e.amount = -x.amount)
                or (e.account_id = x.credit_account_id and e.amount = x.amount))) <> 2)::text as "badTransfers",
          (select count(*) from ledger_entries e where e.tenant_id = t.tenant_id and not exists
            (select 1 from ledger_transfers x where x.tenant_id = e.tenant_id and x.id = e.transfer_id))::text as "orphanEntries",
          (select count(*) from ledger_accounts a where a.tenant_id = t.tenant_id and a.balance <>
            coalesce((select sum(e.amount) from ledger_entries e where e.tenant_id = a.tenant_id and e.account_id = a.id), 0))::text as "balanceMismatches",
          (select count(*) from ledger_accounts a where a.tenant_id = t.tenant_id and a.balance <>
            coalesce((select e.balance_after from ledger_entries e where e.tenant_id = a.tenant_id and e.account_id = a.id
              order by e.seq desc limit 1), a.balance))::text as "runningMismatches",
          (select count(*) from ledger_accounts a where a.tenant_id = t.tenant_id and not a.allow_negative and a.balance < 0)::text as "negative",
          (select count(*) from ledger_accounts a where a.tenant_id = t.tenant_id and a.kind = 'points_available' and a.balance <>
            coalesce((select sum(l.remaining) from points_lots l where l.tenant_id = a.tenant_id
              and l.customer_id = a.owner_customer_id and l.status = 'available'), 0))::text as "lotMismatches"
        from tenants t order by t.slug`,
  );
  return rows.map((r) => ({
    tenantId: String(r.tenantId),
    slug: String(r.slug),
    transfers: Number(r.transfers),
    debits: Number(r.debits),
    credits: Number(r.credits),
    badTransfers: Number(r.badTransfers),
    orphanEntries: Number(r.orphanEntries),
    balanceMismatches: Number(r.balanceMismatches),
    runningMismatches: Number(r.runningMismatches),
    negative: Number(r.negative),
    lotMismatches: Number(r.lotMismatches),
  }));
}

export function ledgerProblems(c: LedgerCheck): string[] {
  const out: string[] = [];
  if (c.debits !== c.credits) out.push(`debits ${c.debits} ≠ credits ${c.credits}`);
  if (c.badTransfers) out.push(`${c.badTransfers} transfers without their two entries`);
  if (c.orphanEntries) out.push(`${c.orphanEntries} entries without a transfer`);
  if (c.balanceMismatches) out.push(`${c.balanceMismatches} balances ≠ sum of entries`);
  if (c.runningMismatches) out.push(`${c.runningMismatches} balances ≠ last running balance`);
  if (c.negative) out.push(`${c.negative} accounts below zero`);
  if (c.lotMismatches) out.push(`${c.lotMismatches} points balances ≠ their lots`);
  return out;
}

/** Up to `n` rows of a table (spread by a hash, the same choice on every run), as JSON text. */
export async function sampleRows(db: Db, table: TableInfo, n: number): Promise<string[]> {
  const rows = await queryRows<{ r: string }>(
    db,
    sql`select to_jsonb(t)::text as r from ${ident(table.name)} t
        order by hashtextextended(to_jsonb(t)::text, 7), ${list(table.key, 't.')} limit ${n}`,
  );
  return rows.map((r) => r.r);
}

/** The row of `table` with the same primary key as `row` (JSON text), or null. */
export async function findRow(db: Db, table: TableInfo, row: string): Promise<string | null> {
  const [found] = await queryRows<{ r: string }>(
    db,
    sql`select to_jsonb(t)::text as r from ${ident(table.name)} t
        where (${list(table.key, 't.')}) =
          (select ${list(table.key, 'p.')} from jsonb_populate_record(null::${ident(table.name)}, ${row}::jsonb) p)`,
  );
  return found?.r ?? null;
}

/** Fields whose values differ between two rows (JSON objects). */
export function differingFields(a: string, b: string): string[] {
  const x = JSON.parse(a) as Record<string, unknown>;
  const y = JSON.parse(b) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].sort();
  return keys.filter((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]));
}

/** True when no row of any public table exists. */
export async function isEmpty(db: Db): Promise<{ empty: boolean; nonEmpty: string[] }> {
  const nonEmpty: string[] = [];
  for (const t of await dataTables(db)) {
    const [row] = await queryRows<{ any: boolean }>(
      db,
      sql`select exists (select 1 from ${ident(t.name)}) as any`,
    );
    if (row!.any) nonEmpty.push(t.name);
  }
  return { empty: nonEmpty.length === 0, nonEmpty };
}

/** Empties every public table (restore --force), in one statement. */
export async function truncateAll(db: Db): Promise<void> {
  const tables = await dataTables(db);
  await db.execute(sql`truncate table ${list(tables.map((t) => t.name))} cascade`);
}

/** The migrations applied to a database (the migrator's own table), oldest first. */
export async function appliedMigrations(db: Db): Promise<string[]> {
  const rows = await queryRows<{ hash: string }>(
    db,
    sql`select hash from drizzle.__drizzle_migrations order by created_at, id`,
  );
  return rows.map((r) => r.hash);
}
