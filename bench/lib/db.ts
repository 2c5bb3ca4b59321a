// Connections for the benchmarks: only a PostgreSQL on this machine (127.0.0.1), never a
// remote one, and as the owner connection (it must bypass row-level security to load tenants).
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** The database URL from --database-url, BENCH_DATABASE_URL or DATABASE_URL; local hosts only. */
export function benchDatabaseUrl(explicit: string | undefined): string {
  const raw = explicit ?? process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!raw)
    throw new Error(
      'No database: pass --database-url or set BENCH_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/liuke_bench)',
    );
  const url = new URL(raw);
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new Error(`Not a PostgreSQL URL: ${url.protocol}`);
  if (!LOCAL_HOSTS.has(url.hostname))
    throw new Error(`Benchmarks only run against this machine (127.0.0.1), not ${url.hostname}`);
  return raw;
}

export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** Fails unless the schema is migrated and the role bypasses row-level security. */
export async function checkOwnerConnection(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ migrated: boolean; bypass: boolean }>(
    `select to_regclass('public.service_order_items') is not null as migrated,
            (select rolsuper or rolbypassrls from pg_roles where rolname = current_user) as bypass`,
  );
  if (!rows[0]?.migrated)
    throw new Error('The database has no Liuke schema: run `node apps/server/src/cli.ts migrate`');
  if (!rows[0]?.bypass)
    throw new Error(
      'The connection must be the owner/admin role (superuser or BYPASSRLS): tenant tables force row-level security',
    );
}

/** COPY one table's rows (COPY text) through the connection. */
export async function copyInto(
  client: pg.Client,
  statement: string,
  parts: readonly Uint8Array[],
): Promise<void> {
  const stream = client.query(copyFrom(statement));
  const done = finished(stream);
  for (const part of parts) if (!stream.write(part)) await once(stream, 'drain');
  stream.end();
  await done;
}

/** Exit by ourselves after `seconds`, whatever happens (benchmarks are bounded). */
export function deadline(seconds: number, what: string): void {
  setTimeout(() => {
    console.error(`${what}: stopped after the ${seconds} s limit (--max-seconds)`);
    process.exit(3);
  }, seconds * 1000).unref();
}

/** Reads an integer command-line option, refusing anything below `min`. */
export function intOption(name: string, v: string, min: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}`);
  return n;
}

export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
