// Child process of the crash test: applies a fixed stream of ledger mutations, each under its own
// idempotency key, one transaction each, printing the index before each one. The parent kills it
// with SIGKILL at random moments and starts it again from the beginning: every key is retried.
//
//   node crash-worker.ts <tenantId> <customerIds comma-separated> <count>
import { openDatabase } from '../../../db/database.ts';
import { withTenant } from '../../../db/tenant-scope.ts';
import { systemClock } from '../../../kernel/clock.ts';
import type { Ctx } from '../../../kernel/context.ts';
import { createLogger } from '../../../kernel/logger.ts';
import { testConfig } from '../../../testing/harness.ts';
import { ensureAccount, transfer } from '../ledger.ts';
import { earnPoints, takePoints } from '../points.ts';
import { topUp } from '../stored-value.ts';

export type CrashOp =
  | { t: 'topUp'; c: number; fen: number }
  | { t: 'earn'; c: number; points: number }
  | { t: 'move'; from: number; to: number; fen: number }
  | { t: 'redeem'; c: number; points: number };

/** The i-th operation of the stream (the parent's model uses the same function). */
export function crashOp(i: number): CrashOp {
  const c = i % 3;
  switch (i % 4) {
    case 0:
      return { t: 'topUp', c, fen: 100 + (i % 7) };
    case 1:
      return { t: 'earn', c, points: 10 + (i % 5) };
    case 2:
      return { t: 'move', from: c, to: (c + 1) % 3, fen: 50 + (i % 11) };
    default:
      return { t: 'redeem', c, points: 3 + (i % 4) };
  }
}

export const crashKey = (i: number) => `crash:${i}`;

async function applyOp(ctx: Ctx, customers: string[], i: number): Promise<void> {
  const op = crashOp(i);
  const key = crashKey(i);
  switch (op.t) {
    case 'topUp':
      await topUp(ctx, { customerId: customers[op.c]!, payFen: op.fen, method: 'cash' }, key);
      return;
    case 'earn':
      await earnPoints(ctx, {
        customerId: customers[op.c]!,
        amount: op.points,
        source: 'grant',
        reference: null,
        key,
      });
      return;
    case 'move':
      await transfer(ctx, {
        key,
        debit: await ensureAccount(ctx, customers[op.from]!, 'stored_value_principal'),
        credit: await ensureAccount(ctx, customers[op.to]!, 'stored_value_principal'),
        amount: op.fen,
        kind: 'move',
      });
      return;
    case 'redeem':
      await takePoints(ctx, {
        customerId: customers[op.c]!,
        amount: op.points,
        to: 'points_redeemed',
        kind: 'redeem',
        key,
      });
  }
}

async function main() {
  const [tenantId, ids, count] = process.argv.slice(2);
  const customers = ids!.split(',');
  const dataDir = process.env.LOYALTY_CRASH_DATA_DIR;
  const database = await openDatabase(
    testConfig(dataDir ? { database: { kind: 'pglite', dataDir } } : {}),
  );
  const log = createLogger('silent');
  process.stdout.write('ready\n');
  for (let i = 0; i < Number(count); i++) {
    process.stdout.write(`at ${i}\n`);
    await withTenant(database.db, tenantId!, (tx) =>
      applyOp(
        {
          tenantId: tenantId!,
          actor: { type: 'system', id: null },
          tx,
          clock: systemClock,
          locale: 'zh-CN',
          requestId: null,
          log,
        },
        customers,
        i,
      ),
    );
  }
  process.stdout.write('done\n');
  await database.close();
}

if (process.argv[1]?.endsWith('crash-worker.ts')) {
  main().catch((err: unknown) => {
    process.stderr.write(`${String((err as Error)?.stack ?? err)}\n`);
    process.exit(1);
  });
}
