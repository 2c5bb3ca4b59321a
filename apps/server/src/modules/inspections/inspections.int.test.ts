// Inspections against a real database: a technician walks a car (readings suggest the status,
// photos, jobs on findings), the owner approves one job (the order grows at once) and declines
// another (declined work on the order, a due item with its reading, the declined-work reminder),
// a later order doing that work closes the loop; every refusal with its code and nothing half done;
// the report stays with the car when it changes hands; the metrics count it all.
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
import { todayPreview } from '../reminders/index.ts';
import { recoverDeclinedWork } from './recovery.ts';
import {
  caller,
  carWithOrder,
  expectError,
  itemByKey,
  sentInspection,
  uploadPhoto,
  type ItemDto,
} from './testing/helpers.ts';

const DAY = 24 * 60 * 60 * 1000;
const clock = fixedClock(new Date('2026-11-22T02:00:00.000Z'));
let env: TestEnv;
let t: TestTenant;
let advisor: Session;
let technician: Session;
let manager: Session;
let call: ReturnType<typeof caller>;

beforeAll(async () => {
  env = await createTestEnv({ clock });
  t = await env.createTenant();
  advisor = await signInStaff(env.app, t.slug, t.staff.advisor.login);
  technician = await signInStaff(env.app, t.slug, t.staff.technician.login);
  manager = await signInStaff(env.app, t.slug, t.staff.manager.login);
  call = caller(env);
});
afterAll(() => env.close());

const order = async (orderId: string) =>
  (await call(advisor, 'GET', `/api/v1/staff/service-orders/${orderId}`)).json() as {
    totalFen: number;
    status: string;
    items: { description: string; unitPriceFen: number }[];
    declined: { description: string }[];
  };
const decide = (owner: Session, inspectionId: string, itemId: string, decision: string) =>
  call(owner, 'POST', `/api/v1/app/me/inspections/${inspectionId}/items/${itemId}/decision`, {
    decision,
  });

describe('the technician walks the car', () => {
  it('opens the standard check, suggests status from readings, takes photos, refuses bad input', async () => {
    const car = await carWithOrder(env, t, advisor);
    const opened = await call(
      technician,
      'POST',
      `/api/v1/staff/service-orders/${car.orderId}/inspections`,
      {},
    );
    expect(opened.statusCode, opened.body).toBe(201);
    const insp = opened.json();
    expect(insp.items.length).toBeGreaterThanOrEqual(10);
    expect(insp.mileageKm).toBe(45200);
    const pads = itemByKey(insp, 'pads_front');
    const url = `/api/v1/staff/inspections/${insp.id}/items/${pads.id}`;

    const red = await call(technician, 'PATCH', url, { value: 1.8 });
    expect(itemByKey(red.json(), 'pads_front')).toMatchObject({ status: 'red', value: 1.8 });
    const amber = await call(technician, 'PATCH', url, { value: 3 });
    expect(itemByKey(amber.json(), 'pads_front')).toMatchObject({ status: 'amber', value: 3 });

    expectError(
      await call(technician, 'PATCH', url, { value: 40 }),
      422,
      'INSPECTION_MEASUREMENT_OUT_OF_RANGE',
    );
    const lights = itemByKey(insp, 'lights');
    expectError(
      await call(technician, 'PATCH', `/api/v1/staff/inspections/${insp.id}/items/${lights.id}`, {
        value: 1,
      }),
      422,
      'INSPECTION_MEASUREMENT_OUT_OF_RANGE',
    );

    const photo = await uploadPhoto(env, technician);
    expect(photo.statusCode, photo.body).toBe(201);
    const withPhoto = await call(technician, 'PATCH', url, {
      photoIds: [photo.json().id],
      note: '内侧偏磨',
    });
    expect(itemByKey(withPhoto.json(), 'pads_front').photos).toHaveLength(1);
    const pdf = await uploadPhoto(
      env,
      technician,
      Buffer.from('%PDF-1.4 not a picture'),
      'pads.jpg',
    );
    expectError(pdf, 415, 'MEDIA_TYPE_NOT_ALLOWED');

    // Another staff member's upload is not theirs to attach.
    const other = await uploadPhoto(env, advisor);
    expectError(
      await call(technician, 'PATCH', url, { photoIds: [photo.json().id, other.json().id] }),
      422,
      'MEDIA_NOT_FOUND',
    );

    const battery = itemByKey(insp, 'battery');
    await call(technician, 'PATCH', `/api/v1/staff/inspections/${insp.id}/items/${battery.id}`, {
      value: 95,
    });
    expectError(
      await call(
        technician,
        'PUT',
        `/api/v1/staff/inspections/${insp.id}/items/${battery.id}/job`,
        {
          description: '更换电瓶',
          labourFen: 0,
          partsFen: 60000,
        },
      ),
      422,
      'INSPECTION_JOB_NEEDS_FINDING',
    );
    const after = (await call(technician, 'GET', `/api/v1/staff/inspections/${insp.id}`)).json();
    expect(itemByKey(after, 'pads_front')).toMatchObject({
      status: 'amber',
      value: 3,
      note: '内侧偏磨',
    });
    expect(itemByKey(after, 'pads_front').photos).toHaveLength(1);
    expect(itemByKey(after, 'battery').job).toBeNull();
  });

  it('refuses an inspection on a cancelled order', async () => {
    const car = await carWithOrder(env, t, advisor);
    const c = await call(advisor, 'POST', `/api/v1/staff/service-orders/${car.orderId}/cancel`, {
      reason: '客户改期',
    });
    expect(c.statusCode, c.body).toBe(200);
    expectError(
      await call(technician, 'POST', `/api/v1/staff/service-orders/${car.orderId}/inspections`, {}),
      409,
      'INSPECTION_ORDER_CLOSED',
    );
    const list = await call(
      technician,
      'GET',
      `/api/v1/staff/service-orders/${car.orderId}/inspections`,
    );
    expect(list.json().items).toEqual([]);
  });
});

describe('the owner decides line by line', () => {
  it('approves one job into the order, declines another into a due item, refuses the rest', async () => {
    const car = await carWithOrder(env, t, advisor);
    const ins = await sentInspection(env, technician, car.orderId);
    const intents = await queryRows<{ data: { inspection: { link: string } } }>(
      env.database.adminDb,
      sql`select data from message_intents where tenant_id = ${t.id}
          and customer_id = ${car.customerId} and template_key = 'inspection.ready'`,
    );
    expect(intents).toHaveLength(1);
    expect(intents[0]!.data.inspection.link).toContain(`/app/inspections/${ins.id}?t=${t.slug}`);
    const owner = await signInCustomer(env, t, car.phone);
    const report = (await call(owner, 'GET', `/api/v1/app/me/inspections/${ins.id}`)).json();
    expect(report.canDecide).toBe(true);
    expect(itemByKey(report, 'pads_front').job?.totalFen).toBe(50000);

    const before = (await order(car.orderId)).totalFen;
    const approved = await decide(owner, ins.id, ins.pads, 'approved');
    expect(approved.statusCode, approved.body).toBe(200);
    const o = await order(car.orderId);
    expect(o.totalFen).toBe(before + 50000);
    expect(o.items.map((i) => i.description)).toContain('更换前刹车片');
    // The order's advisor is told at once.
    const notices = await queryRows<{ n: number }>(
      env.database.adminDb,
      sql`select count(*)::int as n from message_intents where tenant_id = ${t.id}
          and template_key = 'system.text' and data::text like ${'%已同意检查建议「更换前刹车片」%'}`,
    );
    expect(notices[0]!.n).toBe(1);
    expectError(await decide(owner, ins.id, ins.pads, 'declined'), 409, 'INSPECTION_ITEM_DECIDED');
    expect((await order(car.orderId)).totalFen).toBe(before + 50000);

    // Another owner, and an item without a job, are not there to decide.
    const stranger = await signInCustomer(env, t, (await carWithOrder(env, t, advisor)).phone);
    expectError(await decide(stranger, ins.id, ins.tyre, 'approved'), 404, 'NOT_FOUND');
    expectError(await decide(owner, ins.id, ins.battery, 'approved'), 404, 'NOT_FOUND');

    const declined = await decide(owner, ins.id, ins.tyre, 'declined');
    expect(declined.statusCode, declined.body).toBe(200);
    const tyre = itemByKey(declined.json(), 'tyre_fl') as ItemDto;
    expect(tyre.decision).toBe('declined');
    expect((await order(car.orderId)).declined.map((d) => d.description)).toEqual([
      '左前轮胎花纹 1.5 mm（45,200 km）：更换左前轮胎',
    ]);
    expect((await order(car.orderId)).totalFen).toBe(before + 50000);
    const due = await call(advisor, 'GET', `/api/v1/staff/vehicles/${car.vehicleId}/due-items`);
    const dueItem = due.json().items.find((d: { id: string }) => d.id === tyre.dueItemId);
    expect(dueItem).toMatchObject({ title: '左前轮胎花纹 1.5 mm（45,200 km）', status: 'open' });
    // The owner's due-list shows it with the technician's photo and what was found.
    const mine = await call(owner, 'GET', `/api/v1/app/me/vehicles/${car.vehicleId}/due`);
    expect(mine.statusCode, mine.body).toBe(200);
    const back = mine
      .json()
      .items.find((d: { customItemId: string }) => d.customItemId === tyre.dueItemId);
    expect(back.label).toBe('左前轮胎花纹 1.5 mm（45,200 km）');
    expect(back.note).toContain('更换左前轮胎');
    expect(back.photos).toHaveLength(1);
    expect(back.photos[0].id).toBe(tyre.photos[0]!.id);
    expect((await env.app.inject(back.photos[0].thumbUrl)).statusCode).toBe(200);

    // Staff cannot change a decided job.
    expectError(
      await call(technician, 'PUT', `/api/v1/staff/inspections/${ins.id}/items/${ins.tyre}/job`, {
        description: '更换两条前轮胎',
        labourFen: 5000,
        partsFen: 120000,
      }),
      409,
      'INSPECTION_ITEM_DECIDED',
    );
  });

  it('refuses an approval once the order is paid, leaving the order as it was', async () => {
    const car = await carWithOrder(env, t, advisor);
    const ins = await sentInspection(env, technician, car.orderId);
    const owner = await signInCustomer(env, t, car.phone);
    expect(
      (await call(advisor, 'POST', `/api/v1/staff/service-orders/${car.orderId}/complete`))
        .statusCode,
    ).toBe(200);
    const o = await order(car.orderId);
    const paid = await call(advisor, 'POST', `/api/v1/staff/service-orders/${car.orderId}/pay`, {
      method: 'cash',
      paidFen: o.totalFen,
    });
    expect(paid.statusCode, paid.body).toBe(200);
    expectError(await decide(owner, ins.id, ins.pads, 'approved'), 409, 'INSPECTION_ORDER_CLOSED');
    expect((await order(car.orderId)).totalFen).toBe(o.totalFen);
    const report = (await call(owner, 'GET', `/api/v1/app/me/inspections/${ins.id}`)).json();
    expect(itemByKey(report, 'pads_front').decision).toBeNull();
  });
});

describe('declined work comes back', () => {
  it('declined → due item → reminder → done on a later order → recovered and counted', async () => {
    const car = await carWithOrder(env, t, advisor);
    const ins = await sentInspection(env, technician, car.orderId);
    const owner = await signInCustomer(env, t, car.phone);
    expect((await decide(owner, ins.id, ins.pads, 'declined')).statusCode).toBe(200);
    const seen = await call(owner, 'POST', `/api/v1/app/me/inspections/${ins.id}/view`, {
      seconds: 40,
    });
    expect(seen.json().viewSeconds).toBe(40);

    const later = new Date(clock.now().getTime() + 15 * DAY);
    const preview = await env.inTenant(t.id, (ctx) =>
      todayPreview({ ...ctx, clock: fixedClock(later) }, { limit: 500 }),
    );
    const reminders = JSON.stringify(preview);
    expect(reminders).toContain(car.vehicleId);
    expect(reminders).toContain('前刹车片 3 mm（45,200 km）');

    // A month later the owner comes back for the pads.
    const again = await call(advisor, 'POST', '/api/v1/staff/service-orders', {
      customerId: car.customerId,
      vehicleId: car.vehicleId,
      storeId: t.storeId,
      items: [
        {
          kind: 'part',
          category: 'brakes',
          description: '前刹车片',
          quantity: 1,
          unitPriceFen: 38000,
        },
      ],
    });
    expect(again.statusCode, again.body).toBe(201);
    expect(
      (await call(advisor, 'POST', `/api/v1/staff/service-orders/${again.json().id}/complete`))
        .statusCode,
    ).toBe(200);
    expect(await env.inTenant(t.id, (ctx) => recoverDeclinedWork(ctx, again.json().id))).toBe(1);
    expect(await env.inTenant(t.id, (ctx) => recoverDeclinedWork(ctx, again.json().id))).toBe(0);

    const report = (await call(owner, 'GET', `/api/v1/app/me/inspections/${ins.id}`)).json();
    const pads = itemByKey(report, 'pads_front');
    expect(pads.recoveredAt).not.toBeNull();
    const due = await call(advisor, 'GET', `/api/v1/staff/vehicles/${car.vehicleId}/due-items`);
    expect(due.json().items.find((d: { id: string }) => d.id === pads.dueItemId).status).toBe(
      'done',
    );

    const from = new Date(clock.now().getTime() - DAY).toISOString();
    const to = new Date(clock.now().getTime() + DAY).toISOString();
    const m = await call(manager, 'GET', `/api/v1/staff/inspections/metrics?from=${from}&to=${to}`);
    expect(m.statusCode, m.body).toBe(200);
    expect(m.json().total.recovered).toBeGreaterThanOrEqual(1);
    expect(m.json().total.declinedDue).toBeGreaterThanOrEqual(m.json().total.recovered);
    expect(m.json().total.avgViewSeconds).toBeGreaterThan(0);
    expect(m.json().byTechnician[0].staffId).toBe(t.staff.technician.id);
    expectError(
      await call(technician, 'GET', `/api/v1/staff/inspections/metrics?from=${from}&to=${to}`),
      403,
      'FORBIDDEN',
    );
  });
});

describe('the history stays with the car', () => {
  it('moves to the new owner on transfer; the former owner no longer lists it', async () => {
    const car = await carWithOrder(env, t, advisor);
    const ins = await sentInspection(env, technician, car.orderId);
    const buyer = await carWithOrder(env, t, advisor);
    const moved = await call(advisor, 'POST', `/api/v1/staff/vehicles/${car.vehicleId}/transfer`, {
      toCustomerId: buyer.customerId,
      reason: '二手车过户',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const newOwner = await signInCustomer(env, t, buyer.phone);
    const mine = (
      await call(newOwner, 'GET', `/api/v1/app/me/inspections?vehicleId=${car.vehicleId}`)
    ).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([ins.id]);
    const report = (await call(newOwner, 'GET', `/api/v1/app/me/inspections/${ins.id}`)).json();
    expect(report.canDecide).toBe(false);
    expectError(await decide(newOwner, ins.id, ins.pads, 'approved'), 404, 'NOT_FOUND');
    const former = await signInCustomer(env, t, car.phone);
    expect((await call(former, 'GET', '/api/v1/app/me/inspections')).json().items).toEqual([]);
    const rows = await queryRows<{ n: number }>(
      env.database.adminDb,
      sql`select count(*)::int as n from inspections where tenant_id = ${t.id} and id = ${ins.id}`,
    );
    expect(rows[0]!.n).toBe(1);
  });
});
