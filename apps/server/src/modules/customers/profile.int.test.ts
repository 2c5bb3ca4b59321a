import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../kernel/clock.ts';
import {
  createTestEnv,
  signInCustomer,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';

const clock = fixedClock(new Date('2026-11-20T02:00:00Z'));
let env: TestEnv;
let tenant: TestTenant;
let advisor: Session;
let manager: Session;

beforeAll(async () => {
  env = await createTestEnv({ clock });
  tenant = await env.createTenant('profile-shop');
  advisor = await signInStaff(env.app, tenant.slug, tenant.staff.advisor.login);
  manager = await signInStaff(env.app, tenant.slug, tenant.staff.manager.login);
});
afterAll(() => env.close());

const call = (
  s: Session,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  url: string,
  payload?: object,
) => env.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

async function newCustomer(phone: string, extra: object = {}) {
  const res = await call(advisor, 'POST', '/api/v1/staff/customers', {
    name: '客户' + phone.slice(-4),
    phone,
    ...extra,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as {
    id: string;
    consents: { channel: string; purpose: string; granted: boolean; method: string | null }[];
  };
}

async function newCar(customerId: string, plate: string) {
  const res = await call(advisor, 'POST', `/api/v1/staff/customers/${customerId}/vehicles`, {
    plate,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string };
}

const events = (type: string) =>
  queryRows<{ type: string; payload: Record<string, unknown> }>(
    env.database.adminDb,
    sql`select type, payload from outbox_events where tenant_id = ${tenant.id} and type = ${type} order by occurred_at`,
  );

describe('customer profile', () => {
  it('keeps preferences and timezone, and refuses an unknown timezone', async () => {
    const c = await newCustomer('13500000001', {
      preferredChannel: 'sms',
      language: 'en',
      timezone: 'Asia/Shanghai',
    });
    const got = (await call(advisor, 'GET', `/api/v1/staff/customers/${c.id}`)).json();
    expect(got).toMatchObject({
      preferredChannel: 'sms',
      language: 'en',
      timezone: 'Asia/Shanghai',
    });
    const bad = await call(advisor, 'PATCH', `/api/v1/staff/customers/${c.id}`, {
      timezone: 'Mars/Olympus',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'timezone' });
  });

  it('records consent per channel and purpose with when and how, keeping history', async () => {
    const c = await newCustomer('13500000002', {
      consents: [{ channel: 'sms', purpose: 'service', granted: true }],
    });
    expect(c.consents.find((x) => x.channel === 'sms' && x.purpose === 'service')).toMatchObject({
      granted: true,
      method: 'staff',
    });
    expect(c.consents.find((x) => x.channel === 'sms' && x.purpose === 'marketing')).toMatchObject({
      granted: false,
      method: null,
    });
    expect(c.consents).toHaveLength(10);

    clock.advance(60_000);
    const given = await call(advisor, 'POST', `/api/v1/staff/customers/${c.id}/consents`, {
      consents: [{ channel: 'sms', purpose: 'marketing', granted: true }],
      method: 'reply',
    });
    expect(given.statusCode).toBe(200);
    clock.advance(60_000);
    await call(advisor, 'POST', `/api/v1/staff/customers/${c.id}/consents`, {
      consents: [{ channel: 'sms', purpose: 'marketing', granted: false }],
    });
    const history = (await call(advisor, 'GET', `/api/v1/staff/customers/${c.id}/consents`)).json()
      .items;
    expect(history.map((h: { granted: boolean; method: string }) => [h.granted, h.method])).toEqual(
      [
        [false, 'staff'],
        [true, 'reply'],
        [true, 'staff'],
      ],
    );
    const now = (await call(advisor, 'GET', `/api/v1/staff/customers/${c.id}`)).json().consents;
    expect(
      now.find(
        (x: { channel: string; purpose: string }) =>
          x.channel === 'sms' && x.purpose === 'marketing',
      ).granted,
    ).toBe(false);
  });

  it('recording what is already in force adds no row', async () => {
    const c = await newCustomer('13500000003');
    const body = { consents: [{ channel: 'email', purpose: 'service', granted: true }] };
    await call(advisor, 'POST', `/api/v1/staff/customers/${c.id}/consents`, body);
    await call(advisor, 'POST', `/api/v1/staff/customers/${c.id}/consents`, body);
    const history = (await call(advisor, 'GET', `/api/v1/staff/customers/${c.id}/consents`)).json()
      .items;
    expect(history).toHaveLength(1);
  });

  it('lets the car owner see and change their own consents in the app', async () => {
    const owner = await signInCustomer(env, tenant, '13500000004');
    const mine = (
      await env.app.inject({ url: '/api/v1/app/me/consents', headers: owner.headers })
    ).json().consents;
    expect(
      mine.find(
        (x: { channel: string; purpose: string }) =>
          x.channel === 'inapp' && x.purpose === 'service',
      ),
    ).toMatchObject({ granted: true, method: 'app' });
    const put = await env.app.inject({
      method: 'PUT',
      url: '/api/v1/app/me/consents',
      headers: owner.headers,
      payload: { consents: [{ channel: 'sms', purpose: 'marketing', granted: true }] },
    });
    expect(put.statusCode).toBe(200);
    expect(
      put
        .json()
        .consents.find(
          (x: { channel: string; purpose: string }) =>
            x.channel === 'sms' && x.purpose === 'marketing',
        ),
    ).toMatchObject({ granted: true, method: 'app' });
  });
});

describe('merging duplicates', () => {
  it('moves cars, orders and consents to the survivor, hides the duplicate, and logs who did it', async () => {
    const survivor = await newCustomer('13500000010', { tags: ['VIP'] });
    const duplicate = await newCustomer('13500000011', {
      tags: ['车队'],
      birthday: '1990-01-02',
      consents: [{ channel: 'email', purpose: 'marketing', granted: true }],
    });
    const car = await newCar(duplicate.id, '粤A5M001');

    const advisorTry = await call(advisor, 'POST', `/api/v1/staff/customers/${survivor.id}/merge`, {
      duplicateId: duplicate.id,
    });
    expect(advisorTry.statusCode).toBe(403);
    const self = await call(manager, 'POST', `/api/v1/staff/customers/${survivor.id}/merge`, {
      duplicateId: survivor.id,
    });
    expect(self.json().error.code).toBe('CUSTOMER_MERGE_SELF');

    const res = await call(manager, 'POST', `/api/v1/staff/customers/${survivor.id}/merge`, {
      duplicateId: duplicate.id,
    });
    expect(res.statusCode).toBe(200);
    const merged = res.json();
    expect(merged.moved).toMatchObject({
      vehicles: 1,
      vehicle_ownerships: 1,
      customer_consents: 1,
    });
    expect(merged.customer.vehicles.map((v: { plate: string }) => v.plate)).toEqual(['粤A5M001']);
    expect(merged.customer.tags.sort()).toEqual(['VIP', '车队'].sort());
    expect(merged.customer.birthday).toBe('1990-01-02');
    expect(
      merged.customer.consents.find(
        (x: { channel: string; purpose: string }) =>
          x.channel === 'email' && x.purpose === 'marketing',
      ).granted,
    ).toBe(true);

    expect((await call(advisor, 'GET', `/api/v1/staff/customers/${duplicate.id}`)).statusCode).toBe(
      404,
    );
    const search = (await call(advisor, 'GET', '/api/v1/staff/customers?q=13500000011')).json();
    expect(search.items).toHaveLength(0);
    expect((await call(advisor, 'GET', `/api/v1/staff/vehicles/${car.id}`)).json().customerId).toBe(
      survivor.id,
    );

    const [audit] = await queryRows<{ actor_id: string; action: string }>(
      env.database.adminDb,
      sql`select actor_id, action from audit_log where tenant_id = ${tenant.id} and action = 'customer.merged'`,
    );
    expect(audit).toMatchObject({ actor_id: tenant.staff.manager.id });
    expect((await events('customer.merged')).at(-1)?.payload).toMatchObject({
      survivorId: survivor.id,
      duplicateId: duplicate.id,
    });

    // The duplicate's phone now signs its owner in as the survivor.
    const owner = await signInCustomer(env, tenant, '13500000011');
    const cars = (
      await env.app.inject({ url: '/api/v1/app/me/vehicles', headers: owner.headers })
    ).json().items;
    expect(cars.map((v: { plate: string }) => v.plate)).toEqual(['粤A5M001']);

    const again = await call(manager, 'POST', `/api/v1/staff/customers/${survivor.id}/merge`, {
      duplicateId: duplicate.id,
    });
    expect(again.statusCode).toBe(404);
    // The hidden duplicate gets no new car (segments count a car's owner as a live customer).
    const late = await call(advisor, 'POST', `/api/v1/staff/customers/${duplicate.id}/vehicles`, {
      plate: '粤A5M002',
    });
    expect(late.statusCode).toBe(404);
    expect(late.json().error.field).toBe('customerId');
  });
});

describe('cars: transfer and mileage', () => {
  it('transfers a car to another owner and keeps its history with the car', async () => {
    const seller = await newCustomer('13500000020');
    const buyer = await newCustomer('13500000021');
    const car = await newCar(seller.id, '粤A5T001');
    await call(advisor, 'POST', `/api/v1/staff/vehicles/${car.id}/odometer`, { mileageKm: 30000 });
    clock.advance(3_600_000);
    const same = await call(advisor, 'POST', `/api/v1/staff/vehicles/${car.id}/transfer`, {
      toCustomerId: seller.id,
    });
    expect(same.json().error.code).toBe('VEHICLE_TRANSFER_SAME_OWNER');
    const unknown = await call(advisor, 'POST', `/api/v1/staff/vehicles/${car.id}/transfer`, {
      toCustomerId: '01900000-0000-7000-8000-00000000abcd',
    });
    expect(unknown.statusCode).toBe(404);
    const res = await call(advisor, 'POST', `/api/v1/staff/vehicles/${car.id}/transfer`, {
      toCustomerId: buyer.id,
      reason: '二手车过户',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().customerId).toBe(buyer.id);
    const owners = (await call(advisor, 'GET', `/api/v1/staff/vehicles/${car.id}/owners`)).json()
      .items;
    expect(
      owners.map((o: { customerId: string; toAt: string | null }) => [
        o.customerId,
        o.toAt === null,
      ]),
    ).toEqual([
      [buyer.id, true],
      [seller.id, false],
    ]);
    const readings = (
      await call(advisor, 'GET', `/api/v1/staff/vehicles/${car.id}/odometer`)
    ).json().items;
    expect(readings[0].mileageKm).toBe(30000);
    expect((await events('vehicle.transferred')).at(-1)?.payload).toMatchObject({
      fromCustomerId: seller.id,
      toCustomerId: buyer.id,
    });
  });

  it('lets the owner report mileage, refuses a rollback unless confirmed, and hides others’ cars', async () => {
    const c = await newCustomer('13500000030');
    const car = await newCar(c.id, '粤A5K001');
    const owner = await signInCustomer(env, tenant, '13500000030');
    const report = (mileageKm: number, extra: object = {}, vehicleId = car.id) =>
      env.app.inject({
        method: 'POST',
        url: `/api/v1/app/me/vehicles/${vehicleId}/odometer`,
        headers: owner.headers,
        payload: { mileageKm, ...extra },
      });
    expect((await report(42000)).statusCode).toBe(201);
    const back = await report(30000);
    expect(back.statusCode).toBe(422);
    expect(back.json().error).toMatchObject({
      code: 'ODOMETER_ROLLBACK',
      field: 'mileageKm',
      details: { lastMileageKm: 42000 },
    });
    expect((await report(41500)).statusCode).toBe(201); // within the typo tolerance
    expect((await report(100, { confirmRollback: true })).statusCode).toBe(201);
    expect((await report(-5)).statusCode).toBe(400);
    expect((await report(1.5)).statusCode).toBe(400);
    const other = await newCar((await newCustomer('13500000031')).id, '粤A5K002');
    expect((await report(1000, {}, other.id)).statusCode).toBe(404);
    const cars = (
      await env.app.inject({ url: '/api/v1/app/me/vehicles', headers: owner.headers })
    ).json().items;
    expect(cars[0].lastMileageKm).toBe(100);
    const recorded = await events('vehicle.mileageRecorded');
    expect(
      recorded.filter((e) => e.payload.vehicleId === car.id).map((e) => e.payload.source),
    ).toEqual(['owner', 'owner', 'owner']);
  });

  it('keeps insurance expiry and next inspection dates', async () => {
    const c = await newCustomer('13500000040');
    const res = await call(advisor, 'POST', `/api/v1/staff/customers/${c.id}/vehicles`, {
      plate: '粤A5J001',
      insuranceExpiry: '2027-03-01',
      nextInspectionDate: '2028-05-01',
    });
    expect(res.json()).toMatchObject({
      insuranceExpiry: '2027-03-01',
      nextInspectionDate: '2028-05-01',
    });
    const bad = await call(advisor, 'PATCH', `/api/v1/staff/vehicles/${res.json().id}`, {
      insuranceExpiry: '2027-13-45x',
    });
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'insuranceExpiry' });
  });
});
