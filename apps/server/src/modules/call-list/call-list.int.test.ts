import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
  createTestEnv,
  fixedClock,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { newId } from '../../kernel/ids.ts';
import { createLogger } from '../../kernel/logger.ts';
import { customers } from '../customers/customers.tables.ts';
import { serviceOrderItems, serviceOrders } from '../service/service.tables.ts';
import { odometerReadings, vehicles } from '../vehicles/vehicles.tables.ts';
import { auditLog } from '../audit/audit.tables.ts';
import { messageIntents } from '../messaging/index.ts';
import { refreshTenantDue } from '../automation/index.ts';
import { runTenant } from '../reminders/index.ts';
import { callLogs } from './call-list.tables.ts';
import { callListSummary } from './call-list.service.ts';
import type { CallListRowDto } from './call-list.schemas.ts';

const NOW = new Date('2026-06-01T04:00:00Z'); // 12:00 in Shanghai
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const dayOffset = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString().slice(0, 10);

const clock = fixedClock(NOW);
let env: TestEnv;
let phoneSeq = 0;

beforeAll(async () => {
  env = await createTestEnv({ clock });
});
afterAll(() => env.close());

/** A customer with one car: an oil change due in ~10 days, and optionally insurance / inspection. */
async function seedCar(
  t: TestTenant,
  spec: { insuranceExpiry?: string; nextInspectionDate?: string; oil?: boolean } = {},
) {
  const phone = `1370000${String(++phoneSeq).padStart(4, '0')}`;
  return env.inTenant(t.id, async (ctx) => {
    const customerId = newId();
    await ctx.tx.insert(customers).values({
      tenantId: t.id,
      id: customerId,
      name: `车主${phoneSeq}`,
      phone: `+86${phone}`,
      phoneDigits: phone,
      homeStoreId: t.storeId,
    });
    const vehicleId = newId();
    await ctx.tx.insert(vehicles).values({
      tenantId: t.id,
      id: vehicleId,
      customerId,
      plate: `粤C${String(phoneSeq).padStart(5, '0')}`,
      make: '丰田',
      model: '卡罗拉',
      insuranceExpiry: spec.insuranceExpiry ?? null,
      nextInspectionDate: spec.nextInspectionDate ?? null,
    });
    if (spec.oil !== false) {
      const orderId = newId();
      await ctx.tx.insert(serviceOrders).values({
        tenantId: t.id,
        id: orderId,
        number: `C-${vehicleId.slice(-6)}`,
        storeId: t.storeId,
        customerId,
        vehicleId,
        status: 'closed',
        mileageKm: 20_000,
        totalFen: 30000,
        paidFen: 30000,
        openedAt: ago(355),
        completedAt: ago(355),
        paidAt: ago(355),
        closedAt: ago(355),
      });
      await ctx.tx.insert(serviceOrderItems).values({
        tenantId: t.id,
        id: newId(),
        orderId,
        position: 0,
        kind: 'labour',
        category: 'oil_change',
        description: '更换机油机滤',
        unitPriceFen: 30000,
      });
      for (const [daysAgo, km] of [
        [355, 20_000],
        [10, 24_000],
      ] as const)
        await ctx.tx.insert(odometerReadings).values({
          tenantId: t.id,
          id: newId(),
          vehicleId,
          readAt: ago(daysAgo),
          mileageKm: km,
          source: 'import',
        });
    }
    return { customerId, vehicleId, phone };
  });
}

async function list(s: Session, query = '') {
  const res = await env.app.inject({
    method: 'GET',
    url: `/api/v1/staff/call-list?limit=100${query}`,
    headers: s.headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { today: string; items: CallListRowDto[]; nextCursor: string | null };
}
const rowOf = async (s: Session, vehicleId: string, query = '') =>
  (await list(s, query)).items.find((r) => r.vehicleId === vehicleId);

const post = (
  s: Session,
  url: string,
  payload?: unknown,
  method: 'POST' | 'PUT' | 'DELETE' = 'POST',
) =>
  env.app.inject({
    method,
    url,
    headers: s.headers,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

describe('the call list', () => {
  let t: TestTenant;
  let owner: Session;
  let tech: Session;
  let many: Awaited<ReturnType<typeof seedCar>>;
  let plain: Awaited<ReturnType<typeof seedCar>>;

  beforeAll(async () => {
    t = await env.createTenant();
    owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
    tech = await signInStaff(env.app, t.slug, t.staff.technician.login);
    many = await seedCar(t, { insuranceExpiry: dayOffset(-3), nextInspectionDate: dayOffset(5) });
    plain = await seedCar(t);
    await env.inTenant(t.id, (ctx) => refreshTenantDue(ctx));
  });

  it('shows one row per car, its due items most urgent first', async () => {
    const page = await list(owner);
    expect(page.items.filter((r) => r.vehicleId === many.vehicleId)).toHaveLength(1);
    const row = page.items.find((r) => r.vehicleId === many.vehicleId)!;
    const keys = row.items.map((i) => i.key);
    expect(keys).toEqual(
      expect.arrayContaining(['insurance', 'inspection', 'maintenance:oil_change']),
    );
    expect(row.items[0]).toMatchObject({ key: 'insurance', status: 'overdue' });
    expect(keys.indexOf('inspection')).toBeLessThan(keys.indexOf('maintenance:oil_change'));
    expect(row).toMatchObject({
      status: 'to_call',
      plate: expect.stringMatching(/^粤C/),
      make: '丰田',
    });
    expect(row.firstDueDate).toBe(dayOffset(-3));
    const plainKeys = page.items
      .find((r) => r.vehicleId === plain.vehicleId)!
      .items.map((i) => i.key);
    expect(plainKeys).toContain('maintenance:oil_change');
    expect(plainKeys).not.toContain('insurance');
  });

  it('pages through the cars nearest their due date first, each once', async () => {
    const all = (await list(owner)).items.map((r) => r.vehicleId);
    expect(all.indexOf(many.vehicleId)).toBeLessThan(all.indexOf(plain.vehicleId));
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await env.app.inject({
        method: 'GET',
        url: `/api/v1/staff/call-list?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        headers: owner.headers,
      });
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as { items: CallListRowDto[]; nextCursor: string | null };
      paged.push(...page.items.map((r) => r.vehicleId));
      cursor = page.nextCursor;
    } while (cursor && paged.length < 50);
    expect(paged).toEqual(all);
  });

  it('masks the phone for technicians, as customer pages do', async () => {
    expect((await rowOf(owner, many.vehicleId))!.phone).toBe(`+86${many.phone}`);
    const masked = (await rowOf(tech, many.vehicleId))!.phone;
    expect(masked).not.toContain(many.phone);
    expect(masked).toContain('****');
    // technicians read; they do not act
    const refused = await post(tech, `/api/v1/staff/call-list/${many.vehicleId}/calls`, {
      outcome: 'no_answer',
    });
    expect(refused.statusCode).toBe(403);
  });

  it('logs a call once per click, shows it as the last contact, audits it', async () => {
    const url = `/api/v1/staff/call-list/${plain.vehicleId}/calls`;
    const first = await post(owner, url, { outcome: 'no_answer', note: '响铃无人接' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().deduplicated).toBe(false);
    const again = await post(owner, url, { outcome: 'no_answer', note: '响铃无人接' });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ id: first.json().id, deduplicated: true });
    const rows = await env.inTenant(t.id, (ctx) =>
      ctx.tx.select().from(callLogs).where(eq(callLogs.vehicleId, plain.vehicleId)),
    );
    expect(rows).toHaveLength(1);
    const row = await rowOf(owner, plain.vehicleId);
    expect(row!.lastContact).toMatchObject({
      type: 'call',
      outcome: 'no_answer',
      note: '响铃无人接',
    });
    expect(row!.lastContact!.byName).toBeTruthy();
    expect(row!.status).toBe('to_call');
    const audits = await env.inTenant(t.id, (ctx) =>
      ctx.tx.select().from(auditLog).where(eq(auditLog.action, 'callList.call')),
    );
    expect(audits).toHaveLength(1);
  });

  it('refuses bad input with a code, a field and a message', async () => {
    const other = await post(owner, `/api/v1/staff/call-list/${plain.vehicleId}/calls`, {
      outcome: 'other',
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().error).toMatchObject({ code: 'CALL_NOTE_REQUIRED', field: 'note' });
    const bad = await post(owner, `/api/v1/staff/call-list/${plain.vehicleId}/calls`, {
      outcome: 'maybe',
    });
    expect(bad.statusCode).toBe(400);
    const missing = await post(owner, `/api/v1/staff/call-list/${newId()}/calls`, {
      outcome: 'no_answer',
    });
    expect(missing.statusCode).toBe(404);
    const past = await post(
      owner,
      `/api/v1/staff/call-list/${plain.vehicleId}/snooze`,
      { until: dayOffset(0) },
      'PUT',
    );
    expect(past.statusCode).toBe(422);
    expect(past.json().error).toMatchObject({ code: 'CALL_SNOOZE_DATE_INVALID', field: 'until' });
  });

  it('"will book" keeps the car on the list with its status', async () => {
    const c = await seedCar(t);
    await env.inTenant(t.id, (ctx) => refreshTenantDue(ctx));
    const res = await post(owner, `/api/v1/staff/call-list/${c.vehicleId}/calls`, {
      outcome: 'reached_will_book',
    });
    expect(res.statusCode).toBe(201);
    expect((await rowOf(owner, c.vehicleId))!.status).toBe('will_book');
    expect(await rowOf(owner, c.vehicleId, '&status=to_call')).toBeUndefined();
  });

  it('sends the reminder now through its rule, once per day', async () => {
    const c = await seedCar(t);
    await env.inTenant(t.id, (ctx) => refreshTenantDue(ctx));
    const url = `/api/v1/staff/call-list/${c.vehicleId}/remind`;
    const first = await post(owner, url);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      templateKey: 'reminder.maintenance',
      deduplicated: false,
    });
    const again = await post(owner, url);
    expect(again.json()).toMatchObject({ intentId: first.json().intentId, deduplicated: true });
    const [intent] = await env.inTenant(t.id, (ctx) =>
      ctx.tx.select().from(messageIntents).where(eq(messageIntents.id, first.json().intentId)),
    );
    expect(intent).toMatchObject({
      customerId: c.customerId,
      sourceType: 'rule',
      purpose: 'service',
    });
    expect((intent!.data as { vehicle: { plate: string } }).vehicle.plate).toMatch(/^粤C/);
    const row = await rowOf(owner, c.vehicleId);
    expect(row!.lastContact).toMatchObject({
      type: 'message',
      templateKey: 'reminder.maintenance',
    });
    const nothing = await seedCar(t, { oil: false });
    const none = await post(owner, `/api/v1/staff/call-list/${nothing.vehicleId}/remind`);
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe('CALL_NOTHING_TO_REMIND');
  });

  it('counts the cars to call today for the workbench', async () => {
    const open = (await list(owner, '&status=to_call')).items.length;
    const summary = await env.inTenant(t.id, (ctx) => callListSummary(ctx, { storeId: t.storeId }));
    expect(summary.toCall).toBe(open);
    expect(summary.toCall).toBeGreaterThan(0);
  });
});

describe('holds: snooze and not interested', () => {
  let t: TestTenant;
  let owner: Session;

  beforeAll(async () => {
    t = await env.createTenant();
    owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
  });

  it('a snoozed or not-interested car is not reminded by the daily run; the others are', async () => {
    const snoozed = await seedCar(t);
    const declined = await seedCar(t);
    const control = await seedCar(t);
    const willBook = await seedCar(t);
    await env.inTenant(t.id, (ctx) => refreshTenantDue(ctx));
    const promised = await post(owner, `/api/v1/staff/call-list/${willBook.vehicleId}/calls`, {
      outcome: 'reached_will_book',
    });
    expect(promised.statusCode).toBe(201);
    const s = await post(
      owner,
      `/api/v1/staff/call-list/${snoozed.vehicleId}/snooze`,
      { until: dayOffset(3) },
      'PUT',
    );
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json()).toMatchObject({ snoozedUntil: dayOffset(3), notInterested: false });
    const n = await post(
      owner,
      `/api/v1/staff/call-list/${declined.vehicleId}/not-interested`,
      undefined,
      'PUT',
    );
    expect(n.statusCode, n.body).toBe(200);
    expect(n.json().notInterested).toBe(true);
    // hidden from the open list, found under their status
    const open = (await list(owner)).items.map((r) => r.vehicleId);
    expect(open).toContain(control.vehicleId);
    expect(open).not.toContain(snoozed.vehicleId);
    expect(open).not.toContain(declined.vehicleId);
    expect((await rowOf(owner, snoozed.vehicleId, '&status=snoozed'))!.snoozedUntil).toBe(
      dayOffset(3),
    );
    expect(await rowOf(owner, declined.vehicleId, '&status=not_interested')).toBeDefined();

    const result = await runTenant(
      { database: env.database, clock, log: createLogger('warn') },
      t.id,
    );
    expect(result.skipped).toBe(false);
    const reminded = await env.inTenant(t.id, (ctx) =>
      ctx.tx
        .select({ customerId: messageIntents.customerId, key: messageIntents.templateKey })
        .from(messageIntents)
        .where(eq(messageIntents.sourceType, 'rule')),
    );
    const to = reminded.map((r) => r.customerId);
    expect(to).toContain(control.customerId);
    expect(to).not.toContain(snoozed.customerId);
    expect(to).not.toContain(declined.customerId);
    expect(to).not.toContain(willBook.customerId);
  });

  it('a snooze hides the car until its day, then it returns', async () => {
    const c = await seedCar(t);
    await env.inTenant(t.id, (ctx) => refreshTenantDue(ctx));
    const url = `/api/v1/staff/call-list/${c.vehicleId}/snooze`;
    expect((await post(owner, url, { until: dayOffset(2) }, 'PUT')).statusCode).toBe(200);
    // a second click changes nothing and audits nothing
    expect((await post(owner, url, { until: dayOffset(2) }, 'PUT')).statusCode).toBe(200);
    const audits = await env.inTenant(t.id, (ctx) =>
      ctx.tx.select().from(auditLog).where(eq(auditLog.entityId, c.vehicleId)),
    );
    expect(audits.filter((a) => a.action === 'callList.snooze')).toHaveLength(1);
    expect(await rowOf(owner, c.vehicleId)).toBeUndefined();
    try {
      clock.set(new Date(NOW.getTime() + 1 * DAY));
      const later = await signInStaff(env.app, t.slug, t.staff.owner.login);
      expect(await rowOf(later, c.vehicleId)).toBeUndefined();
      clock.set(new Date(NOW.getTime() + 2 * DAY));
      const onTheDay = await signInStaff(env.app, t.slug, t.staff.owner.login);
      expect((await rowOf(onTheDay, c.vehicleId))?.status).toBe('to_call');
    } finally {
      clock.set(NOW);
    }
  });

  it('not interested lasts until a new item comes due; restoring puts the car back', async () => {
    const c = await seedCar(t, { insuranceExpiry: dayOffset(60) });
    await env.inTenant(t.id, (ctx) => refreshTenantDue(ctx));
    const url = `/api/v1/staff/call-list/${c.vehicleId}/not-interested`;
    expect((await post(owner, url, undefined, 'PUT')).statusCode).toBe(200);
    expect(await rowOf(owner, c.vehicleId)).toBeUndefined();
    try {
      // in 40 days the insurance (lead 30) comes due: a new item, the car is back
      clock.set(new Date(NOW.getTime() + 40 * DAY));
      const later = await signInStaff(env.app, t.slug, t.staff.owner.login);
      const row = await rowOf(later, c.vehicleId);
      expect(row?.status).toBe('to_call');
      expect(row!.items.map((i) => i.key)).toContain('insurance');
    } finally {
      clock.set(NOW);
    }
    expect(await rowOf(owner, c.vehicleId)).toBeUndefined();
    const restored = await post(
      owner,
      `/api/v1/staff/call-list/${c.vehicleId}/hold`,
      undefined,
      'DELETE',
    );
    expect(restored.statusCode).toBe(200);
    expect((await rowOf(owner, c.vehicleId))?.status).toBe('to_call');
    const nothing = await seedCar(t, { oil: false });
    const refused = await post(
      owner,
      `/api/v1/staff/call-list/${nothing.vehicleId}/not-interested`,
      undefined,
      'PUT',
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'CALL_NOTHING_DUE', field: 'vehicleId' });
  });
});

describe('customer merge', () => {
  it('the calls and holds follow the surviving customer', async () => {
    const t = await env.createTenant();
    const owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
    const survivor = await seedCar(t);
    const duplicate = await seedCar(t);
    await env.inTenant(t.id, (ctx) => refreshTenantDue(ctx));
    const called = await post(owner, `/api/v1/staff/call-list/${duplicate.vehicleId}/calls`, {
      outcome: 'reached_not_now',
      note: '下月再联系',
    });
    expect(called.statusCode).toBe(201);
    const snoozed = await post(
      owner,
      `/api/v1/staff/call-list/${duplicate.vehicleId}/snooze`,
      { until: dayOffset(5) },
      'PUT',
    );
    expect(snoozed.statusCode).toBe(200);
    const merged = await post(owner, `/api/v1/staff/customers/${survivor.customerId}/merge`, {
      duplicateId: duplicate.customerId,
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const logs = await env.inTenant(t.id, (ctx) => ctx.tx.select().from(callLogs));
    expect(logs.map((l) => l.customerId)).toEqual([survivor.customerId]);
    // still snoozed for the survivor, and the survivor's other car shows the call as last contact
    expect(await rowOf(owner, duplicate.vehicleId)).toBeUndefined();
    expect(await rowOf(owner, duplicate.vehicleId, '&status=snoozed')).toMatchObject({
      customerId: survivor.customerId,
      snoozedUntil: dayOffset(5),
    });
    expect((await rowOf(owner, survivor.vehicleId))!.lastContact).toMatchObject({
      type: 'call',
      note: '下月再联系',
    });
  });
});

describe('tenant isolation', () => {
  it('another tenant neither sees nor acts on the cars', async () => {
    const a = await env.createTenant();
    const b = await env.createTenant();
    const car = await seedCar(a);
    await env.inTenant(a.id, (ctx) => refreshTenantDue(ctx));
    const staffA = await signInStaff(env.app, a.slug, a.staff.owner.login);
    const staffB = await signInStaff(env.app, b.slug, b.staff.owner.login);
    expect(await rowOf(staffA, car.vehicleId)).toBeDefined();
    expect(await rowOf(staffB, car.vehicleId, '&status=all')).toBeUndefined();
    for (const [url, method, payload] of [
      [`/api/v1/staff/call-list/${car.vehicleId}/calls`, 'POST', { outcome: 'no_answer' }],
      [`/api/v1/staff/call-list/${car.vehicleId}/snooze`, 'PUT', { until: dayOffset(3) }],
      [`/api/v1/staff/call-list/${car.vehicleId}/not-interested`, 'PUT', undefined],
      [`/api/v1/staff/call-list/${car.vehicleId}/remind`, 'POST', undefined],
    ] as const) {
      const res = await post(staffB, url, payload, method);
      expect(res.statusCode, url).toBe(404);
    }
    const logs = await env.inTenant(a.id, (ctx) => ctx.tx.select().from(callLogs));
    expect(logs).toHaveLength(0);
  });
});
