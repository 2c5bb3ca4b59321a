// Fresh PostgreSQL databases for tests that need a database of their own (moving data into an
// empty one, several server processes, PgBouncer), on the server TEST_DATABASE_URL points at.
// Without it these tests cannot run: locally they are skipped with a message; in CI (CI=true) or
// with LIUKE_E2E=1 the missing server fails the run instead, as a missing browser does.
import net from 'node:net';
import pg from 'pg';
import { newId } from '../kernel/ids.ts';

export const strict = process.env.CI === 'true' || process.env.LIUKE_E2E === '1';

/** The server's URL with another database name. */
export function withDatabase(url: string, database: string, port?: number): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (port !== undefined) u.port = String(port);
  return u.toString();
}

/** TEST_DATABASE_URL, or null (after saying why the tests that need it do not run). */
export function serverUrl(what: string): string | null {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return url;
  if (strict) throw new Error(`${what} needs PostgreSQL: set TEST_DATABASE_URL (CI does)`);
  process.stdout.write(`${what}: not run (needs PostgreSQL: set TEST_DATABASE_URL).\n`);
  return null;
}

export interface FreshDatabase {
  name: string;
  /** Owner (superuser) connection to it. */
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database on the server of `serverUrl`. */
export async function freshDatabase(url: string, prefix: string): Promise<FreshDatabase> {
  const name = `${prefix}_${newId().slice(-12).replaceAll('-', '')}`.toLowerCase();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(url, name),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** True when something accepts TCP connections at host:port. */
export function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    s.setTimeout(1000);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
    s.once('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}
