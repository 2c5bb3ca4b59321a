// The delivery pipeline. Workers drain intents in batches across tenants (owner connection):
//   1. plan  — one transaction: claim due intents (FOR UPDATE SKIP LOCKED), apply the rules
//              (quiet hours, consent, reachability, frequency caps under a per-customer lock),
//              render, and insert each delivery already leased (`sending`) — claim and lease
//              commit together (plan.ts); deliveries due again are leased too (reclaim.ts);
//   2. send  — outside any transaction, each adapter gets the delivery id as its idempotency
//              key (the recorder keeps one row per delivery id) (adapter-send.ts);
//   3. record — one transaction: outcome, timeline row, retry with backoff or final status
//              (record-outcomes.ts).
// A worker killed between 1 and 3 leaves leased deliveries; when the lease ends another worker
// sends them again under the same delivery id, so nothing is lost and nothing arrives twice.
// This file runs the passes: once, until drained, as the worker loop and as the backstop job.
import { yieldToEventLoop } from '../../kernel/yield.ts';
import type { Database } from '../../db/database.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Logger } from '../../kernel/logger.ts';
import { sendAll } from './adapter-send.ts';
import { adapterCache, type PipelineDeps } from './pipeline-deps.ts';
import { planIntents } from './plan.ts';
import { claimDeliveries } from './reclaim.ts';
import { recordOutcomes } from './record-outcomes.ts';

export type { PipelineDeps } from './pipeline-deps.ts';

/**
 * One pass: plans a batch of due intents and sends them with the deliveries due again.
 * Returns how much it did (0: nothing due).
 */
export async function deliverDue(deps: PipelineDeps): Promise<number> {
  const adapterFor = adapterCache(deps);
  const { planned, work } = await planIntents(deps);
  await deps.onStep?.('planned');
  const again = await claimDeliveries(deps);
  await deps.onStep?.('claimed');
  const all = [...work, ...again];
  if (all.length) {
    const results = await sendAll(deps, all, adapterFor);
    await deps.onStep?.('sent');
    await recordOutcomes(deps, all, results);
    await deps.onStep?.('recorded');
  }
  return planned + again.length;
}

/** Drains until nothing is due (tests, the CLI). */
export async function drainMessages(deps: PipelineDeps): Promise<number> {
  let total = 0;
  for (let n = await deliverDue(deps); n > 0; n = await deliverDue(deps)) total += n;
  return total;
}

/**
 * Intents per pass. The embedded engine has one connection shared with the API: a pass of 500
 * held it for seconds while a reminder run's messages went out, so requests waited; small passes
 * let them in between. A server's pool has room for the larger batches.
 */
const batchSizeFor = (database: Database) => (database.kind === 'pglite' ? 50 : 500);

/** The worker loop: passes back to back while there is work, a short sleep when idle. */
export function startMessagingWorker(opts: {
  database: Database;
  clock: Clock;
  log: Logger;
  publicUrl?: string;
  idleMs?: number;
}): () => Promise<void> {
  let stopped = false;
  let wake: (() => void) | null = null;
  const deps: PipelineDeps = {
    adminDb: opts.database.adminDb,
    log: opts.log.child({ worker: 'messaging' }),
    clock: opts.clock,
    batchSize: batchSizeFor(opts.database),
    ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}),
  };
  const loop = (async () => {
    while (!stopped) {
      let n = 0;
      try {
        n = await deliverDue(deps);
      } catch (err) {
        deps.log.error({ err }, 'message delivery pass failed');
      }
      // Between passes, let requests in (see kernel/yield.ts).
      if (n > 0) await yieldToEventLoop();
      if (n === 0 && !stopped)
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, opts.idleMs ?? 250);
          t.unref?.();
          wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
    }
  })();
  return async () => {
    stopped = true;
    (wake as (() => void) | null)?.();
    await loop;
  };
}

/**
 * pg-boss backstop: every minute a worker drains whatever the loops left (e.g. after every
 * worker process was down). Safe to overlap with the loops: intents are claimed SKIP LOCKED.
 */
export const MESSAGING_JOBS = [
  {
    name: 'messaging.deliver',
    cron: '* * * * *',
    handler: async (
      _data: object,
      { database, clock, log }: { database: Database; clock: Clock; log: Logger },
    ) => {
      const n = await drainMessages({
        adminDb: database.adminDb,
        clock,
        log,
        batchSize: batchSizeFor(database),
      });
      if (n) log.info({ messages: n }, 'messaging backstop drained');
    },
  },
];
