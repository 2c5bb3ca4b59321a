// The workbench over HTTP: today's figures in the business's time zone (the day boundary is the
// tenant's midnight, not UTC's), each role's scope (owner: all or one store; manager: their
// stores; advisor: their stores' bookings and their own orders), takings that add up to the
// orders paid today, bookings by hour with a working check-in, and the call list's count.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../kernel/ids.ts';
import { createStaffUser } from '../identity/index.ts';
import { appointments } from '../appointments/appointments.tables.ts';
import { conversations } from '../inbox/inbox.tables.ts';
import { serviceOrders } from '../service/service.tables.ts';
import { createStore } from '../tenancy/index.ts';
import { tenants } from '../tenancy/tenancy.tables.ts';
import {
  createTestEnv,
  fixedClock,
  signInStaff,
  TEST_PASSWORD,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';

// Monday 2026-03-02, 10:00 in Asia/Shanghai (UTC+8): today there is 2026-03-01T16:00Z–03-02T16:00Z.
const NOW = new Date('2026-03-02T02:00:00.000Z');
const clock = fixedClock(NOW);

let env: TestEnv;
let t: TestTenant;
let store2: string;
let owner: Session;
let manager: Session;
let advisor: Session;
let technician: Session;
let manager2: Session;
let advisor2Id: string;

interface Figures {
  revenueFen: number;
  paidOrders: number;
  carsToday: number;
  openOrders: number;
  completedOrders: number;
  waitingCars: number;
  bookingsToday: number;
  arrived: number;
  expected: number;
  late: number;
  unreadConversations: number;
  dueCalls: number;
}
interface Booking {
  id: string;
  storeId: string;
  time: string;
  hour: string;
  status: string;
  arrived: boolean;
  canCheckIn: boolean;
  customer: { id: string; name: string | null };
  vehicle: { id: string; plate: string | null } | null;
}
interface Order {
  id: string;
  number: string;
  status: string;
  storeId: string;
  plate: string | null;
  totalFen: number;
}
interface Workbench {
  date: string;
  timeZone: string;
  figures: Figures;
  bookings: { hour: string; items: Booking[] }[];
  orders: { open: Order[]; completed: Order[]; more: boolean };
  dueCalls: { vehicleId: string }[];
}

async function workbench(s: Session, query = ''): Promise<Workbench> {
  const res = await env.app.inject({
    method: 'GET',
    url: `/api/v1/staff/workbench${query}`,
    headers: s.headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function carFor(n: number, storeId: string) {
  const c = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/customers',
    headers: owner.headers,
    payload: {
      name: `客户${n}`,
      phone: `1390000${String(n).padStart(4, '0')}`,
      homeStoreId: storeId,
    },
  });
  if (c.statusCode !== 201) throw new Error(`customer: ${c.body}`);
  const v = await env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/customers/${c.json().id}/vehicles`,
    headers: owner.headers,
    payload: { plate: `粤A${String(20000 + n)}` },
  });
  if (v.statusCode !== 201) throw new Error(`vehicle: ${v.body}`);
  return { customerId: c.json().id as string, vehicleId: v.json().id as string };
}

type Car = Awaited<ReturnType<typeof carFor>>;
interface OrderSpec {
  store: 'S1' | 'S2';
  car: Car;
  advisor: 'advisor' | 'manager' | 'advisor2';
  status: 'open' | 'completed' | 'paid' | 'closed' | 'refunded';
  paidAt?: string;
  paidFen?: number;
}
let orders: (OrderSpec & { id: string })[] = [];
let cars: Car[] = [];
let bookingIds: Record<string, string> = {};

/** Today's bounds in a time zone, worked out here apart from the server's own code. */
function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(at);
}

function expectedFigures(
  zone: string,
  keep: (o: OrderSpec) => boolean,
): { revenueFen: number; paidOrders: number; carsToday: number } {
  const today = localDate(NOW, zone);
  const paid = orders.filter(
    (o) =>
      keep(o) &&
      (o.status === 'paid' || o.status === 'closed') &&
      o.paidAt &&
      localDate(new Date(o.paidAt), zone) === today,
  );
  return {
    revenueFen: paid.reduce((s, o) => s + (o.paidFen ?? 0), 0),
    paidOrders: paid.length,
    carsToday: new Set(paid.map((o) => o.car.vehicleId)).size,
  };
}

beforeAll(async () => {
  env = await createTestEnv({ clock });
  t = await env.createTenant();
  owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
  manager = await signInStaff(env.app, t.slug, t.staff.manager.login);
  advisor = await signInStaff(env.app, t.slug, t.staff.advisor.login);
  technician = await signInStaff(env.app, t.slug, t.staff.technician.login);
  const extra = await env.inTenant(t.id, async (ctx) => {
    const s2 = await createStore(ctx, { code: 'S02', name: '二号店' });
    await createStaffUser(ctx, {
      name: '二店店长',
      email: `m2-${t.slug}@example.com`,
      phone: null,
      password: TEST_PASSWORD,
      role: 'manager',
      storeIds: [s2.id],
    });
    const a2 = await createStaffUser(ctx, {
      name: '二店顾问',
      email: `a2-${t.slug}@example.com`,
      phone: null,
      password: TEST_PASSWORD,
      role: 'advisor',
      storeIds: [s2.id],
    });
    return { store2: s2.id, advisor2: a2.id };
  });
  store2 = extra.store2;
  advisor2Id = extra.advisor2;
  manager2 = await signInStaff(env.app, t.slug, `m2-${t.slug}@example.com`);

  cars = [];
  for (let n = 1; n <= 6; n++) cars.push(await carFor(n, n <= 4 ? t.storeId : store2));
  const [c1, c2, c3, c4, c5, c6] = cars as [Car, Car, Car, Car, Car, Car];
  const specs: OrderSpec[] = [
    // Paid today (Shanghai), two of them the same car.
    {
      store: 'S1',
      car: c1,
      advisor: 'advisor',
      status: 'paid',
      paidAt: '2026-03-02T01:00:00Z',
      paidFen: 30000,
    },
    {
      store: 'S1',
      car: c1,
      advisor: 'advisor',
      status: 'closed',
      paidAt: '2026-03-02T01:30:00Z',
      paidFen: 12000,
    },
    {
      store: 'S1',
      car: c2,
      advisor: 'manager',
      status: 'paid',
      paidAt: '2026-03-02T00:10:00Z',
      paidFen: 15000,
    },
    // 00:30 today in Shanghai, still yesterday in UTC.
    {
      store: 'S1',
      car: c3,
      advisor: 'advisor',
      status: 'paid',
      paidAt: '2026-03-01T16:30:00Z',
      paidFen: 8000,
    },
    // 23:30 yesterday in Shanghai (same UTC date as the one above): not today.
    {
      store: 'S1',
      car: c4,
      advisor: 'advisor',
      status: 'closed',
      paidAt: '2026-03-01T15:30:00Z',
      paidFen: 99900,
    },
    // Paid today and refunded: not takings.
    {
      store: 'S1',
      car: c4,
      advisor: 'advisor',
      status: 'refunded',
      paidAt: '2026-03-02T01:40:00Z',
      paidFen: 7000,
    },
    {
      store: 'S2',
      car: c5,
      advisor: 'advisor2',
      status: 'paid',
      paidAt: '2026-03-02T01:50:00Z',
      paidFen: 50000,
    },
    // In the shop.
    { store: 'S1', car: c2, advisor: 'advisor', status: 'open' },
    { store: 'S1', car: c3, advisor: 'manager', status: 'completed' },
    { store: 'S1', car: c3, advisor: 'manager', status: 'open' },
    { store: 'S2', car: c6, advisor: 'advisor2', status: 'open' },
  ];
  const advisorIds = {
    advisor: t.staff.advisor.id,
    manager: t.staff.manager.id,
    advisor2: advisor2Id,
  };
  orders = specs.map((s) => ({ ...s, id: newId() }));
  await env.inTenant(t.id, async (ctx) => {
    await ctx.tx.insert(serviceOrders).values(
      orders.map((o, i) => ({
        tenantId: t.id,
        id: o.id,
        number: `T-${i}`,
        storeId: o.store === 'S1' ? t.storeId : store2,
        customerId: o.car.customerId,
        vehicleId: o.car.vehicleId,
        advisorId: advisorIds[o.advisor],
        status: o.status,
        totalFen: o.paidFen ?? 10000 + i,
        paidFen: o.paidFen ?? null,
        paymentMethod: o.paidFen ? ('cash' as const) : null,
        openedAt: new Date('2026-03-01T23:00:00Z'),
        paidAt: o.paidAt ? new Date(o.paidAt) : null,
      })),
    );
    const booking = (
      storeId: string,
      car: Car,
      startsAt: string,
      status: 'booked' | 'confirmed' | 'checked_in',
    ) => {
      const id = newId();
      return {
        tenantId: t.id,
        id,
        storeId,
        customerId: car.customerId,
        vehicleId: car.vehicleId,
        startsAt: new Date(startsAt),
        endsAt: new Date(new Date(startsAt).getTime() + 3_600_000),
        serviceCategory: 'oil_change',
        status,
        createdByType: 'staff' as const,
      };
    };
    const rows = {
      early: booking(t.storeId, c1, '2026-03-02T01:00:00Z', 'checked_in'), // 09:00
      late: booking(t.storeId, c2, '2026-03-02T01:30:00Z', 'booked'), // 09:30, not come yet
      later: booking(t.storeId, c3, '2026-03-02T06:00:00Z', 'confirmed'), // 14:00
      midnight: booking(t.storeId, c4, '2026-03-01T16:30:00Z', 'booked'), // 00:30 today
      yesterday: booking(t.storeId, c4, '2026-03-01T15:30:00Z', 'booked'), // 23:30 yesterday
      other: booking(store2, c5, '2026-03-02T03:00:00Z', 'booked'), // 11:00 at store 2
    };
    await ctx.tx.insert(appointments).values(Object.values(rows));
    bookingIds = Object.fromEntries(Object.entries(rows).map(([k, r]) => [k, r.id]));
    await ctx.tx.insert(conversations).values(
      [c1, c2, c5].map((c, i) => ({
        tenantId: t.id,
        id: newId(),
        customerId: c.customerId,
        staffUnread: i === 1 ? 0 : 2,
        lastMessageAt: NOW,
      })),
    );
  });
  // Calls due: a recall on two cars of store 1 and one of store 2.
  for (const car of [c1, c2, c5]) {
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/vehicles/${car.vehicleId}/due-items`,
      headers: owner.headers,
      payload: { kind: 'recall', title: '召回检查' },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(() => env.close());

describe('today in the business’s time zone', () => {
  it('counts takings paid since the tenant’s midnight, and they add up to the orders paid today', async () => {
    const w = await workbench(owner);
    expect(w.date).toBe('2026-03-02');
    expect(w.timeZone).toBe('Asia/Shanghai');
    const want = expectedFigures('Asia/Shanghai', () => true);
    expect(want).toEqual({
      revenueFen: 30000 + 12000 + 15000 + 8000 + 50000,
      paidOrders: 5,
      carsToday: 4,
    });
    expect(w.figures).toMatchObject(want);
  });

  it('moves the day with the tenant’s time zone', async () => {
    await env.inTenant(t.id, (ctx) =>
      ctx.tx.update(tenants).set({ timezone: 'Europe/London' }).where(eq(tenants.tenantId, t.id)),
    );
    try {
      const w = await workbench(owner);
      expect(w.timeZone).toBe('Europe/London');
      const want = expectedFigures('Europe/London', () => true);
      // 16:30 and 15:30 UTC on 1 March are yesterday in London; the rest is today.
      expect(want.revenueFen).toBe(30000 + 12000 + 15000 + 50000);
      expect(w.figures).toMatchObject(want);
      const ids = w.bookings.flatMap((h) => h.items.map((b) => b.id));
      expect(ids).not.toContain(bookingIds.midnight);
      expect(ids).not.toContain(bookingIds.yesterday);
    } finally {
      await env.inTenant(t.id, (ctx) =>
        ctx.tx.update(tenants).set({ timezone: 'Asia/Shanghai' }).where(eq(tenants.tenantId, t.id)),
      );
    }
  });

  it('lays today’s bookings out by hour on the wall clock, yesterday’s left out', async () => {
    const w = await workbench(owner);
    expect(w.bookings.map((h) => [h.hour, h.items.map((b) => b.time)])).toEqual([
      ['00:00', ['00:30']],
      ['09:00', ['09:00', '09:30']],
      ['11:00', ['11:00']],
      ['14:00', ['14:00']],
    ]);
    expect(w.figures).toMatchObject({ bookingsToday: 5, arrived: 1, expected: 4, late: 2 });
    const early = w.bookings[1]!.items[0]!;
    expect(early).toMatchObject({ id: bookingIds.early, arrived: true, canCheckIn: false });
    expect(early.vehicle?.plate).toBe('粤A20001');
  });
});

describe('scope by role', () => {
  it('gives the owner every store, or the one chosen', async () => {
    const all = await workbench(owner);
    expect(all.figures).toMatchObject({ openOrders: 3, completedOrders: 1, waitingCars: 3 });
    const two = await workbench(owner, `?storeId=${store2}`);
    expect(two.figures).toMatchObject({
      ...expectedFigures('Asia/Shanghai', (o) => o.store === 'S2'),
      openOrders: 1,
      completedOrders: 0,
      bookingsToday: 1,
    });
    expect(two.orders.open.map((o) => o.storeId)).toEqual([store2]);
  });

  it('gives a manager their own stores and refuses another', async () => {
    const w = await workbench(manager);
    expect(w.figures).toMatchObject({
      ...expectedFigures('Asia/Shanghai', (o) => o.store === 'S1'),
      openOrders: 2,
      completedOrders: 1,
      waitingCars: 2,
      bookingsToday: 4,
    });
    const other = await workbench(manager2);
    expect(other.figures).toMatchObject(expectedFigures('Asia/Shanghai', (o) => o.store === 'S2'));
    expect(other.bookings.flatMap((h) => h.items.map((b) => b.id))).toEqual([bookingIds.other]);
    const res = await env.app.inject({
      method: 'GET',
      url: `/api/v1/staff/workbench?storeId=${store2}`,
      headers: manager.headers,
    });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'FORBIDDEN', field: 'storeId' });
  });

  it('gives an advisor their stores’ bookings but only their own orders and takings', async () => {
    const w = await workbench(advisor);
    const mine = (o: OrderSpec) => o.store === 'S1' && o.advisor === 'advisor';
    expect(w.figures).toMatchObject({
      ...expectedFigures('Asia/Shanghai', mine),
      openOrders: 1,
      completedOrders: 0,
      bookingsToday: 4,
    });
    expect(w.figures.revenueFen).toBe(30000 + 12000 + 8000);
    const openIds = w.orders.open.map((o) => o.id);
    expect(openIds).toEqual(orders.filter((o) => mine(o) && o.status === 'open').map((o) => o.id));
  });

  it('refuses a technician, an unknown store and a bad store id', async () => {
    const tech = await env.app.inject({
      method: 'GET',
      url: '/api/v1/staff/workbench',
      headers: technician.headers,
    });
    expect(tech.statusCode).toBe(403);
    const unknown = await env.app.inject({
      method: 'GET',
      url: `/api/v1/staff/workbench?storeId=${newId()}`,
      headers: owner.headers,
    });
    expect(unknown.statusCode, unknown.body).toBe(404);
    const bad = await env.app.inject({
      method: 'GET',
      url: '/api/v1/staff/workbench?storeId=nope',
      headers: owner.headers,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('storeId');
  });
});

describe('what the page acts on', () => {
  it('checks a booked car in through the appointments move, and the board shows it arrived', async () => {
    const before = await workbench(advisor);
    const late = before.bookings.flatMap((h) => h.items).find((b) => b.id === bookingIds.late)!;
    expect(late).toMatchObject({ status: 'booked', arrived: false, canCheckIn: true });
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/appointments/${bookingIds.late}/check-in`,
      headers: advisor.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = await workbench(advisor);
    const now = after.bookings.flatMap((h) => h.items).find((b) => b.id === bookingIds.late)!;
    expect(now).toMatchObject({ status: 'checked_in', arrived: true, canCheckIn: false });
    expect(after.figures.arrived).toBe(before.figures.arrived + 1);
  });

  it('lists the orders in the shop by status, and counts unread conversations and calls due', async () => {
    const w = await workbench(owner);
    const inShop = orders.filter((o) => o.status === 'open' || o.status === 'completed');
    expect(w.orders.open.map((o) => o.id).sort()).toEqual(
      inShop
        .filter((o) => o.status === 'open')
        .map((o) => o.id)
        .sort(),
    );
    expect(w.orders.completed.map((o) => o.id)).toEqual(
      inShop.filter((o) => o.status === 'completed').map((o) => o.id),
    );
    expect(w.orders.more).toBe(false);
    expect(w.figures.unreadConversations).toBe(2);

    const dueList = await env.app.inject({
      method: 'GET',
      url: '/api/v1/staff/due?window=due&limit=200',
      headers: owner.headers,
    });
    expect(dueList.statusCode).toBe(200);
    expect(w.figures.dueCalls).toBe(dueList.json().items.length);
    expect(w.figures.dueCalls).toBeGreaterThanOrEqual(3);
    expect(w.dueCalls.length).toBe(Math.min(5, w.figures.dueCalls));
    const m = await workbench(manager);
    const storeList = await env.app.inject({
      method: 'GET',
      url: `/api/v1/staff/due?window=due&limit=200&storeId=${t.storeId}`,
      headers: manager.headers,
    });
    expect(m.figures.dueCalls).toBe(storeList.json().items.length);
    expect(m.figures.dueCalls).toBeLessThan(w.figures.dueCalls);
  });
});
