// Messaging throughput on PostgreSQL: a 100k-recipient marketing campaign drained from intents
// to the development recorder channel by the real pipeline (modules/messaging/pipeline.ts:
// claim with SKIP LOCKED, rules — consent, quiet hours, per-customer frequency cap under a lock —
// render, lease, send in one statement per batch, record), and, in the same run on the same
// database, pg-boss's own throughput for no-op jobs (fetch + complete in batches). See BENCHMARKS.md.
//
//   node bench/messaging.ts [--recipients 100000] [--workers 2] [--batch 1000] [--boss-jobs 50000]
//
// Each run makes a fresh tenant (code msgbench-<time>) with its customers and their SMS
// marketing consent; the intents are written set-based (as a campaign does) and, separately,
// 2,000 through `sendToCustomer` one by one to show the per-call enqueue rate.
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase, queryRows, type Db } from '../apps/server/src/db/database.ts';
import { runMigrations } from '../apps/server/src/db/migrate.ts';
import { withTenant } from '../apps/server/src/db/tenant-scope.ts';
import { fixedClock } from '../apps/server/src/kernel/clock.ts';
import { createLogger } from '../apps/server/src/kernel/logger.ts';
import { createTenant } from '../apps/server/src/modules/tenancy/index.ts';
import { drainMessages, sendToCustomer } from '../apps/server/src/modules/messaging/index.ts';
import { benchDatabaseUrl, deadline, fmt } from './lib/db.ts';

const { values: args } = parseArgs({
  options: {
    recipients: { type: 'string', default: '100000' },
    workers: { type: 'string', default: '2' },
    batch: { type: 'string', default: '1000' },
    'boss-jobs': { type: 'string', default: '50000' },
    'database-url': { type: 'string' },
    'max-seconds': { type: 'string', default: '1800' },
  },
});
const RECIPIENTS = Number(args.recipients);
const WORKERS = Number(args.workers);
const BATCH = Number(args.batch);
const BOSS_JOBS = Number(args['boss-jobs']);
deadline(Number(args['max-seconds']), 'bench/messaging');

const url = benchDatabaseUrl(args['database-url']);
const log = createLogger('silent');
// 10:00 in Shanghai, so quiet hours do not hold the campaign whenever the bench runs.
const now = new Date();
const clock = fixedClock(new Date(`${now.toISOString().slice(0, 10)}T02:00:00.000Z`));

const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: url, LOG_LEVEL: 'silent' });
const database = await openDatabase(config);
await runMigrations(database);
const admin = database.adminDb;

const slug = `msgbench-${Date.now().toString(36)}`;
const { tenantId } = await createTenant(admin, { slug, name: '消息压测' });
console.log(`tenant ${slug}: ${fmt(RECIPIENTS)} customers with SMS marketing consent…`);
await admin.execute(sql`
  insert into customers (tenant_id, id, name, phone, phone_digits, name_initials, created_at, updated_at)
  select ${tenantId}::uuid, gen_random_uuid(), '客户' || g, '+86139' || lpad(g::text, 8, '0'),
         '139' || lpad(g::text, 8, '0'), 'kh', now(), now()
  from generate_series(1, ${RECIPIENTS}) g`);
await admin.execute(sql`
  insert into customer_consents (tenant_id, id, customer_id, channel, purpose, granted, method, recorded_at)
  select tenant_id, gen_random_uuid(), id, 'sms', 'marketing', true, 'import', now()
  from customers where tenant_id = ${tenantId}::uuid`);
await admin.execute(sql`analyze customers`);
await admin.execute(sql`analyze customer_consents`);

// ---- enqueue ----
let t0 = performance.now();
const ENQ = Math.min(2000, RECIPIENTS);
const firstIds = await queryRows<{ id: string }>(
  admin,
  sql`select id from customers where tenant_id = ${tenantId}::uuid order by member_no limit ${ENQ}`,
);
await withTenant(database.db, tenantId, async (tx) => {
  const ctx = {
    tenantId,
    actor: { type: 'system' as const, id: null },
    tx,
    clock,
    locale: 'zh-CN' as const,
    requestId: null,
    log,
  };
  for (const c of firstIds)
    await sendToCustomer(ctx, {
      customerId: c.id,
      templateKey: 'marketing.campaign',
      data: { campaign: { text: '冬季免费检测，欢迎到店' } },
      dedupeKey: `bench:${c.id}`,
      priority: 'marketing',
      purpose: 'marketing',
      source: { type: 'campaign', id: 'bench' },
    });
});
const perCall = ENQ / ((performance.now() - t0) / 1000);
t0 = performance.now();
await admin.execute(sql`
  insert into message_intents (tenant_id, id, customer_id, template_key, data, purpose, priority, dedupe_key,
                               not_before, status, source_type, source_id, created_at, updated_at)
  select c.tenant_id, gen_random_uuid(), c.id, 'marketing.campaign',
         '{"campaign":{"text":"冬季免费检测，欢迎到店"}}'::jsonb, 'marketing', 'marketing', 'bench:' || c.id,
         ${clock.now().toISOString()}::timestamptz, 'queued', 'campaign', 'bench', now(), now()
  from customers c where c.tenant_id = ${tenantId}::uuid
  on conflict (tenant_id, dedupe_key) do nothing`);
const setBased = (RECIPIENTS - ENQ) / ((performance.now() - t0) / 1000);
console.log(
  `enqueue: ${fmt(perCall)} intents/s one by one (sendToCustomer), ${fmt(setBased)}/s set-based`,
);

// ---- drain ----
const pools = Array.from({ length: WORKERS }, () => new pg.Pool({ connectionString: url, max: 2 }));
t0 = performance.now();
const stepMs: Record<string, number> = {};
await Promise.all(
  pools.map((p) => {
    let last = performance.now();
    return drainMessages({
      adminDb: drizzle(p) as unknown as Db,
      log,
      clock,
      batchSize: BATCH,
      onlyTenants: [tenantId],
      onStep: (step) => {
        const at = performance.now();
        stepMs[step] = (stepMs[step] ?? 0) + (at - last);
        last = at;
      },
    });
  }),
);
const drainS = (performance.now() - t0) / 1000;
const [counts] = await queryRows<{ sent: number; other: number; recorded: number }>(
  admin,
  sql`select count(*) filter (where status = 'sent')::int as sent, count(*) filter (where status <> 'sent')::int as other,
             (select count(*)::int from recorded_messages where tenant_id = ${tenantId}::uuid) as recorded
      from message_intents where tenant_id = ${tenantId}::uuid`,
);
const msgPerS = counts!.sent / drainS;
console.log(
  `campaign: ${fmt(counts!.sent)} sent (${counts!.other} not), ${fmt(counts!.recorded)} recorded, drained in ${drainS.toFixed(1)} s = ${fmt(msgPerS)} msg/s (${WORKERS} workers, batch ${BATCH})`,
);

console.log(
  'time per step, summed over workers (s):',
  Object.fromEntries(Object.entries(stepMs).map(([k, v]) => [k, +(v / 1000).toFixed(1)])),
);

// ---- pg-boss no-op baseline ----
const boss = new PgBoss({ connectionString: url, max: 4 });
boss.on('error', () => {});
await boss.start();
const q = `bench-noop-${Date.now().toString(36)}`;
await boss.createQueue(q);
for (let i = 0; i < BOSS_JOBS; i += 5000)
  await boss.insert(
    q,
    Array.from({ length: Math.min(5000, BOSS_JOBS - i) }, (_, k) => ({ data: { n: i + k } })),
  );
t0 = performance.now();
let done = 0;
await Promise.all(
  Array.from({ length: WORKERS }, async () => {
    for (;;) {
      const jobs = await boss.fetch(q, { batchSize: BATCH });
      if (!jobs.length) return;
      await boss.complete(
        q,
        jobs.map((j) => j.id),
      );
      done += jobs.length;
    }
  }),
);
const bossS = (performance.now() - t0) / 1000;
const bossPerS = done / bossS;
console.log(
  `pg-boss no-op: ${fmt(done)} jobs in ${bossS.toFixed(1)} s = ${fmt(bossPerS)} jobs/s (fetch+complete, batch ${BATCH}, ${WORKERS} loops)`,
);
console.log(`ratio messaging / pg-boss no-op: ${(msgPerS / bossPerS).toFixed(2)}`);
await boss.deleteQueue(q);
await boss.stop({ graceful: false });
await Promise.all(pools.map((p) => p.end()));
await database.close();
