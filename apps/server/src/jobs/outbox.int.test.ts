import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database.ts';
import { createLogger } from '../kernel/logger.ts';
import { createTestEnv, type TestEnv, type TestTenant } from '../testing/harness.ts';
import { emitEvent, onEvent, publishOutbox, type DomainEvent } from './outbox.ts';

let env: TestEnv;
let tenant: TestTenant;
const log = createLogger('silent');

beforeAll(async () => {
  env = await createTestEnv();
  tenant = await env.createTenant();
});
afterAll(() => env.close());

describe('transactional outbox', () => {
  it('publishes committed events once to their handlers, and never a rolled-back one', async () => {
    const seen: DomainEvent[] = [];
    const off = onEvent('test.happened', async (e) => {
      seen.push(e);
    });
    try {
      await env.inTenant(tenant.id, (ctx) =>
        emitEvent(ctx, { type: 'test.happened', payload: { n: 1 } }),
      );
      await expect(
        env.inTenant(tenant.id, async (ctx) => {
          await emitEvent(ctx, { type: 'test.happened', payload: { n: 2 } });
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      while ((await publishOutbox(env.database.adminDb, log)) > 0);
      expect(seen.map((e) => e.payload.n)).toEqual([1]);
      expect(seen[0]).toMatchObject({ tenantId: tenant.id, type: 'test.happened', version: 1 });
      expect(await publishOutbox(env.database.adminDb, log)).toBe(0);
    } finally {
      off();
    }
  });

  it('retries an event whose handler failed, after its lease', async () => {
    let fail = true;
    const delivered: unknown[] = [];
    const off = onEvent('test.flaky', async (e) => {
      if (fail) throw new Error('downstream unavailable');
      delivered.push(e.payload.n);
    });
    try {
      await env.inTenant(tenant.id, (ctx) =>
        emitEvent(ctx, { type: 'test.flaky', payload: { n: 7 } }),
      );
      await publishOutbox(env.database.adminDb, log);
      const [row] = await queryRows<{
        attempts: number;
        last_error: string;
        published_at: Date | null;
      }>(
        env.database.adminDb,
        sql`select attempts, last_error, published_at from outbox_events where type = 'test.flaky'`,
      );
      expect(row).toMatchObject({
        attempts: 1,
        last_error: 'downstream unavailable',
        published_at: null,
      });
      fail = false;
      expect(await publishOutbox(env.database.adminDb, log)).toBe(0); // still leased
      await env.database.adminDb.execute(
        sql`update outbox_events set locked_until = now() - interval '1 second' where type = 'test.flaky'`,
      );
      await publishOutbox(env.database.adminDb, log);
      expect(delivered).toEqual([7]);
    } finally {
      off();
    }
  });
});
