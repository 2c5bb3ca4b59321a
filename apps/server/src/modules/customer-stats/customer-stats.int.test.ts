// Customer statistics on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): the
// figures right after an order is opened, paid, cancelled and refunded (through the service
// module, so the hooks run) and after a merge, each checked against literal values and against a
// recount of the orders; the refresh idempotent; and segment counts compiled over the statistics
// equal to hand-written counts over the raw orders on a hand-built tenant.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { createTestEnv, fixedClock, type TestEnv, type TestTenant } from '../../testing/harness.ts';
import { mergeCustomers } from '../customers/index.ts';
import { customers } from '../customers/customers.tables.ts';
import { serviceOrders } from '../service/service.tables.ts';
import { cancelOrder, completeOrder, createServiceOrder } from '../service/service.service.ts';
import { vehicles } from '../vehicles/vehicles.tables.ts';
import { createVehicle, transferVehicle, updateVehicle } from '../vehicles/index.ts';
import { countMembers, type SegmentNode } from '../segments/index.ts';
import { refreshTenantStats } from './index.ts';
import { payOrder, refundOrder } from '../checkout/index.ts';

const clock = fixedClock(new Date('2026-09-01T02:00:00.000Z'));
let env: TestEnv;
let t: TestTenant;

beforeAll(async () => {
  env = await createTestEnv({ clock });
  t = await env.createTenant();
});

afterAll(async () => {
  await env?.close();
});

const inT = <T>(fn: (ctx: Ctx) => Promise<T>) => env.inTenant(t.id, fn);

interface StatsRow {
  visit_count: number;
  first_visit_at: string | null;
  last_visit_at: string | null;
  spend_fen: number;
  rfm_r: number;
  rfm_f: number;
  rfm_m: number;
  rfm_score: number;
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

async function stats(customerId: string) {
  const rows = await inT((ctx) =>
    queryRows<StatsRow>(
      ctx.tx,
      sql`select visit_count, first_visit_at, last_visit_at, spend_fen::int as spend_fen,
            rfm_r, rfm_f, rfm_m, rfm_score
          from customer_stats where customer_id = ${customerId}`,
    ),
  );
  const r = rows[0];
  if (!r) return null;
  return {
    visits: Number(r.visit_count),
    first: iso(r.first_visit_at),
    last: iso(r.last_visit_at),
    spend: Number(r.spend_fen),
  };
}

/** The same figures counted by hand from the orders (null: no visit). */
async function recount(customerId: string) {
  const [r] = await inT((ctx) =>
    queryRows<{ n: number; first: string | null; last: string | null; spend: number }>(
      ctx.tx,
      sql`select count(*)::int as n, min(opened_at) as first, max(opened_at) as last,
            coalesce(sum(case when status in ('paid', 'closed') then paid_fen else 0 end), 0)::int as spend
          from service_orders where customer_id = ${customerId} and status <> 'cancelled'`,
    ),
  );
  if (!r || Number(r.n) === 0) return null;
  return { visits: Number(r.n), first: iso(r.first), last: iso(r.last), spend: Number(r.spend) };
}

async function person(name: string, phone: string) {
  const id = newId();
  const vehicleId = newId();
  await inT(async (ctx) => {
    await ctx.tx.insert(customers).values({
      tenantId: t.id,
      id,
      name,
      phone: `+86${phone}`,
      phoneDigits: phone,
      nameInitials: '',
    });
    await ctx.tx.insert(vehicles).values({
      tenantId: t.id,
      id: vehicleId,
      customerId: id,
      plate: `粤B${phone.slice(-5)}`,
    });
  });
  return { id, vehicleId };
}

const LABOUR = {
  kind: 'labour',
  category: 'oil_change',
  description: '更换机油工时',
  quantity: 1,
  unitPriceFen: 8000,
} as const;

async function open(p: { id: string; vehicleId: string }, when: string, fen = 8000) {
  clock.set(new Date(when));
  return inT(async (ctx) => {
    const order = await createServiceOrder(ctx, {
      customerId: p.id,
      vehicleId: p.vehicleId,
      storeId: t.storeId,
      items: [{ ...LABOUR, unitPriceFen: fen }],
    });
    return order.id;
  });
}

async function completeAndPay(orderId: string, fen = 8000) {
  await inT(async (ctx) => {
    await completeOrder(ctx, orderId);
    await payOrder(ctx, orderId, { method: 'cash', paidFen: fen });
  });
}

describe('kept current in the transaction of each order change', () => {
  it('opened, paid, cancelled, refunded', async () => {
    const a = await person('甲', '13900000001');
    expect(await stats(a.id)).toBeNull();

    const o1 = await open(a, '2026-09-01T02:00:00.000Z');
    const one = {
      visits: 1,
      first: '2026-09-01T02:00:00.000Z',
      last: '2026-09-01T02:00:00.000Z',
      spend: 0,
    };
    expect(await stats(a.id)).toEqual(one);

    await completeAndPay(o1);
    expect(await stats(a.id)).toEqual({ ...one, spend: 8000 });

    // A cancelled order is no visit: the last visit goes back to the one before.
    const o2 = await open(a, '2026-10-01T02:00:00.000Z');
    expect(await stats(a.id)).toMatchObject({ visits: 2, last: '2026-10-01T02:00:00.000Z' });
    await inT((ctx) => cancelOrder(ctx, o2, { reason: '客户改期' }));
    expect(await stats(a.id)).toEqual({ ...one, spend: 8000 });

    // A refunded order stays a visit but takes nothing.
    const o3 = await open(a, '2026-10-15T02:00:00.000Z', 12000);
    await completeAndPay(o3, 12000);
    const paid = { visits: 2, first: one.first, last: '2026-10-15T02:00:00.000Z', spend: 20000 };
    expect(await stats(a.id)).toEqual(paid);
    await inT((ctx) => refundOrder(ctx, o3, { reason: '质量问题' }));
    expect(await stats(a.id)).toEqual({ ...paid, spend: 8000 });
    expect(await stats(a.id)).toEqual(await recount(a.id));
  });

  it('two orders of one customer cancelled at the same time: neither change is lost', async () => {
    const c = await person('庚', '13900000008');
    const keep = await open(c, '2026-09-10T02:00:00.000Z');
    const x = await open(c, '2026-09-11T02:00:00.000Z');
    const y = await open(c, '2026-09-12T02:00:00.000Z');
    expect(await stats(c.id)).toMatchObject({ visits: 3 });
    // On PostgreSQL two transactions at once, each locking only its own order: the first stays
    // open while the second cancels, so without the row lock each would recount 2 visits.
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await Promise.all([
      inT(async (ctx) => {
        await cancelOrder(ctx, x, { reason: '重复开单' });
        await pause(400);
      }),
      pause(150).then(() => inT((ctx) => cancelOrder(ctx, y, { reason: '重复开单' }))),
    ]);
    expect(await stats(c.id)).toEqual({
      visits: 1,
      first: '2026-09-10T02:00:00.000Z',
      last: '2026-09-10T02:00:00.000Z',
      spend: 0,
    });
    expect(keep).toBeTruthy();
  });

  it('a change that fails rolls the statistics back with it', async () => {
    const b = await person('乙', '13900000002');
    await expect(
      inT(async (ctx) => {
        await createServiceOrder(ctx, {
          customerId: b.id,
          vehicleId: b.vehicleId,
          storeId: t.storeId,
          items: [LABOUR],
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await stats(b.id)).toBeNull();
  });

  it('a merge counts both customers’ visits for the survivor and drops the duplicate', async () => {
    const survivor = await person('丙', '13900000003');
    const dup = await person('丙', '13900000004');
    await completeAndPay(await open(survivor, '2026-08-01T02:00:00.000Z'));
    await completeAndPay(await open(dup, '2026-11-01T02:00:00.000Z', 5000), 5000);
    await open(dup, '2026-11-02T02:00:00.000Z');
    expect(await stats(dup.id)).toMatchObject({ visits: 2, spend: 5000 });

    await inT((ctx) => mergeCustomers(ctx, { survivorId: survivor.id, duplicateId: dup.id }));
    expect(await stats(dup.id)).toBeNull();
    expect(await stats(survivor.id)).toEqual({
      visits: 3,
      first: '2026-08-01T02:00:00.000Z',
      last: '2026-11-02T02:00:00.000Z',
      spend: 13000,
    });
    expect(await stats(survivor.id)).toEqual(await recount(survivor.id));
  });
});

describe('the refresh', () => {
  const snapshot = () =>
    inT((ctx) =>
      queryRows<Record<string, unknown>>(
        ctx.tx,
        sql`select customer_id, visit_count, first_visit_at, last_visit_at, spend_fen, rfm_r, rfm_f,
              rfm_m, rfm_score, updated_at from customer_stats order by customer_id`,
      ),
    );

  it('agrees with the incremental figures and is idempotent', async () => {
    const before = await snapshot();
    const first = await inT((ctx) => refreshTenantStats(ctx));
    expect(first.customers).toBe(before.length);
    const after = await snapshot();
    const figures = (rows: Record<string, unknown>[]) =>
      rows.map((r) => [
        r.customer_id,
        r.visit_count,
        iso(r.first_visit_at as string),
        iso(r.last_visit_at as string),
        Number(r.spend_fen),
      ]);
    expect(figures(after)).toEqual(figures(before));

    clock.advance(60_000);
    const again = await inT((ctx) => refreshTenantStats(ctx));
    expect(again).toEqual({ customers: first.customers, written: 0, removed: 0 });
    expect(await snapshot()).toEqual(after);
  });

  it('removes rows of customers without a visit any more and repairs a damaged row', async () => {
    const d = await person('丁', '13900000005');
    const o = await open(d, '2026-11-05T02:00:00.000Z');
    // An order cancelled behind the module's back (as a bad import might): the refresh repairs.
    await inT((ctx) =>
      ctx.tx.execute(sql`update service_orders set status = 'cancelled' where id = ${o}`),
    );
    const a = await person('戊', '13900000006');
    await open(a, '2026-11-06T02:00:00.000Z');
    await inT((ctx) =>
      ctx.tx.execute(sql`update customer_stats set visit_count = 99 where customer_id = ${a.id}`),
    );
    const r = await inT((ctx) => refreshTenantStats(ctx));
    expect(r.removed).toBe(1);
    expect(r.written).toBeGreaterThanOrEqual(1);
    expect(await stats(d.id)).toBeNull();
    expect(await stats(a.id)).toEqual(await recount(a.id));
  });

  it('places a changed customer against the last refresh: the newest visit has R = 5', async () => {
    const e = await person('己', '13900000007');
    await completeAndPay(await open(e, '2026-11-20T02:00:00.000Z'));
    const [row] = await inT((ctx) =>
      queryRows<StatsRow>(
        ctx.tx,
        sql`select rfm_r, rfm_f, rfm_m, rfm_score from customer_stats where customer_id = ${e.id}`,
      ),
    );
    expect(Number(row!.rfm_r)).toBe(5);
    expect(Number(row!.rfm_score)).toBe(
      Number(row!.rfm_r) + Number(row!.rfm_f) + Number(row!.rfm_m),
    );
  });
});

describe('compiled counts equal hand-written counts over the raw orders', () => {
  let u: TestTenant;
  const now = new Date('2026-11-23T00:00:00.000Z');

  beforeAll(async () => {
    // 60 customers, orders written straight into the table (as the generator and imports do):
    // a deterministic mix of visit counts, ties in spend and dates, cancelled and refunded orders,
    // no orders at all, and a merged duplicate; then the refresh backfills the statistics.
    u = await env.createTenant();
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    await env.inTenant(u.id, async (ctx) => {
      const ids: string[] = [];
      for (let i = 0; i < 60; i++) {
        const id = newId();
        ids.push(id);
        await ctx.tx.insert(customers).values({
          tenantId: u.id,
          id,
          name: `客户${i}`,
          phone: `+8613700000${String(i).padStart(3, '0')}`,
          phoneDigits: `13700000${String(i).padStart(3, '0')}`,
          nameInitials: '',
          tags: i % 3 === 0 ? ['VIP'] : [],
          mergedIntoId: i === 59 ? ids[0] : null,
        });
        const vehicleId = newId();
        await ctx.tx.insert(vehicles).values({
          tenantId: u.id,
          id: vehicleId,
          customerId: id,
          plate: `粤C${String(10000 + i)}`,
        });
        // The merged duplicate (59) keeps orders of its own, as generated data may.
        const orders = i === 59 ? 3 : i % 7 === 0 ? 0 : rnd(6);
        for (let k = 0; k < orders; k++) {
          const status = (['paid', 'paid', 'closed', 'cancelled', 'refunded', 'open'] as const)[
            rnd(6)
          ];
          const day = rnd(20) * 30; // ties on purpose
          const fen = (1 + rnd(4)) * 10000;
          await ctx.tx.insert(serviceOrders).values({
            tenantId: u.id,
            id: newId(),
            number: `S01-H-${i}-${k}`,
            storeId: u.storeId,
            customerId: id,
            vehicleId,
            status,
            totalFen: fen,
            paidFen: status === 'paid' || status === 'closed' || status === 'refunded' ? fen : null,
            openedAt: new Date(now.getTime() - day * 86_400_000),
          });
        }
      }
      await refreshTenantStats(ctx);
    });
  });

  const visits = `select o.customer_id, count(*) as n, max(o.opened_at) as last_at,
      sum(case when o.status in ('paid', 'closed') then o.paid_fen else 0 end) as spend
    from service_orders o where o.tenant_id = $1 and o.status <> 'cancelled' group by o.customer_id`;
  const rfm = `select x.customer_id, ceil(5 * cume_dist() over (order by x.last_at)) as r,
      ceil(5 * cume_dist() over (order by x.n)) as f, ceil(5 * cume_dist() over (order by x.spend)) as m
    from (${visits}) x`;
  const live = `from customers c left join (${visits}) v on v.customer_id = c.id
      left join (${rfm}) q on q.customer_id = c.id
      where c.tenant_id = $1 and c.merged_into_id is null`;
  const rule = (field: string, op: string, value?: unknown): SegmentNode => ({
    kind: 'rule',
    field,
    op,
    ...(value !== undefined ? { value } : {}),
  });
  // [filter, the same customers by hand ($2 now)]
  const cases: [SegmentNode, string][] = [
    [
      rule('visit.last', 'more_than_days_ago', 180),
      `v.last_at < $2::timestamptz - interval '180 days'`,
    ],
    [
      rule('visit.last', 'within_last_days', 90),
      `v.last_at >= $2::timestamptz - interval '90 days'`,
    ],
    [rule('visit.last', 'is_empty'), `v.last_at is null`],
    [
      { kind: 'not', child: rule('visit.last', 'more_than_days_ago', 180) },
      `not coalesce(v.last_at < $2::timestamptz - interval '180 days', false)`,
    ],
    [rule('visit.count', 'gte', 2), `coalesce(v.n, 0) >= 2`],
    [rule('visit.count', 'eq', 0), `coalesce(v.n, 0) = 0`],
    [rule('visit.count', 'lt', 3), `coalesce(v.n, 0) < 3`],
    [rule('visit.count', 'between', [0, 1]), `coalesce(v.n, 0) between 0 and 1`],
    [rule('spend.total', 'gt', 30000), `coalesce(v.spend, 0) > 30000`],
    [rule('spend.total', 'lte', 20000), `coalesce(v.spend, 0) <= 20000`],
    [{ kind: 'not', child: rule('spend.total', 'gte', 1) }, `coalesce(v.spend, 0) < 1`],
    [rule('rfm.score', 'gte', 12), `coalesce(q.r + q.f + q.m, 0) >= 12`],
    [rule('rfm.score', 'eq', 0), `coalesce(q.r + q.f + q.m, 0) = 0`],
    [rule('rfm.recency', 'eq', 5), `coalesce(q.r, 0) = 5`],
    [rule('rfm.frequency', 'lte', 2), `coalesce(q.f, 0) <= 2`],
    [rule('rfm.monetary', 'between', [2, 4]), `coalesce(q.m, 0) between 2 and 4`],
    [
      {
        kind: 'or',
        children: [rule('rfm.score', 'gte', 13), rule('customer.tags', 'has_any', ['VIP'])],
      },
      `(coalesce(q.r + q.f + q.m, 0) >= 13 or c.tags && array['VIP'])`,
    ],
    [
      {
        kind: 'and',
        children: [
          rule('spend.total', 'gt', 0),
          { kind: 'not', child: rule('vehicle.make', 'in', ['丰田']) },
        ],
      },
      `coalesce(v.spend, 0) > 0 and not exists (select 1 from vehicles x where x.customer_id = c.id and x.make = '丰田')`,
    ],
    [
      {
        kind: 'and',
        children: [
          rule('visit.count', 'gte', 1),
          { kind: 'not', child: rule('rfm.monetary', 'gte', 3) },
        ],
      },
      `coalesce(v.n, 0) >= 1 and coalesce(q.m, 0) < 3`,
    ],
  ];

  for (const [filter, where] of cases)
    it(JSON.stringify(filter), async () => {
      const app = await withNow(u.id, (ctx) => countMembers(ctx, filter));
      const [hand] = await queryRows<{ n: number }>(
        env.database.adminDb,
        sql.raw(
          `select count(*)::int as n ${live.replaceAll('$1', `'${u.id}'`)} and ${where.replaceAll('$2', `'${now.toISOString()}'`)}`,
        ),
      );
      expect(app).toBe(Number(hand!.n));
    });

  it('the merged duplicate has orders but no statistics row', async () => {
    const [row] = await queryRows<{ orders: number; stats: number }>(
      env.database.adminDb,
      sql`select (select count(*)::int from service_orders o where o.customer_id = c.id) as orders,
            (select count(*)::int from customer_stats s where s.customer_id = c.id) as stats
          from customers c where c.tenant_id = ${u.id} and c.merged_into_id is not null`,
    );
    expect(row).toEqual({ orders: 3, stats: 0 });
  });

  it('the hand-built tenant has members on both sides of the cases', async () => {
    const n = await withNow(u.id, (ctx) => countMembers(ctx, rule('visit.count', 'gte', 1)));
    const none = await withNow(u.id, (ctx) => countMembers(ctx, rule('visit.count', 'eq', 0)));
    expect(n).toBeGreaterThan(20);
    expect(none).toBeGreaterThan(5);
    expect(n + none).toBe(59);
  });

  async function withNow<T>(tenantId: string, fn: (ctx: Ctx) => Promise<T>) {
    clock.set(now);
    return env.inTenant(tenantId, fn);
  }
});

describe('car model years, kept by the database from the cars', () => {
  async function years(customerId: string) {
    const [r] = await inT((ctx) =>
      queryRows<{
        model_years: number[];
        min_model_year: number | null;
        max_model_year: number | null;
      }>(
        ctx.tx,
        sql`select model_years, min_model_year, max_model_year
            from customer_car_facets where customer_id = ${customerId}`,
      ),
    );
    if (!r) return null;
    return {
      years: r.model_years.map(Number).sort(),
      min: r.min_model_year === null ? null : Number(r.min_model_year),
      max: r.max_model_year === null ? null : Number(r.max_model_year),
    };
  }

  it('follow adding, changing, transferring, merging and removing cars', async () => {
    const a = await person('车主甲', '13900000101'); // a car with no year yet
    const b = await person('车主乙', '13900000102');
    expect(await years(a.id)).toEqual({ years: [], min: null, max: null });
    await inT((ctx) => updateVehicle(ctx, a.vehicleId, { make: 'Toyota', year: 2015 }));
    const second = await inT((ctx) =>
      createVehicle(ctx, a.id, {
        plate: '粤B00111',
        make: '比亚迪',
        fuelType: 'electric',
        registrationDate: '2022-03-01', // no model year: the year of registration counts
      }),
    );
    expect(await years(a.id)).toEqual({ years: [2015, 2022], min: 2015, max: 2022 });
    // The newer car is sold to B: both customers' years follow.
    await inT((ctx) => transferVehicle(ctx, { vehicleId: second.id, toCustomerId: b.id }));
    expect(await years(a.id)).toEqual({ years: [2015], min: 2015, max: 2015 });
    expect(await years(b.id)).toEqual({ years: [2022], min: 2022, max: 2022 });
    // B merges into A: A has every car, B no row.
    await inT((ctx) => mergeCustomers(ctx, { survivorId: a.id, duplicateId: b.id }));
    expect(await years(b.id)).toBeNull();
    expect(await years(a.id)).toEqual({ years: [2015, 2022], min: 2015, max: 2022 });
    // Without cars, no row.
    await inT((ctx) => ctx.tx.delete(vehicles).where(eq(vehicles.customerId, a.id)));
    expect(await years(a.id)).toBeNull();
  });
});
