import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import {
  createTestEnv,
  fixedClock,
  signInCustomer,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { updateCustomerStats } from '../customer-stats/index.ts';
import { newId } from '../../kernel/ids.ts';
import { createLogger } from '../../kernel/logger.ts';
import { publishOutbox } from '../../jobs/outbox.ts';
import { queryRows } from '../../db/database.ts';
import { customerConsents, customers } from '../customers/customers.tables.ts';
import {
  declinedRecommendations,
  serviceOrderItems,
  serviceOrders,
} from '../service/service.tables.ts';
import { odometerReadings, vehicles } from '../vehicles/vehicles.tables.ts';
import { ledgerAccounts } from '../loyalty/loyalty.tables.ts';
import { messageIntents, messagingSettings, sendToCustomer } from '../messaging/index.ts';
import { refreshTenantDue, registerDueEventHandlers } from '../automation/index.ts';
import { reminderAttributions, reminderRuns, reminderSends } from './reminders.tables.ts';
import { registerReminderEventHandlers, runTenant } from './reminders.jobs.ts';
import { dispatchPending } from './reminders.service.ts';

const NOW = new Date('2026-06-01T04:00:00Z'); // 12:00 in Shanghai
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const dayOffset = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString().slice(0, 10);

const clock = fixedClock(NOW);
const log = createLogger('warn');
let env: TestEnv;
let phoneSeq = 0;

beforeAll(async () => {
  env = await createTestEnv({ clock });
});
afterAll(() => env.close());

const deps = () => ({ database: env.database, clock, log });

interface Seed {
  name?: string;
  birthday?: string | null;
  car?: {
    insuranceExpiry?: string | null;
    nextInspectionDate?: string | null;
    readings?: { daysAgo: number; km: number }[];
    orders?: {
      daysAgo: number;
      km: number | null;
      oil?: boolean;
      status?: 'closed' | 'paid';
      paidFen?: number;
    }[];
    declined?: { daysAgo: number; description: string }[];
  };
}

async function seed(t: TestTenant, spec: Seed) {
  const phone = `1380000${String(++phoneSeq).padStart(4, '0')}`;
  return env.inTenant(t.id, async (ctx) => {
    const customerId = newId();
    await ctx.tx.insert(customers).values({
      tenantId: t.id,
      id: customerId,
      name: spec.name ?? `车主${phoneSeq}`,
      phone: `+86${phone}`,
      phoneDigits: phone,
      homeStoreId: t.storeId,
      birthday: spec.birthday ?? null,
    });
    if (!spec.car) return { customerId, vehicleId: null as string | null, phone };
    const car = spec.car;
    const vehicleId = newId();
    await ctx.tx.insert(vehicles).values({
      tenantId: t.id,
      id: vehicleId,
      customerId,
      plate: `粤B${String(phoneSeq).padStart(5, '0')}`,
      make: '大众',
      model: '朗逸',
      insuranceExpiry: car.insuranceExpiry ?? null,
      nextInspectionDate: car.nextInspectionDate ?? null,
    });
    for (const [i, o] of (car.orders ?? []).entries()) {
      const orderId = newId();
      const status = o.status ?? 'closed';
      await ctx.tx.insert(serviceOrders).values({
        tenantId: t.id,
        id: orderId,
        number: `R-${vehicleId.slice(-6)}-${i}`,
        storeId: t.storeId,
        customerId,
        vehicleId,
        status,
        mileageKm: o.km,
        totalFen: o.paidFen ?? 10000,
        paidFen: o.paidFen ?? 10000,
        openedAt: ago(o.daysAgo),
        completedAt: ago(o.daysAgo),
        paidAt: ago(o.daysAgo),
        closedAt: status === 'closed' ? ago(o.daysAgo) : null,
      });
      await ctx.tx.insert(serviceOrderItems).values({
        tenantId: t.id,
        id: newId(),
        orderId,
        position: 0,
        kind: 'labour',
        category: o.oil === false ? 'wash' : 'oil_change',
        description: o.oil === false ? '洗车' : '更换机油机滤',
        unitPriceFen: o.paidFen ?? 10000,
      });
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
    // Orders written directly: their customer's statistics recounted as the service module does.
    if (car.orders?.length) await updateCustomerStats(ctx, [customerId]);
    for (const r of car.readings ?? [])
      await ctx.tx.insert(odometerReadings).values({
        tenantId: t.id,
        id: newId(),
        vehicleId,
        readAt: ago(r.daysAgo),
        mileageKm: r.km,
        source: 'import',
      });
    for (const d of car.declined ?? [])
      await ctx.tx.insert(declinedRecommendations).values({
        tenantId: t.id,
        id: newId(),
        vehicleId,
        customerId,
        category: 'brakes',
        description: d.description,
        createdAt: ago(d.daysAgo),
      });
    return { customerId, vehicleId: vehicleId as string | null, phone };
  });
}

/** The reminder intents of a tenant: dedupe key → template. */
async function intents(t: TestTenant) {
  const rows = await env.inTenant(t.id, (ctx) =>
    ctx.tx
      .select({
        key: messageIntents.dedupeKey,
        templateKey: messageIntents.templateKey,
        status: messageIntents.status,
        customerId: messageIntents.customerId,
        data: messageIntents.data,
      })
      .from(messageIntents)
      .where(eq(messageIntents.sourceType, 'rule')),
  );
  return rows.sort((a, b) => a.key.localeCompare(b.key));
}
const ruleOf = (key: string) => key.split(':')[1]!;
const subjectOf = (key: string) => key.split(':')[2]!;

/**
 * Lifts the one-reminder-per-customer-a-day cap for a tenant whose test is about what the rules
 * select (the cap has tests of its own below).
 */
async function withoutCustomerCap(t: TestTenant) {
  await env.inTenant(t.id, (ctx) =>
    ctx.tx.insert(messagingSettings).values({ tenantId: t.id, reminderGapDays: 0 }),
  );
}

async function sends(t: TestTenant) {
  return env.inTenant(t.id, (ctx) => ctx.tx.select().from(reminderSends));
}

// A car whose oil change is due in 10 days by time (12 months), far by mileage.
const oilDueSoon: Seed['car'] = {
  orders: [{ daysAgo: 355, km: 20_000 }],
  readings: [{ daysAgo: 10, km: 24_000 }],
};

describe('the built-in rules select what is due', () => {
  let t: TestTenant;
  const expected: [string, string][] = [];
  const notExpected: string[] = [];
  let m2Vehicle = '';
  let b2Customer = '';

  beforeAll(async () => {
    t = await env.createTenant();
    await withoutCustomerCap(t);
    const staff = await signInStaff(env.app, t.slug, t.staff.owner.login);
    // maintenance: due in 10 days (lead 14) vs. in ~86 days.
    const m1 = await seed(t, { car: oilDueSoon });
    expected.push(['maintenance', m1.vehicleId!]);
    const m2 = await seed(t, {
      car: {
        orders: [
          { daysAgo: 400, km: 20_000 },
          { daysAgo: 200, km: 27_000 },
        ],
      },
    });
    m2Vehicle = m2.vehicleId!;
    // insurance in 20 days (lead 30) vs. in 40; inspection in 5 days.
    const i1 = await seed(t, { car: { insuranceExpiry: dayOffset(20) } });
    expected.push(['insurance', i1.vehicleId!]);
    const i2 = await seed(t, { car: { insuranceExpiry: dayOffset(40) } });
    notExpected.push(`insurance:${i2.vehicleId}`);
    const p1 = await seed(t, { car: { nextInspectionDate: dayOffset(5) } });
    expected.push(['inspection', p1.vehicleId!]);
    // birthday today vs. tomorrow (lead 0); today but opted out of marketing.
    const b1 = await seed(t, { birthday: '1990-06-01' });
    expected.push(['birthday', b1.customerId]);
    const b2 = await seed(t, { birthday: '1990-06-02' });
    notExpected.push(`birthday:${b2.customerId}`);
    b2Customer = b2.customerId;
    const b3 = await seed(t, { birthday: '1985-06-01' });
    notExpected.push(`birthday:${b3.customerId}`);
    await env.inTenant(t.id, (ctx) =>
      ctx.tx.insert(customerConsents).values({
        tenantId: t.id,
        id: newId(),
        customerId: b3.customerId,
        channel: 'sms',
        purpose: 'marketing',
        granted: false,
        method: 'staff',
        recordedAt: ago(1),
      }),
    );
    // coupon expiring in 3 days (lead 7) vs. in 30.
    const c1 = await seed(t, {});
    const c2 = await seed(t, {});
    for (const [who, validDays] of [
      [c1.customerId, 3],
      [c2.customerId, 30],
    ] as const) {
      const tpl = await env.app.inject({
        method: 'POST',
        url: '/api/v1/staff/coupon-templates',
        headers: staff.headers,
        payload: { name: `券${validDays}`, kind: 'amount_off', amountOffFen: 1000, validDays },
      });
      expect(tpl.statusCode, tpl.body).toBe(201);
      const issued = await env.app.inject({
        method: 'POST',
        url: `/api/v1/staff/coupon-templates/${tpl.json().id}/issue`,
        headers: staff.headers,
        payload: { customerIds: [who] },
      });
      expect(issued.statusCode, issued.body).toBeLessThan(300);
    }
    expected.push(['coupon_expiring', c1.customerId]);
    notExpected.push(`coupon_expiring:${c2.customerId}`);
    // stored value ¥30 (below ¥50) vs. ¥300.
    const s1 = await seed(t, {});
    const s2 = await seed(t, {});
    await env.inTenant(t.id, (ctx) =>
      ctx.tx.insert(ledgerAccounts).values([
        {
          tenantId: t.id,
          id: newId(),
          ownerCustomerId: s1.customerId,
          kind: 'stored_value_principal',
          balance: 3000,
        },
        {
          tenantId: t.id,
          id: newId(),
          ownerCustomerId: s2.customerId,
          kind: 'stored_value_principal',
          balance: 30000,
        },
      ]),
    );
    expected.push(['stored_value_low', s1.customerId]);
    notExpected.push(`stored_value_low:${s2.customerId}`);
    // declined 14 days ago (lead 14) vs. 5 days ago.
    const d1 = await seed(t, { car: { declined: [{ daysAgo: 14, description: '更换刹车片' }] } });
    expected.push(['declined_work', d1.vehicleId!]);
    const d2 = await seed(t, { car: { declined: [{ daysAgo: 5, description: '更换雨刮' }] } });
    notExpected.push(`declined_work:${d2.vehicleId}`);
    // paid today: thank-you (lead 0); paid 3 days ago: survey (lead 3), thank-you window 3 days.
    const o1 = await seed(t, {
      car: { orders: [{ daysAgo: 0, km: null, oil: false, status: 'paid' }] },
    });
    expected.push(['post_service_thanks', o1.vehicleId!]);
    notExpected.push(`post_service_survey:${o1.vehicleId}`);
    const o2 = await seed(t, { car: { orders: [{ daysAgo: 3, km: null, oil: false }] } });
    expected.push(['post_service_survey', o2.vehicleId!]);
    expected.push(['post_service_thanks', o2.vehicleId!]);
    // win-back: last visit 95 days ago (90 only) and 185 days ago (180 only).
    const w1 = await seed(t, { car: { orders: [{ daysAgo: 95, km: null, oil: false }] } });
    expected.push(['win_back_90', w1.customerId]);
    notExpected.push(`win_back_180:${w1.customerId}`);
    const w2 = await seed(t, { car: { orders: [{ daysAgo: 185, km: null, oil: false }] } });
    expected.push(['win_back_180', w2.customerId]);
    notExpected.push(`win_back_90:${w2.customerId}`, `win_back_365:${w2.customerId}`);
    await env.inTenant(t.id, (ctx) => refreshTenantDue(ctx));
  });

  it('runs each rule once per tenant and queues one intent per due subject and cycle', async () => {
    const result = await runTenant(deps(), t.id);
    expect(result.skipped).toBe(false);
    const got = await intents(t);
    const pairs = got.map((i) => `${ruleOf(i.key)}:${subjectOf(i.key)}`);
    for (const [rule, subject] of expected)
      expect(pairs, `${rule} for ${subject}`).toContain(`${rule}:${subject}`);
    for (const n of notExpected) expect(pairs).not.toContain(n);
    // Every built-in trigger is covered and every intent is queued with its rule's template.
    expect(new Set(got.map((i) => ruleOf(i.key)))).toEqual(new Set(expected.map(([r]) => r)));
    // The car whose oil change is ~86 days away is not reminded of it (only of what else is due).
    expect(JSON.stringify(got.filter((i) => subjectOf(i.key) === m2Vehicle))).not.toContain(
      '更换机油',
    );
    const maint = got.find(
      (i) => ruleOf(i.key) === 'maintenance' && subjectOf(i.key) !== m2Vehicle,
    )!;
    expect(maint.templateKey).toBe('reminder.maintenance');
    expect(maint.key).toMatch(/^reminder:maintenance:[0-9a-f-]{36}:items:[0-9a-f]{16}$/);
    expect(maint.data).toMatchObject({
      due: { item: expect.stringContaining('更换机油') },
      vehicle: { plate: expect.any(String) },
    });
    expect(got.find((i) => ruleOf(i.key) === 'stored_value_low')!.data).toEqual({
      wallet: { balance: '¥30.00' },
    });
    expect(got.find((i) => ruleOf(i.key) === 'coupon_expiring')!.data).toMatchObject({
      coupon: { name: '券3', expiresAt: dayOffset(3) },
    });
    expect(result.queued).toBe(got.length);
  });

  it('sends nothing new when run again (same day, forced, or the next day)', async () => {
    const before = await intents(t);
    expect((await runTenant(deps(), t.id)).skipped).toBe(true);
    const forced = await env.inTenant(t.id, async (ctx) => {
      const { runTenantDay } = await import('./reminders.service.ts');
      return runTenantDay((fn) => fn(ctx), {}, true);
    });
    expect(forced).toMatchObject({ selected: 0, queued: 0 });
    clock.advance(DAY);
    try {
      const next = await runTenant(deps(), t.id);
      // The next day: only tomorrow's birthday; no repeat is due yet (7 days), nothing re-sent.
      expect(next.selected).toBe(1);
      const fresh = (await sends(t)).filter((x) => x.runDate === dayOffset(1));
      expect(fresh.map((x) => [x.subjectId, x.cycleKey])).toEqual([[b2Customer, 'birthday:2026']]);
    } finally {
      clock.set(NOW);
    }
    expect((await intents(t)).filter((i) => subjectOf(i.key) !== b2Customer)).toEqual(before);
  });
});

describe('resumable and idempotent', () => {
  async function tenantWithDue() {
    const t = await env.createTenant();
    await withoutCustomerCap(t);
    for (let i = 0; i < 3; i++) await seed(t, { car: oilDueSoon, birthday: '1991-06-01' });
    await seed(t, { car: { insuranceExpiry: dayOffset(3) } });
    await env.inTenant(t.id, (ctx) => refreshTenantDue(ctx));
    return t;
  }

  it('continues after a crash mid-run and ends with exactly the intents of a clean run', async () => {
    const clean = await tenantWithDue();
    await runTenant(deps(), clean.id);
    const cleanCount = (await intents(clean)).length;
    expect(cleanCount).toBe(3 + 3 + 1);

    const t = await tenantWithDue();
    let steps = 0;
    await expect(
      runTenant(deps(), t.id, {
        afterStep: () => {
          if (++steps === 1) throw new Error('crash');
        },
      }),
    ).rejects.toThrow('crash');
    // The selection (every rule, one statement) committed, then the process died before
    // dispatching anything.
    const [run] = await env.inTenant(t.id, (ctx) => ctx.tx.select().from(reminderRuns));
    expect(run).toMatchObject({ status: 'running' });
    expect(run!.rulesSelected).toEqual(
      expect.arrayContaining(['maintenance', 'insurance', 'birthday']),
    );
    expect((await intents(t)).length).toBe(0);
    const pendingBefore = (await sends(t)).filter((s) => s.status === 'pending').length;
    expect(pendingBefore).toBe(cleanCount);
    const resumed = await runTenant(deps(), t.id);
    expect(resumed.resumed).toBe(true);
    const [done] = await env.inTenant(t.id, (ctx) => ctx.tx.select().from(reminderRuns));
    expect(done).toMatchObject({ status: 'completed', attempts: 2 });
    expect((await intents(t)).length).toBe(cleanCount);
  });

  it('a lost status update after the intents were written does not send twice', async () => {
    const t = await tenantWithDue();
    await runTenant(deps(), t.id);
    const before = await intents(t);
    // As if the process died after sendToCustomer but the sends were not marked queued.
    await env.inTenant(t.id, (ctx) =>
      ctx.tx.update(reminderSends).set({ status: 'pending', intentId: null }),
    );
    const n = await env.inTenant(t.id, (ctx) => dispatchPending(ctx));
    expect(n).toBe(before.length);
    expect(await intents(t)).toEqual(before);
    const all = await sends(t);
    expect(all.every((s) => s.status === 'queued' && s.intentId)).toBe(true);
  });
});

describe('repeats and stop conditions', () => {
  it('repeats after N days at most K times, and stops on a reply', async () => {
    const t = await env.createTenant();
    const a = await seed(t, { car: oilDueSoon });
    const b = await seed(t, { car: oilDueSoon });
    await env.inTenant(t.id, (ctx) => refreshTenantDue(ctx));
    await runTenant(deps(), t.id);
    // b replies in the app.
    await env.inTenant(t.id, async (ctx) => {
      const conv = newId();
      await ctx.tx
        .execute(sql`insert into conversations (tenant_id, id, customer_id, last_message_at)
        values (${t.id}::uuid, ${conv}::uuid, ${b.customerId}::uuid, ${ago(-1).toISOString()}::timestamptz)`);
      await ctx.tx
        .execute(sql`insert into conversation_messages (tenant_id, id, conversation_id, author_type, body, created_at)
        values (${t.id}::uuid, ${newId()}::uuid, ${conv}::uuid, 'customer', '好的，下周去', ${ago(-1).toISOString()}::timestamptz)`);
    });
    try {
      for (let d = 1; d <= 21; d++) {
        clock.set(new Date(NOW.getTime() + d * DAY));
        await runTenant(deps(), t.id);
      }
    } finally {
      clock.set(NOW);
    }
    const keys = (await intents(t))
      .filter((i) => ruleOf(i.key) === 'maintenance')
      .map((i) => i.key);
    // a: first + 1 repeat (repeatMax 1, 7 days later); b replied: no repeat.
    expect(keys.filter((k) => subjectOf(k) === a.vehicleId)).toHaveLength(2);
    expect(
      keys.filter((k) => subjectOf(k) === a.vehicleId).some((k) => k.endsWith(':repeat1')),
    ).toBe(true);
    expect(keys.filter((k) => subjectOf(k) === b.vehicleId)).toHaveLength(1);
  });

  it('a booking withdraws the maintenance reminder not yet delivered; a booked car is not selected', async () => {
    const t = await env.createTenant();
    const a = await seed(t, { car: oilDueSoon });
    const b = await seed(t, { car: oilDueSoon });
    await env.inTenant(t.id, (ctx) => refreshTenantDue(ctx));
    const { withdrawOnStop } = await import('./reminders.service.ts');
    // b has an appointment before the run: not selected.
    await env.inTenant(t.id, (ctx) =>
      ctx.tx
        .execute(sql`insert into appointments (tenant_id, id, store_id, customer_id, vehicle_id, starts_at, ends_at, created_by_type)
        values (${t.id}::uuid, ${newId()}::uuid, ${t.storeId}::uuid, ${b.customerId}::uuid, ${b.vehicleId}::uuid,
                ${ago(-2).toISOString()}::timestamptz, ${ago(-2).toISOString()}::timestamptz, 'staff')`),
    );
    await runTenant(deps(), t.id);
    let got = await intents(t);
    expect(got.map((i) => subjectOf(i.key))).toEqual([a.vehicleId]);
    expect(got[0]!.status).toBe('queued');
    // a books now: the queued reminder is withdrawn (suppressed, with a reason).
    const n = await env.inTenant(t.id, (ctx) =>
      withdrawOnStop(ctx, { stop: 'booked', customerId: a.customerId, vehicleId: a.vehicleId }),
    );
    expect(n).toBe(1);
    got = await intents(t);
    expect(got[0]!.status).toBe('suppressed');
    const [s] = (await sends(t)).filter((x) => x.customerId === a.customerId);
    expect(s).toMatchObject({ status: 'cancelled', reason: 'booked' });
  });
});

describe('rules: editing and bad input', () => {
  let t: TestTenant;
  let owner: Session;
  let rules: { id: string; key: string; leadDays: number }[];
  beforeAll(async () => {
    t = await env.createTenant();
    owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
    const res = await env.app.inject({
      url: '/api/v1/staff/reminder-rules',
      headers: owner.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    rules = res.json().items;
  });
  const patch = (key: string, payload: object, lang = 'en') =>
    env.app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/reminder-rules/${rules.find((r) => r.key === key)!.id}`,
      headers: { ...owner.headers, 'accept-language': lang },
      payload,
    });

  it('names each rule’s template for staff, in their language', async () => {
    const res = await env.app.inject({
      url: '/api/v1/staff/reminder-rules',
      headers: { ...owner.headers, 'accept-language': 'en' },
    });
    const body = res.json() as {
      items: { key: string; templateKey: string; templateName: string }[];
      templates: { key: string; name: string }[];
    };
    const maintenance = body.items.find((r) => r.templateKey === 'reminder.maintenance')!;
    expect(maintenance.templateName).toBe('Maintenance reminder');
    for (const tpl of body.templates) expect(tpl.name).not.toBe(tpl.key);
  });

  it('seeds every built-in rule once', async () => {
    expect(rules.map((r) => r.key)).toEqual([
      'maintenance',
      'insurance',
      'inspection',
      'birthday',
      'coupon_expiring',
      'stored_value_low',
      'declined_work',
      'post_service_thanks',
      'post_service_survey',
      'win_back_90',
      'win_back_180',
      'win_back_365',
    ]);
    const again = await env.app.inject({
      url: '/api/v1/staff/reminder-rules',
      headers: owner.headers,
    });
    expect(again.json().items.map((r: { id: string }) => r.id)).toEqual(rules.map((r) => r.id));
  });

  it('saves a valid edit', async () => {
    const res = await patch('maintenance', {
      leadDays: 21,
      repeatMax: 2,
      repeatEveryDays: 5,
      channels: ['inapp', 'sms'],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      leadDays: 21,
      repeatMax: 2,
      repeatEveryDays: 5,
      channels: ['inapp', 'sms'],
    });
  });

  it('refuses lead days out of range with the field', async () => {
    for (const leadDays of [-1, 91, 1.5]) {
      const res = await patch('maintenance', { leadDays });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'leadDays' });
    }
  });

  it('refuses a template that needs a variable the rule does not provide, naming it', async () => {
    const res = await patch('maintenance', { templateKey: 'reminder.coupon_expiring' }, 'zh-CN');
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'REMINDER_TEMPLATE_VARIABLE_MISSING',
      field: 'templateKey',
      details: { variable: 'coupon.name' },
      message: '模板使用了此提醒规则不提供的变量',
    });
    const unknown = await patch('maintenance', { templateKey: 'reminder.nope' });
    expect(unknown.json().error).toMatchObject({
      code: 'REMINDER_TEMPLATE_NOT_FOUND',
      field: 'templateKey',
    });
    const auth = await patch('maintenance', { templateKey: 'system.text' });
    expect(auth.json().error.code).toBe('REMINDER_TEMPLATE_NOT_FOUND');
    // A template whose variables the rule covers is fine (insurance → maintenance wording).
    const ok = await patch('insurance', { templateKey: 'reminder.inspection' });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('refuses repeats without an interval, unsupported stop conditions and unknown fields', async () => {
    const r1 = await patch('birthday', { repeatMax: 2 });
    expect(r1.json().error).toMatchObject({
      code: 'REMINDER_REPEAT_INVALID',
      field: 'repeatEveryDays',
    });
    const r2 = await patch('birthday', { stopConditions: ['serviced'] });
    expect(r2.json().error).toMatchObject({
      code: 'REMINDER_STOP_CONDITION_INVALID',
      field: 'stopConditions',
    });
    const r3 = await patch('birthday', { stopConditions: ['sleeping'] });
    expect(r3.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
    const r4 = await patch('birthday', { trigger: 'win_back' });
    expect(r4.statusCode).toBe(400);
    const r5 = await patch('win_back_90', { params: { days: 5 } });
    expect(r5.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'params.days' });
    const technician = await signInStaff(env.app, t.slug, t.staff.technician.login);
    const denied = await env.app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/reminder-rules/${rules[0]!.id}`,
      headers: technician.headers,
      payload: { enabled: false },
    });
    expect(denied.statusCode).toBe(403);
    // Nothing of the refused edits was saved.
    const now = await env.app.inject({
      url: `/api/v1/staff/reminder-rules/${rules[3]!.id}`,
      headers: owner.headers,
    });
    expect(now.json()).toMatchObject({
      key: 'birthday',
      repeatMax: 0,
      stopConditions: ['opted_out'],
    });
  });

  it('a disabled rule sends nothing', async () => {
    await seed(t, { birthday: '1992-06-01' });
    expect((await patch('birthday', { enabled: false })).statusCode).toBe(200);
    await runTenant(deps(), t.id);
    expect((await intents(t)).filter((i) => ruleOf(i.key) === 'birthday')).toHaveLength(0);
  });
});

describe('acceptance: a mileage report moves the oil change forward and sends the reminder', () => {
  it('report 8,000 km more than expected → due date moves → the maintenance reminder intent', async () => {
    const t = await env.createTenant();
    await withoutCustomerCap(t);
    const staff = await signInStaff(env.app, t.slug, t.staff.owner.login);
    const offDue = registerDueEventHandlers({ database: env.database, clock, log });
    const offRem = registerReminderEventHandlers(deps());
    try {
      const { vehicleId, phone } = await seed(t, {
        car: {
          orders: [
            { daysAgo: 400, km: 20_000 },
            { daysAgo: 200, km: 27_000 },
          ],
        },
      });
      await env.inTenant(t.id, (ctx) => refreshTenantDue(ctx));
      const due = async () =>
        (
          await env.app.inject({
            url: `/api/v1/staff/vehicles/${vehicleId}/due`,
            headers: staff.headers,
          })
        )
          .json()
          .items.find((i: { key: string }) => i.key === 'maintenance:oil_change');
      const before = await due();
      expect(before).toMatchObject({ dueKm: 37_000, status: 'ok' });
      await runTenant(deps(), t.id);
      // Whatever else is due for the car was reminded; the oil change was not among it.
      const maintenanceOnly = async () =>
        (await intents(t)).filter((i) => ruleOf(i.key) === 'maintenance');
      const first = await maintenanceOnly();
      expect(first.length).toBeLessThanOrEqual(1);
      expect(JSON.stringify(first.map((i) => i.data))).not.toContain('更换机油');

      const owner = await signInCustomer(env, t, phone);
      const report = await env.app.inject({
        method: 'POST',
        url: `/api/v1/app/me/vehicles/${vehicleId}/odometer`,
        headers: owner.headers,
        payload: { mileageKm: 34_000 + 8_000 },
      });
      expect(report.statusCode, report.body).toBe(201);
      while ((await publishOutbox(env.database.adminDb, log)) > 0);

      const after = await due();
      expect(after.dueDate < before.dueDate).toBe(true);
      expect(after.status).toBe('overdue');
      const got = await maintenanceOnly();
      expect(got).toHaveLength(first.length + 1);
      const reminder = got.find((i) => !first.some((f) => f.key === i.key))!;
      expect(reminder.key).toMatch(
        new RegExp(`^reminder:maintenance:${vehicleId}:items:[0-9a-f]{16}$`),
      );
      expect(reminder.templateKey).toBe('reminder.maintenance');
      expect((reminder.data as { due: { item: string } }).due.item).toContain('更换机油');

      // The console lists it among today's decided reminders; running again adds nothing.
      const preview = await env.app.inject({
        url: '/api/v1/staff/reminders/today',
        headers: staff.headers,
      });
      expect(preview.statusCode, preview.body).toBe(200);
      expect(preview.json().items).toContainEqual(
        expect.objectContaining({
          ruleKey: 'maintenance',
          vehicleId,
          status: 'queued',
          what: expect.stringContaining('更换机油'),
        }),
      );
      expect(
        preview.json().items.filter((i: { status: string }) => i.status === 'will_send'),
      ).toHaveLength(0);
      // Staff reading in English see what is due in English (the owner was written in Chinese).
      const english = await env.app.inject({
        url: '/api/v1/staff/reminders/today',
        headers: { ...staff.headers, 'accept-language': 'en' },
      });
      expect(english.json().items).toContainEqual(
        expect.objectContaining({ vehicleId, what: expect.stringContaining('Oil change') }),
      );
      const run = await env.app.inject({
        method: 'POST',
        url: '/api/v1/staff/reminders/run',
        headers: staff.headers,
      });
      expect(run.statusCode, run.body).toBe(200);
      expect(run.json()).toMatchObject({ selected: 0 });
      expect(await maintenanceOnly()).toHaveLength(first.length + 1);
    } finally {
      offDue();
      offRem();
    }
  });
});

describe('attribution and the dashboard', () => {
  it('credits a paid order within the window to the last reminder (not after it, not twice)', async () => {
    const t = await env.createTenant();
    const staff = await signInStaff(env.app, t.slug, t.staff.owner.login);
    const a = await seed(t, { car: oilDueSoon });
    await env.inTenant(t.id, (ctx) => refreshTenantDue(ctx));
    await runTenant(deps(), t.id);
    const { attributeToRule } = await import('./reminders.service.ts');
    const orderId = newId();
    const credit = (at: Date, referenceId = orderId) =>
      env.inTenant(t.id, (ctx) =>
        attributeToRule(ctx, {
          kind: 'order',
          referenceId,
          customerId: a.customerId,
          revenueFen: 38_000,
          at,
          eventId: null,
        }),
      );
    expect(await credit(ago(1))).toBe(false); // before the reminder
    expect(await credit(ago(-30), newId())).toBe(false); // after the 14-day window
    expect(await credit(ago(-3))).toBe(true);
    expect(await credit(ago(-4))).toBe(false); // the same order again
    const rows = await env.inTenant(t.id, (ctx) => ctx.tx.select().from(reminderAttributions));
    expect(rows).toHaveLength(1);
    const dash = await env.app.inject({
      url: '/api/v1/staff/reminders/dashboard?days=30',
      headers: staff.headers,
    });
    expect(dash.statusCode, dash.body).toBe(200);
    const m = dash.json().items.find((i: { key: string }) => i.key === 'maintenance');
    expect(m).toMatchObject({ decided: 1, converted: 1, orders: 1, revenueFen: 38_000 });
    const bad = await env.app.inject({
      url: '/api/v1/staff/reminders/dashboard?days=0',
      headers: staff.headers,
    });
    expect(bad.statusCode).toBe(400);
    // The order is refunded: its credit to the rule is taken back.
    const { handleReminderEvent } = await import('./reminders.jobs.ts');
    await handleReminderEvent(deps(), {
      id: newId(),
      tenantId: t.id,
      type: 'serviceOrder.refunded',
      version: 1,
      aggregateId: orderId,
      payload: { orderId, customerId: a.customerId },
      occurredAt: ago(-5).toISOString(),
    });
    expect(
      await env.inTenant(t.id, (ctx) => ctx.tx.select().from(reminderAttributions)),
    ).toHaveLength(0);
  });

  it('a campaign message after the reminder is the last touch: the rule gets no credit', async () => {
    const t = await env.createTenant();
    const a = await seed(t, { car: oilDueSoon });
    await env.inTenant(t.id, (ctx) => refreshTenantDue(ctx));
    await runTenant(deps(), t.id);
    await env.inTenant(t.id, (ctx) =>
      sendToCustomer(
        { ...ctx, clock: fixedClock(ago(-1)) },
        {
          customerId: a.customerId,
          templateKey: 'marketing.campaign',
          data: { campaign: { text: '冬季免费检测' } },
          dedupeKey: `test-campaign-touch:${a.customerId}`,
          priority: 'marketing',
          purpose: 'marketing',
          source: { type: 'campaign', id: newId() },
        },
      ),
    );
    const { attributeToRule } = await import('./reminders.service.ts');
    const credit = (at: Date) =>
      env.inTenant(t.id, (ctx) =>
        attributeToRule(ctx, {
          kind: 'order',
          referenceId: newId(),
          customerId: a.customerId,
          revenueFen: 38_000,
          at,
          eventId: null,
        }),
      );
    expect(await credit(ago(-3))).toBe(false);
  });
});

describe('isolation of the run', () => {
  it('one tenant’s run never touches another tenant', async () => {
    const t1 = await env.createTenant();
    const t2 = await env.createTenant();
    await seed(t1, { birthday: '1990-06-01' });
    await seed(t2, { birthday: '1990-06-01' });
    await runTenant(deps(), t1.id);
    expect(await intents(t1)).toHaveLength(1);
    expect(await intents(t2)).toHaveLength(0);
    const rows = await queryRows<{ n: number }>(
      env.database.adminDb,
      sql`select count(*)::int as n from reminder_sends where tenant_id = ${t2.id}::uuid`,
    );
    expect(Number(rows[0]!.n)).toBe(0);
    expect(and).toBeDefined();
  });
});

describe('one owner, one reminder a day across all rules', () => {
  it('an owner with four things due gets one message a day, the nearest due first', async () => {
    const t = await env.createTenant();
    const busy = await seed(t, {
      birthday: '1990-06-01',
      car: { ...oilDueSoon, insuranceExpiry: dayOffset(3), nextInspectionDate: dayOffset(5) },
    });
    const other = await seed(t, { car: { insuranceExpiry: dayOffset(4) } });
    await env.inTenant(t.id, (ctx) => refreshTenantDue(ctx));
    const of = async (customerId: string) =>
      (await intents(t)).filter((i) => i.customerId === customerId).map((i) => ruleOf(i.key));
    try {
      await runTenant(deps(), t.id);
      expect(await of(busy.customerId)).toEqual(['insurance']);
      expect(await of(other.customerId)).toEqual(['insurance']);
      const waiting = (await sends(t)).filter((s) => s.status === 'pending');
      expect(waiting.map((s) => s.runDate)).toEqual(waiting.map(() => dayOffset(1)));
      expect(waiting).toHaveLength(3);

      clock.advance(DAY);
      await runTenant(deps(), t.id);
      expect((await of(busy.customerId)).sort()).toEqual(['inspection', 'insurance']);
      clock.advance(DAY);
      await runTenant(deps(), t.id);
      expect((await of(busy.customerId)).sort()).toEqual([
        'inspection',
        'insurance',
        'maintenance',
      ]);
      clock.advance(DAY);
      await runTenant(deps(), t.id);
      // The marketing greeting goes last, on a day of its own.
      expect((await of(busy.customerId)).sort()).toEqual([
        'birthday',
        'inspection',
        'insurance',
        'maintenance',
      ]);
      expect(await of(other.customerId)).toEqual(['insurance']);
    } finally {
      clock.set(NOW);
    }
  });

  it('an event on a day the owner was already reminded waits; the gap is the shop’s setting', async () => {
    const t = await env.createTenant();
    const owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
    const put = await env.app.inject({
      method: 'PUT',
      url: '/api/v1/staff/messaging/settings',
      headers: owner.headers,
      payload: {
        quietStart: '21:00',
        quietEnd: '08:00',
        marketingPerDay: 1,
        marketingPerWeek: 2,
        fallbackMinutes: 30,
        reminderGapDays: 3,
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().reminderGapDays).toBe(3);
    const bad = await env.app.inject({
      method: 'PUT',
      url: '/api/v1/staff/messaging/settings',
      headers: owner.headers,
      payload: { ...(put.json() as object), reminderGapDays: -1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('reminderGapDays');

    const a = await seed(t, { car: { insuranceExpiry: dayOffset(3) } });
    await env.inTenant(t.id, (ctx) => refreshTenantDue(ctx));
    await runTenant(deps(), t.id);
    expect((await intents(t)).map((i) => ruleOf(i.key))).toEqual(['insurance']);
    // The same owner's coupon, issued an hour later, is due to expire: its reminder waits 3 days.
    const tpl = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/coupon-templates',
      headers: owner.headers,
      payload: { name: '洗车券', kind: 'amount_off', amountOffFen: 1000, validDays: 3 },
    });
    const offRem = registerReminderEventHandlers(deps());
    try {
      const issued = await env.app.inject({
        method: 'POST',
        url: `/api/v1/staff/coupon-templates/${tpl.json().id}/issue`,
        headers: owner.headers,
        payload: { customerIds: [a.customerId] },
      });
      expect(issued.statusCode, issued.body).toBeLessThan(300);
      while ((await publishOutbox(env.database.adminDb, log)) > 0);
    } finally {
      offRem();
    }
    expect((await intents(t)).map((i) => ruleOf(i.key))).toEqual(['insurance']);
    const held = (await sends(t)).find((s) => s.status === 'pending')!;
    expect(held).toMatchObject({ customerId: a.customerId, runDate: dayOffset(3) });
  });
});

describe('what a reminder says about its date', () => {
  it('an overdue item reads "已于…到期（已超期）", one ahead "将于…到期"', async () => {
    const t = await env.createTenant();
    const late = await seed(t, { car: { insuranceExpiry: dayOffset(-3) } });
    const soon = await seed(t, { car: { insuranceExpiry: dayOffset(20) } });
    await env.inTenant(t.id, (ctx) => refreshTenantDue(ctx));
    await runTenant(deps(), t.id);
    const when = async (customerId: string) =>
      (
        (await intents(t)).find((i) => i.customerId === customerId)!.data as {
          due: { when: string };
        }
      ).due.when;
    expect(await when(late.customerId)).toBe(`已于${dayOffset(-3)}到期（已超期）`);
    expect(await when(soon.customerId)).toBe(`将于${dayOffset(20)}到期`);
    // The built-in wording uses it (never "预计于…到期" for a day gone by).
    const staff = await signInStaff(env.app, t.slug, t.staff.owner.login);
    const tpl = await env.app.inject({
      url: '/api/v1/staff/message-templates/reminder.insurance',
      headers: staff.headers,
    });
    expect(tpl.statusCode, tpl.body).toBe(200);
    expect(JSON.stringify(tpl.json())).toContain('{{due.when}}');
  });

  it('rules that count from a visit say so: the survey goes after the visit', async () => {
    const t = await env.createTenant();
    const staff = await signInStaff(env.app, t.slug, t.staff.owner.login);
    const res = await env.app.inject({
      url: '/api/v1/staff/reminder-rules',
      headers: staff.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const byKey = Object.fromEntries(
      res.json().items.map((r: { key: string; anchor: string }) => [r.key, r.anchor]),
    );
    expect(byKey).toMatchObject({
      post_service_survey: 'after_visit',
      post_service_thanks: 'after_visit',
      maintenance: 'before_due',
      birthday: 'before_birthday',
      win_back_90: 'after_last_visit',
    });
  });
});
