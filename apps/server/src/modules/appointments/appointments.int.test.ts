// Appointments over HTTP: opening hours (validation, ETag / If-Match), availability in the
// store's timezone, the booking rules (real slot, future, not full, no double booking of a car),
// the last place under concurrent requests, cancel / reschedule / no-show moves, the day board,
// iCalendar files, events in the outbox and the audit log.
import type { LightMyRequestResponse } from 'fastify';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents } from '../../jobs/outbox.tables.ts';
import { queryRows } from '../../db/database.ts';
import { newId } from '../../kernel/ids.ts';
import { auditLog } from '../audit/audit.tables.ts';
import { stores } from '../tenancy/tenancy.tables.ts';
import { appointmentSlots, appointments } from './appointments.tables.ts';
import {
  createTestEnv,
  fixedClock,
  signInCustomer,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';

// Monday 2026-03-02, 10:00 in Asia/Shanghai.
const NOW = new Date('2026-03-02T02:00:00.000Z');
const clock = fixedClock(NOW);

let env: TestEnv;
let t: TestTenant;
let owner: Session;
let advisor: Session;
let technician: Session;
let me: Session;
let myCar: string;
let myCustomerId: string;

type Headers = Record<string, string>;
interface Appointment {
  id: string;
  storeId: string;
  storeName: string;
  customer: { id: string; name: string | null; phone: string };
  vehicle: { id: string; plate: string | null } | null;
  startsAt: string;
  endsAt: string;
  status: string;
  serviceCategory: string | null;
  notes: string | null;
  cancelledAt: string | null;
}
interface MyAppointment {
  id: string;
  store: { id: string; name: string };
  vehicle: { id: string; plate: string | null } | null;
  startsAt: string;
  endsAt: string;
  status: string;
  canCancel: boolean;
}
interface Availability {
  storeId: string;
  timeZone: string;
  days: { date: string; weekday: number; slots: { startsAt: string; remaining: number }[] }[];
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6];
const HOURS = {
  days: [
    ...[1, 2, 3, 4, 5].map((weekday) => ({
      weekday,
      opensAt: '08:30',
      closesAt: '18:00',
      slotMinutes: 60,
      capacity: 3,
    })),
    // Saturdays start early: 06:00 in Shanghai is still the previous day in UTC.
    { weekday: 6, opensAt: '06:00', closesAt: '12:00', slotMinutes: 60, capacity: 3 },
  ],
};

function call(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  opts: { headers?: Headers; payload?: unknown } = {},
) {
  return env.app.inject({
    method,
    url,
    headers: opts.headers ?? advisor.headers,
    ...(opts.payload === undefined ? {} : { payload: opts.payload as object }),
  });
}

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect({ status: res.statusCode, code: res.json().error?.code }, res.body).toEqual({
    status,
    code,
  });
  expect(res.json().error.message).toBeTruthy();
  return res.json().error as { code: string; field?: string; details?: Record<string, unknown> };
}

const hoursUrl = (storeId = t.storeId) => `/api/v1/staff/stores/${storeId}/opening-hours`;

async function createCustomer(name: string, phone: string, plate?: string) {
  const c = await call('POST', '/api/v1/staff/customers', {
    payload: { name, phone },
    headers: owner.headers,
  });
  if (c.statusCode !== 201) throw new Error(`customer: ${c.statusCode} ${c.body}`);
  let vehicleId: string | null = null;
  if (plate) {
    const v = await call('POST', `/api/v1/staff/customers/${c.json().id}/vehicles`, {
      payload: { plate },
      headers: owner.headers,
    });
    if (v.statusCode !== 201) throw new Error(`vehicle: ${v.statusCode} ${v.body}`);
    vehicleId = v.json().id;
  }
  return { id: c.json().id as string, vehicleId };
}

let plateNo = 0;
/** A fresh customer with a car, booked by staff into `startsAt`. */
async function staffBooking(startsAt: string) {
  const n = ++plateNo;
  const c = await createCustomer(
    `客户${n}`,
    `1370000${String(n).padStart(4, '0')}`,
    `粤B${String(10000 + n)}`,
  );
  const res = await call('POST', '/api/v1/staff/appointments', {
    payload: { customerId: c.id, vehicleId: c.vehicleId, storeId: t.storeId, startsAt },
  });
  return { res, customer: c };
}

async function slotRow(startsAt: string, storeId = t.storeId) {
  const [row] = await env.inTenant(t.id, (ctx) =>
    ctx.tx
      .select()
      .from(appointmentSlots)
      .where(
        and(
          eq(appointmentSlots.storeId, storeId),
          eq(appointmentSlots.startsAt, new Date(startsAt)),
        ),
      ),
  );
  return row ?? null;
}

async function eventsFor(aggregateId: string) {
  return env.inTenant(t.id, (ctx) =>
    ctx.tx
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.aggregateId, aggregateId))
      .orderBy(asc(outboxEvents.occurredAt), asc(outboxEvents.id)),
  );
}

async function availability(query: string, headers: Headers = me.headers): Promise<Availability> {
  const res = await call('GET', `/api/v1/app/availability?${query}`, { headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const remainingAt = (a: Availability, startsAt: string) =>
  a.days.flatMap((d) => d.slots).find((s) => s.startsAt === startsAt)?.remaining;

/** A tenant code without digits (the harness reads the first six digits of the SMS). */
const digitFreeSlug = () =>
  `appt-${newId()
    .slice(-12)
    .replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!)}`;

beforeAll(async () => {
  env = await createTestEnv({ clock });
  t = await env.createTenant(digitFreeSlug());
  owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
  advisor = await signInStaff(env.app, t.slug, t.staff.advisor.login);
  technician = await signInStaff(env.app, t.slug, t.staff.technician.login);
  const mine = await createCustomer('李雷', '13900000011', '粤A12345');
  myCar = mine.vehicleId!;
  myCustomerId = mine.id;
  me = await signInCustomer(env, t, '13900000011');
});
afterAll(() => env.close());

describe('opening hours', () => {
  it('starts empty, with an ETag', async () => {
    const res = await call('GET', hoursUrl());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ storeId: t.storeId, timeZone: 'Asia/Shanghai', days: [] });
    expect(res.headers.etag).toBe(res.json().etag);
  });

  it('refuses bad hours with the field at fault, and changes nothing', async () => {
    const day = { weekday: 1, opensAt: '08:30', closesAt: '18:00', slotMinutes: 60, capacity: 3 };
    const cases: [Record<string, unknown>, string][] = [
      [{ closesAt: '08:30' }, 'days.0.closesAt'],
      [{ closesAt: '07:00' }, 'days.0.closesAt'],
      [{ opensAt: '8:30' }, 'days.0.opensAt'],
      [{ closesAt: '24:00' }, 'days.0.closesAt'],
      [{ slotMinutes: 9 }, 'days.0.slotMinutes'],
      [{ slotMinutes: 481 }, 'days.0.slotMinutes'],
      [{ slotMinutes: 30.5 }, 'days.0.slotMinutes'],
      [{ capacity: -1 }, 'days.0.capacity'],
      [{ capacity: 501 }, 'days.0.capacity'],
      [{ weekday: 7 }, 'days.0.weekday'],
      [{ closesAt: '09:00', slotMinutes: 60 }, 'days.0.slotMinutes'],
    ];
    for (const [patch, field] of cases) {
      const res = await call('PUT', hoursUrl(), {
        payload: { days: [{ ...day, ...patch }] },
        headers: owner.headers,
      });
      const error = expectError(res, 400, 'VALIDATION_FAILED');
      expect(error.field, JSON.stringify(patch)).toBe(field);
    }
    const twice = await call('PUT', hoursUrl(), {
      payload: { days: [day, { ...day, capacity: 1 }] },
      headers: owner.headers,
    });
    expect(expectError(twice, 400, 'VALIDATION_FAILED').field).toBe('days.1.weekday');
    expect((await call('GET', hoursUrl())).json().days).toEqual([]);
  });

  it('only owners and managers edit them; an unknown store is 404', async () => {
    expectError(await call('PUT', hoursUrl(), { payload: HOURS }), 403, 'FORBIDDEN');
    expectError(
      await call('PUT', hoursUrl(newId()), { payload: HOURS, headers: owner.headers }),
      404,
      'NOT_FOUND',
    );
  });

  it('saves the week with If-Match, and refuses a lost update with 412', async () => {
    const read = await call('GET', hoursUrl(), { headers: owner.headers });
    const first = read.headers.etag as string;
    const saved = await call('PUT', hoursUrl(), {
      payload: HOURS,
      headers: { ...owner.headers, 'if-match': first },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().days).toHaveLength(6);
    expect(saved.json().days[0]).toEqual({
      weekday: 1,
      opensAt: '08:30',
      closesAt: '18:00',
      slotMinutes: 60,
      capacity: 3,
    });
    const second = saved.headers.etag as string;
    expect(second).not.toBe(first);
    expect(saved.json().etag).toBe(second);

    // A second manager still holding the first ETag.
    const manager = await signInStaff(env.app, t.slug, t.staff.manager.login);
    const stale = await call('PUT', hoursUrl(), {
      payload: { days: [] },
      headers: { ...manager.headers, 'if-match': first },
    });
    expectError(stale, 412, 'PRECONDITION_FAILED');
    const now = await call('GET', hoursUrl());
    expect(now.json().days).toHaveLength(6);
    expect(now.headers.etag).toBe(second);

    const audit = await env.inTenant(t.id, (ctx) =>
      ctx.tx.select().from(auditLog).where(eq(auditLog.action, 'store.openingHoursChanged')),
    );
    expect(audit).toHaveLength(1);
  });
});

describe('availability', () => {
  it('lists future slots day by day in the store’s timezone; closed days are left out', async () => {
    const a = await availability(`storeId=${t.storeId}&from=2026-03-02&days=7`);
    expect(a.timeZone).toBe('Asia/Shanghai');
    // Mon–Sat; Sunday 2026-03-08 is closed.
    expect(a.days.map((d) => d.date)).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
    ]);
    // It is 10:00 on Monday: the first slot left is 10:30.
    expect(a.days[0]!.slots).toHaveLength(7);
    expect(a.days[0]!.slots[0]).toEqual({
      startsAt: '2026-03-02T02:30:00.000Z',
      endsAt: '2026-03-02T03:30:00.000Z',
      remaining: 3,
    });
    expect(a.days[1]!.slots).toHaveLength(9);
    // Saturday 06:00 in Shanghai is Friday 22:00 UTC.
    expect(a.days[5]!.slots[0]!.startsAt).toBe('2026-03-06T22:00:00.000Z');
    expect(a.days[5]!.weekday).toBe(6);
  });

  it('starts today by default; days in the past have nothing', async () => {
    const a = await availability(`storeId=${t.storeId}`);
    expect(a.days[0]!.date).toBe('2026-03-02');
    expect(a.days).toHaveLength(6);
    const past = await availability(`storeId=${t.storeId}&from=2026-02-20&days=3`);
    expect(past.days).toEqual([]);
  });

  it('staff see the same; bad queries are 400 and an unknown store 404', async () => {
    const staff = await call('GET', `/api/v1/staff/availability?storeId=${t.storeId}&days=2`);
    expect(staff.statusCode).toBe(200);
    expect(staff.json().days.map((d: { date: string }) => d.date)).toEqual([
      '2026-03-02',
      '2026-03-03',
    ]);
    for (const q of ['from=2026-02-30', 'from=20260302', 'days=0', 'days=32', 'days=x'])
      expectError(
        await call('GET', `/api/v1/app/availability?storeId=${t.storeId}&${q}`, {
          headers: me.headers,
        }),
        400,
        'VALIDATION_FAILED',
      );
    expectError(
      await call('GET', `/api/v1/app/availability?storeId=${newId()}`, { headers: me.headers }),
      404,
      'NOT_FOUND',
    );
  });

  it('uses the store’s own timezone when it has one (America/New_York, daylight saving)', async () => {
    const created = await call('POST', '/api/v1/staff/stores', {
      payload: { code: 'NY1', name: '纽约店' },
      headers: owner.headers,
    });
    const storeId = created.json().id as string;
    await env.inTenant(t.id, (ctx) =>
      ctx.tx.update(stores).set({ timezone: 'America/New_York' }).where(eq(stores.id, storeId)),
    );
    const day = { opensAt: '08:00', closesAt: '17:00', slotMinutes: 60, capacity: 2 };
    const put = await call('PUT', hoursUrl(storeId), {
      payload: { days: WEEKDAYS.map((weekday) => ({ weekday, ...day })) },
      headers: owner.headers,
    });
    expect(put.json().timeZone).toBe('America/New_York');
    const a = await availability(`storeId=${storeId}&from=2026-03-06&days=4`);
    // Friday 08:00 EST = 13:00 UTC; Monday 08:00 EDT = 12:00 UTC (clocks went forward Sunday).
    expect(a.days.map((d) => [d.date, d.slots[0]!.startsAt])).toEqual([
      ['2026-03-06', '2026-03-06T13:00:00.000Z'],
      ['2026-03-07', '2026-03-07T13:00:00.000Z'],
      ['2026-03-09', '2026-03-09T12:00:00.000Z'],
    ]);
    const storeList = await call('GET', '/api/v1/app/stores', { headers: me.headers });
    expect(storeList.json().items.map((s: { name: string }) => s.name)).toEqual([
      '纽约店',
      '一号店',
    ]);
  });
});

describe('booking by the car owner', () => {
  const SLOT = '2026-03-03T01:30:00.000Z'; // Tuesday 09:30

  it('books one of their cars into a slot; the event and the audit entry are written', async () => {
    const res = await call('POST', '/api/v1/app/appointments', {
      payload: {
        storeId: t.storeId,
        startsAt: SLOT,
        vehicleId: myCar,
        serviceCategory: 'oil_change',
        notes: ' 顺便查空调 ',
      },
      headers: me.headers,
    });
    expect(res.statusCode, res.body).toBe(201);
    const a: MyAppointment & { notes: string; serviceCategory: string } = res.json();
    expect(a).toMatchObject({
      store: { id: t.storeId, name: '一号店' },
      vehicle: { id: myCar, plate: '粤A12345' },
      startsAt: SLOT,
      endsAt: '2026-03-03T02:30:00.000Z',
      status: 'booked',
      serviceCategory: 'oil_change',
      notes: '顺便查空调',
      canCancel: true,
    });
    expect((await slotRow(SLOT))?.booked).toBe(1);
    const events = await eventsFor(a.id);
    expect(events.map((e) => e.type)).toEqual(['appointment.booked']);
    expect(events[0]!.payload).toMatchObject({
      appointmentId: a.id,
      customerId: myCustomerId,
      vehicleId: myCar,
      startsAt: SLOT,
    });
    const audit = await env.inTenant(t.id, (ctx) =>
      ctx.tx.select().from(auditLog).where(eq(auditLog.entityId, a.id)),
    );
    expect(audit.map((r) => [r.action, r.actorType])).toEqual([['appointment.booked', 'customer']]);

    const mine = await call('GET', '/api/v1/app/me/appointments', { headers: me.headers });
    expect(mine.json().items.map((x: MyAppointment) => x.id)).toEqual([a.id]);
    const remaining = remainingAt(await availability(`storeId=${t.storeId}&days=3`), SLOT);
    expect(remaining).toBe(2);
  });

  it('refuses the same car at an overlapping time (409), but takes another time', async () => {
    const again = await call('POST', '/api/v1/app/appointments', {
      payload: { storeId: t.storeId, startsAt: SLOT, vehicleId: myCar },
      headers: me.headers,
    });
    expectError(again, 409, 'APPOINTMENT_OVERLAP');
    // The same instant written with its offset: 10:30 in Shanghai.
    const later = await call('POST', '/api/v1/app/appointments', {
      payload: { storeId: t.storeId, startsAt: '2026-03-03T10:30:00+08:00', vehicleId: myCar },
      headers: me.headers,
    });
    expect(later.statusCode, later.body).toBe(201);
    expect(later.json().startsAt).toBe('2026-03-03T02:30:00.000Z');
    expect((await slotRow(SLOT))?.booked).toBe(1);
  });

  it('refuses a time that is not a slot start (422), a past slot (422) and others’ cars (404)', async () => {
    const book = (payload: Record<string, unknown>) =>
      call('POST', '/api/v1/app/appointments', {
        payload: { storeId: t.storeId, vehicleId: myCar, ...payload },
        headers: me.headers,
      });
    for (const startsAt of [
      '2026-03-04T01:00:00Z', // 09:00: inside a slot
      '2026-03-04T01:30:01Z', // a second late
      '2026-03-08T01:30:00Z', // Sunday: closed
      '2026-03-04T09:30:00Z', // 17:30: would end after 18:00
    ]) {
      const error = expectError(await book({ startsAt }), 422, 'APPOINTMENT_SLOT_INVALID');
      expect(error.field).toBe('startsAt');
    }
    expectError(await book({ startsAt: '2026-03-02T00:30:00Z' }), 422, 'APPOINTMENT_SLOT_PAST');
    expectError(await book({ startsAt: '2026-03-04 09:30' }), 400, 'VALIDATION_FAILED');
    const other = await createCustomer('韩梅梅', '13900000012', '粤A54321');
    const error = expectError(
      await book({ startsAt: '2026-03-04T01:30:00Z', vehicleId: other.vehicleId }),
      404,
      'NOT_FOUND',
    );
    expect(error.field).toBe('vehicleId');
    expectError(
      await book({ startsAt: '2026-03-04T01:30:00Z', storeId: newId() }),
      404,
      'NOT_FOUND',
    );
    expect(await slotRow('2026-03-04T01:30:00Z')).toBeNull();
  });

  it('an Idempotency-Key replay returns the first booking and takes no second place', async () => {
    const startsAt = '2026-03-04T03:30:00.000Z';
    const send = () =>
      env.app.inject({
        method: 'POST',
        url: '/api/v1/app/appointments',
        headers: { ...me.headers, 'idempotency-key': 'book-once' },
        payload: { storeId: t.storeId, startsAt, vehicleId: myCar },
      });
    const first = await send();
    const second = await send();
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().id).toBe(first.json().id);
    expect((await slotRow(startsAt))?.booked).toBe(1);
  });
});

describe('a full slot', () => {
  const SLOT = '2026-03-05T01:30:00.000Z'; // Thursday 09:30, 3 places

  it('takes three bookings and refuses the fourth with 409, writing nothing', async () => {
    for (let i = 0; i < 3; i++) expect((await staffBooking(SLOT)).res.statusCode).toBe(201);
    const fourth = await staffBooking(SLOT);
    const error = expectError(fourth.res, 409, 'APPOINTMENT_SLOT_FULL');
    expect(error.field).toBe('startsAt');
    expect((await slotRow(SLOT))?.booked).toBe(3);
    const rows = await env.inTenant(t.id, (ctx) =>
      ctx.tx.select().from(appointments).where(eq(appointments.customerId, fourth.customer.id)),
    );
    expect(rows).toEqual([]);
    const a = await availability(`storeId=${t.storeId}&from=2026-03-05&days=1`);
    expect(remainingAt(a, SLOT)).toBe(0);
  });

  it('ten concurrent requests for a 3-place slot: exactly 3 succeed, 7 get 409', async () => {
    const slot = '2026-03-05T03:30:00.000Z';
    const customers = [];
    for (let i = 0; i < 10; i++) {
      const n = ++plateNo;
      customers.push(
        await createCustomer(
          `并发${n}`,
          `1370000${String(n).padStart(4, '0')}`,
          `粤B${String(10000 + n)}`,
        ),
      );
    }
    const results = await Promise.all(
      customers.map((c) =>
        call('POST', '/api/v1/staff/appointments', {
          payload: { customerId: c.id, vehicleId: c.vehicleId, storeId: t.storeId, startsAt: slot },
        }),
      ),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 201, 201, 409, 409, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(r.json().error.code).toBe('APPOINTMENT_SLOT_FULL');
    expect((await slotRow(slot))?.booked).toBe(3);
    const rows = await env.inTenant(t.id, (ctx) =>
      ctx.tx
        .select()
        .from(appointments)
        .where(and(eq(appointments.storeId, t.storeId), eq(appointments.startsAt, new Date(slot)))),
    );
    expect(rows).toHaveLength(3);
  });

  it('cancelling frees the place for the next customer', async () => {
    const board = await call(
      'GET',
      `/api/v1/staff/appointments?storeId=${t.storeId}&date=2026-03-05`,
    );
    const first = (board.json().items as Appointment[]).find((a) => a.startsAt === SLOT)!;
    const cancelled = await call('POST', `/api/v1/staff/appointments/${first.id}/cancel`, {
      payload: { reason: '客户改约' },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelledAt: NOW.toISOString() });
    expect((await slotRow(SLOT))?.booked).toBe(2);
    const events = await eventsFor(first.id);
    expect(events.map((e) => e.type)).toEqual(['appointment.booked', 'appointment.cancelled']);
    expect(events[1]!.payload).toMatchObject({ reason: '客户改约', from: 'confirmed' });
    expectError(
      await call('POST', `/api/v1/staff/appointments/${first.id}/cancel`, { payload: {} }),
      409,
      'APPOINTMENT_STATUS_CONFLICT',
    );
    expect((await slotRow(SLOT))?.booked).toBe(2);
    expect((await staffBooking(SLOT)).res.statusCode).toBe(201);
    expect((await slotRow(SLOT))?.booked).toBe(3);
  });
});

describe('staff moves', () => {
  it('reschedule frees the old place and takes the new one in one step', async () => {
    const from = '2026-03-06T01:30:00.000Z';
    const to = '2026-03-06T02:30:00.000Z';
    const { res } = await staffBooking(from);
    const id = res.json().id as string;
    const moved = await call('POST', `/api/v1/staff/appointments/${id}/reschedule`, {
      payload: { startsAt: to },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ startsAt: to, endsAt: '2026-03-06T03:30:00.000Z' });
    expect((await slotRow(from))?.booked).toBe(0);
    expect((await slotRow(to))?.booked).toBe(1);
    const events = await eventsFor(id);
    expect(events.map((e) => e.type)).toEqual(['appointment.booked', 'appointment.rescheduled']);
    expect(events[1]!.payload).toMatchObject({ startsAt: to, from: { startsAt: from } });

    // Into a full slot: 409, and the booking keeps its place.
    const full = '2026-03-06T03:30:00.000Z';
    for (let i = 0; i < 3; i++) await staffBooking(full);
    expectError(
      await call('POST', `/api/v1/staff/appointments/${id}/reschedule`, {
        payload: { startsAt: full },
      }),
      409,
      'APPOINTMENT_SLOT_FULL',
    );
    expect((await slotRow(to))?.booked).toBe(1);
    expect((await slotRow(full))?.booked).toBe(3);
    expectError(
      await call('POST', `/api/v1/staff/appointments/${id}/reschedule`, {
        payload: { startsAt: '2026-03-06T02:00:00Z' },
      }),
      422,
      'APPOINTMENT_SLOT_INVALID',
    );
    const after = await call('GET', `/api/v1/staff/appointments/${id}`);
    expect(after.json().startsAt).toBe(to);
  });

  it('a booking staff make is confirmed at once, as the owner’s message says', async () => {
    const { res, customer } = await staffBooking('2026-03-06T07:30:00.000Z');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('confirmed');
    const [told] = await queryRows<{ template_key: string }>(
      env.database.adminDb,
      sql`select template_key from message_intents
          where customer_id = ${customer.id}::uuid and dedupe_key = ${`appointment.confirmed:${res.json().id}`}`,
    );
    expect(told?.template_key).toBe('appointment.confirmed');
    expect(
      (await eventsFor(res.json().id)).map((e) => [
        e.type,
        (e.payload as { status: string }).status,
      ]),
    ).toEqual([['appointment.booked', 'confirmed']]);
    expectError(
      await call('POST', `/api/v1/staff/appointments/${res.json().id}/confirm`),
      409,
      'APPOINTMENT_STATUS_CONFLICT',
    );
  });

  it('confirm → check-in; illegal moves are 409 with a code; no-show only after the start', async () => {
    // The owner books in the app: it waits for the store to confirm it.
    const res = await call('POST', '/api/v1/app/appointments', {
      payload: { storeId: t.storeId, startsAt: '2026-03-06T05:30:00.000Z', vehicleId: myCar },
      headers: me.headers,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('booked');
    const id = res.json().id as string;
    const post = (action: string, headers?: Headers) =>
      call('POST', `/api/v1/staff/appointments/${id}/${action}`, headers ? { headers } : {});
    expectError(await post('no-show'), 409, 'APPOINTMENT_NOT_STARTED');
    expectError(await post('confirm', technician.headers), 403, 'FORBIDDEN');
    expect((await post('confirm')).json().status).toBe('confirmed');
    const again = expectError(await post('confirm'), 409, 'APPOINTMENT_STATUS_CONFLICT');
    expect(again.details).toMatchObject({ status: 'confirmed', action: 'confirm' });
    expect((await post('check-in')).json().status).toBe('checked_in');
    expectError(
      await call('POST', `/api/v1/staff/appointments/${id}/cancel`, { payload: {} }),
      409,
      'APPOINTMENT_STATUS_CONFLICT',
    );
    expectError(
      await call('POST', `/api/v1/staff/appointments/${id}/reschedule`, {
        payload: { startsAt: '2026-03-06T06:30:00Z' },
      }),
      409,
      'APPOINTMENT_STATUS_CONFLICT',
    );
    expect((await eventsFor(id)).map((e) => e.type)).toEqual([
      'appointment.booked',
      'appointment.confirmed',
      'appointment.checkedIn',
    ]);

    // Today 11:30; at 11:45 the customer has not come (staff sessions last hours, not days).
    const late = await staffBooking('2026-03-02T03:30:00.000Z');
    const lateId = late.res.json().id as string;
    clock.set(new Date('2026-03-02T03:45:00.000Z'));
    try {
      const noShow = await call('POST', `/api/v1/staff/appointments/${lateId}/no-show`);
      expect(noShow.json().status).toBe('no_show');
      expect((await eventsFor(lateId)).map((e) => e.type)).toContain('appointment.noShow');
    } finally {
      clock.set(NOW);
    }
  });

  it('an unknown id is 404', async () => {
    expectError(
      await call('POST', `/api/v1/staff/appointments/${newId()}/confirm`),
      404,
      'NOT_FOUND',
    );
  });
});

describe('the day board', () => {
  it('shows the day in the store’s timezone with customer, phone and plate', async () => {
    // Saturday 06:00 in Shanghai: Friday 22:00 UTC.
    const early = await staffBooking('2026-03-06T22:00:00.000Z');
    const board = await call(
      'GET',
      `/api/v1/staff/appointments?storeId=${t.storeId}&date=2026-03-07`,
    );
    expect(board.statusCode).toBe(200);
    const body = board.json() as {
      date: string;
      timeZone: string;
      slots: { startsAt: string; booked: number; remaining: number; capacity: number }[];
      items: Appointment[];
    };
    expect(body.slots).toHaveLength(6);
    expect(body.slots[0]).toMatchObject({
      startsAt: '2026-03-06T22:00:00.000Z',
      capacity: 3,
      booked: 1,
      remaining: 2,
    });
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({
      id: early.res.json().id,
      customer: { id: early.customer.id, phone: expect.stringMatching(/^\+86137/) },
      vehicle: { plate: expect.stringMatching(/^粤B/) },
      status: 'confirmed',
      storeName: '一号店',
    });
    // Not on Friday's board, although it is Friday in UTC.
    const friday = await call(
      'GET',
      `/api/v1/staff/appointments?storeId=${t.storeId}&date=2026-03-06`,
    );
    expect((friday.json().items as Appointment[]).map((a) => a.id)).not.toContain(
      early.res.json().id,
    );

    // A technician sees the board with masked phones.
    const tech = await call(
      'GET',
      `/api/v1/staff/appointments?storeId=${t.storeId}&date=2026-03-07`,
      { headers: technician.headers },
    );
    expect(tech.json().items[0].customer.phone).toMatch(/^137\*{4}\d{4}$/);
    expectError(
      await call('GET', `/api/v1/staff/appointments?storeId=${t.storeId}&date=2026-3-7`),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('a board of a closed day has no slots', async () => {
    const sunday = await call(
      'GET',
      `/api/v1/staff/appointments?storeId=${t.storeId}&date=2026-03-08`,
    );
    expect(sunday.json()).toMatchObject({ slots: [], items: [] });
  });
});

describe('the car owner’s bookings', () => {
  it('cancels their own booking (the place is freed), not someone else’s', async () => {
    const startsAt = '2026-03-04T05:30:00.000Z';
    const booked = await call('POST', '/api/v1/app/appointments', {
      payload: { storeId: t.storeId, startsAt, vehicleId: myCar },
      headers: me.headers,
    });
    const id = booked.json().id as string;
    const other = await staffBooking(startsAt);
    const othersId = other.res.json().id as string;
    expect((await slotRow(startsAt))?.booked).toBe(2);

    expectError(
      await call('POST', `/api/v1/app/me/appointments/${othersId}/cancel`, {
        payload: {},
        headers: me.headers,
      }),
      404,
      'NOT_FOUND',
    );
    const res = await call('POST', `/api/v1/app/me/appointments/${id}/cancel`, {
      payload: { reason: '临时出差' },
      headers: me.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', canCancel: false });
    expect((await slotRow(startsAt))?.booked).toBe(1);
    expect((await eventsFor(id)).map((e) => e.type)).toEqual([
      'appointment.booked',
      'appointment.cancelled',
    ]);
  });

  it('cannot cancel once the booking has started', async () => {
    const startsAt = '2026-03-04T06:30:00.000Z';
    const booked = await call('POST', '/api/v1/app/appointments', {
      payload: { storeId: t.storeId, startsAt, vehicleId: myCar },
      headers: me.headers,
    });
    const id = booked.json().id as string;
    clock.set(new Date('2026-03-04T06:40:00.000Z'));
    try {
      const list = await call('GET', '/api/v1/app/me/appointments', { headers: me.headers });
      expect(list.json().items.find((a: MyAppointment) => a.id === id).canCancel).toBe(false);
      expectError(
        await call('POST', `/api/v1/app/me/appointments/${id}/cancel`, {
          payload: {},
          headers: me.headers,
        }),
        409,
        'APPOINTMENT_STARTED',
      );
    } finally {
      clock.set(NOW);
    }
  });

  it('downloads a booking as an iCalendar file; others’ ids are 404', async () => {
    const list = await call('GET', '/api/v1/app/me/appointments', { headers: me.headers });
    const a = (list.json().items as MyAppointment[]).find(
      (x) => x.startsAt === '2026-03-03T01:30:00.000Z',
    )!;
    const res = await call('GET', `/api/v1/app/me/appointments/${a.id}/ics`, {
      headers: me.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    expect(res.headers['content-disposition']).toContain('.ics');
    const text = res.body;
    expect(text).toMatch(/^BEGIN:VCALENDAR\r?\n/);
    expect(text).toContain('BEGIN:VEVENT');
    expect(text).toContain('DTSTART:20260303T013000Z');
    expect(text).toContain('DTEND:20260303T023000Z');
    expect(text).toContain(`UID:${a.id}`);
    expect(text).toMatch(/SUMMARY:.*一号店.*粤A12345/);
    expect(text).toContain('LOCATION:一号店');
    expect(text).toContain('END:VCALENDAR');

    const staffIcs = await call('GET', `/api/v1/staff/appointments/${a.id}/ics`);
    expect(staffIcs.statusCode).toBe(200);
    expect(staffIcs.body).toContain(`UID:${a.id}`);

    const others = await staffBooking('2026-03-04T07:30:00.000Z');
    const othersId = others.res.json().id as string;
    for (const url of [
      `/api/v1/app/me/appointments/${othersId}/ics`,
      `/api/v1/app/me/appointments/${othersId}`,
    ])
      expectError(await call('GET', url, { headers: me.headers }), 404, 'NOT_FOUND');
  });
});
