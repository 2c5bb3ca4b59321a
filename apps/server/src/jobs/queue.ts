// The durable job queue (pg-boss) on the same database: PGlite in the embedded default, the
// owner connection on PostgreSQL. Jobs are plain data: a name, a versioned payload, a handler;
// scheduled runs are keyed by pg-boss so a double start cannot double the work.
import { PgBoss, fromPglite } from 'pg-boss';
import type { Database } from '../db/database.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Logger } from '../kernel/logger.ts';
import { purgeExpiredIdempotency } from '../http/route.ts';
import { purgeExpiredCredentials } from '../modules/identity/index.ts';
import { publishOutbox } from './outbox.ts';
import { analyzeStaleTables } from '../db/maintenance.ts';
import { MESSAGING_JOBS, startMessagingWorker } from '../modules/messaging/index.ts';
import { LOYALTY_JOBS } from '../modules/loyalty/index.ts';
import { REFERRAL_JOBS } from '../modules/referrals/index.ts';
import { DUE_JOBS, registerDueEventHandlers } from '../modules/automation/index.ts';
import { CAMPAIGN_JOBS } from '../modules/campaigns/index.ts';
import { REMINDER_JOBS, registerReminderEventHandlers } from '../modules/reminders/index.ts';
import { CUSTOMER_STATS_JOBS } from '../modules/customer-stats/index.ts';
import { startWebhookWorker } from '../modules/webhooks/index.ts';
import { sql } from 'drizzle-orm';

export interface JobDef<T extends object = object> {
  name: string;
  /** Cron (UTC) when the job recurs. */
  cron?: string;
  handler: (
    data: T,
    deps: { database: Database; clock: Clock; log: Logger; boss?: PgBoss },
  ) => Promise<void>;
}

export const JOBS: JobDef[] = [
  {
    name: 'maintenance.purge-expired',
    cron: '17 * * * *',
    handler: async (_data, { database, clock, log }) => {
      const now = clock.now();
      const idem = await purgeExpiredIdempotency(database.adminDb, now);
      await purgeExpiredCredentials(database.adminDb, now);
      await database.adminDb.execute(
        sql`delete from outbox_events where published_at < (${now.toISOString()}::timestamptz - interval '30 days')`,
      );
      // The webhook delivery log keeps 30 days (attempts go with their delivery).
      await database.adminDb.execute(
        sql`delete from webhook_deliveries where status <> 'pending' and created_at < (${now.toISOString()}::timestamptz - interval '30 days')`,
      );
      // Member-card codes live five minutes; the card deletes its own old ones, this the rest.
      await database.adminDb.execute(
        sql`delete from member_card_tokens where expires_at < (${now.toISOString()}::timestamptz - interval '1 day')`,
      );
      log.info({ idempotencyRecords: idem }, 'purged expired records');
    },
  },
  {
    // Planner statistics on engines without autovacuum (PGlite; a server with it off).
    name: 'maintenance.analyze',
    cron: '41 * * * *',
    handler: async (_data, { database, log }) => {
      const tables = await analyzeStaleTables(database);
      if (tables.length) log.info({ tables }, 'analysed tables');
    },
  },
  ...DUE_JOBS,
  ...MESSAGING_JOBS,
  ...LOYALTY_JOBS,
  ...REFERRAL_JOBS,
  ...CAMPAIGN_JOBS,
  ...REMINDER_JOBS,
  ...CUSTOMER_STATS_JOBS,
];

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
  /** Register the cron schedules (default true). */
  schedules?: boolean;
  /** Base of links in messages (unsubscribe). */
  publicUrl?: string;
  /** Webhooks may reach loopback and private addresses (LIUKE_WEBHOOKS_ALLOW_PRIVATE). */
  webhooksAllowPrivate?: boolean;
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
    if (job.cron && opts.schedules !== false) await boss.schedule(job.name, job.cron);
    if (opts.work) {
      await boss.work(job.name, async (jobs) => {
        for (const j of jobs)
          await job.handler((j.data ?? {}) as object, {
            database,
            clock: opts.clock,
            log: opts.log.child({ job: job.name }),
            boss,
          });
      });
    }
  }
  if (opts.work && opts.schedules !== false) {
    // Planner statistics once at start (a freshly seeded embedded database has none), then
    // hourly; customer statistics of tenants never refreshed (the first start after a migration).
    await boss.send('maintenance.analyze', {});
    await boss.send('customer-stats.backfill', {});
  }
  const stopPublisher = opts.work
    ? startOutboxPublisher({ database, log: opts.log, intervalMs: 1000 })
    : async () => {};
  const stopMessaging = opts.work
    ? startMessagingWorker({
        database,
        clock: opts.clock,
        log: opts.log,
        publicUrl: opts.publicUrl,
      })
    : async () => {};
  const stopDueHandlers = opts.work
    ? registerDueEventHandlers({ database, clock: opts.clock, log: opts.log })
    : () => {};
  const stopReminderHandlers = opts.work
    ? registerReminderEventHandlers({ database, clock: opts.clock, log: opts.log })
    : () => {};
  const stopWebhooks = opts.work
    ? startWebhookWorker({
        database,
        clock: opts.clock,
        log: opts.log,
        allowInternal: opts.webhooksAllowPrivate ?? false,
      })
    : async () => {};
  return {
    boss,
    stop: async () => {
      stopReminderHandlers();
      await stopPublisher();
      await stopWebhooks();
      await stopMessaging();
      stopDueHandlers();
      await boss.stop({ graceful: true, timeout: 5000 });
    },
  };
}
