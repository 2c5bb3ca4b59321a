// Twenty owners signing up at once for the last places (PostgreSQL; PGlite has one connection, so
// there is nothing concurrent to test there): the event row's lock keeps places taken within the
// capacity, the counter equals the confirmed parties, and everyone else is told EVENT_FULL.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { AppError } from '../../kernel/errors.ts';
import {
  createTestEnv,
  signInStaff,
  testConfig,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { cancelMySignup, signUp } from './signups.ts';

const pg = !!process.env.TEST_DATABASE_URL;
const CLIENTS = 20;
let env: TestEnv;
let tenant: TestTenant;
let owner: Session;
const members: string[] = [];

beforeAll(async () => {
  if (!pg) return;
  const base = testConfig();
  env = await createTestEnv({
    config: { database: { ...base.database, poolSize: CLIENTS + 2 } as never },
  });
  tenant = await env.createTenant();
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  for (let i = 0; i < CLIENTS + 2; i++) {
    const c = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/customers',
      headers: owner.headers,
      payload: { name: `车主${i}`, phone: `1365555${String(1000 + i)}` },
    });
    if (c.statusCode !== 201) throw new Error(c.body);
    members.push(c.json().id as string);
  }
}, 120_000);
afterAll(() => env?.close());

async function newEvent(capacity: number): Promise<string> {
  const now = Date.now();
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/activities',
    headers: owner.headers,
    payload: {
      kind: 'trip',
      title: '自驾游',
      startsAt: new Date(now + 72 * 3600_000).toISOString(),
      endsAt: new Date(now + 80 * 3600_000).toISOString(),
      signupDeadline: new Date(now + 48 * 3600_000).toISOString(),
      capacity,
      maxPartySize: 2,
    },
  });
  const id = res.json().id as string;
  await env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/activities/${id}/publish`,
    headers: owner.headers,
  });
  return id;
}

async function state(eventId: string) {
  const [r] = await queryRows<{ taken: number; capacity: number; confirmed: number }>(
    env.database.adminDb,
    sql`select e.places_taken as taken, e.capacity,
          (select coalesce(sum(party_size), 0)::int from event_signups s
            where s.event_id = e.id and s.status = 'confirmed') as confirmed
        from community_events e where e.id = ${eventId}::uuid`,
  );
  return r!;
}

describe.skipIf(!pg)('sign-up under concurrency (PostgreSQL)', () => {
  it('20 owners at once for 7 places: never over capacity, the rest EVENT_FULL', async () => {
    const eventId = await newEvent(7);
    const outcomes = await Promise.all(
      members.slice(0, CLIENTS).map((customerId, i) =>
        env
          .inTenant(tenant.id, (ctx) =>
            signUp(ctx, customerId, eventId, { partySize: 1 + (i % 2), joinWaitlist: false }),
          )
          .then(() => 'ok' as const)
          .catch((err: unknown) => {
            if (err instanceof AppError && err.code === 'EVENT_FULL') return 'full' as const;
            throw err;
          }),
      ),
    );
    const s = await state(eventId);
    expect(s.taken).toBe(s.confirmed);
    expect(s.taken).toBeLessThanOrEqual(7);
    expect(s.taken).toBeGreaterThanOrEqual(6); // a party of 2 may be refused for the last place
    expect(outcomes.filter((o) => o === 'full').length).toBeGreaterThan(0);
    expect(outcomes.length).toBe(CLIENTS);
  });

  it('cancellations and waitlist joins at once: promotions never overfill', async () => {
    const eventId = await newEvent(5);
    for (const c of members.slice(0, 5))
      await env.inTenant(tenant.id, (ctx) =>
        signUp(ctx, c, eventId, { partySize: 1, joinWaitlist: false }),
      );
    await Promise.all([
      ...members
        .slice(0, 5)
        .map((c) => env.inTenant(tenant.id, (ctx) => cancelMySignup(ctx, c, eventId))),
      ...members
        .slice(5, CLIENTS)
        .map((c, i) =>
          env.inTenant(tenant.id, (ctx) =>
            signUp(ctx, c, eventId, { partySize: 1 + (i % 2), joinWaitlist: true }),
          ),
        ),
    ]);
    const s = await state(eventId);
    expect(s.taken).toBe(s.confirmed);
    expect(s.taken).toBeLessThanOrEqual(5);
    expect(s.taken).toBeGreaterThanOrEqual(4);
  });
});
