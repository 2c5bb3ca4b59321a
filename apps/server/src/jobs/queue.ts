// The durable job queue (pg-boss) on the same database: PGlite in the embedded default, the
// owner connection on PostgreSQL. Jobs are plain data: a name, a versioned payload, a handler;
// scheduled runs are keyed by pg-boss so a double start cannot double the work.
import { PgBoss, fromPglite } from 'pg-boss';
import type { Database } from '../db/database.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Logger } from '../kernel/logger.ts';
import { publishOutbox } from './outbox.ts';
import { analyzeStaleTables } from '../db/maintenance.ts';
import { sql } from 'drizzle-orm';

export interface JobDef<T extends object = object> {
  name: string;
  /** Cron (UTC) when the job recurs. */
  cron?: string;
  /** Also queued once when a worker starts (catching up on what a fresh start has not done). */
  atStart?: boolean;
  handler: (
    data: T,
    deps: {
      database: Database;
      clock: Clock;
      log: Logger;
      boss?: PgBoss;
      /** Monitored feeds may be on loopback and private addresses (LIUKE_MONITOR_ALLOW_PRIVATE). */
      monitorAllowPrivate?: boolean;
      /** Base of links in messages (the weekly report's unsubscribe link). */
      publicUrl?: string | undefined;
    },
  ) => Promise<void>;
}

/** The queue's own jobs; each module brings its own (`ModuleDef.jobs`) through the root. */
export const PLATFORM_JOBS: JobDef[] = [
  {
    // Published events are kept 30 days (webhook replays and investigations read them).
    name: 'maintenance.purge-outbox',
    cron: '17 * * * *',
    handler: async (_data, { database, clock }) => {
      await database.adminDb.execute(
        sql`delete from outbox_events where published_at < (${clock.now().toISOString()}::timestamptz - interval '30 days')`,
      );
    },
  },
  {
    // Planner statistics on engines without autovacuum (PGlite; a server with it off).
    name: 'maintenance.analyze',
    cron: '41 * * * *',
    // Once at start too: a freshly seeded embedded database has no planner statistics.
    atStart: true,
    handler: async (_data, { database, log }) => {
      const tables = await analyzeStaleTables(database);
      if (tables.length) log.info({ tables }, 'analysed tables');
    },
  },
];

/** What a long-running part of the worker gets; it answers its stop. */
export interface WorkerDeps {
  database: Database;
  clock: Clock;
  log: Logger;
  /** Base of links in messages (unsubscribe). */
  publicUrl?: string;
  /** Webhooks may reach loopback and private addresses (LIUKE_WEBHOOKS_ALLOW_PRIVATE). */
  webhooksAllowPrivate: boolean;
}
export type Worker = (deps: WorkerDeps) => () => Promise<void> | void;

export interface JobRunner {
  boss: PgBoss;
  stop(): Promise<void>;
}

/** Publishes outbox events every `intervalMs` until stopped; one pass at a time. */
function startOutboxPublisher(opts: {
  database: Database;
  log: Logger;
  intervalMs: number;
}): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    running = running.then(async () => {
      if (stopped) return;
      try {
        while ((await publishOutbox(opts.database.adminDb, opts.log)) > 0 && !stopped);
      } catch (err) {
        opts.log.error({ err }, 'outbox publishing failed');
      }
    });
  }, opts.intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}

export async function startJobs(opts: {
  database: Database;
  clock: Clock;
  log: Logger;
  work: boolean;
  /** Every job of the application, in the composition root's order. */
  jobs: readonly JobDef[];
  /** The worker's long-running parts (started only when `work`), stopped in reverse order. */
  workers: readonly Worker[];
  /** Register the cron schedules (default true). */
  schedules?: boolean;
  /** Base of links in messages (unsubscribe). */
  publicUrl?: string;
  /** Webhooks may reach loopback and private addresses (LIUKE_WEBHOOKS_ALLOW_PRIVATE). */
  webhooksAllowPrivate?: boolean;
  /** Monitored feeds may be on loopback and private addresses (LIUKE_MONITOR_ALLOW_PRIVATE). */
  monitorAllowPrivate?: boolean;
}): Promise<JobRunner> {
  const { database } = opts;
  const boss =
    database.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(database.pglite!), backend: 'pglite' })
      : new PgBoss({ connectionString: database.adminUrl!, max: 3 });
  boss.on('error', (err) => opts.log.error({ err }, 'job queue error'));
  await boss.start();
  for (const job of opts.jobs) {
    await boss.createQueue(job.name);
    if (job.cron && opts.schedules !== false) await boss.schedule(job.name, job.cron);
    if (opts.work) {
      await boss.work(job.name, async (jobs) => {
        for (const j of jobs)
          await job.handler((j.data ?? {}) as object, {
            database,
            clock: opts.clock,
            log: opts.log.child({ job: job.name }),
            boss,
            monitorAllowPrivate: opts.monitorAllowPrivate ?? false,
            publicUrl: opts.publicUrl,
          });
      });
    }
  }
  if (opts.schedules !== false) {
    // A schedule whose job no longer exists (renamed, or split among its modules) is dropped.
    const names = new Set(opts.jobs.map((j) => j.name));
    for (const s of await boss.getSchedules())
      if (!names.has(s.name)) await boss.unschedule(s.name, s.key);
  }
  if (opts.work && opts.schedules !== false)
    for (const job of opts.jobs) if (job.atStart) await boss.send(job.name, {});
  const stops: (() => Promise<void> | void)[] = [];
  if (opts.work) {
    stops.push(startOutboxPublisher({ database, log: opts.log, intervalMs: 1000 }));
    const deps: WorkerDeps = {
      database,
      clock: opts.clock,
      log: opts.log,
      publicUrl: opts.publicUrl,
      webhooksAllowPrivate: opts.webhooksAllowPrivate ?? false,
    };
    for (const start of opts.workers) stops.push(start(deps));
  }
  return {
    boss,
    stop: async () => {
      for (const stop of stops.reverse()) await stop();
      await boss.stop({ graceful: true, timeout: 5000 });
    },
  };
}
