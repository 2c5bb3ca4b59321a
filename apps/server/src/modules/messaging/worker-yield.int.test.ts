// The embedded engine runs in the server's own thread: the delivery worker must go back to the
// event loop between passes, or a burst of messages (a reminder run) keeps every incoming request
// waiting until the last one is out. Always on an in-memory PGlite of its own, also where the
// other tests use PostgreSQL (CI): the behaviour is the embedded engine's.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMORY } from '../../config.ts';
import { queryRows } from '../../db/database.ts';
import { createLogger } from '../../kernel/logger.ts';
import { createCustomer } from '../customers/index.ts';
import { createTestEnv, type TestEnv, type TestTenant } from '../../testing/harness.ts';
import { sendToCustomers, startMessagingWorker } from './index.ts';

let env: TestEnv;
let t: TestTenant;
beforeAll(async () => {
  env = await createTestEnv({ config: { database: { kind: 'pglite', dataDir: MEMORY } } });
  t = await env.createTenant();
});
afterAll(() => env?.close());

const queued = async () =>
  (
    await queryRows<{ n: number }>(
      env.database.adminDb,
      sql`select count(*)::int as n from message_intents where tenant_id = ${t.id}::uuid and status in ('queued', 'processing')`,
    )
  )[0]!.n;

describe('messaging worker on the embedded engine', () => {
  it('lets timers and requests run between passes while a burst is delivered', async () => {
    const customer = await env.inTenant(t.id, (ctx) =>
      createCustomer(ctx, { name: '王先生', phone: '+8613912340001' } as never),
    );
    const id = (customer as { id: string }).id;
    await env.inTenant(t.id, (ctx) =>
      sendToCustomers(
        ctx,
        Array.from({ length: 300 }, (_, i) => ({
          customerId: id,
          templateKey: 'service.message',
          data: { message: { text: `第 ${i} 条` } },
          dedupeKey: `burst:${i}`,
          priority: 'transactional' as const,
          purpose: 'transactional' as const,
          channels: ['inapp' as const],
        })),
      ),
    );
    expect(await queued()).toBe(300);
    const stop = startMessagingWorker({
      database: env.database,
      clock: env.clock,
      log: createLogger('silent'),
      idleMs: 50,
    });
    // A timer due at once fires while the burst is still being delivered (6 passes of 50).
    const seenByTimer = await new Promise<number>((resolve) =>
      setTimeout(() => void queued().then(resolve), 0),
    );
    await stop();
    expect(seenByTimer).toBeGreaterThan(0);
    expect(seenByTimer).toBeLessThan(300);
  });
});
