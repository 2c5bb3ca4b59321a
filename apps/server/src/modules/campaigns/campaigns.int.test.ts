// Campaigns on a real database: checks at save time, launch snapshot with hold-out and variants
// decided in SQL (compared with the same hash in TypeScript), accounting, idempotent launch and
// resume, delivery through the messaging pipeline, budget, coupons, schedules, attribution and
// the report with its lift.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { createLogger } from '../../kernel/logger.ts';
import {
  createTestEnv,
  fixedClock,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { drainMessages, sendToCustomer } from '../messaging/index.ts';
import { serviceOrders } from '../service/index.ts';
import { SEGMENT_NOW, seedSegmentFixture, type SegmentFixture } from '../segments/testing.ts';
import { handleConversionEvent } from './campaigns.events.ts';
import { runCampaignTick } from './campaigns.jobs.ts';
import { dispatchBatch } from './dispatch.ts';
import { bucketOf, startRun } from './launch.ts';
import { campaigns } from './campaigns.tables.ts';
import { eq } from 'drizzle-orm';

let env: TestEnv;
let t: TestTenant;
let owner: Session;
let fx: SegmentFixture;
let everyone: string;
const clock = fixedClock(SEGMENT_NOW);
const log = createLogger('silent');

const drain = () =>
  drainMessages({ adminDb: env.database.adminDb, log, clock, onlyTenants: [t.id] });
const tick = () => runCampaignTick({ database: env.database, clock, log });
const inT = <T>(fn: (ctx: Ctx) => Promise<T>) => env.inTenant(t.id, fn);
/** Moves the clock; sessions expire when days pass, so the owner signs in again. */
async function setClock(iso: string | Date) {
  clock.set(new Date(iso));
  owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
}

beforeAll(async () => {
  env = await createTestEnv({ clock });
  t = await env.createTenant();
  fx = await inT((ctx) => seedSegmentFixture(ctx, t.storeId, { marketingConsent: true }));
  owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
  everyone = await segment('全部客户', {
    kind: 'rule',
    field: 'customer.createdAt',
    op: 'is_not_empty',
  });
});

afterAll(async () => {
  await env?.close();
});

async function segment(name: string, filter: unknown): Promise<string> {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/segments',
    headers: owner.headers,
    payload: { name, filter },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const body = (over: Record<string, unknown> = {}) => ({
  name: '冬季检测',
  segmentId: everyone,
  variants: [{ key: 'A', templateKey: 'marketing.campaign', text: '冬季免费检测' }],
  channels: ['inapp'],
  ...over,
});

async function create(over: Record<string, unknown> = {}) {
  return env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/campaigns',
    headers: owner.headers,
    payload: body(over),
  });
}
async function launch(id: string) {
  return env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/campaigns/${id}/launch`,
    headers: owner.headers,
  });
}
async function get(id: string) {
  return (
    await env.app.inject({
      method: 'GET',
      url: `/api/v1/staff/campaigns/${id}`,
      headers: owner.headers,
    })
  ).json();
}
async function intentsOf(id: string) {
  return queryRows<{
    id: string;
    customer_id: string;
    dedupe_key: string;
    data: unknown;
    template_key: string;
  }>(
    env.database.adminDb,
    sql`select id, customer_id, dedupe_key, data, template_key from message_intents
        where source_type = 'campaign' and source_id = ${id} order by customer_id`,
  );
}
/**
 * Creates drafts until one splits the four customers into a non-empty hold-out and a non-empty
 * treatment (ids are random, the split is a hash of them), deleting the others.
 */
async function createSplit(over: Record<string, unknown>): Promise<string> {
  for (;;) {
    const res = await create(over);
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    const held = [fx.c1, fx.c2, fx.c3, fx.c4].filter((c) => bucketOf(`${id}:${c}`) < 50).length;
    if (held > 0 && held < 4) return id;
    await env.app.inject({
      method: 'DELETE',
      url: `/api/v1/staff/campaigns/${id}`,
      headers: owner.headers,
    });
  }
}
const sumOf = (a: {
  heldOut: number;
  pending: number;
  sent: number;
  suppressed: number;
  failed: number;
}) => a.heldOut + a.pending + a.sent + a.suppressed + a.failed;

describe('checks at save time', () => {
  it('an unknown template, or one needing variables the campaign does not give, is refused', async () => {
    let res = await create({ variants: [{ key: 'A', templateKey: 'no.such', text: 'x' }] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'CAMPAIGN_TEMPLATE_INVALID',
      field: 'variants.0.templateKey',
    });
    res = await create({ variants: [{ key: 'A', templateKey: 'campaign.coupon', text: 'x' }] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.missing).toEqual([
      'coupon.name',
      'coupon.code',
      'coupon.expiresAt',
    ]);
    // A transactional template is not for campaigns.
    res = await create({ variants: [{ key: 'A', templateKey: 'system.text', text: 'x' }] });
    expect(res.statusCode).toBe(422);
  });

  it('a schedule in the past is refused; a recurring one needs its weekday', async () => {
    let res = await create({ scheduleKind: 'once', sendAt: '2026-11-17T02:00:00Z' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'CAMPAIGN_SCHEDULE_INVALID', field: 'sendAt' });
    res = await create({
      scheduleKind: 'recurring',
      recurrence: { frequency: 'weekly', time: '10:00' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.field).toBe('recurrence.weekday');
  });

  it('two variants need a split; unknown segment is 404', async () => {
    let res = await create({
      variants: [
        { key: 'A', templateKey: 'marketing.campaign', text: 'a' },
        { key: 'B', templateKey: 'marketing.campaign', text: 'b' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('splitPercent');
    res = await create({ segmentId: newId() });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', field: 'segmentId' });
  });

  it('launching to an empty segment is a clear 422 and changes nothing', async () => {
    const empty = await segment('没有人', {
      kind: 'rule',
      field: 'loyalty.points',
      op: 'gt',
      value: 999999,
    });
    const c = await create({ segmentId: empty });
    const res = await launch(c.json().id);
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'CAMPAIGN_SEGMENT_EMPTY', field: 'segmentId' });
    expect((await get(c.json().id)).status).toBe('draft');
  });
});

describe('launch', () => {
  let id: string;

  it('snapshots the segment with hold-out and variants decided by hash, then queues the rest', async () => {
    id = await createSplit({
      name: 'A/B 带对照组',
      variants: [
        { key: 'A', templateKey: 'marketing.campaign', text: '方案A' },
        { key: 'B', templateKey: 'marketing.campaign', text: '方案B' },
      ],
      splitPercent: 50,
      holdoutPercent: 50,
    });
    const launched = await launch(id);
    expect(launched.statusCode, launched.body).toBe(200);

    const all = [fx.c1, fx.c2, fx.c3, fx.c4];
    const held = all.filter((c) => bucketOf(`${id}:${c}`) < 50);
    const sentTo = all.filter((c) => !held.includes(c));
    const recipients = await queryRows<{ customer_id: string; variant: string; held_out: boolean }>(
      env.database.adminDb,
      sql`select customer_id, variant, held_out from campaign_recipients where campaign_id = ${id} order by customer_id`,
    );
    expect(recipients).toHaveLength(4);
    for (const r of recipients) {
      expect(r.held_out).toBe(held.includes(r.customer_id));
      expect(r.variant).toBe(bucketOf(`${id}:${r.customer_id}:variant`) < 50 ? 'A' : 'B');
    }
    const intents = await intentsOf(id);
    expect(intents.map((i) => i.customer_id).sort()).toEqual([...sentTo].sort());
    for (const i of intents) {
      expect(i.dedupe_key).toBe(`campaign:${id}:1:${i.customer_id}`);
      const variant = recipients.find((r) => r.customer_id === i.customer_id)!.variant;
      expect(i.data).toEqual({ campaign: { text: `方案${variant}` } });
    }
    const report = (
      await env.app.inject({
        method: 'GET',
        url: `/api/v1/staff/campaigns/${id}/report`,
        headers: owner.headers,
      })
    ).json();
    expect(report.groups.map((g: { group: string }) => g.group).sort()).toEqual(
      [...new Set([...recipients.map((r) => (r.held_out ? 'holdout' : r.variant))])].sort(),
    );
    const c = launched.json();
    expect(c.status).toBe('completed');
    expect(c.accounting).toMatchObject({
      targeted: 4,
      heldOut: held.length,
      pending: sentTo.length,
    });
    expect(sumOf(c.accounting)).toBe(c.accounting.targeted);
  });

  it('launching again sends nothing new', async () => {
    const again = await launch(id);
    expect(again.statusCode).toBe(200);
    expect((await intentsOf(id)).length).toBe(
      again.json().accounting.targeted - again.json().accounting.heldOut,
    );
    const [runs] = await queryRows<{ n: number }>(
      env.database.adminDb,
      sql`select count(*)::int as n from campaign_runs where campaign_id = ${id}`,
    );
    expect(Number(runs!.n)).toBe(1);
  });

  it('after delivery: targeted = held out + sent + suppressed + failed', async () => {
    await drain();
    const c = await get(id);
    expect(c.accounting.pending).toBe(0);
    expect(c.accounting.sent).toBeGreaterThan(0);
    expect(sumOf(c.accounting)).toBe(4);
  });
});

describe('resume after a crash', () => {
  it('batches continue where they stopped and a repeated batch queues nothing twice', async () => {
    const res = await create({ name: '分批发送' });
    const id = res.json().id as string;
    // Start the run without the request's first batch, then send one recipient per batch.
    const row = await inT(async (ctx) => {
      const [r] = await ctx.tx.select().from(campaigns).where(eq(campaigns.id, id));
      await ctx.tx.update(campaigns).set({ status: 'running' }).where(eq(campaigns.id, id));
      await startRun(ctx, r!);
      return r!;
    });
    expect(row.runs).toBe(0);
    expect(await inT((ctx) => dispatchBatch(ctx, id, 1, 1))).toBe(1);
    expect((await intentsOf(id)).length).toBe(1);
    // "Crash": the recipient's update is lost although its intent exists.
    await env.database.adminDb.execute(
      sql`update campaign_recipients set status = 'pending', intent_id = null where campaign_id = ${id}`,
    );
    await tick();
    const intents = await intentsOf(id);
    expect(intents.length).toBe(4);
    expect(new Set(intents.map((i) => i.dedupe_key)).size).toBe(4);
    const c = await get(id);
    expect(c.status).toBe('completed');
    expect(c.accounting).toMatchObject({ targeted: 4, heldOut: 0 });
    expect(sumOf(c.accounting)).toBe(4);
  });
});

describe('budget and coupons', () => {
  it('a recipient budget caps who is targeted; a coupon is issued per recipient and named in the message', async () => {
    const tpl = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/coupon-templates',
      headers: owner.headers,
      payload: { name: '检测立减 20 元', kind: 'amount_off', amountOffFen: 2000, validDays: 30 },
    });
    expect(tpl.statusCode, tpl.body).toBe(201);
    const res = await create({
      name: '带券活动',
      variants: [{ key: 'A', templateKey: 'campaign.coupon', text: '冬季检测' }],
      couponTemplateId: tpl.json().id,
      budgetMaxCouponFen: 5000,
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    const launched = await launch(id);
    expect(launched.statusCode, launched.body).toBe(200);
    // 5000 fen / 2000 fen a coupon = 2 recipients.
    expect(launched.json().accounting.targeted).toBe(2);
    const intents = await intentsOf(id);
    expect(intents).toHaveLength(2);
    const [coupons] = await queryRows<{ n: number }>(
      env.database.adminDb,
      sql`select count(*)::int as n from coupons where source = 'campaign' and source_ref = ${id}`,
    );
    expect(Number(coupons!.n)).toBe(2);
    const data = intents[0]!.data as { coupon: { code: string; name: string } };
    expect(data.coupon.name).toBe('检测立减 20 元');
    expect(data.coupon.code).toMatch(/^[A-Z0-9]+$/);
  });
});

describe('schedules', () => {
  it('a scheduled campaign runs when due; a recurring one runs again at its next occurrence', async () => {
    const once = await create({
      name: '定时',
      scheduleKind: 'once',
      sendAt: '2026-11-18T06:00:00Z',
    });
    const onceId = once.json().id;
    expect((await launch(onceId)).json()).toMatchObject({
      status: 'scheduled',
      nextRunAt: '2026-11-18T06:00:00.000Z',
    });
    await tick();
    expect((await get(onceId)).runs).toBe(0);

    const weekly = await create({
      name: '每周',
      scheduleKind: 'recurring',
      recurrence: { frequency: 'weekly', time: '09:30', weekday: 4 },
    });
    const weeklyId = weekly.json().id;
    // Thursday 2026-11-19 09:30 in Shanghai = 01:30Z.
    expect((await launch(weeklyId)).json().nextRunAt).toBe('2026-11-19T01:30:00.000Z');

    await setClock('2026-11-19T02:00:00Z');
    await tick();
    expect((await get(onceId)).status).toBe('completed');
    const w = await get(weeklyId);
    expect(w).toMatchObject({
      status: 'scheduled',
      runs: 1,
      nextRunAt: '2026-11-26T01:30:00.000Z',
    });
    await setClock('2026-11-26T02:00:00Z');
    await tick();
    const w2 = await get(weeklyId);
    expect(w2.runs).toBe(2);
    const keys = (await intentsOf(weeklyId)).map((i) => i.dedupe_key.split(':')[2]);
    expect(new Set(keys)).toEqual(new Set(['1', '2']));
    await drain();
    await setClock(SEGMENT_NOW);
  });
});

describe('attribution and report', () => {
  it('credits a paid order or booking to the last campaign in its window, once; the hold-out gives the lift', async () => {
    const seg = await segment('归因测试', {
      kind: 'rule',
      field: 'customer.createdAt',
      op: 'is_not_empty',
    });
    const id = await createSplit({
      name: '归因',
      segmentId: seg,
      holdoutPercent: 50,
      attributionDays: 7,
    });
    await setClock('2027-01-12T02:00:00Z');
    await launch(id);
    await drain();
    const recipients = await queryRows<{ customer_id: string; held_out: boolean }>(
      env.database.adminDb,
      sql`select customer_id, held_out from campaign_recipients where campaign_id = ${id}`,
    );
    const treated = recipients.filter((r) => !r.held_out).map((r) => r.customer_id);
    // Each treated customer's message went out (no cap or quiet hour in the way).
    expect((await get(id)).accounting.sent).toBe(treated.length);
    const held = recipients.filter((r) => r.held_out).map((r) => r.customer_id);
    expect(treated.length).toBeGreaterThan(0);
    expect(held.length).toBeGreaterThan(0);

    const deps = { db: env.database.db };
    const paid = (customerId: string, at: string, paidFen: number, eventId = newId()) =>
      handleConversionEvent(
        {
          id: eventId,
          tenantId: t.id,
          type: 'serviceOrder.paid',
          version: 1,
          aggregateId: null,
          payload: { orderId: newId(), customerId, paidFen },
          occurredAt: at,
        },
        deps,
      );
    const orderId = newId();
    const event = {
      id: newId(),
      tenantId: t.id,
      type: 'serviceOrder.paid',
      version: 1,
      aggregateId: orderId,
      payload: { orderId, customerId: treated[0]!, paidFen: 38000 },
      occurredAt: '2027-01-13T02:00:00.000Z',
    };
    await handleConversionEvent(event, deps);
    await handleConversionEvent(event, deps); // at least once: the repeat is a no-op
    await paid(held[0]!, '2027-01-14T02:00:00.000Z', 10000);
    // Outside the 7-day window: not attributed.
    await paid(treated[0]!, '2027-01-30T02:00:00.000Z', 99900);
    await handleConversionEvent(
      {
        id: newId(),
        tenantId: t.id,
        type: 'appointment.booked',
        version: 1,
        aggregateId: null,
        payload: { appointmentId: newId(), customerId: treated[treated.length - 1]! },
        occurredAt: '2027-01-12T03:00:00.000Z',
      },
      deps,
    );

    const report = (
      await env.app.inject({
        method: 'GET',
        url: `/api/v1/staff/campaigns/${id}/report`,
        headers: owner.headers,
      })
    ).json();
    const convertedTreated = new Set([treated[0], treated[treated.length - 1]]).size;
    expect(report.converted).toBe(convertedTreated);
    expect(report.revenueFen).toBe(38000);
    expect(report.holdoutConverted).toBe(1);
    expect(report.holdoutConversionRate).toBeCloseTo(1 / held.length);
    expect(report.conversionRate).toBeCloseTo(convertedTreated / report.accounting.sent);
    expect(report.lift).toBeCloseTo(report.conversionRate - report.holdoutConversionRate);
    expect(report.daily.map((d: { day: string }) => d.day)).toEqual([
      '2027-01-12',
      '2027-01-13',
      '2027-01-14',
    ]);

    const [n] = await queryRows<{ n: number }>(
      env.database.adminDb,
      sql`select count(*)::int as n from campaign_attributions where campaign_id = ${id}`,
    );
    expect(Number(n!.n)).toBe(3);

    const csv = await env.app.inject({
      method: 'GET',
      url: `/api/v1/staff/campaigns/${id}/report.csv`,
      headers: owner.headers,
    });
    expect(csv.body.startsWith('\uFEFF分组,目标人数,已发送,已打开,转化人数')).toBe(true);
    expect(csv.body).toContain('对照组（不发送）');
    await setClock(SEGMENT_NOW);
  });

  it('a reminder sent after the campaign takes the credit (last touch); a refund takes an order’s credit back', async () => {
    const seg = await segment('归因·最后触达', {
      kind: 'rule',
      field: 'customer.createdAt',
      op: 'is_not_empty',
    });
    const res = await create({
      name: '最后触达',
      segmentId: seg,
      holdoutPercent: 0,
      attributionDays: 7,
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    await setClock('2027-02-01T02:00:00Z');
    expect((await launch(id)).statusCode).toBe(200);
    await drain();
    const reached = (await intentsOf(id)).map((i) => i.customer_id);
    // r2 has a car (its refunded order below needs one); r1 is another recipient.
    const [car] = await queryRows<{ id: string; customer_id: string }>(
      env.database.adminDb,
      sql`select id, customer_id from vehicles where tenant_id = ${t.id}::uuid
          and customer_id = any(${`{${reached.join(',')}}`}::uuid[]) order by customer_id limit 1`,
    );
    const r2 = car!.customer_id;
    const r1 = reached.find((c) => c !== r2);
    expect(r1).toBeTruthy();
    // A maintenance reminder reaches r1 the next day.
    await setClock('2027-02-02T02:00:00Z');
    await inT((ctx) =>
      sendToCustomer(ctx, {
        customerId: r1!,
        templateKey: 'marketing.campaign',
        data: { campaign: { text: '保养提醒' } },
        dedupeKey: `test-rule-touch:${id}`,
        priority: 'marketing',
        purpose: 'service',
        source: { type: 'rule', id: newId() },
      }),
    );
    const deps = { db: env.database.db };
    const event = (type: string, customerId: string, orderId: string, at: string) => ({
      id: newId(),
      tenantId: t.id,
      type,
      version: 1,
      aggregateId: orderId,
      payload: { orderId, customerId, paidFen: 20000 },
      occurredAt: at,
    });
    const afterReminder = newId();
    await handleConversionEvent(
      event('serviceOrder.paid', r1!, afterReminder, '2027-02-03T02:00:00Z'),
      deps,
    );
    const credited = newId();
    await handleConversionEvent(
      event('serviceOrder.paid', r2, credited, '2027-02-03T02:00:00Z'),
      deps,
    );
    const attributed = async () =>
      (
        await queryRows<{ reference_id: string }>(
          env.database.adminDb,
          sql`select reference_id from campaign_attributions where campaign_id = ${id} order by reference_id`,
        )
      ).map((r) => r.reference_id);
    expect(await attributed()).toEqual([credited]);
    // The order is refunded: the campaign's credit for it goes.
    await handleConversionEvent(
      event('serviceOrder.refunded', r2, credited, '2027-02-04T02:00:00Z'),
      deps,
    );
    expect(await attributed()).toEqual([]);
    // An order refunded before its payment's event is handled is never credited.
    const refundedFirst = newId();
    await inT((ctx) =>
      ctx.tx.insert(serviceOrders).values({
        tenantId: t.id,
        id: refundedFirst,
        number: 'S01-REFUND-1',
        storeId: fx.storeId,
        customerId: r2,
        vehicleId: car!.id,
        status: 'refunded',
        totalFen: 20000,
        paidFen: 20000,
        openedAt: new Date('2027-02-03T01:00:00Z'),
        paidAt: new Date('2027-02-03T02:00:00Z'),
      }),
    );
    await handleConversionEvent(
      event('serviceOrder.paid', r2, refundedFirst, '2027-02-03T02:00:00Z'),
      deps,
    );
    expect(await attributed()).toEqual([]);
    await setClock(SEGMENT_NOW);
  });

  it('a segment in use cannot be deleted; plays make a prefilled draft', async () => {
    const del = await env.app.inject({
      method: 'DELETE',
      url: `/api/v1/staff/segments/${everyone}`,
      headers: owner.headers,
    });
    expect(del.statusCode).toBe(409);
    const play = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/campaigns/from-play',
      headers: owner.headers,
      payload: { play: 'win_back' },
    });
    expect(play.statusCode, play.body).toBe(201);
    expect(play.json()).toMatchObject({ play: 'win_back', status: 'draft', holdoutPercent: 10 });
    // C2 and C3 last came more than 180 days ago.
    const seg = await env.app.inject({
      method: 'GET',
      url: `/api/v1/staff/segments/${play.json().segmentId}`,
      headers: owner.headers,
    });
    expect(seg.json().count).toBe(2);
  });
});
