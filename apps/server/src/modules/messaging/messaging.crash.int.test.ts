// Crash safety on PostgreSQL: a worker process is killed with SIGKILL at a random point while it
// delivers a batch, 100 times. After recovery every intent has ended (delivered or failed), none
// is lost, and the recorder channel holds exactly one message per intent.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { createLogger } from '../../kernel/logger.ts';
import { createCustomer } from '../customers/index.ts';
import { createTestEnv, type TestEnv, type TestTenant } from '../../testing/harness.ts';
import { drainMessages, sendToCustomer } from './index.ts';

const RUNS = Number(process.env.CRASH_RUNS ?? 100);
const PER_RUN = 8;
const LEASE_MS = 60_000;
const WORKER = path.join(import.meta.dirname, 'testing', 'crash-worker.ts');
const url = process.env.TEST_DATABASE_URL;

let env: TestEnv;
let t: TestTenant;
const customers: string[] = [];

interface Worker {
  ready: Promise<void>;
  /** Lets it drain, kills it after `delayMs`; the last step it printed and how long it ran. */
  go(delayMs: number): Promise<{ how: string; ms: number }>;
  kill(): void;
}

/**
 * Starts a worker process that waits for "go" (start-up is the slow part, so the next one warms
 * up during this run); `go` lets it drain and kills it -9 after `delayMs`, resolving with the
 * last step it printed.
 */
function startWorker(): Worker {
  const child = spawn(process.execPath, [WORKER], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      BATCH: '3',
      LEASE_MS: String(LEASE_MS),
      TENANT: t.id,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let onReady: () => void = () => {};
  let onGo: () => void = () => {};
  const ready = new Promise<void>((r) => (onReady = r));
  const going = new Promise<void>((r) => (onGo = r));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('ready')) onReady();
    if (out.includes('go')) onGo();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<string>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal !== 'SIGKILL') reject(new Error(`worker exited ${code}: ${err}`));
      const lines = out.trim().split('\n');
      resolve(signal === 'SIGKILL' ? `killed after ${lines[lines.length - 1]}` : 'finished');
    });
  });
  return {
    ready,
    async go(delayMs) {
      await ready;
      child.stdin.write('go\n');
      // The delay counts from when the worker starts draining.
      let timer: NodeJS.Timeout | undefined;
      let started = Date.now();
      void going.then(() => {
        started = Date.now();
        timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
      });
      const how = await exited;
      clearTimeout(timer);
      return { how, ms: Date.now() - started };
    },
    kill: () => child.kill('SIGKILL'),
  };
}

describe.skipIf(!url)('kill -9 during delivery (PostgreSQL)', () => {
  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.createTenant();
    await env.inTenant(t.id, async (ctx) => {
      for (let i = 0; i < 4; i++) {
        const c = await createCustomer(ctx, {
          name: `崩溃${i}`,
          phone: `+8613${String(Date.now() + i).slice(-9)}`,
        } as never);
        customers.push((c as { id: string }).id);
      }
    });
  });
  afterAll(async () => {
    await env?.close();
  });

  it(
    `${RUNS} runs: every intent ends, none lost, none recorded twice`,
    { timeout: 1_200_000 },
    async () => {
      const outcomes = new Map<string, number>();
      const later = { now: () => new Date(Date.now() + LEASE_MS + 1000) };
      // Several workers warm up at once (their start-up mostly waits on file reads).
      const warm = Array.from({ length: 4 }, startWorker);
      let span = 0;
      let recoveryMs = 0;
      for (let run = 0; run < RUNS; run++) {
        const ids = await env.inTenant(t.id, async (ctx) => {
          const out: string[] = [];
          for (let i = 0; i < PER_RUN; i++)
            out.push(
              (
                await sendToCustomer(ctx, {
                  customerId: customers[i % customers.length]!,
                  templateKey: 'service.message',
                  data: { message: { text: `run ${run} message ${i}` } },
                  dedupeKey: `crash:${run}:${i}`,
                  priority: 'transactional',
                  purpose: 'transactional',
                  channels: ['sms'],
                })
              ).intentId,
            );
          return out;
        });
        const worker = warm.shift()!;
        if (run + warm.length + 1 < RUNS) warm.push(startWorker());
        // The first run is not killed: it measures how long a batch takes here, and the kills
        // then land uniformly over that span (plan, send, record and between them).
        const { how, ms } = await worker.go(run === 0 ? 600_000 : Math.random() * span);
        if (run === 0) span = Math.max(20, ms);
        const t1 = Date.now();
        outcomes.set(how, (outcomes.get(how) ?? 0) + 1);
        // Recovery: another worker after the dead one's leases ran out. A killed backend may hold
        // its row locks a moment longer (SKIP LOCKED passes them by), so drain until all are final.
        for (let pass = 0; pass < 100; pass++) {
          await drainMessages({
            adminDb: env.database.adminDb,
            log: createLogger('silent'),
            clock: later,
            onlyTenants: [t.id],
          });
          const open = await queryRows<{ n: number }>(
            env.database.adminDb,
            sql`select count(*)::int as n from message_intents where tenant_id = ${t.id} and id = any(${`{${ids.join(',')}}`}::uuid[]) and status not in ('sent', 'failed')`,
          );
          if (open[0]!.n === 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        recoveryMs += Date.now() - t1;
        const states = await queryRows<{ status: string; recorded: number }>(
          env.database.adminDb,
          sql`select i.status, (select count(*)::int from recorded_messages r where r.tenant_id = i.tenant_id and r.intent_id = i.id) as recorded
            from message_intents i where i.tenant_id = ${t.id} and i.id = any(${`{${ids.join(',')}}`}::uuid[])`,
        );
        expect(states, `run ${run} (${how})`).toHaveLength(PER_RUN);
        for (const s of states)
          expect(s, `run ${run} (${how})`).toEqual({ status: 'sent', recorded: 1 });
      }
      for (const w of warm) w.kill();
      // Where the kills landed (printed for the record; the assertion is above).
      console.warn('crash test kill points:', Object.fromEntries(outcomes), {
        spanMs: span,
        recoveryMs,
      });
    },
  );
});
