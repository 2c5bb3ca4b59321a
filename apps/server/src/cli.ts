// The `liuke` command: serve, worker, migrate, seed, tenant create, secrets rotate, openapi,
// db move, backup, restore.
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { loadConfig } from './config.ts';
import { DataDirLockedError } from './db/lock.ts';
import { analyzeAll } from './db/maintenance.ts';
import { withoutTenant } from './db/tenant-scope.ts';
import { buildApp } from './http/app.ts';
import { startJobs } from './jobs/queue.ts';
import { systemClock } from './kernel/clock.ts';
import { AppError } from './kernel/errors.ts';
import { createLogger } from './kernel/logger.ts';
import { openRuntime, startServer, type Runtime } from './main.ts';
import {
  authenticator,
  describeWiring,
  JOBS,
  MODULES,
  ROUTES,
  WORKERS,
  wireModules,
} from './modules.ts';
import type { RoutePlugin } from './http/route.ts';
import { seedDemo, demoExists } from './modules/demo/index.ts';
import { openShop } from './modules/onboarding/index.ts';
import type { Database } from './db/database.ts';
import { BackupError, restoreBackup, writeBackup } from './db/backup.ts';
import { citusStatements } from './db/distribution.ts';
import { copyDatabase, formatReport, TargetNotEmptyError, verifyCopy } from './db/move.ts';
import { rotateSecrets } from './secrets-rotate.ts';

const program = new Command()
  .name('liuke')
  .description('Liuke (留客): customer engagement for auto-service businesses');

function printDemo(summary: Awaited<ReturnType<typeof seedDemo>>, url: string) {
  const lines = [
    '',
    '  Liuke is running.',
    `  Staff console:  ${url}/console/`,
    `  Customer app:   ${url}/app/`,
    `  API docs:       ${url}/docs`,
    '',
    `  Demo tenant code (企业代码): ${summary.tenant}`,
    ...summary.staffSignIns.map(
      (s) =>
        `    ${s.role.padEnd(10)} ${s.name.padEnd(4, '　')}  ${s.login.padEnd(24)} ${s.password}`,
    ),
    `  Car owner: phone ${summary.customerPhone}; the sign-in code is shown to the owner in the console (开发发件箱) in development mode.`,
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>, config = loadConfig()): Promise<T> {
  const rt = await openRuntime(config);
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

/** Seeds the demo and, when it was created, gives the planner statistics of what it wrote. */
async function seedDemoAnalysed(rt: Runtime, opts: { customers?: number }) {
  const summary = await seedDemo({ db: rt.database.db, log: rt.logger, ...opts });
  if (summary.created) await analyzeAll(rt.database);
  return summary;
}

program
  .command('serve')
  .description('Serve the API, the staff console and the customer app (and run the worker)')
  .option('--no-worker', 'do not run the job worker in this process')
  .option('--seed-demo-if-empty', 'create the demo tenant when the database has none')
  .action(async (opts: { worker: boolean; seedDemoIfEmpty?: boolean }) => {
    const rt = await openRuntime(loadConfig());
    let summary = null;
    if (opts.seedDemoIfEmpty || (await demoExists(rt.database.db))) {
      summary = await seedDemoAnalysed(rt, {});
    }
    const server = await startServer(rt, { worker: opts.worker && rt.config.runWorker });
    const url = rt.config.publicUrl;
    if (summary) printDemo(summary, url);
    else
      process.stdout.write(`\n  Liuke is running: ${url}/console/  ${url}/app/  ${url}/docs\n\n`);
    const stop = async () => {
      await server.stop();
      await rt.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('worker')
  .description('Run the job worker only (PostgreSQL deployments scale it separately)')
  .action(async () => {
    const rt = await openRuntime(loadConfig());
    const jobs = await startJobs({
      database: rt.database,
      clock: rt.clock,
      log: rt.logger,
      work: true,
      jobs: JOBS,
      workers: WORKERS,
      publicUrl: rt.config.publicUrl,
      webhooksAllowPrivate: rt.config.webhooksAllowPrivate,
      monitorAllowPrivate: rt.config.monitorAllowPrivate,
    });
    rt.logger.info('worker started');
    const stop = async () => {
      await jobs.stop();
      await rt.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('Apply the database migrations and the row-level security setup')
  .action(async () => {
    await withRuntime(async () => {
      process.stdout.write('Migrations applied.\n');
    });
  });

program
  .command('seed')
  .description('Create data')
  .requiredOption(
    '--demo',
    'the demo tenant: 3 stores, 10 staff, 2,000 customers, 3 years of history',
  )
  .option('--customers <n>', 'number of customers', (v) => Number.parseInt(v, 10), 2000)
  .action(async (opts: { customers: number }) => {
    await withRuntime(async (rt) => {
      const summary = await seedDemoAnalysed(rt, { customers: opts.customers });
      if (!summary.created)
        process.stdout.write('The demo tenant exists already; nothing changed.\n');
      printDemo(summary, rt.config.publicUrl);
    });
  });

const tenant = program.command('tenant').description('Manage tenants');
tenant
  .command('create')
  .description('Create a tenant with its first store and owner')
  .requiredOption('--slug <slug>', 'tenant code used at sign-in, e.g. "acme"')
  .requiredOption('--name <name>', 'business name')
  .requiredOption(
    '--owner-password <password>',
    'password of the owner account (at least 8 characters)',
  )
  .option('--owner-name <name>', 'owner name', '老板')
  .option('--owner-email <email>', 'owner e-mail')
  .option('--owner-phone <phone>', 'owner mobile')
  .option('--store-name <name>', 'first store', '总店')
  .option('--timezone <tz>', 'IANA timezone', 'Asia/Shanghai')
  .action(
    async (opts: {
      slug: string;
      name: string;
      ownerPassword: string;
      ownerName: string;
      ownerEmail?: string;
      ownerPhone?: string;
      storeName: string;
      timezone: string;
    }) => {
      if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(opts.slug))
        throw new Error('--slug: lowercase letters, digits and dashes (2–63)');
      if (!opts.ownerEmail && !opts.ownerPhone)
        throw new Error('give --owner-email or --owner-phone');
      if (opts.ownerPassword.length < 8) throw new Error('--owner-password: at least 8 characters');
      await withRuntime(async (rt) => {
        const { tenantId } = await withoutTenant(rt.database.db, async (tx) => {
          const ctx = {
            tenantId: '',
            actor: { type: 'system' as const, id: null },
            tx,
            clock: systemClock,
            locale: 'zh-CN' as const,
            requestId: null,
            log: rt.logger,
          };
          const shop = await openShop(
            ctx,
            {
              slug: opts.slug,
              name: opts.name,
              timezone: opts.timezone,
              storeName: opts.storeName,
              owner: {
                name: opts.ownerName,
                email: opts.ownerEmail ?? null,
                phone: opts.ownerPhone ?? null,
                password: opts.ownerPassword,
              },
            },
            { publicUrl: rt.config.publicUrl, via: 'cli' },
          );
          return shop.result;
        });
        process.stdout.write(
          `Tenant ${opts.slug} created (${tenantId}). Sign in at /console/ with tenant code "${opts.slug}".\n`,
        );
      });
    },
  );

const secrets = program.command('secrets').description('The keys that seal stored secrets');
secrets
  .command('rotate')
  .description(
    'Add a new primary key and re-seal every stored secret under it; with --retire-old, drop the old keys',
  )
  .option(
    '--retire-old',
    'remove every key but the primary (after a rotation re-sealed everything)',
  )
  .action(async (opts: { retireOld?: boolean }) => {
    await rotateSecrets({
      config: loadConfig(),
      retireOld: opts.retireOld === true,
      // Opening the runtime sweeps every sealed column under the keyring it is given.
      sweep: async (config) => {
        const rt = await openRuntime(config);
        await rt.close();
        return rt.secretsSweep;
      },
      out: (text) => process.stdout.write(text),
    });
  });

program
  .command('openapi')
  .description('Write the OpenAPI document (no database needed)')
  .option('--out <file>', 'output file (default: stdout)')
  .action(async (opts: { out?: string }) => {
    // Building the routes touches no database: a placeholder stands in for it.
    const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' }, { serveWeb: false });
    wireModules();
    const app = await buildApp({
      config,
      database: {} as Database,
      clock: systemClock,
      logger: createLogger('silent'),
      routes: ROUTES,
      auth: authenticator,
    });
    await app.ready();
    const doc = JSON.stringify(app.swagger(), null, 2) + '\n';
    if (opts.out) fs.writeFileSync(path.resolve(opts.out), doc);
    else process.stdout.write(doc);
    await app.close();
  });

program
  .command('wiring')
  .description('Print what each module plugs in, in the order the composition root wires it')
  .action(async () => {
    // Routes are collected as the modules register them (no database: a placeholder stands in).
    const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' }, { serveWeb: false });
    wireModules();
    const routesOf = new Map<string, string[]>();
    let current = '';
    const app = await buildApp({
      config,
      database: {} as Database,
      clock: systemClock,
      logger: createLogger('silent'),
      routes: [
        (api) =>
          api.addHook('onRoute', (r) => {
            if (r.method === 'HEAD') return;
            const list = routesOf.get(current) ?? [];
            list.push(`${String(r.method)} ${r.url}`);
            routesOf.set(current, list);
          }),
        ...MODULES.map(
          (m) => (api: Parameters<RoutePlugin>[0], deps: Parameters<RoutePlugin>[1]) => {
            current = m.name;
            for (const routes of m.routes ?? []) routes(api, deps);
          },
        ),
      ],
      auth: authenticator,
    });
    await app.ready();
    process.stdout.write(describeWiring(routesOf));
    await app.close();
  });

/** The configuration of a PostgreSQL database given on the command line (its owner connection). */
function serverConfig(url: string) {
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`--to: a postgres:// URL, not ${url}`);
  return loadConfig({ ...process.env, DATABASE_URL: url, DATABASE_ADMIN_URL: url });
}

const dbCommand = program.command('db').description('Move the database');
dbCommand
  .command('move')
  .description(
    'Copy the embedded database (LIUKE_DATA_DIR) into an empty PostgreSQL database and verify the copy',
  )
  .requiredOption('--to <url>', 'the PostgreSQL database, as its owner: postgres://user@host/db')
  .option('--sample <n>', 'rows per table compared field by field', (v) => Number(v), 5)
  .option('--verify-only', 'compare the two databases without copying')
  .action(async (opts: { to: string; sample: number; verifyOnly?: boolean }) => {
    const sourceConfig = loadConfig();
    if (sourceConfig.database.kind !== 'pglite')
      throw new Error('db move copies the embedded database: unset DATABASE_URL');
    const target = serverConfig(opts.to);
    await withRuntime(async (src) => {
      const dst = await openRuntime(target);
      try {
        if (!opts.verifyOnly) {
          process.stdout.write(
            `Copying ${sourceConfig.database.kind === 'pglite' ? sourceConfig.database.dataDir : ''} → PostgreSQL\n`,
          );
          const done = await copyDatabase(src.database.adminDb, dst.database.adminDb, (l) =>
            process.stdout.write(l + '\n'),
          );
          process.stdout.write(`Copied ${done.rows} rows in ${done.tables} tables.\n\n`);
        }
        const report = await verifyCopy(src.database.adminDb, dst.database.adminDb, {
          sample: opts.sample,
        });
        process.stdout.write(formatReport(report, { source: 'embedded', target: 'postgres' }));
        if (!report.ok) process.exitCode = 1;
      } finally {
        await dst.close();
      }
    }, sourceConfig);
  });

dbCommand
  .command('distribution-plan')
  .description(
    'Print the Citus statements that distribute the schema by tenant (see ARCHITECTURE.md)',
  )
  .action(async () => {
    await withRuntime(async (rt) => {
      process.stdout.write((await citusStatements(rt.database.adminDb)).join('\n') + '\n');
    });
  });

program
  .command('backup')
  .description('Write a backup of the database (either engine) to a file')
  .requiredOption('--out <file>', 'the backup file (gzip-compressed JSON lines)')
  .action(async (opts: { out: string }) => {
    await withRuntime(async (rt) => {
      const file = path.resolve(opts.out);
      const r = await writeBackup(rt.database.adminDb, file, rt.database.kind);
      process.stdout.write(`Backup of ${r.rows} rows in ${r.tables} tables written to ${file}\n`);
    });
  });

program
  .command('restore')
  .description('Load a backup into the database (either engine); it must be empty unless --force')
  .requiredOption('--from <file>', 'a file written by liuke backup')
  .option('--force', 'replace everything the database holds')
  .action(async (opts: { from: string; force?: boolean }) => {
    await withRuntime(async (rt) => {
      const r = await restoreBackup(rt.database.adminDb, path.resolve(opts.from), {
        force: opts.force === true,
      });
      process.stdout.write(
        `Restored ${r.rows} rows in ${r.tables} tables (backup of ${r.header.createdAt}, ${r.header.engine}); row counts and checksums match the file.\n`,
      );
      for (const l of r.ledger)
        process.stdout.write(
          `  ledger of ${l.slug}: ${l.transfers} transfers, debits ${l.debits} = credits ${l.credits}\n`,
        );
    });
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  if (
    err instanceof DataDirLockedError ||
    err instanceof BackupError ||
    err instanceof TargetNotEmptyError
  )
    process.stderr.write(`liuke: ${err.message}\n`);
  else if (err instanceof AppError)
    process.stderr.write(`liuke: ${err.code}: ${err.messages.en}\n`);
  else
    process.stderr.write(
      `liuke: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  process.exit(1);
});
