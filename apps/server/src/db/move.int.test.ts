// Moving and backing up data: a small demo tenant on the embedded engine is backed up and
// restored (PGlite → PGlite), moved into a fresh PostgreSQL database and verified, a damaged
// target fails the verification (also through the command, with its exit code), and a
// PostgreSQL backup restores into another fresh database. Restore refuses a database with data
// unless forced, and a file cut short changes nothing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, MEMORY, REPO_ROOT } from '../config.ts';
import { fixedClock } from '../kernel/clock.ts';
import { createLogger } from '../kernel/logger.ts';
import { openRuntime, type Runtime } from '../main.ts';
import { seedDemo } from '../modules/demo/seed.ts';
import { freshDatabase, serverUrl, type FreshDatabase } from '../testing/databases.ts';
import { queryRows } from './database.ts';
import { BackupError, restoreBackup, writeBackup } from './backup.ts';
import { copyDatabase, formatReport, TargetNotEmptyError, verifyCopy } from './move.ts';

const quiet = { LOG_LEVEL: 'silent', NODE_ENV: 'test' } as const;
const embedded = (dir: string) => loadConfig({ ...quiet, LIUKE_DATA_DIR: dir });
const server = (url: string) =>
  loadConfig({ ...quiet, DATABASE_URL: url, DATABASE_ADMIN_URL: url, DATABASE_POOL_SIZE: '2' });

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'liuke-move-'));
const sourceDir = path.join(tmp, 'source');
let source: Runtime;

beforeAll(async () => {
  source = await openRuntime(embedded(sourceDir));
  await seedDemo({
    db: source.database.db,
    log: createLogger('silent'),
    clock: fixedClock(new Date('2026-11-22T02:00:00Z')),
    customers: 8,
  });
}, 300_000);
afterAll(async () => {
  await source?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('backup and restore on the embedded engine', () => {
  it('restores a backup into an empty database with the same rows, checksums and ledger', async () => {
    const file = path.join(tmp, 'embedded.liuke.gz');
    const written = await writeBackup(source.database.adminDb, file, 'pglite');
    expect(written.rows).toBeGreaterThan(500);
    const copy = await openRuntime(embedded(MEMORY));
    try {
      const restored = await restoreBackup(copy.database.adminDb, file);
      expect(restored.rows).toBe(written.rows);
      expect(restored.ledger[0]!.transfers).toBeGreaterThan(0);
      expect(restored.ledger[0]!.debits).toBe(restored.ledger[0]!.credits);
      const report = await verifyCopy(source.database.adminDb, copy.database.adminDb);
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);

      // Not over data, unless forced; forced, it replaces everything.
      await expect(restoreBackup(copy.database.adminDb, file)).rejects.toThrow(/--force/);
      await copy.database.adminDb.execute(sql`update customers set name = '改过' where true`);
      await restoreBackup(copy.database.adminDb, file, { force: true });
      expect((await verifyCopy(source.database.adminDb, copy.database.adminDb)).ok).toBe(true);
    } finally {
      await copy.close();
    }
  });

  it('a backup cut short is refused and the target keeps what it had', async () => {
    const file = path.join(tmp, 'embedded.liuke.gz');
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
    const cut = path.join(tmp, 'cut.liuke.gz');
    fs.writeFileSync(cut, zlib.gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n')));
    const copy = await openRuntime(embedded(MEMORY));
    try {
      await expect(restoreBackup(copy.database.adminDb, cut)).rejects.toBeInstanceOf(BackupError);
      const [row] = await queryRows<{ n: number }>(
        copy.database.adminDb,
        sql`select count(*)::int as n from customers`,
      );
      expect(row!.n).toBe(0);
      fs.writeFileSync(cut, 'not a backup');
      await expect(restoreBackup(copy.database.adminDb, cut)).rejects.toThrow(/not a Liuke backup/);
    } finally {
      await copy.close();
    }
  });
});

const url = serverUrl('moving to PostgreSQL');

describe.skipIf(!url)('moving to PostgreSQL', () => {
  const databases: FreshDatabase[] = [];
  afterAll(async () => {
    for (const d of databases) await d.drop().catch(() => {});
  });

  it(
    'moves the embedded database into an empty PostgreSQL database and proves the copy; a damaged copy fails',
    { timeout: 300_000 },
    async () => {
      const target = await freshDatabase(url!, 'lk_move');
      databases.push(target);
      const dst = await openRuntime(server(target.url));
      try {
        const moved = await copyDatabase(source.database.adminDb, dst.database.adminDb);
        expect(moved.rows).toBeGreaterThan(500);
        const report = await verifyCopy(source.database.adminDb, dst.database.adminDb, {
          sample: 3,
        });
        expect(report.problems).toEqual([]);
        expect(report.ok).toBe(true);
        expect(report.sampled).toBeGreaterThan(50);
        const customers = report.tables.find((t) => t.name === 'customers')!;
        expect(customers.target.rows).toBe(8);
        expect(report.ledger.target[0]!.debits).toBe(report.ledger.target[0]!.credits);
        expect(formatReport(report)).toContain('Verified');

        // Identity sequences continue after the copied values.
        const [seq] = await queryRows<{ next: number; max: number }>(
          dst.database.adminDb,
          sql`select (select max(member_no) from customers)::int as max,
                (select last_value from customers_member_no_seq)::int as next`,
        );
        expect(seq!.next).toBe(seq!.max + 1);

        // A target with data is refused.
        await expect(
          copyDatabase(source.database.adminDb, dst.database.adminDb),
        ).rejects.toBeInstanceOf(TargetNotEmptyError);

        // Damage the copy: a lost ledger entry and a changed name.
        await dst.database.adminDb.transaction(async (tx) => {
          await tx.execute(sql`select set_config('session_replication_role', 'replica', true)`);
          await tx.execute(
            sql`delete from ledger_entries where id = (select id from ledger_entries order by id limit 1)`,
          );
          await tx.execute(
            sql`update customers set name = name || '（改）' where id = (select id from customers order by id limit 1)`,
          );
        });
        const broken = await verifyCopy(source.database.adminDb, dst.database.adminDb);
        expect(broken.ok).toBe(false);
        expect(broken.problems).toEqual(
          expect.arrayContaining([
            expect.stringMatching(/^ledger_entries: \d+ rows ≠ \d+$/),
            'customers: rows differ (checksum)',
            expect.stringMatching(/ledger of demo: debits \d+ ≠ credits \d+/),
          ]),
        );
      } finally {
        await dst.close();
      }

      // The command says so and exits non-zero.
      await source.close();
      try {
        const env: NodeJS.ProcessEnv = {
          ...process.env,
          LIUKE_DATA_DIR: sourceDir,
          LOG_LEVEL: 'silent',
        };
        delete env.DATABASE_URL;
        delete env.DATABASE_ADMIN_URL;
        const run = spawnSync(
          process.execPath,
          ['apps/server/src/cli.ts', 'db', 'move', '--verify-only', '--to', target.url],
          {
            cwd: REPO_ROOT,
            env,
            encoding: 'utf8',
            timeout: 120_000,
          },
        );
        expect(run.status, run.stderr).toBe(1);
        expect(run.stdout).toContain('NOT verified');
        expect(run.stdout).toMatch(/ledger_entries\s+\d+\s+\d+\s+NO/);
      } finally {
        source = await openRuntime(embedded(sourceDir));
      }
    },
  );

  it('a PostgreSQL backup restores into another fresh database', { timeout: 300_000 }, async () => {
    const first = await freshDatabase(url!, 'lk_backup_a');
    const second = await freshDatabase(url!, 'lk_backup_b');
    databases.push(first, second);
    const a = await openRuntime(server(first.url));
    const b = await openRuntime(server(second.url));
    try {
      await copyDatabase(source.database.adminDb, a.database.adminDb);
      const file = path.join(tmp, 'server.liuke.gz');
      const written = await writeBackup(a.database.adminDb, file, 'postgres');
      const restored = await restoreBackup(b.database.adminDb, file);
      expect(restored.rows).toBe(written.rows);
      const report = await verifyCopy(a.database.adminDb, b.database.adminDb);
      expect(report.problems).toEqual([]);
      await expect(restoreBackup(b.database.adminDb, file)).rejects.toThrow(/already holds data/);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
