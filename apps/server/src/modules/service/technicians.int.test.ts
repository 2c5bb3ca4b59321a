// Technicians on service orders over HTTP on a real database: the lead technician and a line's
// own, labour minutes, who may be given the work (role, status, store, tenant), when it may
// change, the audit entries, the order list filter, "my jobs" and a technician's hours by range,
// and who may read which list.
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { createStaffUser } from '../identity/index.ts';
import { createStore } from '../tenancy/index.ts';
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

let env: TestEnv;
let t: TestTenant;
let advisor: Session;
let technician: Session;
let manager: Session;
let owner: Session;
/** A technician of the tenant's second store only, one deactivated, one of another tenant. */
let otherStoreTech: string;
let disabledTech: string;
let foreignTech: string;

interface Line {
  id: string;
  kind: string;
  technicianId: string | null;
  technicianName: string | null;
  labourMinutes: number | null;
}
interface Order {
  id: string;
  status: string;
  technicianId: string | null;
  technicianName: string | null;
  items: Line[];
}
interface Job {
  orderId: string;
  status: string;
  plate: string | null;
  customerName: string | null;
  leadTechnicianId: string | null;
  labourMinutes: number;
  lines: { id: string; mine: boolean; technicianId: string | null; labourMinutes: number | null }[];
}

const LABOUR = {
  kind: 'labour',
  category: 'oil_change',
  description: '更换机油工时',
  quantity: 1,
  unitPriceFen: 8000,
} as const;
const PART = {
  kind: 'part',
  category: 'oil_change',
  description: '机油滤清器',
  quantity: 1,
  unitPriceFen: 8800,
} as const;

function call(
  session: Session,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
) {
  return env.app.inject({
    method,
    url,
    headers: { ...session.headers, 'accept-language': 'en' },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

function expectError(res: LightMyRequestResponse, status: number, code: string, field?: string) {
  const body = res.json() as { error?: { code: string; field?: string; message: string } };
  expect({ status: res.statusCode, code: body.error?.code }, res.body).toEqual({ status, code });
  expect(body.error?.message).toBeTruthy();
  if (field !== undefined) expect(body.error?.field).toBe(field);
}

let seq = 0;
async function car() {
  seq++;
  const phone = `1360000${String(seq).padStart(4, '0')}`;
  const c = await call(advisor, 'POST', '/api/v1/staff/customers', { name: `车主${seq}`, phone });
  expect(c.statusCode, c.body).toBe(201);
  const v = await call(advisor, 'POST', `/api/v1/staff/customers/${c.json().id}/vehicles`, {
    plate: `粤B${String(20000 + seq)}`,
  });
  expect(v.statusCode, v.body).toBe(201);
  return { customerId: c.json().id as string, vehicleId: v.json().id as string, phone };
}

async function openOrder(extra: Record<string, unknown> = {}): Promise<Order> {
  const c = await car();
  const res = await call(advisor, 'POST', '/api/v1/staff/service-orders', {
    customerId: c.customerId,
    vehicleId: c.vehicleId,
    storeId: t.storeId,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const orderUrl = (id: string, rest = '') => `/api/v1/staff/service-orders/${id}${rest}`;
const assign = (session: Session, orderId: string, technicianId: string | null) =>
  call(session, 'PUT', orderUrl(orderId, '/technician'), { technicianId });

beforeAll(async () => {
  env = await createTestEnv({ clock });
  t = await env.createTenant();
  const signIn = (role: 'advisor' | 'technician' | 'manager' | 'owner') =>
    signInStaff(env.app, t.slug, t.staff[role].login);
  advisor = await signIn('advisor');
  technician = await signIn('technician');
  manager = await signIn('manager');
  owner = await signIn('owner');
  await env.inTenant(t.id, async (ctx) => {
    const store2 = await createStore(ctx, { code: 'S02', name: '二号店' });
    const make = async (name: string, storeIds: string[]) =>
      (
        await createStaffUser(ctx, {
          name,
          email: `${name}-${t.slug}@example.com`,
          phone: null,
          password: 'Test@Passw0rd!',
          role: 'technician',
          storeIds,
        })
      ).id;
    otherStoreTech = await make('二店技师', [store2.id]);
    disabledTech = await make('离职技师', [t.storeId]);
  });
  await queryRows(
    env.database.adminDb,
    sql`update staff_users set status = 'disabled' where tenant_id = ${t.id} and id = ${disabledTech}`,
  );
  const other = await env.createTenant();
  foreignTech = other.staff.technician.id;
});
afterAll(() => env.close());

describe('the lead technician', () => {
  it('is set when opening, named on the order and in the list; reassigned with an audit entry', async () => {
    const order = await openOrder({ technicianId: t.staff.technician.id, items: [LABOUR] });
    expect(order).toMatchObject({
      technicianId: t.staff.technician.id,
      technicianName: 'technician3',
    });
    const list = await call(advisor, 'GET', '/api/v1/staff/service-orders?limit=200');
    expect(list.json().items.find((o: { id: string }) => o.id === order.id)).toMatchObject({
      technicianId: t.staff.technician.id,
      technicianName: 'technician3',
    });

    const res = await assign(advisor, order.id, t.staff.manager.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      technicianId: t.staff.manager.id,
      technicianName: 'manager1',
    });
    const audit = await queryRows<{ changes: { before: unknown; after: unknown } }>(
      env.database.adminDb,
      sql`select changes from audit_log where tenant_id = ${t.id} and entity_id = ${order.id}
          and action = 'serviceOrder.technicianAssigned'`,
    );
    expect(audit.map((a) => a.changes)).toEqual([
      {
        before: { technicianId: t.staff.technician.id },
        after: { technicianId: t.staff.manager.id },
      },
    ]);

    const off = await assign(advisor, order.id, null);
    expect(off.json()).toMatchObject({ technicianId: null, technicianName: null });
  });

  it('an owner may be given the work (the owner works in every store), by a manager', async () => {
    const order = await openOrder();
    const res = await assign(manager, order.id, t.staff.owner.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().technicianName).toBe('owner0');
    const jobs = await call(owner, 'GET', '/api/v1/staff/me/jobs');
    expect(jobs.json().items.map((j: Job) => j.orderId)).toContain(order.id);
  });

  it('refuses an advisor, a partner, a deactivated or unknown person, another tenant’s, another store’s', async () => {
    const order = await openOrder();
    expectError(
      await assign(advisor, order.id, t.staff.advisor.id),
      422,
      'TECHNICIAN_ROLE_INVALID',
      'technicianId',
    );
    expectError(
      await assign(advisor, order.id, t.staff.partner.id),
      422,
      'TECHNICIAN_ROLE_INVALID',
    );
    expectError(
      await assign(advisor, order.id, disabledTech),
      422,
      'TECHNICIAN_NOT_FOUND',
      'technicianId',
    );
    expectError(
      await assign(advisor, order.id, '01900000-0000-7000-8000-00000000dead'),
      422,
      'TECHNICIAN_NOT_FOUND',
    );
    expectError(await assign(advisor, order.id, foreignTech), 422, 'TECHNICIAN_NOT_FOUND');
    expectError(
      await assign(advisor, order.id, otherStoreTech),
      422,
      'TECHNICIAN_NOT_IN_STORE',
      'technicianId',
    );
    const c = await car();
    const refused = await call(advisor, 'POST', '/api/v1/staff/service-orders', {
      customerId: c.customerId,
      vehicleId: c.vehicleId,
      storeId: t.storeId,
      technicianId: otherStoreTech,
    });
    expectError(refused, 422, 'TECHNICIAN_NOT_IN_STORE', 'technicianId');
    const zh = await env.app.inject({
      method: 'PUT',
      url: orderUrl(order.id, '/technician'),
      headers: advisor.headers,
      payload: { technicianId: t.staff.advisor.id },
    });
    expect(zh.json().error.message).toBe('只能指派技师、店长或老板做工');
  });

  it('changes on a completed order, not on a cancelled one; only the desk assigns', async () => {
    const order = await openOrder({ items: [LABOUR] });
    expect((await call(technician, 'POST', orderUrl(order.id, '/complete'))).statusCode).toBe(200);
    expect((await assign(advisor, order.id, t.staff.technician.id)).statusCode).toBe(200);
    expect((await assign(technician, order.id, t.staff.technician.id)).statusCode).toBe(403);

    const cancelled = await openOrder();
    await call(advisor, 'POST', orderUrl(cancelled.id, '/cancel'), { reason: '客户取消' });
    expectError(
      await assign(advisor, cancelled.id, t.staff.technician.id),
      409,
      'TECHNICIAN_ASSIGNMENT_LOCKED',
    );
  });
});

describe('a line’s technician and labour minutes', () => {
  it('are set with the line, shown on it, and refused on a part', async () => {
    const order = await openOrder({
      technicianId: t.staff.technician.id,
      items: [{ ...LABOUR, technicianId: t.staff.manager.id, labourMinutes: 45 }, PART],
    });
    expect(order.items.map((i) => [i.technicianName, i.labourMinutes])).toEqual([
      ['manager1', 45],
      [null, null],
    ]);
    expectError(
      await call(advisor, 'POST', orderUrl(order.id, '/items'), { ...PART, labourMinutes: 10 }),
      422,
      'LABOUR_MINUTES_NOT_LABOUR',
      'labourMinutes',
    );
    expectError(
      await call(advisor, 'POST', orderUrl(order.id, '/items'), {
        ...LABOUR,
        technicianId: t.staff.advisor.id,
      }),
      422,
      'TECHNICIAN_ROLE_INVALID',
    );
    const c = await car();
    const refused = await call(advisor, 'POST', '/api/v1/staff/service-orders', {
      customerId: c.customerId,
      vehicleId: c.vehicleId,
      storeId: t.storeId,
      items: [LABOUR, { ...LABOUR, technicianId: otherStoreTech }],
    });
    expectError(refused, 422, 'TECHNICIAN_NOT_IN_STORE', 'items.1.technicianId');
  });

  it('are recorded after completion through …/work, audited, and locked once cancelled', async () => {
    const order = await openOrder({ items: [LABOUR, PART] });
    const [labour, part] = order.items as [Line, Line];
    // Turning a timed labour line into a part drops its time.
    await call(advisor, 'PATCH', orderUrl(order.id, `/items/${labour.id}`), { labourMinutes: 20 });
    await call(technician, 'POST', orderUrl(order.id, '/complete'));
    const work = await call(advisor, 'PATCH', orderUrl(order.id, `/items/${labour.id}/work`), {
      technicianId: t.staff.technician.id,
      labourMinutes: 50,
    });
    expect(work.statusCode, work.body).toBe(200);
    expect(work.json().items[0]).toMatchObject({
      technicianId: t.staff.technician.id,
      technicianName: 'technician3',
      labourMinutes: 50,
    });
    expectError(
      await call(advisor, 'PATCH', orderUrl(order.id, `/items/${part.id}/work`), {
        labourMinutes: 5,
      }),
      422,
      'LABOUR_MINUTES_NOT_LABOUR',
    );
    // Pricing stays closed on a completed order.
    expectError(
      await call(advisor, 'PATCH', orderUrl(order.id, `/items/${labour.id}`), { labourMinutes: 5 }),
      409,
      'SERVICE_ORDER_NOT_OPEN',
    );
    const audit = await queryRows<{ changes: { before: unknown; after: unknown } }>(
      env.database.adminDb,
      sql`select changes from audit_log where tenant_id = ${t.id} and entity_id = ${order.id}
          and action = 'serviceOrder.itemWorkRecorded'`,
    );
    expect(audit[0]?.changes).toMatchObject({
      before: { technicianId: null, labourMinutes: 20 },
      after: { technicianId: t.staff.technician.id, labourMinutes: 50 },
    });
    await call(advisor, 'POST', orderUrl(order.id, '/cancel'), { reason: '客户取消' });
    expectError(
      await call(advisor, 'PATCH', orderUrl(order.id, `/items/${labour.id}/work`), {
        labourMinutes: 5,
      }),
      409,
      'TECHNICIAN_ASSIGNMENT_LOCKED',
    );
  });

  it('a labour line turned into a part loses its time', async () => {
    const order = await openOrder({ items: [{ ...LABOUR, labourMinutes: 30 }] });
    const res = await call(advisor, 'PATCH', orderUrl(order.id, `/items/${order.items[0]!.id}`), {
      kind: 'part',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items[0]).toMatchObject({ kind: 'part', labourMinutes: null });
  });
});

describe('jobs', () => {
  let t2: TestTenant;
  let tech2: Session;
  let lead2: Session;
  let phoneOfLed: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    // A tenant of its own, so the lists hold only what this block made (its advisor opens the
    // orders through the shared helpers; this block runs last).
    const saved = t;
    t2 = await env.createTenant();
    t = t2;
    advisor = await signInStaff(env.app, t2.slug, t2.staff.advisor.login);
    tech2 = await signInStaff(env.app, t2.slug, t2.staff.technician.login);
    lead2 = await signInStaff(env.app, t2.slug, t2.staff.manager.login);

    const me = t2.staff.technician.id;
    // Led by me: open, two labour lines (one given to the manager) and a part.
    const led = await openOrder({
      technicianId: me,
      items: [
        { ...LABOUR, labourMinutes: 40 },
        {
          ...LABOUR,
          description: '四轮定位',
          technicianId: t2.staff.manager.id,
          labourMinutes: 60,
        },
        PART,
      ],
    });
    ids.led = led.id;
    phoneOfLed = (
      await call(
        advisor,
        'GET',
        `/api/v1/staff/customers/${(await call(advisor, 'GET', orderUrl(led.id))).json().customerId}`,
      )
    ).json().phone;
    // Led by the manager, one line mine: completed today.
    const helped = await openOrder({
      technicianId: t2.staff.manager.id,
      items: [{ ...LABOUR, technicianId: me, labourMinutes: 25 }],
    });
    await call(tech2, 'POST', orderUrl(helped.id, '/complete'));
    ids.helped = helped.id;
    // Not mine at all.
    ids.other = (await openOrder({ technicianId: t2.staff.manager.id, items: [LABOUR] })).id;
    t = saved;
  });

  it('my jobs: open first, then completed today, with my lines and minutes, no phone', async () => {
    const res = await call(tech2, 'GET', '/api/v1/staff/me/jobs');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: Job[]; totalLabourMinutes: number };
    expect(body.items.map((j) => [j.orderId, j.status])).toEqual([
      [ids.led, 'open'],
      [ids.helped, 'completed'],
    ]);
    const [led, helped] = body.items as [Job, Job];
    expect(led.lines.map((l) => l.mine)).toEqual([true, false, true]);
    expect(led.labourMinutes).toBe(40);
    expect(helped.labourMinutes).toBe(25);
    expect(body.totalLabourMinutes).toBe(65);
    expect(led.plate).toMatch(/^粤B/);
    expect(led.customerName).toMatch(/^车主/);
    expect(phoneOfLed).toMatch(/^\+86/);
    expect(res.body).not.toContain(phoneOfLed.slice(-8));
  });

  it('the order list filters by technician (lead or a line)', async () => {
    const res = await call(
      advisor,
      'GET',
      `/api/v1/staff/service-orders?technicianId=${t2.staff.technician.id}`,
    );
    expect(
      res
        .json()
        .items.map((o: { id: string }) => o.id)
        .sort(),
    ).toEqual([ids.led, ids.helped].sort());
  });

  it('owners and managers read any technician’s work and minutes over a range', async () => {
    const url = (staffId: string, q = '?from=2026-11-22&to=2026-11-22') =>
      `/api/v1/staff/technicians/${staffId}/jobs${q}`;
    const mine = await call(lead2, 'GET', url(t2.staff.technician.id));
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({
      technician: { id: t2.staff.technician.id, name: 'technician3' },
      orderCount: 2,
      totalLabourMinutes: 65,
    });
    const managers = await call(lead2, 'GET', url(t2.staff.manager.id, ''));
    expect(managers.json()).toMatchObject({
      orderCount: 3,
      totalLabourMinutes: 60,
      from: '2026-11-22',
    });
    const yesterday = await call(
      lead2,
      'GET',
      url(t2.staff.technician.id, '?from=2026-11-21&to=2026-11-21'),
    );
    expect(yesterday.json()).toMatchObject({ orderCount: 0, totalLabourMinutes: 0 });
    expectError(
      await call(lead2, 'GET', url(t2.staff.technician.id, '?from=2026-01-01&to=2026-11-22')),
      400,
      'VALIDATION_FAILED',
      'to',
    );
    expectError(await call(lead2, 'GET', url(t2.staff.advisor.id)), 404, 'NOT_FOUND');
  });

  it('a technician reads only their own jobs; an advisor reads no one’s hours', async () => {
    expectError(
      await call(tech2, 'GET', `/api/v1/staff/technicians/${t2.staff.technician.id}/jobs`),
      403,
      'FORBIDDEN',
    );
    expectError(
      await call(advisor, 'GET', `/api/v1/staff/technicians/${t2.staff.technician.id}/jobs`),
      403,
      'FORBIDDEN',
    );
    // Another tenant's technician is simply not there.
    expectError(
      await call(lead2, 'GET', `/api/v1/staff/technicians/${t.staff.technician.id}/jobs`),
      404,
      'NOT_FOUND',
    );
  });

  it('the technician picker lists technicians, managers and owners, not advisors', async () => {
    const res = await call(advisor, 'GET', `/api/v1/staff/technicians?storeId=${t2.storeId}`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { id: string; role: string }[];
    expect(items[0]?.role).toBe('technician');
    expect(items.map((i) => i.role).sort()).toEqual(['manager', 'owner', 'technician']);
  });
});
