// Ready to be distributed by tenant on Citus, and to run behind a transaction pooler: the live
// schema after migration (information_schema / pg_catalog) and the source are held to the rules
// of the plan in distribution.ts and ARCHITECTURE.md.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config.ts';
import { createTestEnv, type TestEnv } from '../testing/harness.ts';
import { queryRows } from './database.ts';
import { citusStatements, DISTRIBUTION_COLUMN, REFERENCE_TABLES } from './distribution.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const q = <T>(statement: ReturnType<typeof sql>) => queryRows<T>(env.database.adminDb, statement);

describe('distribution by tenant (Citus)', () => {
  it('every table is a reference table or has tenant_id, and the plan names them all', async () => {
    const tables = await q<{ table_name: string; has_tenant: boolean }>(
      sql`select t.table_name, exists (select 1 from information_schema.columns c
            where c.table_schema = t.table_schema and c.table_name = t.table_name
              and c.column_name = ${DISTRIBUTION_COLUMN}) as has_tenant
          from information_schema.tables t
          where t.table_schema = 'public' and t.table_type = 'BASE TABLE' order by 1`,
    );
    expect(tables.length).toBeGreaterThan(50);
    const offenders = tables.filter(
      (t) => !t.has_tenant && !REFERENCE_TABLES.includes(t.table_name),
    );
    expect(offenders.map((t) => t.table_name)).toEqual([]);
    const plan = await citusStatements(env.database.adminDb);
    expect(plan).toHaveLength(tables.length);
    expect(plan[0]).toBe(`SELECT create_reference_table('tenants');`);
  });

  it('tenant_id leads every primary key, unique constraint, unique index and exclusion constraint of a distributed table', async () => {
    const keys = await q<{ table: string; name: string; first: string | null }>(
      sql`select c.relname as table, i.relname as name,
            (select a.attname from pg_attribute a where a.attrelid = x.indrelid and a.attnum = x.indkey[0]) as first
          from pg_index x join pg_class c on c.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
          join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r'
            and (x.indisunique or x.indisprimary or x.indisexclusion)`,
    );
    expect(keys.length).toBeGreaterThan(50);
    const offenders = keys.filter(
      (k) => !REFERENCE_TABLES.includes(k.table) && k.first !== DISTRIBUTION_COLUMN,
    );
    expect(offenders.map((k) => `${k.table}.${k.name}`)).toEqual([]);
  });

  it('every foreign key between distributed tables joins on tenant_id first; reference tables refer to no distributed table', async () => {
    const fks = await q<{
      name: string;
      child: string;
      parent: string;
      first: string;
      ref_first: string;
    }>(
      sql`select co.conname as name, c.relname as child, p.relname as parent,
            (select attname from pg_attribute where attrelid = co.conrelid and attnum = co.conkey[1]) as first,
            (select attname from pg_attribute where attrelid = co.confrelid and attnum = co.confkey[1]) as ref_first
          from pg_constraint co join pg_class c on c.oid = co.conrelid join pg_class p on p.oid = co.confrelid
          join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and co.contype = 'f'`,
    );
    expect(fks.length).toBeGreaterThan(30);
    const offenders = fks.filter((f) => {
      const childRef = REFERENCE_TABLES.includes(f.child);
      const parentRef = REFERENCE_TABLES.includes(f.parent);
      if (childRef) return !parentRef; // reference → distributed is not allowed
      if (parentRef) return false; // distributed → reference is
      return f.first !== DISTRIBUTION_COLUMN || f.ref_first !== DISTRIBUTION_COLUMN;
    });
    expect(offenders.map((f) => f.name)).toEqual([]);
  });

  it('no 32-bit sequences: every identity or serial column and every sequence is bigint', async () => {
    const columns = await q<{ table_name: string; column_name: string; data_type: string }>(
      sql`select table_name, column_name, data_type from information_schema.columns
          where table_schema = 'public' and (is_identity = 'YES' or column_default like 'nextval(%')`,
    );
    expect(columns.filter((c) => c.data_type !== 'bigint')).toEqual([]);
    // The migrator's own bookkeeping (schema drizzle, one row per migration) stays on the
    // coordinator and is not the application's.
    const sequences = await q<{ schema: string; name: string; type: string }>(
      sql`select n.nspname as schema, c.relname as name, format_type(s.seqtypid, null) as type
          from pg_sequence s join pg_class c on c.oid = s.seqrelid join pg_namespace n on n.oid = c.relnamespace
          where n.nspname <> 'drizzle'`,
    );
    expect(sequences.filter((s) => s.type !== 'bigint')).toEqual([]);
  });
});

/** Every source file of the server, the benchmarks and the migrations. */
function sources(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === 'dist' || e.name === 'meta') continue;
      const p = path.join(dir, e.name);
      if (p === import.meta.filename) continue; // this file's examples
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|sql|mjs|js)$/.test(e.name))
        out.push({ file: path.relative(REPO_ROOT, p), text: fs.readFileSync(p, 'utf8') });
    }
  };
  for (const d of ['apps/server/src', 'apps/server/drizzle', 'bench', 'scripts'])
    if (fs.existsSync(path.join(REPO_ROOT, d))) walk(path.join(REPO_ROOT, d));
  return out;
}

/**
 * Statement-level SET (a session setting) at the start of a SQL statement: at the start of a
 * string, after `;`, a migration breakpoint or a PL/pgSQL keyword. `UPDATE … SET`, `ALTER … SET`
 * and a function's own `SECURITY DEFINER SET search_path` are not statements and do not match;
 * nor does prose ("Set the password"): a setting is followed by `=`, `TO`, or is `ROLE`.
 */
const SESSION_SET =
  /(?:^|[`';]|\bbegin\b|\bthen\b|\belse\b|\bloop\b|statement-breakpoint)\s*set\s+(?!local\b)(?:session\s+)?(?:role\b|[a-z_."]+\s*(?:=|\bto\b))/gi;

function findings(pattern: RegExp): string[] {
  const out: string[] = [];
  for (const { file, text } of sources()) {
    for (const m of text.matchAll(pattern)) {
      const line = text.slice(0, m.index).split('\n').length;
      out.push(`${file}:${line}: ${m[0].trim().replace(/\s+/g, ' ')}`);
    }
  }
  return out;
}

describe('nothing outlives its transaction (transaction pooling, Citus)', () => {
  it('the scan finds what it is meant to find', () => {
    const probe = (s: string) => [...s.matchAll(SESSION_SET)].length;
    expect(probe('`SET search_path = x`')).toBe(1);
    expect(probe("'set role liuke_app'")).toBe(1);
    expect(probe('select 1; SET SESSION statement_timeout = 0')).toBe(1);
    expect(probe('`SET LOCAL role liuke_app`')).toBe(0);
    expect(probe('`update customers\n  set name = 1`')).toBe(0);
    expect(probe('ALTER TABLE "x" ALTER COLUMN "y" SET NOT NULL')).toBe(0);
    expect(probe('STABLE SECURITY DEFINER SET search_path = public')).toBe(0);
    // Prose in strings and comments that starts with the word.
    expect(probe("summary: 'Set the password by the link'")).toBe(0);
    expect(probe('/** The secret; set at enrolment */')).toBe(0);
  });

  it('no session-level SET anywhere in the code: only SET LOCAL or set_config(…, true)', () => {
    expect(findings(SESSION_SET)).toEqual([]);
    expect(findings(/set_config\s*\([^;]*?,\s*false\s*\)/gi)).toEqual([]);
  });

  it('no session-level advisory lock, no PREPARE statement', () => {
    expect(findings(/pg_advisory_lock(?:_shared)?\s*\(/gi)).toEqual([]);
    expect(findings(/pg_try_advisory_lock(?:_shared)?\s*\(/gi)).toEqual([]);
    expect(findings(/[`';]\s*prepare\s+\w+\s*(?:\(|as\b)/gi)).toEqual([]);
  });
});
