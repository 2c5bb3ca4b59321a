// Service orders (工单) over HTTP on a real database: opening with items, numbers per store and
// day (also under concurrency), item validation, the status machine with its events in the
// outbox, payment rules, concurrent payment, odometer readings, declined recommendations, roles,
// and the car owner's view of a visit.
import type { LightMyRequestResponse } from 'fastify';
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

// 10:00 in Shanghai on 2026-11-22.
const clock = fixedClock(new Date('2026-11-22T02:00:00.000Z'));

let env: TestEnv;
let t: TestTenant;
let advisor: Session;
let technician: Session;
let owner: Session;

interface Item {
  id: string;
  position: number;
  kind: 'labour' | 'part';
  category: string;
  description: string;
  partNumber: string | null;
  quantity: number;
  unitPriceFen: number;
  amountFen: number;
}
interface Order {
  id: string;
  number: string;
  status: string;
  nextStatuses: string[];
  storeId: string;
  storeName: string;
  customerId: string;
  customerName: string | null;
  vehicleId: string;
  plate: string | null;
  advisorId: string | null;
  advisorName: string | null;
  mileageKm: number | null;
  totalFen: number;
  labourFen: number;
  partsFen: number;
  paidFen: number | null;
  paymentMethod: string | null;
  openedAt: string;
  completedAt: string | null;
  paidAt: string | null;
  closedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  items: Item[];
  declined: { id: string; category: string; description: string; orderNumber: string | null }[];
}

const LABOUR = {
  kind: 'labour',
  category: 'oil_change',
  description: '更换机油工时',
  quantity: 1,
  unitPriceFen: 8000,
} as const;
const OIL = {
  kind: 'part',
  category: 'oil_change',
  description: '全合成机油 5W-30',
  partNumber: 'G-052-195-M4',
  quantity: 4,
  unitPriceFen: 6850,
} as const;
const FILTER = {
  kind: 'part',
  category: 'oil_change',
  description: '机油滤清器',
  partNumber: '06L115562B',
  quantity: 1,
  unitPriceFen: 8800,
} as const;

function call(
  session: Session,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  return env.app.inject({
    method,
    url,
    headers: { ...session.headers, ...headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

function expectError(res: LightMyRequestResponse, status: number, code: string, field?: string) {
  const body = res.json() as { error?: { code: string; field?: string; message: string } };
  expect({ status: res.statusCode, code: body.error?.code }, res.body).toEqual({ status, code });
  expect(body.error?.message).toBeTruthy();
  if (field !== undefined) expect(body.error?.field).toBe(field);
  return body.error!;
}

let phoneSeq = 0;
async function customerWithCar(): Promise<{
  customerId: string;
  vehicleId: string;
  phone: string;
}> {
  phoneSeq++;
  const phone = `1370000${String(phoneSeq).padStart(4, '0')}`;
  const c = await call(advisor, 'POST', '/api/v1/staff/customers', {
    name: `车主${phoneSeq}`,
    phone,
  });
  expect(c.statusCode, c.body).toBe(201);
  const v = await call(advisor, 'POST', `/api/v1/staff/customers/${c.json().id}/vehicles`, {
    plate: `粤A${String(10000 + phoneSeq)}`,
    make: '上汽大众',
    model: '朗逸',
  });
  expect(v.statusCode, v.body).toBe(201);
  return { customerId: c.json().id, vehicleId: v.json().id, phone };
}

async function openOrder(
  car: { customerId: string; vehicleId: string },
  extra: Record<string, unknown> = {},
  session = advisor,
): Promise<Order> {
  const res = await call(session, 'POST', '/api/v1/staff/service-orders', {
    customerId: car.customerId,
    vehicleId: car.vehicleId,
    storeId: t.storeId,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const orderUrl = (id: string, rest = '') => `/api/v1/staff/service-orders/${id}${rest}`;

async function orderCount(): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    env.database.adminDb,
    sql`select count(*)::int as n from service_orders where tenant_id = ${t.id}`,
  );
  return rows[0]!.n;
}

const events = (orderId: string) =>
  queryRows<{ type: string; payload: Record<string, unknown>; aggregate_id: string }>(
    env.database.adminDb,
    sql`select type, payload, aggregate_id from outbox_events
        where tenant_id = ${t.id} and aggregate_id = ${orderId} and type like 'serviceOrder.%'
        order by occurred_at, id`,
  );

const readings = (vehicleId: string) =>
  queryRows<{ mileage_km: number; source: string; service_order_id: string | null }>(
    env.database.adminDb,
    sql`select mileage_km, source, service_order_id from odometer_readings
        where tenant_id = ${t.id} and vehicle_id = ${vehicleId} order by read_at, id`,
  );

beforeAll(async () => {
  env = await createTestEnv({ clock });
  t = await env.createTenant();
  advisor = await signInStaff(env.app, t.slug, t.staff.advisor.login);
  technician = await signInStaff(env.app, t.slug, t.staff.technician.login);
  owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
});
afterAll(() => env.close());

describe('opening an order', () => {
  it('creates the order with its items, a number of the store and day, and the totals', async () => {
    const car = await customerWithCar();
    const order = await openOrder(car, {
      mileageKm: 56800,
      notes: '客户反映刹车异响',
      items: [LABOUR, OIL, FILTER],
    });
    expect(order.number).toBe('S01-20261122-0001');
    expect(order).toMatchObject({
      status: 'open',
      nextStatuses: ['completed', 'cancelled'],
      storeId: t.storeId,
      storeName: '一号店',
      customerId: car.customerId,
      customerName: '车主1',
      vehicleId: car.vehicleId,
      plate: '粤A10001',
      advisorId: t.staff.advisor.id,
      advisorName: 'advisor2',
      mileageKm: 56800,
      totalFen: 8000 + 4 * 6850 + 8800,
      labourFen: 8000,
      partsFen: 4 * 6850 + 8800,
      paidFen: null,
      openedAt: '2026-11-22T02:00:00.000Z',
      completedAt: null,
    });
    expect(order.items.map((i) => [i.position, i.description, i.partNumber, i.amountFen])).toEqual([
      [0, '更换机油工时', null, 8000],
      [1, '全合成机油 5W-30', 'G-052-195-M4', 27400],
      [2, '机油滤清器', '06L115562B', 8800],
    ]);
    const again = await call(technician, 'GET', orderUrl(order.id));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(order);
    const opened = await events(order.id);
    expect(opened.map((e) => e.type)).toEqual(['serviceOrder.opened']);
    expect(opened[0]!.payload).toMatchObject({
      orderId: order.id,
      customerId: car.customerId,
      vehicleId: car.vehicleId,
      storeId: t.storeId,
      totalFen: 44200,
      mileageKm: 56800,
    });
  });

  it('gives unique consecutive numbers to orders opened at the same moment', async () => {
    const car = await customerWithCar();
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        call(advisor, 'POST', '/api/v1/staff/service-orders', {
          customerId: car.customerId,
          vehicleId: car.vehicleId,
          storeId: t.storeId,
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201, 201]);
    const numbers = results.map((r) => r.json().number as string).sort();
    expect(new Set(numbers).size).toBe(6);
    for (const n of numbers) expect(n).toMatch(/^S01-20261122-\d{4}$/);
    const seq = numbers.map((n) => Number(n.slice(-4)));
    expect(seq).toEqual([seq[0]!, seq[0]! + 1, seq[0]! + 2, seq[0]! + 3, seq[0]! + 4, seq[0]! + 5]);
  });

  it('starts again at 0001 on the next local day', async () => {
    const car = await customerWithCar();
    // 16:00 UTC is midnight in Shanghai: the 23rd there.
    clock.set(new Date('2026-11-22T16:00:00.000Z'));
    try {
      // Staff sessions last 12 hours: sign in again at the later time.
      const later = await signInStaff(env.app, t.slug, t.staff.advisor.login);
      const order = await openOrder(car, {}, later);
      expect(order.number).toBe('S01-20261123-0001');
    } finally {
      clock.set(new Date('2026-11-22T02:00:00.000Z'));
    }
  });

  it('replays a retried opening with the same Idempotency-Key instead of opening twice', async () => {
    const car = await customerWithCar();
    const before = await orderCount();
    const body = { customerId: car.customerId, vehicleId: car.vehicleId, storeId: t.storeId };
    const first = await call(advisor, 'POST', '/api/v1/staff/service-orders', body, {
      'idempotency-key': 'open-once',
    });
    const second = await call(advisor, 'POST', '/api/v1/staff/service-orders', body, {
      'idempotency-key': 'open-once',
    });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().id).toBe(first.json().id);
    expect(await orderCount()).toBe(before + 1);
  });

  it('names the unknown store, customer or car (404) and refuses someone else’s car (422)', async () => {
    const car = await customerWithCar();
    const other = await customerWithCar();
    const before = await orderCount();
    const missing = '01900000-0000-7000-8000-00000000dead';
    const base = { customerId: car.customerId, vehicleId: car.vehicleId, storeId: t.storeId };
    const post = (body: object) => call(advisor, 'POST', '/api/v1/staff/service-orders', body);
    expectError(await post({ ...base, storeId: missing }), 404, 'NOT_FOUND', 'storeId');
    expectError(await post({ ...base, customerId: missing }), 404, 'NOT_FOUND', 'customerId');
    expectError(await post({ ...base, vehicleId: missing }), 404, 'NOT_FOUND', 'vehicleId');
    expectError(await post({ ...base, advisorId: missing }), 404, 'NOT_FOUND', 'advisorId');
    expectError(
      await post({ ...base, vehicleId: other.vehicleId }),
      422,
      'SERVICE_ORDER_VEHICLE_MISMATCH',
      'vehicleId',
    );
    expect(await orderCount()).toBe(before);
  });

  it('refuses bad items with the field, and writes nothing', async () => {
    const car = await customerWithCar();
    const before = await orderCount();
    const post = (item: object) =>
      call(advisor, 'POST', '/api/v1/staff/service-orders', {
        customerId: car.customerId,
        vehicleId: car.vehicleId,
        storeId: t.storeId,
        items: [LABOUR, item],
      });
    expectError(
      await post({ ...OIL, unitPriceFen: -100 }),
      400,
      'VALIDATION_FAILED',
      'items.1.unitPriceFen',
    );
    expectError(
      await post({ ...OIL, unitPriceFen: 68.5 }),
      400,
      'VALIDATION_FAILED',
      'items.1.unitPriceFen',
    );
    expectError(await post({ ...OIL, quantity: 0 }), 400, 'VALIDATION_FAILED', 'items.1.quantity');
    expectError(
      await post({ ...OIL, quantity: 1.5 }),
      400,
      'VALIDATION_FAILED',
      'items.1.quantity',
    );
    expectError(await post({ ...OIL, kind: 'service' }), 400, 'VALIDATION_FAILED', 'items.1.kind');
    expectError(
      await post({ ...OIL, category: 'engine' }),
      400,
      'VALIDATION_FAILED',
      'items.1.category',
    );
    expectError(
      await post({ ...OIL, partNumber: '机油#1' }),
      400,
      'VALIDATION_FAILED',
      'items.1.partNumber',
    );
    expectError(
      await post({ ...OIL, description: '  ' }),
      400,
      'VALIDATION_FAILED',
      'items.1.description',
    );
    expect(await orderCount()).toBe(before);
  });
});

describe('items', () => {
  it('are added, changed and removed while open, with the total kept in step', async () => {
    const car = await customerWithCar();
    const order = await openOrder(car);
    expect(order.totalFen).toBe(0);

    const added = await call(advisor, 'POST', orderUrl(order.id, '/items'), LABOUR);
    expect(added.statusCode).toBe(201);
    const withPart = await call(advisor, 'POST', orderUrl(order.id, '/items'), OIL);
    expect(withPart.json()).toMatchObject({ totalFen: 8000 + 27400, partsFen: 27400 });
    const oil = (withPart.json() as Order).items.find((i) => i.kind === 'part')!;
    expect(oil.position).toBe(1);

    const changed = await call(advisor, 'PATCH', orderUrl(order.id, `/items/${oil.id}`), {
      quantity: 5,
      unitPriceFen: 6000,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ totalFen: 8000 + 30000 });
    expect((changed.json() as Order).items[1]).toMatchObject({
      quantity: 5,
      unitPriceFen: 6000,
      amountFen: 30000,
      partNumber: 'G-052-195-M4',
    });

    const removed = await call(advisor, 'DELETE', orderUrl(order.id, `/items/${oil.id}`));
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({ totalFen: 8000, partsFen: 0 });
    expect((removed.json() as Order).items).toHaveLength(1);
  });

  it('refuse negative and non-integer amounts with the field', async () => {
    const car = await customerWithCar();
    const order = await openOrder(car, { items: [LABOUR] });
    const item = order.items[0]!;
    const add = (body: object) => call(advisor, 'POST', orderUrl(order.id, '/items'), body);
    expectError(await add({ ...OIL, unitPriceFen: -1 }), 400, 'VALIDATION_FAILED', 'unitPriceFen');
    expectError(await add({ ...OIL, unitPriceFen: 0.5 }), 400, 'VALIDATION_FAILED', 'unitPriceFen');
    expectError(await add({ ...OIL, quantity: -2 }), 400, 'VALIDATION_FAILED', 'quantity');
    expectError(
      await add({ ...OIL, unitPriceFen: '6850' }),
      400,
      'VALIDATION_FAILED',
      'unitPriceFen',
    );
    const patch = (body: object) =>
      call(advisor, 'PATCH', orderUrl(order.id, `/items/${item.id}`), body);
    expectError(await patch({ unitPriceFen: -8000 }), 400, 'VALIDATION_FAILED', 'unitPriceFen');
    expectError(await patch({ quantity: 2.5 }), 400, 'VALIDATION_FAILED', 'quantity');
    const got = (await call(advisor, 'GET', orderUrl(order.id))).json() as Order;
    expect(got.totalFen).toBe(8000);
    expect(got.items).toHaveLength(1);
  });

  it('of another order are not found', async () => {
    const car = await customerWithCar();
    const a = await openOrder(car, { items: [LABOUR] });
    const b = await openOrder(car, { items: [FILTER] });
    const foreign = b.items[0]!.id;
    expectError(
      await call(advisor, 'PATCH', orderUrl(a.id, `/items/${foreign}`), { quantity: 2 }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await call(advisor, 'DELETE', orderUrl(a.id, `/items/${foreign}`)),
      404,
      'NOT_FOUND',
    );
  });
});

describe('the order’s life', () => {
  it('goes open → completed → paid → closed, refusing edits after completion, with events', async () => {
    const car = await customerWithCar();
    const order = await openOrder(car, { mileageKm: 42000, items: [LABOUR, FILTER] });
    const total = 16800;

    const completed = await call(technician, 'POST', orderUrl(order.id, '/complete'));
    expect(completed.statusCode, completed.body).toBe(200);
    expect(completed.json()).toMatchObject({
      status: 'completed',
      completedAt: '2026-11-22T02:00:00.000Z',
      nextStatuses: ['paid', 'cancelled'],
    });

    const item = order.items[0]!;
    expectError(
      await call(advisor, 'POST', orderUrl(order.id, '/items'), OIL),
      409,
      'SERVICE_ORDER_NOT_OPEN',
    );
    expectError(
      await call(advisor, 'PATCH', orderUrl(order.id, `/items/${item.id}`), { quantity: 3 }),
      409,
      'SERVICE_ORDER_NOT_OPEN',
    );
    expectError(
      await call(advisor, 'DELETE', orderUrl(order.id, `/items/${item.id}`)),
      409,
      'SERVICE_ORDER_NOT_OPEN',
    );

    const short = await call(advisor, 'POST', orderUrl(order.id, '/pay'), {
      method: 'wechat_pay',
      paidFen: total - 1,
    });
    const err = expectError(short, 422, 'PAYMENT_AMOUNT_MISMATCH', 'paidFen');
    expect(err).toMatchObject({ details: { totalFen: total, paidFen: total - 1 } });
    expect(((await call(advisor, 'GET', orderUrl(order.id))).json() as Order).status).toBe(
      'completed',
    );

    clock.advance(60_000);
    const paid = await call(advisor, 'POST', orderUrl(order.id, '/pay'), {
      method: 'wechat_pay',
      paidFen: total,
    });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({
      status: 'paid',
      paidFen: total,
      paymentMethod: 'wechat_pay',
      paidAt: '2026-11-22T02:01:00.000Z',
      nextStatuses: ['closed', 'refunded'],
    });
    expectError(
      await call(advisor, 'POST', orderUrl(order.id, '/cancel'), { reason: '客户不要了' }),
      409,
      'SERVICE_ORDER_STATUS_CONFLICT',
    );

    const closed = await call(advisor, 'POST', orderUrl(order.id, '/close'));
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', nextStatuses: ['refunded'] });
    expect((closed.json() as Order).closedAt).toBeTruthy();

    const written = await events(order.id);
    expect(written.map((e) => e.type)).toEqual([
      'serviceOrder.opened',
      'serviceOrder.completed',
      'serviceOrder.paid',
      'serviceOrder.closed',
    ]);
    expect(written[2]!.payload).toMatchObject({
      orderId: order.id,
      customerId: car.customerId,
      vehicleId: car.vehicleId,
      storeId: t.storeId,
      totalFen: total,
      paidFen: total,
      method: 'wechat_pay',
      mileageKm: 42000,
    });
    const audit = await queryRows<{ action: string; actor_id: string }>(
      env.database.adminDb,
      sql`select action, actor_id from audit_log where tenant_id = ${t.id} and entity_id = ${order.id} order by at, id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'serviceOrder.opened',
      'serviceOrder.completed',
      'serviceOrder.paid',
      'serviceOrder.closed',
    ]);
    expect(audit[1]!.actor_id).toBe(t.staff.technician.id);
    clock.set(new Date('2026-11-22T02:00:00.000Z'));
  });

  it('refuses moves that skip or go back, naming both statuses (409)', async () => {
    const car = await customerWithCar();
    const order = await openOrder(car, { items: [LABOUR] });
    const conflict = async (action: string, body?: object) => {
      const err = expectError(
        await call(advisor, 'POST', orderUrl(order.id, `/${action}`), body),
        409,
        'SERVICE_ORDER_STATUS_CONFLICT',
      );
      return err as { details?: Record<string, unknown> };
    };
    expect((await conflict('pay', { method: 'cash', paidFen: 8000 })).details).toEqual({
      from: 'open',
      to: 'paid',
    });
    expect((await conflict('close')).details).toEqual({ from: 'open', to: 'closed' });
    expect((await call(advisor, 'POST', orderUrl(order.id, '/complete'))).statusCode).toBe(200);
    expect((await conflict('complete')).details).toEqual({ from: 'completed', to: 'completed' });
    expect((await conflict('close')).details).toEqual({ from: 'completed', to: 'closed' });
    expect((await events(order.id)).map((e) => e.type)).toEqual([
      'serviceOrder.opened',
      'serviceOrder.completed',
    ]);
  });

  it('cannot complete an order with nothing on it', async () => {
    const car = await customerWithCar();
    const order = await openOrder(car);
    expectError(
      await call(advisor, 'POST', orderUrl(order.id, '/complete')),
      422,
      'SERVICE_ORDER_EMPTY',
    );
  });

  it('cancels an open or completed order with a reason, and nothing after', async () => {
    const car = await customerWithCar();
    const open = await openOrder(car, { items: [LABOUR] });
    expectError(
      await call(advisor, 'POST', orderUrl(open.id, '/cancel'), {}),
      400,
      'VALIDATION_FAILED',
      'reason',
    );
    expectError(
      await call(advisor, 'POST', orderUrl(open.id, '/cancel'), { reason: '   ' }),
      400,
      'VALIDATION_FAILED',
      'reason',
    );
    const cancelled = await call(advisor, 'POST', orderUrl(open.id, '/cancel'), {
      reason: '客户改天再来',
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({
      status: 'cancelled',
      cancelReason: '客户改天再来',
      nextStatuses: [],
    });
    expectError(
      await call(advisor, 'POST', orderUrl(open.id, '/complete')),
      409,
      'SERVICE_ORDER_STATUS_CONFLICT',
    );
    expectError(
      await call(advisor, 'POST', orderUrl(open.id, '/cancel'), { reason: '再次作废' }),
      409,
      'SERVICE_ORDER_STATUS_CONFLICT',
    );
    const cancelEvents = await events(open.id);
    expect(cancelEvents.map((e) => e.type)).toEqual([
      'serviceOrder.opened',
      'serviceOrder.cancelled',
    ]);
    expect(cancelEvents[1]!.payload).toMatchObject({ reason: '客户改天再来' });

    const done = await openOrder(car, { items: [LABOUR] });
    await call(advisor, 'POST', orderUrl(done.id, '/complete'));
    const cancelledDone = await call(advisor, 'POST', orderUrl(done.id, '/cancel'), {
      reason: '客户拒付',
    });
    expect(cancelledDone.json()).toMatchObject({ status: 'cancelled' });
  });

  it('takes one payment when two tills pay at once', async () => {
    const car = await customerWithCar();
    const order = await openOrder(car, { items: [LABOUR, FILTER] });
    await call(advisor, 'POST', orderUrl(order.id, '/complete'));
    const manager = await signInStaff(env.app, t.slug, t.staff.manager.login);
    const results = await Promise.all(
      [advisor, manager, owner].map((s) =>
        call(s, 'POST', orderUrl(order.id, '/pay'), { method: 'cash', paidFen: 16800 }),
      ),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(r.json().error).toMatchObject({
        code: 'SERVICE_ORDER_STATUS_CONFLICT',
        details: { from: 'paid', to: 'paid' },
      });
    const paidEvents = (await events(order.id)).filter((e) => e.type === 'serviceOrder.paid');
    expect(paidEvents).toHaveLength(1);
  });
});

describe('roles', () => {
  it('a technician reads and completes but cannot price, pay, close or cancel (403)', async () => {
    const car = await customerWithCar();
    const order = await openOrder(car, { items: [LABOUR] });
    expect((await call(technician, 'GET', '/api/v1/staff/service-orders')).statusCode).toBe(200);
    expectError(
      await call(technician, 'POST', '/api/v1/staff/service-orders', {
        customerId: car.customerId,
        vehicleId: car.vehicleId,
        storeId: t.storeId,
      }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await call(technician, 'POST', orderUrl(order.id, '/items'), OIL),
      403,
      'FORBIDDEN',
    );
    expect((await call(technician, 'POST', orderUrl(order.id, '/complete'))).statusCode).toBe(200);
    expectError(
      await call(technician, 'POST', orderUrl(order.id, '/pay'), {
        method: 'cash',
        paidFen: 8000,
      }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await call(technician, 'POST', orderUrl(order.id, '/cancel'), { reason: 'x' }),
      403,
      'FORBIDDEN',
    );
    const got = (await call(advisor, 'GET', orderUrl(order.id))).json() as Order;
    expect(got.status).toBe('completed');
  });

  it('a partner merchant sees no service orders', async () => {
    const partner = await signInStaff(env.app, t.slug, t.staff.partner.login);
    expectError(await call(partner, 'GET', '/api/v1/staff/service-orders'), 403, 'FORBIDDEN');
  });
});

describe('odometer', () => {
  it('records the intake mileage as a reading of the car, from the order', async () => {
    const car = await customerWithCar();
    const order = await openOrder(car, { mileageKm: 50000 });
    expect(await readings(car.vehicleId)).toEqual([
      { mileage_km: 50000, source: 'order', service_order_id: order.id },
    ]);
    const vehicle = await call(advisor, 'GET', `/api/v1/staff/vehicles/${car.vehicleId}`);
    expect(vehicle.json().lastMileageKm).toBe(50000);
  });

  it('refuses a mileage far below the last reading unless confirmed', async () => {
    const car = await customerWithCar();
    await openOrder(car, { mileageKm: 50000 });
    clock.advance(60_000);
    try {
      const before = await orderCount();
      const low = await call(advisor, 'POST', '/api/v1/staff/service-orders', {
        customerId: car.customerId,
        vehicleId: car.vehicleId,
        storeId: t.storeId,
        mileageKm: 5000,
      });
      const err = expectError(low, 422, 'ODOMETER_ROLLBACK', 'mileageKm');
      expect(err).toMatchObject({ details: { lastMileageKm: 50000 } });
      expect(await orderCount()).toBe(before);

      // A little below (a rounded reading) is fine; a confirmed rollback (new cluster) too.
      clock.advance(60_000);
      await openOrder(car, { mileageKm: 49500 });
      clock.advance(60_000);
      const confirmed = await openOrder(car, { mileageKm: 5000, confirmRollback: true });
      expect(confirmed.mileageKm).toBe(5000);
      expect((await readings(car.vehicleId)).map((r) => r.mileage_km)).toEqual([
        50000, 49500, 5000,
      ]);
    } finally {
      clock.set(new Date('2026-11-22T02:00:00.000Z'));
    }
  });
});

describe('declined recommendations', () => {
  it('are kept with the car and listed newest first', async () => {
    const car = await customerWithCar();
    const order = await openOrder(car, { items: [LABOUR] });
    const res = await call(advisor, 'POST', orderUrl(order.id, '/declined'), {
      category: 'brakes',
      description: '前刹车片剩余 3mm，建议更换',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      vehicleId: car.vehicleId,
      orderId: order.id,
      orderNumber: order.number,
      category: 'brakes',
    });
    clock.advance(1000);
    await call(advisor, 'POST', orderUrl(order.id, '/declined'), {
      category: 'tyres',
      description: '轮胎花纹接近磨损标记',
    });
    clock.set(new Date('2026-11-22T02:00:00.000Z'));
    const list = await call(technician, 'GET', `/api/v1/staff/vehicles/${car.vehicleId}/declined`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((d: { category: string }) => d.category)).toEqual([
      'tyres',
      'brakes',
    ]);
    const detail = (await call(advisor, 'GET', orderUrl(order.id))).json() as Order;
    expect(detail.declined).toHaveLength(2);
    expectError(
      await call(advisor, 'POST', orderUrl(order.id, '/declined'), {
        category: 'engine',
        description: 'x',
      }),
      400,
      'VALIDATION_FAILED',
      'category',
    );
    expectError(
      await call(
        advisor,
        'GET',
        '/api/v1/staff/vehicles/01900000-0000-7000-8000-00000000dead/declined',
      ),
      404,
      'NOT_FOUND',
    );
  });
});

describe('the order list', () => {
  it('shows the newest first and filters by status, store, customer, car and day', async () => {
    const car = await customerWithCar();
    clock.set(new Date('2026-11-24T01:00:00.000Z'));
    const later = await signInStaff(env.app, t.slug, t.staff.advisor.login);
    const first = await openOrder(car, { items: [LABOUR] }, later);
    clock.advance(60_000);
    const second = await openOrder(car, { items: [FILTER] }, later);
    await call(later, 'POST', orderUrl(second.id, '/complete'));
    clock.set(new Date('2026-11-22T02:00:00.000Z'));

    const list = async (query: string) => {
      const res = await call(advisor, 'GET', `/api/v1/staff/service-orders?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as {
        items: { id: string; status: string; summary: string; plate: string }[];
        nextCursor: string | null;
      };
    };
    const mine = await list(`vehicleId=${car.vehicleId}`);
    expect(mine.items.map((o) => o.id)).toEqual([second.id, first.id]);
    expect(mine.items[0]).toMatchObject({
      summary: '机油滤清器',
      plate: car && expect.any(String),
    });
    expect(
      (await list(`customerId=${car.customerId}&status=completed`)).items.map((o) => o.id),
    ).toEqual([second.id]);
    expect(
      (await list(`storeId=${t.storeId}&from=2026-11-24&to=2026-11-24`)).items.map((o) => o.id),
    ).toEqual([second.id, first.id]);
    expect((await list(`from=2026-11-25`)).items).toEqual([]);
    expect((await list(`to=2026-11-23&vehicleId=${car.vehicleId}`)).items).toEqual([]);

    const page1 = await list(`vehicleId=${car.vehicleId}&limit=1`);
    expect(page1.items.map((o) => o.id)).toEqual([second.id]);
    const page2 = await list(
      `vehicleId=${car.vehicleId}&limit=1&cursor=${encodeURIComponent(page1.nextCursor!)}`,
    );
    expect(page2.items.map((o) => o.id)).toEqual([first.id]);
    expect(page2.nextCursor).toBeNull();

    expectError(
      await call(advisor, 'GET', '/api/v1/staff/service-orders?from=2026-02-30'),
      400,
      'VALIDATION_FAILED',
      'from',
    );
    expectError(
      await call(advisor, 'GET', '/api/v1/staff/service-orders?status=done'),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('the car owner', () => {
  it('sees their visit with items, parts and amounts, and gets 404 for anyone else’s', async () => {
    const car = await customerWithCar();
    const stranger = await customerWithCar();
    const order = await openOrder(car, { mileageKm: 30500, items: [LABOUR, OIL, FILTER] });
    await call(advisor, 'POST', orderUrl(order.id, '/declined'), {
      category: 'battery',
      description: '电瓶老化，建议更换',
    });
    const theirs = await openOrder(stranger, { items: [LABOUR] });

    const app = await signInCustomer(env, t, car.phone);
    const vehicle = await call(app, 'GET', `/api/v1/app/me/vehicles/${car.vehicleId}`);
    expect(vehicle.statusCode).toBe(200);
    const recordIds = vehicle.json().serviceOrders.map((o: { id: string }) => o.id);
    expect(recordIds).toContain(order.id);

    const res = await call(app, 'GET', `/api/v1/app/me/service-orders/${order.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json();
    expect(mine).toMatchObject({
      id: order.id,
      number: order.number,
      status: 'open',
      plate: order.plate,
      storeName: '一号店',
      mileageKm: 30500,
      totalFen: 44200,
      labourFen: 8000,
      partsFen: 36200,
      openedAt: '2026-11-22T02:00:00.000Z',
      declined: [{ category: 'battery', description: '电瓶老化，建议更换' }],
    });
    expect(
      mine.items.map((i: Item) => [i.kind, i.description, i.partNumber, i.quantity, i.amountFen]),
    ).toEqual([
      ['labour', '更换机油工时', null, 1, 8000],
      ['part', '全合成机油 5W-30', 'G-052-195-M4', 4, 27400],
      ['part', '机油滤清器', '06L115562B', 1, 8800],
    ]);
    expect(mine).not.toHaveProperty('notes');
    expect(mine).not.toHaveProperty('customerId');

    expectError(
      await call(app, 'GET', `/api/v1/app/me/service-orders/${theirs.id}`),
      404,
      'NOT_FOUND',
    );
    expectError(
      await call(app, 'GET', '/api/v1/app/me/service-orders/01900000-0000-7000-8000-00000000dead'),
      404,
      'NOT_FOUND',
    );
    // Staff credentials do not open the app route.
    expect(
      (await call(advisor, 'GET', `/api/v1/app/me/service-orders/${order.id}`)).statusCode,
    ).toBe(401);
  });
});
