// Child process of the settlement crash test: settles one deal, each step in its own
// transaction (as the job does), printing the joiner's index before each step and pausing a
// little inside each transaction before it commits. The parent kills it with SIGKILL at random
// moments and starts it again: the settlement resumes where it stood.
//
//   node crash-worker.ts <tenantId> <dealId> <now ISO>
import { openDatabase } from '../../../db/database.ts';
import { withTenant } from '../../../db/tenant-scope.ts';
import { fixedClock } from '../../../kernel/clock.ts';
import type { Ctx } from '../../../kernel/context.ts';
import { createLogger } from '../../../kernel/logger.ts';
import { testConfig } from '../../../testing/harness.ts';
import { settleDeal, type StepRunner } from '../settlement.ts';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const [tenantId, dealId, now] = process.argv.slice(2);
  const dataDir = process.env.DEALS_CRASH_DATA_DIR;
  const database = await openDatabase(
    testConfig(dataDir ? { database: { kind: 'pglite', dataDir } } : {}),
  );
  const log = createLogger('silent');
  const clock = fixedClock(new Date(now!));
  const run: StepRunner = (step) =>
    withTenant(database.db, tenantId!, async (tx) => {
      const ctx: Ctx = {
        tenantId: tenantId!,
        actor: { type: 'system', id: null },
        tx,
        clock,
        locale: 'zh-CN',
        requestId: null,
        log,
      };
      const result = await step(ctx);
      // Work done, not yet committed: a kill here must roll the step back whole.
      await pause(Math.floor(Math.random() * 8));
      return result;
    });
  process.stdout.write('ready\n');
  await settleDeal(run, dealId!, undefined, (i) => process.stdout.write(`at ${i}\n`));
  process.stdout.write('done\n');
  await database.close();
}

if (process.argv[1]?.endsWith('crash-worker.ts')) {
  main().catch((err: unknown) => {
    process.stderr.write(`${String((err as Error)?.stack ?? err)}\n`);
    process.exit(1);
  });
}
