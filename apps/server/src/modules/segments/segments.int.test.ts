// Segment compilation on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): counts
// of a hand-built tenant compared with expectations worked out by hand, bad filters refused with
// the path of the bad leaf, injection attempts that stay values, saved segments and the export.
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import {
  createTestEnv,
  fixedClock,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { segmentMembersSql } from './compile.ts';
import type { SegmentNode } from './fields.ts';
import { SEGMENT_NOW, seedSegmentFixture, type SegmentFixture } from './testing.ts';

let env: TestEnv;
let t: TestTenant;
let other: TestTenant;
let owner: Session;
let fx: SegmentFixture;

const clock = fixedClock(SEGMENT_NOW);

beforeAll(async () => {
  env = await createTestEnv({ clock });
  t = await env.createTenant();
  other = await env.createTenant();
  fx = await env.inTenant(t.id, (ctx) => seedSegmentFixture(ctx, t.storeId));
  // Another tenant with the same shape must never be counted.
  await env.inTenant(other.id, (ctx) => seedSegmentFixture(ctx, other.storeId));
  owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
});

afterAll(async () => {
  await env?.close();
});

const rule = (field: string, op: string, value?: unknown, withinDays?: number): SegmentNode => ({
  kind: 'rule',
  field,
  op,
  ...(value !== undefined ? { value } : {}),
  ...(withinDays !== undefined ? { withinDays } : {}),
});

async function preview(filter: unknown) {
  return env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/segments/preview',
    headers: owner.headers,
    payload: { filter },
  });
}

async function members(filter: SegmentNode): Promise<string[]> {
  const res = await preview(filter);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { count: number; sample: { id: string }[] };
  expect(body.sample.length).toBe(Math.min(10, body.count));
  return body.sample.map((s) => s.id).sort();
}

const names = (f: SegmentFixture, keys: (keyof SegmentFixture)[]) => keys.map((k) => f[k]).sort();

describe('counts match hand-computed expectations', () => {
  // [description, filter, expected customers]
  const cases: [string, () => SegmentNode, (keyof SegmentFixture)[]][] = [
    [
      'gender = male (merged duplicate not counted)',
      () => rule('customer.gender', 'eq', 'male'),
      ['c1', 'c4'],
    ],
    ['birthday in March', () => rule('customer.birthdayMonth', 'in', [3]), ['c1', 'c2']],
    [
      'NOT birthday in March keeps customers without a birthday',
      () => ({ kind: 'not', child: rule('customer.birthdayMonth', 'in', [3]) }),
      ['c3', 'c4'],
    ],
    ['tags has any VIP', () => rule('customer.tags', 'has_any', ['VIP']), ['c1', 'c2']],
    ['tags has all VIP + 投诉', () => rule('customer.tags', 'has_all', ['VIP', '投诉']), ['c2']],
    ['tags has none VIP', () => rule('customer.tags', 'has_none', ['VIP']), ['c3', 'c4']],
    [
      'source in walk_in, referral',
      () => rule('customer.source', 'in', ['walk_in', 'referral']),
      ['c1', 'c2'],
    ],
    ['home store is S01', () => rule('customer.homeStore', 'eq', fx.storeId), ['c1', 'c4']],
    [
      'home store is not S01 (includes none)',
      () => rule('customer.homeStore', 'neq', fx.storeId),
      ['c2', 'c3'],
    ],
    ['no home store', () => rule('customer.homeStore', 'is_empty'), ['c2', 'c3']],
    [
      'created after 2026-01-01',
      () => rule('customer.createdAt', 'after', '2026-01-01'),
      ['c2', 'c4'],
    ],
    [
      'created in the last 30 days',
      () => rule('customer.createdAt', 'within_last_days', 30),
      ['c4'],
    ],
    ['created before 2025-01-01', () => rule('customer.createdAt', 'before', '2025-01-01'), ['c3']],
    [
      'created between 2024-01-01 and 2025-12-31',
      () => rule('customer.createdAt', 'between', ['2024-01-01', '2025-12-31']),
      ['c1', 'c3'],
    ],
    ['tier gold', () => rule('loyalty.tier', 'eq', 'gold'), ['c1']],
    [
      'tier not gold (includes no tier)',
      () => rule('loyalty.tier', 'neq', 'gold'),
      ['c2', 'c3', 'c4'],
    ],
    ['points ≥ 1000', () => rule('loyalty.points', 'gte', 1000), ['c1']],
    [
      'points < 500 (none counts as 0)',
      () => rule('loyalty.points', 'lt', 500),
      ['c2', 'c3', 'c4'],
    ],
    [
      'stored value > 500 yuan (principal + bonus)',
      () => rule('loyalty.storedValue', 'gt', 50000),
      ['c1'],
    ],
    ['car make 丰田 or 本田', () => rule('vehicle.make', 'in', ['丰田', '本田']), ['c1', 'c2']],
    ['car age ≥ 10 years (from registration date)', () => rule('vehicle.age', 'gte', 10), ['c3']],
    ['car age < 5 years', () => rule('vehicle.age', 'lt', 5), ['c2']],
    ['electric car', () => rule('vehicle.fuel', 'in', ['electric']), ['c2']],
    [
      'visited in the last 90 days (cancelled orders are not visits)',
      () => rule('visit.last', 'within_last_days', 90),
      ['c1'],
    ],
    [
      'last visit more than 180 days ago',
      () => rule('visit.last', 'more_than_days_ago', 180),
      ['c2', 'c3'],
    ],
    ['never visited', () => rule('visit.last', 'is_empty'), ['c4']],
    ['visits ≥ 2', () => rule('visit.count', 'gte', 2), ['c1']],
    ['visits ≥ 1 in 365 days', () => rule('visit.count', 'gte', 1, 365), ['c1', 'c2']],
    ['spend ≥ 500 yuan', () => rule('spend.total', 'gte', 50000), ['c1', 'c3']],
    ['spend ≥ 500 yuan in 365 days', () => rule('spend.total', 'gte', 50000, 365), ['c1']],
    ['RFM score ≥ 11 (C1 14, C3 11, C2 10)', () => rule('rfm.score', 'gte', 11), ['c1', 'c3']],
    ['R = 5', () => rule('rfm.recency', 'eq', 5), ['c1']],
    ['F = 4 (ties share a quintile)', () => rule('rfm.frequency', 'eq', 4), ['c2', 'c3']],
    ['M ≥ 4', () => rule('rfm.monetary', 'gte', 4), ['c1', 'c3']],
    ['RFM score 0 (no visit)', () => rule('rfm.score', 'eq', 0), ['c4']],
    ['oil change in 90 days', () => rule('service.done', 'has_any', ['oil_change'], 90), ['c1']],
    ['brakes in 365 days', () => rule('service.done', 'has_any', ['brakes'], 365), []],
    ['brakes in 730 days', () => rule('service.done', 'has_any', ['brakes'], 730), ['c3']],
    [
      'declined brakes in 90 days',
      () => rule('service.declined', 'has_any', ['brakes'], 90),
      ['c2'],
    ],
    ['has an upcoming appointment', () => rule('appointment.upcoming', 'is', true), ['c1']],
    [
      'has no upcoming appointment',
      () => rule('appointment.upcoming', 'is', false),
      ['c2', 'c3', 'c4'],
    ],
    ['appointments ≥ 1', () => rule('appointment.count', 'gte', 1), ['c1']],
    [
      'male AND NOT VIP',
      () => ({
        kind: 'and',
        children: [
          rule('customer.gender', 'eq', 'male'),
          { kind: 'not', child: rule('customer.tags', 'has_any', ['VIP']) },
        ],
      }),
      ['c4'],
    ],
    [
      'gold OR electric car',
      () => ({
        kind: 'or',
        children: [rule('loyalty.tier', 'eq', 'gold'), rule('vehicle.fuel', 'in', ['electric'])],
      }),
      ['c1', 'c2'],
    ],
    [
      'car make 大众 OR electric OR car age < 5 (one pass over the cars)',
      () => ({
        kind: 'or',
        children: [
          rule('vehicle.make', 'in', ['大众']),
          rule('vehicle.fuel', 'in', ['electric']),
          rule('vehicle.age', 'lt', 5),
        ],
      }),
      ['c2', 'c3'],
    ],
    [
      'NOT (car age ≥ 10 OR petrol) keeps customers without a car',
      () => ({
        kind: 'not',
        child: {
          kind: 'or',
          children: [rule('vehicle.age', 'gte', 10), rule('vehicle.fuel', 'in', ['petrol'])],
        },
      }),
      ['c2', 'c4'],
    ],
    [
      'car make 丰田 OR (electric AND VIP) OR tier gold',
      () => ({
        kind: 'or',
        children: [
          rule('vehicle.make', 'in', ['丰田']),
          {
            kind: 'and',
            children: [
              rule('vehicle.fuel', 'in', ['electric']),
              rule('customer.tags', 'has_any', ['VIP']),
            ],
          },
          rule('vehicle.age', 'gte', 10),
        ],
      }),
      ['c1', 'c2', 'c3'],
    ],
    ['car age between 3 and 8', () => rule('vehicle.age', 'between', [3, 8]), ['c1', 'c2']],
    ['car age = 8 (model year 2018)', () => rule('vehicle.age', 'eq', 8), ['c1']],
    ['car age > 8', () => rule('vehicle.age', 'gt', 8), ['c3']],
    ['car age ≤ 3', () => rule('vehicle.age', 'lte', 3), ['c2']],
    [
      'car make 丰田 or 本田 AND last visit > 180 days ago',
      () => ({
        kind: 'and',
        children: [
          rule('vehicle.make', 'in', ['丰田', '本田']),
          rule('visit.last', 'more_than_days_ago', 180),
        ],
      }),
      ['c2'],
    ],
    [
      '(丰田 OR electric) AND NOT declined brakes in 90 days (starts from the cars)',
      () => ({
        kind: 'and',
        children: [
          {
            kind: 'or',
            children: [
              rule('vehicle.make', 'in', ['丰田']),
              rule('vehicle.fuel', 'in', ['electric']),
            ],
          },
          { kind: 'not', child: rule('service.declined', 'has_any', ['brakes'], 90) },
        ],
      }),
      ['c1'],
    ],
    [
      'car make 丰田 AND tier gold (starts from the cars, joins the tier)',
      () => ({
        kind: 'and',
        children: [rule('vehicle.make', 'in', ['丰田']), rule('loyalty.tier', 'eq', 'gold')],
      }),
      ['c1'],
    ],
    [
      'diesel AND points < 500',
      () => ({
        kind: 'and',
        children: [rule('vehicle.fuel', 'in', ['diesel']), rule('loyalty.points', 'lt', 500)],
      }),
      ['c3'],
    ],
    [
      'nested: (spend ≥ 500 in 365 OR declined brakes) AND NOT never-visited',
      () => ({
        kind: 'and',
        children: [
          {
            kind: 'or',
            children: [
              rule('spend.total', 'gte', 50000, 365),
              rule('service.declined', 'has_any', ['brakes'], 90),
            ],
          },
          { kind: 'not', child: rule('visit.last', 'is_empty') },
        ],
      }),
      ['c1', 'c2'],
    ],
  ];
  for (const [what, filter, expected] of cases)
    it(what, async () => {
      expect(await members(filter())).toEqual(names(fx, expected));
    });

  it('the count is the number of members', async () => {
    const res = await preview(rule('customer.createdAt', 'is_not_empty'));
    expect(res.json().count).toBe(4);
  });
});

describe('bad filters are refused with the path of the bad leaf', () => {
  const cases: [string, unknown, string, number][] = [
    [
      'unknown field',
      {
        kind: 'and',
        children: [rule('customer.gender', 'eq', 'male'), rule('customer.shoeSize', 'eq', 42)],
      },
      'filter.children.1.field',
      422,
    ],
    ['prototype key is not a field', rule('__proto__', 'eq', 'x'), 'filter.field', 422],
    ['constructor is not a field', rule('constructor', 'eq', 'x'), 'filter.field', 422],
    [
      'operator not allowed for the type',
      { kind: 'not', child: rule('customer.createdAt', 'has_any', ['x']) },
      'filter.child.op',
      422,
    ],
    [
      'date compared with text',
      { kind: 'or', children: [rule('customer.createdAt', 'after', 'yesterday')] },
      'filter.children.0.value',
      422,
    ],
    ['impossible date', rule('visit.last', 'before', '2026-02-30'), 'filter.value', 422],
    ['number compared with text', rule('loyalty.points', 'gt', '100'), 'filter.value', 422],
    ['enum value not offered', rule('customer.gender', 'eq', 'robot'), 'filter.value', 422],
    ['period required', rule('service.done', 'has_any', ['wash']), 'filter.withinDays', 422],
    ['period not allowed', rule('customer.gender', 'eq', 'male', 30), 'filter.withinDays', 422],
    ['between reversed', rule('loyalty.points', 'between', [10, 1]), 'filter.value', 422],
    [
      'negative operator on a many-car field',
      rule('vehicle.make', 'not_in', ['丰田']),
      'filter.op',
      422,
    ],
    ['month out of range', rule('customer.birthdayMonth', 'in', [13]), 'filter.value.0', 422],
    ['empty group (shape)', { kind: 'and', children: [] }, 'filter', 400],
    ['unknown group kind (shape)', { kind: 'xor', children: [] }, 'filter', 400],
  ];
  for (const [what, filter, path, status] of cases)
    it(what, async () => {
      const res = await preview(filter);
      expect(res.statusCode, res.body).toBe(status);
      const error = res.json().error;
      if (status === 422) {
        expect(error.code).toBe('SEGMENT_FILTER_INVALID');
        expect(error.field).toBe(path);
      } else expect(error.field.startsWith(path)).toBe(true);
    });

  it('saving a bad segment is refused and nothing is stored', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/segments',
      headers: owner.headers,
      payload: { name: '坏分群', filter: rule('customer.createdAt', 'after', 'abc') },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.field).toBe('filter.value');
    const list = await env.app.inject({
      method: 'GET',
      url: '/api/v1/staff/segments',
      headers: owner.headers,
    });
    expect(list.json().items.map((s: { name: string }) => s.name)).not.toContain('坏分群');
  });
});

describe('no injection: fields come from the whitelist, values are parameters', () => {
  it('SQL in a field name is an unknown field', async () => {
    const res = await preview(
      rule("customer.gender = 'male' or 1=1; drop table customers; --", 'eq', 'male'),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('SEGMENT_FILTER_INVALID');
  });

  it('SQL in an operator is refused', async () => {
    const res = await preview(rule('loyalty.points', '>= 0 or 1=1 --', 1));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.field).toBe('filter.op');
  });

  it('SQL in values is matched as text, literally', async () => {
    for (const evil of [
      "x' or '1'='1",
      "丰田'); drop table customers; --",
      '\\x27 or 1=1',
      '$$ or true $$',
    ]) {
      expect(await members(rule('vehicle.make', 'in', [evil]))).toEqual([]);
      expect(await members(rule('customer.tags', 'has_any', [evil]))).toEqual([]);
      expect(await members(rule('loyalty.tier', 'eq', evil))).toEqual([]);
    }
    const [row] = await queryRows<{ n: number }>(
      env.database.adminDb,
      sql`select count(*)::int as n from customers where tenant_id = ${t.id}`,
    );
    expect(Number(row!.n)).toBe(5);
  });
});

describe('saved segments', () => {
  it('create, read with count, update, export CSV, delete', async () => {
    const created = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/segments',
      headers: owner.headers,
      payload: { name: 'VIP 客户', filter: rule('customer.tags', 'has_any', ['VIP']) },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const read = await env.app.inject({
      method: 'GET',
      url: `/api/v1/staff/segments/${id}`,
      headers: owner.headers,
    });
    expect(read.json()).toMatchObject({ name: 'VIP 客户', count: 2 });

    const dup = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/segments',
      headers: owner.headers,
      payload: { name: 'VIP 客户', filter: rule('customer.gender', 'eq', 'male') },
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.field).toBe('name');

    const updated = await env.app.inject({
      method: 'PUT',
      url: `/api/v1/staff/segments/${id}`,
      headers: owner.headers,
      payload: { name: 'VIP 客户', filter: rule('customer.tags', 'has_all', ['VIP', '投诉']) },
    });
    expect(updated.statusCode, updated.body).toBe(200);

    const csv = await env.app.inject({
      method: 'GET',
      url: `/api/v1/staff/segments/${id}/members.csv`,
      headers: owner.headers,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFF会员号,姓名,手机号,性别')).toBe(true);
    const lines = csv.body.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('李二');
    expect(lines[1]).toContain('+8613800000002');
    expect(lines[1]).toContain('女');

    const del = await env.app.inject({
      method: 'DELETE',
      url: `/api/v1/staff/segments/${id}`,
      headers: owner.headers,
    });
    expect(del.statusCode).toBe(204);
    const gone = await env.app.inject({
      method: 'GET',
      url: `/api/v1/staff/segments/${id}`,
      headers: owner.headers,
    });
    expect(gone.statusCode).toBe(404);
  });

  it('advisors cannot see segments', async () => {
    const advisor = await signInStaff(env.app, t.slug, t.staff.advisor.login);
    const res = await env.app.inject({
      method: 'GET',
      url: '/api/v1/staff/segments',
      headers: advisor.headers,
    });
    expect(res.statusCode).toBe(403);
  });

  it('the field catalogue lists every field with its operators', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: '/api/v1/staff/segments/fields',
      headers: owner.headers,
    });
    const body = res.json();
    expect(body.fields.find((f: { name: string }) => f.name === 'rfm.score').operators).toContain(
      'gte',
    );
    expect(body.notAvailable).toEqual([]);
  });
});

describe('where the statement starts', () => {
  // The benchmark's goal (a count over a million customers in < 200 ms) rests on these shapes:
  // a filter every member of which has a visit, or a car, never reads the customers table.
  const text = (filter: SegmentNode) =>
    new PgDialect().sqlToQuery(
      segmentMembersSql(filter, { tenantId: t.id, now: SEGMENT_NOW, timezone: 'Asia/Shanghai' }),
    ).sql;
  it('a make / fuel question starts from the owners of the matching cars, one index range each', () => {
    const q = text({
      kind: 'or',
      children: [rule('vehicle.make', 'in', ['丰田']), rule('vehicle.fuel', 'in', ['electric'])],
    });
    expect(q).not.toMatch(/from customers (?!seg_x)/);
    expect(q).toMatch(/veh\.make_key in .* union select veh\.customer_id .* veh\.fuel_type in/s);
  });
  it('a car-age leaf starts from the model years (one row per customer), never the cars', () => {
    const q = text(rule('vehicle.age', 'gte', 10));
    expect(q).toMatch(/^select seg_cf\.customer_id as customer_id from customer_car_facets seg_cf/);
    expect(q).not.toMatch(/from customers (?!seg_x)|vehicles/);
  });
  it('a visit figure AND NOT declined work starts from the statistics, not the cars', () => {
    const q = text({
      kind: 'and',
      children: [
        rule('visit.last', 'more_than_days_ago', 180),
        { kind: 'not', child: rule('service.declined', 'has_any', ['brakes'], 90) },
      ],
    });
    expect(q).toMatch(/^select seg_stats\.customer_id as customer_id from customer_stats/);
    expect(q).not.toMatch(/from customers (?!seg_x)|vehicles/);
  });
  it('leaves out objectors and erased customers through the small partial index only', () => {
    // The only read of customers outside the customer driver is the exclusion anti-join.
    const q = text(rule('vehicle.age', 'gte', 10));
    expect(q.match(/from customers/g)).toHaveLength(1);
    expect(q).toMatch(
      /not exists \(select 1 from customers seg_x .*personalised_marketing_off or seg_x\.erased_at is not null/s,
    );
  });
  it('a filter on the customer’s own columns starts from the customers', () => {
    const q = text({
      kind: 'and',
      children: [rule('vehicle.make', 'in', ['丰田']), rule('customer.gender', 'eq', 'male')],
    });
    expect(q).toMatch(/from customers c/);
  });
});
