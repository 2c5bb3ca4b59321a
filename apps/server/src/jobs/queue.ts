// The durable job queue (pg-boss) on the same database: PGlite in the embedded default, the
// owner connection on PostgreSQL. Jobs are plain data: a name, a versioned payload, a handler;
// scheduled runs are keyed by pg-boss so a double start cannot double the work.
import { PgBoss, fromPglite } from 'pg-boss';
import type { Database } from '../db/database.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Logger } from '../kernel/logger.ts';
import { purgeExpiredIdempotency } from '../http/route.ts';
import { purgeExpiredCredentials } from '../modules/identity/index.ts';

export interface JobDef<T extends object = object> {
  name: string;
  /** Cron (UTC) when the job recurs. */
  cron?: string;
  handler: (data: T, deps: { database: Database; clock: Clock; log: Logger }) => Promise<void>;
}

export const JOBS: JobDef[] = [
  {
    name: 'maintenance.purge-expired',
    cron: '17 * * * *',
    handler: async (_data, { database, clock, log }) => {
      const now = clock.now();
      const idem = await purgeExpiredIdempotency(database.adminDb, now);
      await purgeExpiredCredentials(database.adminDb, now);
      log.info({ idempotencyRecords: idem }, 'purged expired records');
    },
  },
];

export interface JobRunner {
  boss: PgBoss;
  stop(): Promise<void>;
}

export async function startJobs(opts: {
  database: Database;
  clock: Clock;
  log: Logger;
  work: boolean;
}): Promise<JobRunner> {
  const { database } = opts;
  const boss =
    database.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(database.pglite!), backend: 'pglite' })
      : new PgBoss({ connectionString: database.adminUrl!, max: 3 });
  boss.on('error', (err) => opts.log.error({ err }, 'job queue error'));
  await boss.start();
  for (const job of JOBS) {
    await boss.createQueue(job.name);
    if (job.cron) await boss.schedule(job.name, job.cron);
    if (opts.work) {
      await boss.work(job.name, async (jobs) => {
        for (const j of jobs)
          await job.handler((j.data ?? {}) as object, {
            database,
            clock: opts.clock,
            log: opts.log.child({ job: job.name }),
          });
      });
    }
  }
  return { boss, stop: () => boss.stop({ graceful: true, timeout: 5000 }) };
}
