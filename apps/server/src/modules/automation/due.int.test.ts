import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
  createTestEnv,
  fixedClock,
  signInCustomer,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { newId } from '../../kernel/ids.ts';
import { customers } from '../customers/customers.tables.ts';
import { serviceOrderItems, serviceOrders } from '../service/service.tables.ts';
import { odometerReadings, vehicles } from '../vehicles/vehicles.tables.ts';
import { createLogger } from '../../kernel/logger.ts';
import { publishOutbox } from '../../jobs/outbox.ts';
import { vehicleDueItems, vehicleMileageEstimates } from './automation.tables.ts';
import { registerDueEventHandlers } from './due.jobs.ts';
import { recomputeVehicleDue, refreshTenantDue } from './due.service.ts';
import { estimateDailyKm, type Reading } from './prediction.ts';
import type { DueItemDto, VehicleDueDto } from './due.schemas.ts';

const NOW = new Date('2026-06-01T04:00:00Z'); // 12:00 in Shanghai
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

let env: TestEnv;
let tenant: TestTenant;
let staff: Session;
let phoneSeq = 0;

beforeAll(async () => {
  env = await createTestEnv({ clock: fixedClock(NOW) });
  tenant = await env.createTenant();
  staff = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
});
afterAll(() => env.close());

interface CarSpec {
  make?: string;
  fuelType?: 'petrol' | 'electric';
  registrationDate?: string | null;
  insuranceExpiry?: string | null;
  nextInspectionDate?: string | null;
  readings?: { daysAgo: number; km: number }[];
  /** Finished orders: an oil change (and other items) at a mileage. */
  orders?: {
    daysAgo: number;
    km: number | null;
    items: { category: string; description: string }[];
  }[];
  phone?: string;
}

async function seedCar(t: TestTenant, spec: CarSpec) {
  const phone = spec.phone ?? `1390000${String(++phoneSeq).padStart(4, '0')}`;
  return env.inTenant(t.id, async (ctx) => {
    const customerId = newId();
    await ctx.tx.insert(customers).values({
      tenantId: t.id,
      id: customerId,
      name: '测试车主',
      phone: `+86${phone}`,
      phoneDigits: phone,
      homeStoreId: t.storeId,
    });
    const vehicleId = newId();
    await ctx.tx.insert(vehicles).values({
      tenantId: t.id,
      id: vehicleId,
      customerId,
      plate: `粤B${String(phoneSeq).padStart(5, '0')}`,
      make: spec.make ?? '大众',
      model: '朗逸',
      fuelType: spec.fuelType ?? 'petrol',
      registrationDate: spec.registrationDate ?? null,
      insuranceExpiry: spec.insuranceExpiry ?? null,
      nextInspectionDate: spec.nextInspectionDate ?? null,
    });
    for (const [i, o] of (spec.orders ?? []).entries()) {
      const orderId = newId();
      await ctx.tx.insert(serviceOrders).values({
        tenantId: t.id,
        id: orderId,
        number: `T-${vehicleId.slice(-6)}-${i}`,
        storeId: t.storeId,
        customerId,
        vehicleId,
        status: 'closed',
        mileageKm: o.km,
        openedAt: ago(o.daysAgo),
        completedAt: ago(o.daysAgo),
        closedAt: ago(o.daysAgo),
      });
      await ctx.tx.insert(serviceOrderItems).values(
        o.items.map((it, position) => ({
          tenantId: t.id,
          id: newId(),
          orderId,
          position,
          kind: 'labour' as const,
          category: it.category as 'oil_change',
          description: it.description,
          unitPriceFen: 10000,
        })),
      );
      if (o.km != null)
        await ctx.tx.insert(odometerReadings).values({
          tenantId: t.id,
          id: newId(),
          vehicleId,
          readAt: ago(o.daysAgo),
          mileageKm: o.km,
          source: 'order',
          serviceOrderId: orderId,
        });
    }
    for (const r of spec.readings ?? [])
      await ctx.tx.insert(odometerReadings).values({
        tenantId: t.id,
        id: newId(),
        vehicleId,
        readAt: ago(r.daysAgo),
        mileageKm: r.km,
        source: 'import',
      });
    return { customerId, vehicleId, phone };
  });
}

const OIL = { category: 'oil_change', description: '更换机油机滤' };

async function staffDue(vehicleId: string, lang = 'zh-CN'): Promise<VehicleDueDto> {
  const res = await env.app.inject({
    url: `/api/v1/staff/vehicles/${vehicleId}/due`,
    headers: { ...staff.headers, 'accept-language': lang },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const item = (due: VehicleDueDto, key: string): DueItemDto => {
  const found = due.items.find((i) => i.key === key);
  if (!found) throw new Error(`no ${key} in ${due.items.map((i) => i.key).join(', ')}`);
  return found;
};

describe('the SQL estimate agrees with prediction.ts', () => {
  const histories: Record<string, { daysAgo: number; km: number }[]> = {
    steady: [
      { daysAgo: 300, km: 10_000 },
      { daysAgo: 200, km: 14_000 },
      { daysAgo: 100, km: 18_000 },
      { daysAgo: 0, km: 22_000 },
    ],
    typo: [
      { daysAgo: 360, km: 10_000 },
      { daysAgo: 270, km: 13_600 },
      { daysAgo: 180, km: 172_000 },
      { daysAgo: 90, km: 20_800 },
      { daysAgo: 1, km: 24_400 },
    ],
    lastIsTypo: [
      { daysAgo: 300, km: 30_000 },
      { daysAgo: 180, km: 34_800 },
      { daysAgo: 60, km: 39_600 },
      { daysAgo: 1, km: 4_200 },
    ],
    scattered: [
      { daysAgo: 400, km: 0 },
      { daysAgo: 300, km: 1_000 },
      { daysAgo: 200, km: 9_000 },
      { daysAgo: 100, km: 10_000 },
      { daysAgo: 50, km: 10_900 },
    ],
    one: [{ daysAgo: 20, km: 8_000 }],
    none: [],
  };
  for (const [name, history] of Object.entries(histories))
    it(name, async () => {
      const { vehicleId } = await seedCar(tenant, { readings: history });
      await env.inTenant(tenant.id, (ctx) => recomputeVehicleDue(ctx, vehicleId));
      const [row] = await env.inTenant(tenant.id, (ctx) =>
        ctx.tx
          .select()
          .from(vehicleMileageEstimates)
          .where(eq(vehicleMileageEstimates.vehicleId, vehicleId)),
      );
      const readings: Reading[] = history.map((h) => ({ at: ago(h.daysAgo), km: h.km }));
      const ts = estimateDailyKm(readings);
      expect(row!.dailyKm).toBeCloseTo(ts.dailyKm, 6);
      expect({
        source: row!.source,
        confidence: row!.confidence,
        used: row!.readingsUsed,
        total: row!.readingsTotal,
        anchorKm: row!.anchorKm,
      }).toEqual({
        source: ts.source,
        confidence: ts.confidence,
        used: ts.readingsUsed,
        total: ts.readingsTotal,
        anchorKm: ts.anchor?.km ?? null,
      });
      if (ts.spreadKmPerDay != null) expect(row!.spreadKmPerDay).toBeCloseTo(ts.spreadKmPerDay, 6);
    });
});

describe('due-list per car', () => {
  it('an owner reporting 8,000 km more than expected moves the oil-change date forward', async () => {
    // Oil changed 200 days ago at 27,000 km; 35 km a day before that.
    const { vehicleId, phone } = await seedCar(tenant, {
      orders: [
        { daysAgo: 400, km: 20_000, items: [OIL] },
        { daysAgo: 200, km: 27_000, items: [OIL] },
      ],
    });
    const owner = await signInCustomer(env, tenant, phone);
    const read = async () => {
      const res = await env.app.inject({
        url: `/api/v1/app/me/vehicles/${vehicleId}/due`,
        headers: { ...owner.headers, 'accept-language': 'en' },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as VehicleDueDto;
    };
    const before = await read();
    expect(before.mileage).toMatchObject({ dailyKm: 35, source: 'own', predictedKmToday: 34_000 });
    const oilBefore = item(before, 'maintenance:oil_change');
    expect(oilBefore).toMatchObject({ dueKm: 37_000, trigger: 'mileage', lastDoneKm: 27_000 });
    expect(oilBefore.why).toContain('Last done at 27,000 km on');
    expect(oilBefore.why).toContain('predicted to reach 37,000 km on');

    const report = await env.app.inject({
      method: 'POST',
      url: `/api/v1/app/me/vehicles/${vehicleId}/odometer`,
      headers: owner.headers,
      payload: { mileageKm: 34_000 + 8_000 },
    });
    expect(report.statusCode, report.body).toBe(201);

    const after = await read();
    const oilAfter = item(after, 'maintenance:oil_change');
    expect(oilAfter.dueDate < oilBefore.dueDate).toBe(true);
    expect(oilAfter.status).toBe('overdue');
    expect(after.mileage!.lastReading!.km).toBe(42_000);
    expect(after.mileage!.dailyKm).toBeGreaterThan(35);

    // The tenant-wide list sees the change too (recomputed in the same request as the read).
    const list = await env.app.inject({
      url: '/api/v1/staff/due?window=overdue&limit=200',
      headers: staff.headers,
    });
    expect(
      list
        .json()
        .items.some(
          (i: { vehicleId: string; key: string }) =>
            i.vehicleId === vehicleId && i.key === 'maintenance:oil_change',
        ),
    ).toBe(true);
  });

  it('takes time when it comes before the predicted mileage, and says why', async () => {
    const { vehicleId } = await seedCar(tenant, {
      orders: [
        { daysAgo: 300, km: 50_000, items: [OIL] },
        { daysAgo: 100, km: 51_000, items: [{ category: 'wash', description: '洗车' }] },
      ],
    });
    const due = await staffDue(vehicleId);
    const oil = item(due, 'maintenance:oil_change');
    expect(oil).toMatchObject({ trigger: 'time', dueDate: '2026-08-05', status: 'ok' });
    expect(oil.why).toMatch(/每 12 个月一次，2026-08-05 到期/);
    expect(due.mileage).toMatchObject({ source: 'own', confidence: 'medium' });
  });

  it('covers insurance, inspection, warranty, battery; no oil for an electric car', async () => {
    const { vehicleId } = await seedCar(tenant, {
      fuelType: 'electric',
      registrationDate: '2024-06-20',
      insuranceExpiry: '2026-06-20',
      nextInspectionDate: '2026-09-01',
      readings: [
        { daysAgo: 400, km: 5_000 },
        { daysAgo: 10, km: 20_000 },
      ],
    });
    const due = await staffDue(vehicleId, 'en');
    expect(due.items.find((i) => i.key === 'maintenance:oil_change')).toBeUndefined();
    expect(item(due, 'insurance')).toMatchObject({ dueDate: '2026-06-20', status: 'due_soon' });
    expect(item(due, 'inspection')).toMatchObject({ dueDate: '2026-09-01', status: 'ok' });
    expect(item(due, 'warranty')).toMatchObject({ dueDate: '2027-06-20', trigger: 'date' });
    expect(item(due, 'maintenance:battery_check')).toMatchObject({
      dueDate: '2027-06-20',
      basis: 'registration',
    });
    expect(item(due, 'maintenance:battery_check').why).toContain(
      'No record of it; counted from registration on 2024-06-20',
    );
    // Never rotated since registration and past 10,000 km: overdue; overdue items come first.
    expect(item(due, 'maintenance:tyre_rotation')).toMatchObject({ status: 'overdue' });
    expect(due.items[0]!.status).toBe('overdue');
  });

  it('falls back to the fleet figure for a car with one reading', async () => {
    const t = await env.createTenant();
    for (let i = 0; i < 5; i++)
      await seedCar(t, {
        readings: [
          { daysAgo: 200, km: 10_000 },
          { daysAgo: 0, km: 10_000 + 200 * (40 + i) },
        ],
      });
    const { vehicleId } = await seedCar(t, { readings: [{ daysAgo: 30, km: 9_000 }] });
    const result = await env.inTenant(t.id, (ctx) => refreshTenantDue(ctx));
    expect(result.vehicles).toBe(6);
    const [row] = await env.inTenant(t.id, (ctx) =>
      ctx.tx
        .select()
        .from(vehicleMileageEstimates)
        .where(eq(vehicleMileageEstimates.vehicleId, vehicleId)),
    );
    expect(row).toMatchObject({ source: 'fleet', confidence: 'low', dailyKm: 42 });
  });

  it('per-make interval overrides win over the tenant default; bad settings are refused', async () => {
    const t = await env.createTenant();
    const owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
    const { vehicleId } = await seedCar(t, {
      make: '丰田',
      orders: [{ daysAgo: 30, km: 10_000, items: [OIL] }],
      readings: [{ daysAgo: 200, km: 5_000 }],
    });
    const body = {
      insuranceLeadDays: 30,
      inspectionLeadDays: 30,
      warrantyYears: 3,
      warrantyKm: 100000,
      warrantyLeadDays: 60,
      defaultDailyKm: null,
      intervals: [
        { code: 'oil_change', make: null, intervalKm: 5000, intervalMonths: 6 },
        { code: 'oil_change', make: '丰田', intervalKm: 7500, intervalMonths: 12 },
      ],
    };
    const put = await env.app.inject({
      method: 'PUT',
      url: '/api/v1/staff/due/settings',
      headers: owner.headers,
      payload: body,
    });
    expect(put.statusCode, put.body).toBe(200);
    const due = await env.app.inject({
      url: `/api/v1/staff/vehicles/${vehicleId}/due`,
      headers: owner.headers,
    });
    expect(item(due.json(), 'maintenance:oil_change').dueKm).toBe(17_500);

    const dup = await env.app.inject({
      method: 'PUT',
      url: '/api/v1/staff/due/settings',
      headers: { ...owner.headers, 'accept-language': 'en' },
      payload: { ...body, intervals: [body.intervals[0], body.intervals[0]] },
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error).toMatchObject({
      code: 'DUE_INTERVAL_DUPLICATE',
      field: 'intervals.1',
    });
    const empty = await env.app.inject({
      method: 'PUT',
      url: '/api/v1/staff/due/settings',
      headers: owner.headers,
      payload: {
        ...body,
        intervals: [{ code: 'oil_change', intervalKm: null, intervalMonths: null }],
      },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('VALIDATION_FAILED');
    const advisor = await signInStaff(env.app, t.slug, t.staff.advisor.login);
    const forbidden = await env.app.inject({
      method: 'PUT',
      url: '/api/v1/staff/due/settings',
      headers: advisor.headers,
      payload: body,
    });
    expect(forbidden.statusCode).toBe(403);
  });

  it('staff enter a recall; it is due, then gone when done', async () => {
    const { vehicleId } = await seedCar(tenant, { readings: [{ daysAgo: 5, km: 30_000 }] });
    const created = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/vehicles/${vehicleId}/due-items`,
      headers: staff.headers,
      payload: { kind: 'recall', title: '安全气囊召回', dueDate: '2026-06-10' },
    });
    expect(created.statusCode, created.body).toBe(201);
    let due = await staffDue(vehicleId);
    expect(item(due, `custom:${created.json().id}`)).toMatchObject({
      kind: 'recall',
      label: '安全气囊召回',
      status: 'due_soon',
      dueDate: '2026-06-10',
    });
    const bad = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/vehicles/${vehicleId}/due-items`,
      headers: staff.headers,
      payload: { kind: 'recall', title: 'x', dueDate: '2026-02-30' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'dueDate' });
    const done = await env.app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/due-items/${created.json().id}`,
      headers: staff.headers,
      payload: { status: 'done' },
    });
    expect(done.statusCode, done.body).toBe(200);
    due = await staffDue(vehicleId);
    expect(due.items.some((i) => i.kind === 'recall')).toBe(false);
  });

  it('another customer cannot read the car', async () => {
    const { vehicleId } = await seedCar(tenant, {});
    const { phone } = await seedCar(tenant, {});
    const other = await signInCustomer(env, tenant, phone);
    const res = await env.app.inject({
      url: `/api/v1/app/me/vehicles/${vehicleId}/due`,
      headers: other.headers,
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('tenant-wide due list', () => {
  it('lists by window with paging, and a refresh is idempotent', async () => {
    const t = await env.createTenant();
    const owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
    for (let i = 0; i < 5; i++)
      await seedCar(t, { insuranceExpiry: `2026-06-0${i + 1}`, nextInspectionDate: '2027-01-01' });
    const first = await env.inTenant(t.id, (ctx) => refreshTenantDue(ctx));
    const second = await env.inTenant(t.id, (ctx) => refreshTenantDue(ctx));
    expect(second).toEqual(first);
    const get = (q: string) =>
      env.app
        .inject({ url: `/api/v1/staff/due?${q}`, headers: owner.headers })
        .then((r) => r.json());
    expect((await get('window=overdue')).items).toHaveLength(0);
    expect((await get('window=today')).items.map((i: DueItemDto) => i.dueDate)).toEqual([
      '2026-06-01',
    ]);
    const page1 = await get('window=week&limit=3');
    expect(page1.items).toHaveLength(3);
    const page2 = await get(`window=week&limit=3&cursor=${page1.nextCursor}`);
    expect(page2.items).toHaveLength(2);
    expect(page2.nextCursor).toBeNull();
    expect(page1.items[0]).toMatchObject({ kind: 'insurance', customerName: '测试车主' });
    expect((await get('window=due&kind=inspection')).items).toHaveLength(0);
    const otherStore = await get(`window=week&storeId=${newId()}`);
    expect(otherStore.items).toHaveLength(0);
    const bad = await env.app.inject({
      url: '/api/v1/staff/due?window=year',
      headers: owner.headers,
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('incremental recompute on events', () => {
  it('a finished oil change moves the next one out in the tenant list (outbox handler)', async () => {
    const t = await env.createTenant();
    const owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
    const { vehicleId, customerId } = await seedCar(t, {
      orders: [
        { daysAgo: 400, km: 20_000, items: [OIL] },
        { daysAgo: 300, km: 23_500, items: [OIL] },
      ],
    });
    await env.inTenant(t.id, (ctx) => refreshTenantDue(ctx));
    const oilIn = async (window: string) =>
      (await env.app.inject({ url: `/api/v1/staff/due?window=${window}`, headers: owner.headers }))
        .json()
        .items.find((i: { key: string }) => i.key === 'maintenance:oil_change');
    expect(await oilIn('overdue')).toMatchObject({ dueKm: 33_500 });

    const opened = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/service-orders',
      headers: owner.headers,
      payload: {
        customerId,
        vehicleId,
        storeId: t.storeId,
        mileageKm: 34_000,
        items: [
          {
            kind: 'labour',
            category: 'oil_change',
            description: '更换机油机滤',
            unitPriceFen: 30000,
          },
        ],
      },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const orderId = opened.json().id as string;
    for (const [step, payload] of [
      ['complete', undefined],
      ['pay', { method: 'cash', paidFen: 30000 }],
      ['close', undefined],
    ] as const) {
      const res = await env.app.inject({
        method: 'POST',
        url: `/api/v1/staff/service-orders/${orderId}/${step}`,
        headers: owner.headers,
        ...(payload ? { payload } : {}),
      });
      expect(res.statusCode, `${step}: ${res.body}`).toBe(200);
    }
    const off = registerDueEventHandlers({
      database: env.database,
      clock: env.clock,
      log: createLogger('silent'),
    });
    try {
      while ((await publishOutbox(env.database.adminDb, createLogger('silent'))) > 0);
    } finally {
      off();
    }
    expect(await oilIn('overdue')).toBeUndefined();
    const [row] = await env
      .inTenant(t.id, (ctx) =>
        ctx.tx.select().from(vehicleDueItems).where(eq(vehicleDueItems.vehicleId, vehicleId)),
      )
      .then((rows) => rows.filter((r) => r.itemKey === 'maintenance:oil_change'));
    expect(row).toMatchObject({ dueKm: 44_000, lastDoneKm: 34_000, lastOrderId: orderId });
  });
});

describe('tenant isolation', () => {
  it("another tenant's staff get 404 on this tenant's cars and items", async () => {
    const { vehicleId } = await seedCar(tenant, {});
    const created = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/vehicles/${vehicleId}/due-items`,
      headers: staff.headers,
      payload: { kind: 'custom', title: '检查雨刮' },
    });
    const b = await env.createTenant();
    const other = await signInStaff(env.app, b.slug, b.staff.owner.login);
    const id = created.json().id as string;
    for (const [method, url, payload] of [
      ['GET', `/api/v1/staff/vehicles/${vehicleId}/due`, undefined],
      ['GET', `/api/v1/staff/vehicles/${vehicleId}/due-items`, undefined],
      ['POST', `/api/v1/staff/vehicles/${vehicleId}/due-items`, { kind: 'custom', title: 'x' }],
      ['PATCH', `/api/v1/staff/due-items/${id}`, { status: 'done' }],
      ['DELETE', `/api/v1/staff/due-items/${id}`, undefined],
    ] as const) {
      const res = await env.app.inject({
        method,
        url,
        headers: other.headers,
        ...(payload ? { payload } : {}),
      });
      expect({ url: `${method} ${url}`, status: res.statusCode }).toEqual({
        url: `${method} ${url}`,
        status: 404,
      });
    }
    const list = await env.app.inject({
      url: '/api/v1/staff/due?window=month',
      headers: other.headers,
    });
    expect(list.json().items).toEqual([]);
  });
});
