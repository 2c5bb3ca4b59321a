// Four workers racing over the same intents (on PostgreSQL each has its own connection pool):
// no intent is sent twice, and the frequency cap and quiet hours hold for one customer.
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Db } from '../../db/database.ts';
import { fixedClock } from '../../kernel/clock.ts';
import { createLogger } from '../../kernel/logger.ts';
import { createCustomer, recordConsents } from '../customers/index.ts';
import { createTestEnv, type TestEnv, type TestTenant } from '../../testing/harness.ts';
import { drainMessages, sendToCustomer } from './index.ts';

const clock = fixedClock(new Date('2026-04-07T03:00:00.000Z')); // 11:00 in Shanghai
const log = createLogger('silent');
let env: TestEnv;
let t: TestTenant;
const pools: pg.Pool[] = [];
let workers: Db[] = [];

beforeAll(async () => {
  env = await createTestEnv({ clock });
  t = await env.createTenant();
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    for (let i = 0; i < 4; i++) pools.push(new pg.Pool({ connectionString: url, max: 2 }));
    workers = pools.map((p) => drizzle(p) as unknown as Db);
  } else workers = Array.from({ length: 4 }, () => env.database.adminDb);
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  await env?.close();
});

const race = (batchSize: number) =>
  Promise.all(
    workers.map((adminDb) =>
      drainMessages({ adminDb, log, clock, batchSize, onlyTenants: [t.id] }),
    ),
  );

async function newCustomer(marketingSms: boolean) {
  return env.inTenant(t.id, async (ctx) => {
    const c = (await createCustomer(ctx, {
      name: '赛跑',
      phone: `+8613${String(Date.now() + Math.floor(Math.random() * 1e6)).slice(-9)}`,
    } as never)) as { id: string };
    if (marketingSms)
      await recordConsents(
        ctx,
        c.id,
        [{ channel: 'sms', purpose: 'marketing', granted: true }],
        'staff',
      );
    return c.id;
  });
}

async function queue(customerIds: string[], n: number, marketing: boolean, tag: string) {
  return env.inTenant(t.id, async (ctx) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++)
      ids.push(
        (
          await sendToCustomer(ctx, {
            customerId: customerIds[i % customerIds.length]!,
            templateKey: marketing ? 'marketing.campaign' : 'service.message',
            data: marketing
              ? { campaign: { text: `活动 ${i}` } }
              : { message: { text: `消息 ${i}` } },
            dedupeKey: `${tag}:${i}`,
            priority: marketing ? 'marketing' : 'transactional',
            purpose: marketing ? 'marketing' : 'transactional',
            channels: ['sms'],
          })
        ).intentId,
      );
    return ids;
  });
}

const idList = (ids: string[]) => `{${ids.join(',')}}`;

describe('four workers racing', () => {
  it('never send one intent twice', async () => {
    const customers = await Promise.all(Array.from({ length: 5 }, () => newCustomer(false)));
    const ids = await queue(customers, 120, false, 'race-many');
    await race(7);
    const rows = await queryRows<{ status: string; recorded: number }>(
      env.database.adminDb,
      sql`select i.status, (select count(*)::int from recorded_messages r where r.tenant_id = i.tenant_id and r.intent_id = i.id) as recorded
          from message_intents i where i.id = any(${idList(ids)}::uuid[])`,
    );
    expect(rows).toHaveLength(120);
    expect(rows.filter((r) => r.status !== 'sent' || r.recorded !== 1)).toEqual([]);
  });

  it('hold the daily cap for one customer: one marketing message goes, the rest are suppressed', async () => {
    const c = await newCustomer(true);
    const ids = await queue([c], 12, true, 'race-cap');
    await race(1);
    const rows = await queryRows<{ status: string; reason: string | null }>(
      env.database.adminDb,
      sql`select status, reason from message_intents where id = any(${idList(ids)}::uuid[])`,
    );
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(1);
    expect(
      rows.filter((r) => r.status === 'suppressed' && r.reason === 'frequency_cap_day'),
    ).toHaveLength(11);
    const [n] = await queryRows<{ n: number }>(
      env.database.adminDb,
      sql`select count(*)::int as n from recorded_messages where intent_id = any(${idList(ids)}::uuid[])`,
    );
    expect(n!.n).toBe(1);
  });

  it('hold quiet hours: at 22:30 nothing marketing goes out, whoever claims it', async () => {
    clock.set(new Date('2026-04-07T14:30:00.000Z'));
    try {
      const c = await newCustomer(true);
      const ids = await queue([c], 8, true, 'race-quiet');
      await race(2);
      const rows = await queryRows<{ status: string; not_before: string }>(
        env.database.adminDb,
        sql`select status, not_before::text from message_intents where id = any(${idList(ids)}::uuid[])`,
      );
      expect(rows.every((r) => r.status === 'queued')).toBe(true);
      expect(new Set(rows.map((r) => new Date(r.not_before).toISOString()))).toEqual(
        new Set(['2026-04-08T00:00:00.000Z']),
      );
    } finally {
      clock.set(new Date('2026-04-07T03:00:00.000Z'));
    }
  });
});
