// A delivery worker as its own process, for the crash test: it drains in small batches with
// random pauses between the steps and prints each step, so the parent can kill -9 it anywhere.
// Env: DATABASE_URL (owner), BATCH, LEASE_MS, TENANT (only its messages). It starts draining when a line arrives on stdin.
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from '../../../db/database.ts';
import { systemClock } from '../../../kernel/clock.ts';
import { createLogger } from '../../../kernel/logger.ts';
import '../builtins.ts';
import { drainMessages } from '../pipeline.ts';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
pool.on('error', () => {});
const adminDb = drizzle(pool) as unknown as Db;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Connected before it says ready, so the kill delay spans the delivery work itself.
await pool.query('select 1');
process.stdout.write('ready\n');
// Started ahead of its turn (start-up is the slow part): wait for the parent's go.
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdout.write('go\n');
await drainMessages({
  adminDb,
  log: createLogger('silent'),
  clock: systemClock,
  batchSize: Number(process.env.BATCH ?? 4),
  leaseMs: Number(process.env.LEASE_MS ?? 60_000),
  ...(process.env.TENANT ? { onlyTenants: [process.env.TENANT] } : {}),
  onStep: async (step) => {
    process.stdout.write(`${step}\n`);
    await sleep(Math.random() * 8);
  },
});
process.stdout.write('done\n');
await pool.end();
process.exit(0);
