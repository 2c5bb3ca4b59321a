// Community fields of segments on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL):
// a tenant whose clubs, roles, event sign-ups, check-ins, no-shows and deal joins are made through
// the owners' own routes and functions, each field's members compared with the known answer.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import {
  createTestEnv,
  fixedClock,
  signInCustomer,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { joinDeal, leaveDeal } from '../deals/index.ts';
import { openDeal, packageProduct } from '../deals/testing/helpers.ts';
import { topUp } from '../loyalty/index.ts';
import type { SegmentNode } from './fields.ts';
import { membersSql } from './segments.service.ts';

const H = 60 * 60 * 1000;
const D = 24 * H;
const T = new Date('2026-12-01T02:00:00.000Z');
const clock = fixedClock(T);
const iso = (ms: number) => new Date(T.getTime() + ms).toISOString();
/** When everything is counted: the second event (30 days on) ended an hour ago. */
const LATER = new Date(T.getTime() + 30 * D + 4 * H);

let env: TestEnv;
let t: TestTenant;
let other: TestTenant;
let owner: Session;
const who: Record<string, { s: Session; id: string }> = {};
const club: Record<string, string> = {};
let foreignClub: string;

const rule = (field: string, op: string, value?: unknown, withinDays?: number): SegmentNode => ({
  kind: 'rule',
  field,
  op,
  ...(value !== undefined ? { value } : {}),
  ...(withinDays !== undefined ? { withinDays } : {}),
});

async function ok<T = Record<string, unknown>>(
  p: Promise<{ statusCode: number; body: string; json(): unknown }>,
  status = 200,
): Promise<T> {
  const res = await p;
  expect(res.statusCode, res.body).toBe(status);
  return (res.body ? res.json() : undefined) as T;
}

const call = (s: Session, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  env.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

async function person(tenant: TestTenant, phone: string) {
  const s = await signInCustomer(env, tenant, phone);
  const me = await ok<{ customer: { id: string } }>(call(s, 'GET', '/api/v1/app/me'));
  return { s, id: me.customer.id };
}

async function newClub(staff: Session, name: string, joinPolicy: 'open' | 'approval' = 'open') {
  const c = await ok<{ id: string }>(
    call(staff, 'POST', '/api/v1/staff/clubs', {
      name,
      kind: 'interest',
      interest: '自驾',
      joinPolicy,
    }),
    201,
  );
  return c.id;
}

async function newEvent(startsInMs: number, capacity: number): Promise<string> {
  const e = await ok<{ id: string }>(
    call(owner, 'POST', '/api/v1/staff/activities', {
      kind: 'meetup',
      title: '车友聚会',
      startsAt: iso(startsInMs),
      endsAt: iso(startsInMs + 3 * H),
      signupDeadline: iso(startsInMs - D),
      capacity,
    }),
    201,
  );
  await ok(call(owner, 'POST', `/api/v1/staff/activities/${e.id}/publish`));
  return e.id;
}

async function checkIn(eventId: string, customerId: string) {
  const list = await ok<{ items: { id: string; customerId: string }[] }>(
    call(owner, 'GET', `/api/v1/staff/activities/${eventId}/signups`),
  );
  const s = list.items.find((x) => x.customerId === customerId)!;
  await ok(call(owner, 'POST', `/api/v1/staff/activities/${eventId}/check-in`, { signupId: s.id }));
}

/** Every member (not just the preview's ten), as names a…e. */
async function members(filter: SegmentNode, at: Date = LATER): Promise<string[]> {
  clock.set(at);
  try {
    const rows = await env.inTenant(t.id, async (ctx) =>
      queryRows<{ customer_id: string }>(ctx.tx, await membersSql(ctx, filter)),
    );
    const byId = new Map(Object.entries(who).map(([name, p]) => [p.id, name]));
    return rows.map((r) => byId.get(r.customer_id) ?? r.customer_id).sort();
  } finally {
    clock.set(T);
  }
}

beforeAll(async () => {
  env = await createTestEnv({ clock });
  t = await env.createTenant();
  other = await env.createTenant();
  owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
  for (const [i, name] of ['a', 'b', 'c', 'd', 'e'].entries())
    who[name] = await person(t, `1375555000${i}`);

  // Clubs: A (a organiser, b), B (b, d KOL), C needs approval (c waits); another shop's club.
  club.A = await newClub(owner, '越野车友会');
  club.B = await newClub(owner, '自驾车友会');
  club.C = await newClub(owner, '老爷车俱乐部', 'approval');
  const join = (name: string, c: string, status = 'active') =>
    expect(
      ok<{ status: string }>(call(who[name]!.s, 'POST', `/api/v1/app/clubs/${c}/join`)),
    ).resolves.toMatchObject({ status });
  await join('a', club.A);
  await join('b', club.A);
  await join('b', club.B);
  await join('d', club.B);
  await join('c', club.C, 'pending');
  const role = (c: string, name: string, r: string) =>
    ok(call(owner, 'PATCH', `/api/v1/staff/clubs/${c}/members/${who[name]!.id}`, { role: r }));
  await role(club.A, 'a', 'organiser');
  await role(club.B, 'd', 'kol');
  const otherOwner = await signInStaff(env.app, other.slug, other.staff.owner.login);
  foreignClub = await newClub(otherOwner, '外店车友会');
  const outsider = await person(other, '13766660000');
  await ok(call(outsider.s, 'POST', `/api/v1/app/clubs/${foreignClub}/join`));

  // Events: E1 in two days (a, b checked in; c a no-show); E2 in 30 days, 2 places (a a
  // no-show, d checked in, e on the waitlist — never a no-show).
  const e1 = await newEvent(2 * D, 10);
  const e2 = await newEvent(30 * D, 2);
  for (const name of ['a', 'b', 'c'])
    await ok(call(who[name]!.s, 'POST', `/api/v1/app/activities/${e1}/signup`, {}), 201);
  for (const [name, status] of [
    ['a', 'confirmed'],
    ['d', 'confirmed'],
    ['e', 'waitlisted'],
  ] as const) {
    const res = await ok<{ mySignup: { status: string } }>(
      call(who[name]!.s, 'POST', `/api/v1/app/activities/${e2}/signup`, { joinWaitlist: true }),
      201,
    );
    expect(res.mySignup.status).toBe(status);
  }
  await checkIn(e1, who.a!.id);
  await checkIn(e1, who.b!.id);

  // Deals: D1 now (a joins; b joins, leaves and joins again: one deal); later D2 (a joins).
  const product = await packageProduct(env, owner);
  const dealBody = (deadlineMs: number) => ({
    title: '小保养拼团',
    rewardKind: 'package',
    packageProductId: product,
    priceFen: 29_900,
    originalPriceFen: 99_000,
    minJoiners: 2,
    deadlineAt: new Date(clock.now().getTime() + deadlineMs).toISOString(),
  });
  for (const [i, name] of ['a', 'b'].entries())
    await env.inTenant(t.id, (ctx) =>
      topUp(ctx, { customerId: who[name]!.id, payFen: 90_000, method: 'cash' }, `seg-w-${i}`),
    );
  const d1 = await openDeal(env, owner, dealBody(2 * D));
  const inT = <R>(fn: Parameters<typeof env.inTenant<R>>[1]) => env.inTenant(t.id, fn);
  await inT((ctx) => joinDeal(ctx, { dealId: d1, customerId: who.a!.id }));
  await inT((ctx) => joinDeal(ctx, { dealId: d1, customerId: who.b!.id }));
  await inT((ctx) => leaveDeal(ctx, { dealId: d1, customerId: who.b!.id }));
  await inT((ctx) => joinDeal(ctx, { dealId: d1, customerId: who.b!.id }));

  // 30 days on: d is checked in at E2, and a joins D2 (fresh staff sessions: the old timed out).
  clock.set(new Date(T.getTime() + 30 * D + H));
  owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
  await checkIn(e2, who.d!.id);
  const d2 = await openDeal(env, owner, dealBody(2 * D));
  await inT((ctx) => joinDeal(ctx, { dealId: d2, customerId: who.a!.id }));
  clock.set(T);
  owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
}, 180_000);

afterAll(() => env?.close());

describe('community fields count the known members', () => {
  const unknownClub = '0a0a0a0a-0000-4000-8000-000000000000';
  const cases: [string, () => SegmentNode, string[]][] = [
    ['active members of a club', () => rule('community.club', 'in', [club.A]), ['a', 'b']],
    [
      'members of any of two clubs, each once',
      () => rule('community.club', 'in', [club.A, club.B]),
      ['a', 'b', 'd'],
    ],
    [
      'a request waiting for approval is not membership',
      () => rule('community.club', 'in', [club.C]),
      [],
    ],
    ['an unknown club id matches nobody', () => rule('community.club', 'in', [unknownClub]), []],
    ['another shop’s club matches nobody', () => rule('community.club', 'in', [foreignClub]), []],
    ['not in a club', () => rule('community.club', 'not_in', [club.A]), ['c', 'd', 'e']],
    [
      'not in a club, under NOT',
      () => ({ kind: 'not', child: rule('community.club', 'not_in', [club.A, club.B]) }),
      ['a', 'b', 'd'],
    ],
    ['organisers', () => rule('community.clubRole', 'eq', 'organiser'), ['a']],
    [
      'organisers or KOLs',
      () => rule('community.clubRole', 'in', ['organiser', 'kol']),
      ['a', 'd'],
    ],
    [
      'plain members (a pending request is not)',
      () => rule('community.clubRole', 'eq', 'member'),
      ['b'],
    ],
    [
      'holding no plain membership anywhere',
      () => rule('community.clubRole', 'not_in', ['member']),
      ['a', 'c', 'd', 'e'],
    ],
    [
      'attended at least one event',
      () => rule('community.events.attended', 'gte', 1),
      ['a', 'b', 'd'],
    ],
    ['attended none', () => rule('community.events.attended', 'eq', 0), ['c', 'e']],
    ['attended in the last 7 days', () => rule('community.events.attended', 'gte', 1, 7), ['d']],
    [
      'no-shows (a waitlisted sign-up is none)',
      () => rule('community.events.noShows', 'gte', 1),
      ['a', 'c'],
    ],
    ['no-shows in the last 7 days', () => rule('community.events.noShows', 'gt', 0, 7), ['a']],
    ['joined two deals', () => rule('community.deals.joined', 'eq', 2), ['a']],
    [
      'joined one deal (left and joined again: the same deal)',
      () => rule('community.deals.joined', 'eq', 1),
      ['b'],
    ],
    ['joined a deal in the last 7 days', () => rule('community.deals.joined', 'gte', 1, 7), ['a']],
    [
      'combined: a club member who never missed an event',
      () => ({
        kind: 'and',
        children: [
          rule('community.club', 'in', [club.A, club.B]),
          rule('community.events.noShows', 'eq', 0),
        ],
      }),
      ['b', 'd'],
    ],
  ];
  for (const [what, filter, expected] of cases)
    it(what, async () => {
      expect(await members(filter())).toEqual(expected);
    });

  it('no-shows count only once the event has ended', async () => {
    expect(await members(rule('community.events.noShows', 'gte', 1), T)).toEqual([]);
    expect(
      await members(
        rule('community.events.noShows', 'gte', 1),
        new Date(T.getTime() + 2 * D + 4 * H),
      ),
    ).toEqual(['c']);
  });

  it('the preview counts the same over HTTP', async () => {
    const res = await call(owner, 'POST', '/api/v1/staff/segments/preview', {
      filter: rule('community.club', 'in', [club.A, club.B]),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().count).toBe(3);
  });
});

describe('bad community filters are refused with the path of the bad leaf', () => {
  const cases: [string, SegmentNode, string][] = [
    ['a club id that is no uuid', rule('community.club', 'in', ['club-1']), 'filter.value.0'],
    ['an empty club list', rule('community.club', 'in', []), 'filter.value'],
    ['eq on clubs (a list is asked)', rule('community.club', 'eq', 'x'), 'filter.op'],
    ['a role not offered', rule('community.clubRole', 'eq', 'boss'), 'filter.value'],
    [
      'a role list with a bad role',
      rule('community.clubRole', 'in', ['kol', 'boss']),
      'filter.value.1',
    ],
    [
      'a period on clubs',
      rule('community.club', 'in', ['0a0a0a0a-0000-4000-8000-000000000001'], 30),
      'filter.withinDays',
    ],
    ['a count that is not a number', rule('community.deals.joined', 'gte', '1'), 'filter.value'],
  ];
  for (const [what, filter, path] of cases)
    it(what, async () => {
      const res = await call(owner, 'POST', '/api/v1/staff/segments/preview', { filter });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'SEGMENT_FILTER_INVALID', field: path });
    });

  it('the field catalogue offers the community group with clubs as their own type', async () => {
    const res = await call(owner, 'GET', '/api/v1/staff/segments/fields');
    const fields = res.json().fields as {
      name: string;
      type: string;
      group: string;
      operators: string[];
    }[];
    const community = fields.filter((f) => f.group === 'community').map((f) => f.name);
    expect(community).toEqual([
      'community.club',
      'community.clubRole',
      'community.events.attended',
      'community.events.noShows',
      'community.deals.joined',
    ]);
    expect(fields.find((f) => f.name === 'community.club')).toMatchObject({
      type: 'club',
      operators: ['in', 'not_in'],
    });
  });
});

describe('the statement reads the owners’ indexes', () => {
  it('a role question is answered by the partial index of active roles', async () => {
    const plan = await env.inTenant(t.id, async (ctx) => {
      await ctx.tx.execute(sql`set local enable_seqscan = off`);
      const q = await membersSql(ctx, rule('community.clubRole', 'eq', 'kol'));
      return queryRows<{ 'QUERY PLAN': string }>(ctx.tx, sql`explain ${q}`);
    });
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('club_members_role_idx');
  });
});
