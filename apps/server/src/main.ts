// Composition root: config -> database -> migrations -> HTTP and/or worker.
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { runMigrations } from './db/migrate.ts';
import { sweepSealedColumns, type SweepReport } from './db/sealed.ts';
import { buildApp } from './http/app.ts';
import { startJobs, type JobRunner } from './jobs/queue.ts';
import { systemClock, type Clock } from './kernel/clock.ts';
import { createLogger, type Logger } from './kernel/logger.ts';
import { loadKeyring, useKeyring } from './kernel/secret-box.ts';
import { authenticator, JOBS, ROUTES, WORKERS, wireModules } from './modules.ts';
import { useMediaStore } from './modules/media/index.ts';

export interface Runtime {
  config: Config;
  database: Database;
  logger: Logger;
  clock: Clock;
  /** What the start-up sweep of sealed columns did. */
  secretsSweep: SweepReport;
  close(): Promise<void>;
}

/** Opens the database and brings its schema up to date. */
export async function openRuntime(
  config: Config = loadConfig(),
  clock: Clock = systemClock,
): Promise<Runtime> {
  const logger = createLogger(config.logLevel);
  wireModules();
  useKeyring(loadKeyring(config.secrets));
  useMediaStore(config.media);
  const database = await openDatabase(config);
  let swept: SweepReport;
  try {
    await runMigrations(database, {
      appPassword: config.database.kind === 'postgres' ? config.database.appPassword : undefined,
    });
    // Secrets at rest: seal values written before sealing existed, re-seal after a key rotation.
    swept = await sweepSealedColumns(database.adminDb);
    if (swept.sealed || swept.resealed)
      logger.info({ sealed: swept.sealed, resealed: swept.resealed }, 'sealed stored secrets');
    if (swept.unreadable.length)
      logger.error(
        { unreadable: swept.unreadable },
        'stored secrets that do not open (tampered, or sealed under a key no longer configured)',
      );
  } catch (err) {
    await database.close();
    throw err;
  }
  return {
    config,
    database,
    logger,
    clock,
    secretsSweep: swept,
    close: () => database.close(),
  };
}

export interface Server {
  app: FastifyInstance;
  jobs: JobRunner | null;
  url: string;
  stop(): Promise<void>;
}

/** Serves the API and the web apps; runs the job worker too unless told not to. */
export async function startServer(
  runtime: Runtime,
  opts: { worker: boolean; listen?: boolean } = { worker: true },
): Promise<Server> {
  const app = await buildApp({ ...runtime, routes: ROUTES, auth: authenticator });
  const jobs = opts.worker
    ? await startJobs({
        database: runtime.database,
        clock: runtime.clock,
        log: runtime.logger,
        work: true,
        jobs: JOBS,
        workers: WORKERS,
        schedules: runtime.config.schedules,
        publicUrl: runtime.config.publicUrl,
        webhooksAllowPrivate: runtime.config.webhooksAllowPrivate,
        monitorAllowPrivate: runtime.config.monitorAllowPrivate,
      })
    : null;
  let url = '';
  if (opts.listen !== false)
    url = await app.listen({ host: runtime.config.host, port: runtime.config.port });
  return {
    app,
    jobs,
    url,
    stop: async () => {
      await app.close();
      await jobs?.stop();
    },
  };
}
