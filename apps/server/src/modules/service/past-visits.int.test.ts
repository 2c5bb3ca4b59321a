// Paper records entered by hand: a past visit (a closed order on its real day) and a past
// odometer reading, over HTTP on a real database — their dates, the checks on the date and the
// mileage, what they feed (visits, the due-list) and what they must not set off (payments,
// points, the events that message the owner).
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { publishOutbox } from '../../jobs/outbox.ts';
import { createLogger } from '../../kernel/logger.ts';
import { registerDueEventHandlers } from '../automation/index.ts';
import {
  createTestEnv,
  fixedClock,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';

// 10:00 in Shanghai on 2026-11-22.
const clock = fixedClock(new Date('2026-11-22T02:00:00.000Z'));
const log = createLogger('warn');

let env: TestEnv;
let t: TestTenant;
let advisor: Session;
let technician: Session;

beforeAll(async () => {
  env = await createTestEnv({ clock });
  t = await env.createTenant();
  advisor = await signInStaff(env.app, t.slug, t.staff.advisor.login);
  technician = await signInStaff(env.app, t.slug, t.staff.technician.login);
});
afterAll(() => env.close());

const post = (session: Session, url: string, payload: object) =>
  env.app.inject({ method: 'POST', url, headers: session.headers, payload });

function expectError(res: LightMyRequestResponse, status: number, code: string, field: string) {
  expect({ status: res.statusCode, code: res.json().error?.code }, res.body).toEqual({
    status,
    code,
  });
  expect(res.json().error.field).toBe(field);
  expect(res.json().error.message).toBeTruthy();
}

let seq = 0;
async function car(): Promise<{ customerId: string; vehicleId: string }> {
  seq++;
  const c = await post(advisor, '/api/v1/staff/customers', {
    name: `车主${seq}`,
    phone: `1360000${String(seq).padStart(4, '0')}`,
  });
  expect(c.statusCode, c.body).toBe(201);
  const v = await post(advisor, `/api/v1/staff/customers/${c.json().id}/vehicles`, {
    plate: `粤C${String(20000 + seq)}`,
    make: '丰田',
    model: '卡罗拉',
  });
  expect(v.statusCode, v.body).toBe(201);
  return { customerId: c.json().id, vehicleId: v.json().id };
}

const rows = <T>(query: ReturnType<typeof sql>) =>
  env.inTenant(t.id, (ctx) => queryRows<T>(ctx.tx, query));

const visit = (vehicleId: string, body: Record<string, unknown>, session = advisor) =>
  post(session, `/api/v1/staff/vehicles/${vehicleId}/past-visits`, {
    storeId: t.storeId,
    category: 'oil_change',
    description: '更换机油机滤',
    totalFen: 58000,
    ...body,
  });

const reading = (vehicleId: string, date: string, mileageKm: number) =>
  post(advisor, `/api/v1/staff/vehicles/${vehicleId}/odometer-readings`, { date, mileageKm });

describe('a past visit', () => {
  it('is a closed order on its real day, with its line and its reading', async () => {
    const { customerId, vehicleId } = await car();
    const res = await visit(vehicleId, { date: '2024-03-05', mileageKm: 45000 });
    expect(res.statusCode, res.body).toBe(201);
    const order = res.json();
    expect(order).toMatchObject({
      number: 'S01-20240305-0001',
      status: 'closed',
      customerId,
      vehicleId,
      storeId: t.storeId,
      mileageKm: 45000,
      totalFen: 58000,
      paymentMethod: null,
      // Noon of that day in Shanghai.
      openedAt: '2024-03-05T04:00:00.000Z',
      closedAt: '2024-03-05T04:00:00.000Z',
      items: [{ category: 'oil_change', description: '更换机油机滤', unitPriceFen: 58000 }],
    });
    const readings = await rows<{ mileage_km: number; read_at: string; source: string }>(
      sql`select mileage_km, read_at, source from odometer_readings
          where vehicle_id = ${vehicleId} and service_order_id = ${order.id}`,
    );
    expect(
      readings.map((r) => [r.mileage_km, new Date(r.read_at).toISOString(), r.source]),
    ).toEqual([
      // prettier-ignore
      [45000, '2024-03-05T04:00:00.000Z', 'staff'],
    ]);
    // It counts as a visit of the customer.
    const [stats] = await rows<{ visit_count: number; last_visit_at: string }>(
      sql`select visit_count, last_visit_at from customer_stats where customer_id = ${customerId}`,
    );
    expect(stats?.visit_count).toBe(1);
    // A second visit of the same day takes the next number of that day.
    const second = await visit(vehicleId, { date: '2024-03-05', mileageKm: 45000 });
    expect(second.json().number).toBe('S01-20240305-0002');
  });

  it('sets off no payment, points or owner-facing events, and feeds the due-list', async () => {
    const { vehicleId } = await car();
    const off = registerDueEventHandlers({ database: env.database, clock, log });
    try {
      const res = await visit(vehicleId, { date: '2026-05-10', mileageKm: 30000 });
      expect(res.statusCode, res.body).toBe(201);
      const events = await rows<{ type: string }>(
        sql`select type from outbox_events where payload->>'vehicleId' = ${vehicleId}
            or aggregate_id = ${res.json().id}`,
      );
      expect(events.map((e) => e.type)).toEqual(['vehicle.historyRecorded']);
      const [ledger] = await rows<{ n: number }>(
        sql`select count(*)::int as n from ledger_entries`,
      );
      expect(ledger!.n).toBe(0);
      while ((await publishOutbox(env.database.adminDb, log)) > 0);
      const due = await env.app.inject({
        url: `/api/v1/staff/vehicles/${vehicleId}/due`,
        headers: advisor.headers,
      });
      expect(due.statusCode, due.body).toBe(200);
      const oil = due.json().items.find((i: { key: string }) => i.key === 'maintenance:oil_change');
      expect(oil).toMatchObject({ lastDoneOn: '2026-05-10' });
    } finally {
      off();
    }
  });

  it('refuses a day after today, an unknown store and a mileage the readings contradict', async () => {
    const { vehicleId } = await car();
    // 2026-11-23 is tomorrow in Shanghai (it is 10:00 on the 22nd).
    expectError(await visit(vehicleId, { date: '2026-11-23' }), 400, 'ODOMETER_DATE_IN_FUTURE', 'date'); // prettier-ignore
    expect((await visit(vehicleId, { date: '2026-11-22' })).statusCode).toBe(201);
    expectError(
      await visit(vehicleId, { date: '2024-01-01', storeId: '01900000-0000-7000-8000-000000000999' }), // prettier-ignore
      404,
      'NOT_FOUND',
      'storeId',
    );
    expect((await reading(vehicleId, '2025-06-01', 50000)).statusCode).toBe(201);
    const refused = await visit(vehicleId, { date: '2025-07-01', mileageKm: 40000 });
    expectError(refused, 422, 'ODOMETER_OUT_OF_ORDER', 'mileageKm');
    expect(refused.json().error.details).toMatchObject({ reason: 'below_earlier', mileageKm: 50000 }); // prettier-ignore
    // Nothing of the refused visit stays.
    const [orders] = await rows<{ n: number }>(
      sql`select count(*)::int as n from service_orders where vehicle_id = ${vehicleId}`,
    );
    expect(orders!.n).toBe(1);
  });

  it('is for the counter staff, not technicians', async () => {
    const { vehicleId } = await car();
    expect((await visit(vehicleId, { date: '2024-03-05' }, technician)).statusCode).toBe(403);
  });
});

describe('a past odometer reading', () => {
  it('is filed on its day and must fit the readings of the days around it', async () => {
    const { vehicleId } = await car();
    const first = await reading(vehicleId, '2024-01-10', 20000);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      readAt: '2024-01-10T04:00:00.000Z',
      mileageKm: 20000,
      source: 'staff',
      serviceOrderId: null,
    });
    expect((await reading(vehicleId, '2024-12-10', 40000)).statusCode).toBe(201);
    // Between the two: fine; below the earlier or above the later: refused, naming the other.
    expect((await reading(vehicleId, '2024-06-10', 30000)).statusCode).toBe(201);
    const below = await reading(vehicleId, '2024-08-10', 29000);
    expectError(below, 422, 'ODOMETER_OUT_OF_ORDER', 'mileageKm');
    expect(below.json().error.message).toBe(
      '里程低于 2024-06-10 的记录（30,000 km），里程不会倒退',
    );
    expect(below.json().error.details).toMatchObject({
      reason: 'below_earlier',
      readAt: '2024-06-10T04:00:00.000Z',
      mileageKm: 30000,
    });
    const above = await reading(vehicleId, '2024-08-10', 41000);
    expectError(above, 422, 'ODOMETER_OUT_OF_ORDER', 'mileageKm');
    expect(above.json().error.details).toMatchObject({ reason: 'above_later', mileageKm: 40000 });
    expectError(await reading(vehicleId, '2026-11-23', 50000), 400, 'ODOMETER_DATE_IN_FUTURE', 'date'); // prettier-ignore
    const events = await rows<{ type: string }>(
      sql`select type from outbox_events where aggregate_id = ${vehicleId} order by occurred_at`,
    );
    expect(events.map((e) => e.type)).not.toContain('vehicle.mileageRecorded');
    expect(events.filter((e) => e.type === 'vehicle.historyRecorded')).toHaveLength(3);
  });

  it('refuses a malformed day with the field named', async () => {
    const { vehicleId } = await car();
    const res = await reading(vehicleId, '2024-02-30', 1000);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('date');
  });
});
