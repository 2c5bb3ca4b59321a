import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, REPO_ROOT } from '../config.ts';
import { openDatabase } from './database.ts';
import { DataDirLockedError, lockDataDir } from './lock.ts';

const run = promisify(execFile);
const withoutDatabaseUrl = () => {
  const { DATABASE_URL: _db, DATABASE_ADMIN_URL: _admin, ...rest } = process.env;
  return rest;
};
const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'liuke-lock-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('the embedded data directory lock', () => {
  it('a second process gets a clear error and the first keeps working', async () => {
    const dir = tmp();
    const first = await openDatabase(loadConfig({ LIUKE_DATA_DIR: dir }));
    try {
      const second = await run(
        process.execPath,
        [path.join(REPO_ROOT, 'apps/server/src/cli.ts'), 'migrate'],
        {
          env: { ...withoutDatabaseUrl(), LIUKE_DATA_DIR: dir, LOG_LEVEL: 'silent' },
        },
      ).then(
        () => ({ code: 0, stderr: '' }),
        (err: { code: number; stderr: string }) => err,
      );
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`is in use by another Liuke process (pid ${process.pid})`);
      await first.ping();
    } finally {
      await first.close();
    }
    expect(fs.existsSync(path.join(dir, 'liuke.lock'))).toBe(false);
  }, 60_000);

  it('takes over a lock left by a process that is gone', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'liuke.lock'), '999999999');
    const release = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, 'liuke.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });

  it('refuses a directory locked by a live process', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'liuke.lock'), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
  });
});
