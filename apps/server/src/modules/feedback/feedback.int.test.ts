// Feedback against a real database: tickets through the status machine (illegal moves, replies
// to a closed ticket, another customer's ticket, reopening after the window), SLA escalation at
// a breach under the test clock (once per kind, paused while waiting), surveys sent after a paid
// order, the early warning (alert, ticket, recovery coupon within the budget and none beyond),
// answers refused twice / expired / out of range, and the metrics against hand counts.
import type { LightMyRequestResponse } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { publishOutbox } from '../../jobs/outbox.ts';
import { createLogger } from '../../kernel/logger.ts';
import {
  createTestEnv,
  devOutbox,
  fixedClock,
  signInCustomer,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { complaintEvents, complaintTickets, feedbackSettings, surveys } from './feedback.tables.ts';
import { runFeedbackTick } from './feedback.jobs.ts';
import { npsMonthly, surveyMetrics } from './metrics.ts';
import { signSurveyToken } from './survey-token.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
// Monday 7 Dec 2026, 10:00 in Shanghai: the default calendar (Mon–Fri 09:00–18:00) is open.
const clock = fixedClock(new Date('2026-12-07T02:00:00Z'));
const log = createLogger('warn');
let env: TestEnv;
let t: TestTenant;
let other: TestTenant;
let owner: Session;
let advisor: Session;
let otherOwner: Session;
let seq = 0;

beforeAll(async () => {
  env = await createTestEnv({ clock });
  t = await env.createTenant();
  other = await env.createTenant();
  owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
  advisor = await signInStaff(env.app, t.slug, t.staff.advisor.login);
  otherOwner = await signInStaff(env.app, other.slug, other.staff.owner.login);
});
afterAll(() => env.close());
// The clock jumps days ahead and back: fresh staff sessions for every test and after each jump.
async function signInAgain() {
  owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
  advisor = await signInStaff(env.app, t.slug, t.staff.advisor.login);
}
beforeEach(signInAgain);

function call(
  s: Session | null,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  return env.app.inject({
    method,
    url,
    headers: { ...(s?.headers ?? {}), 'accept-language': 'en' },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}
async function ok<T = Record<string, unknown>>(p: Promise<LightMyRequestResponse>, status = 200) {
  const res = await p;
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}
async function fails(p: Promise<LightMyRequestResponse>, status: number, code: string) {
  const res = await p;
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().error.code).toBe(code);
}

async function newCustomer(s = owner) {
  seq++;
  const phone = `1390100${String(1000 + seq)}`;
  const c = await ok<{ id: string }>(
    call(s, 'POST', '/api/v1/staff/customers', { name: `车主${seq}`, phone }),
    201,
  );
  return { id: c.id, phone };
}

async function paidOrder(customerId: string) {
  seq++;
  const v = await ok<{ id: string }>(
    call(owner, 'POST', `/api/v1/staff/customers/${customerId}/vehicles`, {
      plate: `粤A${String(50000 + seq)}`,
    }),
    201,
  );
  const o = await ok<{ id: string }>(
    call(advisor, 'POST', '/api/v1/staff/service-orders', {
      customerId,
      vehicleId: v.id,
      storeId: t.storeId,
    }),
    201,
  );
  await ok(
    call(advisor, 'POST', `/api/v1/staff/service-orders/${o.id}/items`, {
      kind: 'labour',
      category: 'oil_change',
      description: '小保养',
      unitPriceFen: 30000,
    }),
    201,
  );
  const done = await ok<{ totalFen: number }>(
    call(advisor, 'POST', `/api/v1/staff/service-orders/${o.id}/complete`),
  );
  await ok(
    call(advisor, 'POST', `/api/v1/staff/service-orders/${o.id}/pay`, {
      method: 'cash',
      paidFen: done.totalFen,
    }),
  );
  await publishOutbox(env.database.adminDb, log);
  return o.id;
}

const tick = () => runFeedbackTick({ database: env.database, clock, log }, { tenantId: t.id });
const alertsTo = async (to: string, about = '') =>
  (await devOutbox(env, t.id, 500)).filter((m) => m.to === to && m.body.includes(about));
const managerEmail = () => t.staff.manager.login;

describe('complaint tickets', () => {
  it('moves through the status machine; illegal moves and replies to a closed ticket are 409', async () => {
    const c = await newCustomer();
    const opened = await ok<{ ticketId: string; number: string }>(
      call(advisor, 'POST', '/api/v1/staff/complaints', {
        customerId: c.id,
        storeId: t.storeId,
        category: '维修质量',
        severity: 'low',
        summary: '保养后仪表盘报警',
      }),
      201,
    );
    expect(opened.number).toMatch(/^TS-20261207-\d{4}$/);
    const id = opened.ticketId;
    const move = (action: string) =>
      call(advisor, 'POST', `/api/v1/staff/complaints/${id}/move`, { action });
    await fails(move('resolve'), 409, 'COMPLAINT_STATUS_INVALID');
    await ok(move('start'));
    await ok(move('wait_parts'));
    let detail = await ok<{ sla: { paused: boolean }; status: string }>(
      call(advisor, 'GET', `/api/v1/staff/complaints/${id}`),
    );
    expect(detail).toMatchObject({ status: 'waiting_parts', sla: { paused: true } });
    await ok(move('resume'));
    await ok(
      call(advisor, 'POST', `/api/v1/staff/complaints/${id}/notes`, { body: '内部：技师已确认' }),
      201,
    );
    await ok(
      call(advisor, 'POST', `/api/v1/staff/complaints/${id}/replies`, { body: '已为您安排复查' }),
      201,
    );
    await ok(move('resolve'));
    await ok(move('close'));
    await fails(move('reopen'), 409, 'COMPLAINT_STATUS_INVALID');
    await fails(
      call(advisor, 'POST', `/api/v1/staff/complaints/${id}/replies`, { body: '再补充一句' }),
      409,
      'COMPLAINT_CLOSED',
    );
    await fails(move('jump'), 400, 'VALIDATION_FAILED');
    detail = await ok(call(advisor, 'GET', `/api/v1/staff/complaints/${id}`));
    const kinds = (detail as unknown as { timeline: { kind: string }[] }).timeline.map(
      (e) => e.kind,
    );
    expect(kinds).toEqual([
      'created',
      'status',
      'status',
      'status',
      'note',
      'reply',
      'status',
      'status',
    ]);
    // Another tenant sees nothing.
    await fails(call(otherOwner, 'GET', `/api/v1/staff/complaints/${id}`), 404, 'NOT_FOUND');
  });

  it('lets the owner file, read (no internal notes), add to and reopen within the window', async () => {
    const c = await newCustomer();
    const me = await signInCustomer(env, t, c.phone);
    const cats = await ok<{ items: string[] }>(call(me, 'GET', '/api/v1/app/complaint-categories'));
    expect(cats.items).toContain('等待时间');
    await fails(
      call(me, 'POST', '/api/v1/app/me/complaints', { category: '不存在', summary: '等太久' }),
      422,
      'COMPLAINT_CATEGORY_UNKNOWN',
    );
    const { ticketId } = await ok<{ ticketId: string }>(
      call(me, 'POST', '/api/v1/app/me/complaints', {
        category: '等待时间',
        summary: '等了两个小时',
      }),
      201,
    );
    await ok(
      call(owner, 'POST', `/api/v1/staff/complaints/${ticketId}/notes`, { body: '内部备注' }),
      201,
    );
    await ok(
      call(owner, 'POST', `/api/v1/staff/complaints/${ticketId}/replies`, { body: '非常抱歉' }),
      201,
    );
    const mine = await ok<{ timeline: { kind: string; body: string | null }[] }>(
      call(me, 'GET', `/api/v1/app/me/complaints/${ticketId}`),
    );
    expect(mine.timeline.map((e) => e.kind)).toEqual(['created', 'reply']);
    await ok(
      call(me, 'POST', `/api/v1/app/me/complaints/${ticketId}/messages`, { body: '好的' }),
      201,
    );

    // Someone else's ticket is not there.
    const c2 = await newCustomer();
    const them = await signInCustomer(env, t, c2.phone);
    await fails(call(them, 'GET', `/api/v1/app/me/complaints/${ticketId}`), 404, 'NOT_FOUND');
    await fails(
      call(them, 'POST', `/api/v1/app/me/complaints/${ticketId}/reopen`),
      404,
      'NOT_FOUND',
    );

    const move = (action: string) =>
      call(owner, 'POST', `/api/v1/staff/complaints/${ticketId}/move`, { action });
    await fails(
      call(me, 'POST', `/api/v1/app/me/complaints/${ticketId}/reopen`),
      409,
      'COMPLAINT_STATUS_INVALID',
    );
    await ok(move('start'));
    await ok(move('resolve'));
    await ok(call(me, 'POST', `/api/v1/app/me/complaints/${ticketId}/reopen`));
    await ok(move('start'));
    await ok(move('resolve'));
    clock.advance(8 * 24 * HOUR);
    const again = await signInCustomer(env, t, c.phone);
    await fails(
      call(again, 'POST', `/api/v1/app/me/complaints/${ticketId}/reopen`),
      409,
      'COMPLAINT_REOPEN_EXPIRED',
    );
    clock.set(new Date('2026-12-07T02:00:00Z'));
  });
});

describe('SLA escalation', () => {
  it('escalates a first-response breach once, at the breach, to the store manager', async () => {
    clock.set(new Date('2026-12-08T02:00:00Z')); // Tuesday 10:00
    await signInAgain();
    await ok(call(owner, 'PUT', '/api/v1/staff/feedback/settings', { escalationReassign: true }));
    const c = await newCustomer();
    const { ticketId } = await ok<{ ticketId: string }>(
      call(owner, 'POST', '/api/v1/staff/complaints', {
        customerId: c.id,
        storeId: t.storeId,
        severity: 'high',
        summary: '车辆交付时漆面有划痕',
      }),
      201,
    );
    const breaches = () => alertsTo(managerEmail(), '首次响应已超时');
    const before = (await breaches()).length;
    clock.advance(29 * MIN);
    await tick();
    expect((await breaches()).length).toBe(before);
    clock.advance(2 * MIN);
    await tick();
    await tick();
    const sent = await breaches();
    expect(sent.length).toBe(before + 1);
    const detail = await ok<{
      assigneeId: string | null;
      sla: { firstResponse: { breached: boolean } };
      timeline: { kind: string; data: { breach?: string } }[];
    }>(call(owner, 'GET', `/api/v1/staff/complaints/${ticketId}`));
    expect(detail.sla.firstResponse.breached).toBe(true);
    expect(detail.assigneeId).toBe(t.staff.manager.id);
    expect(detail.timeline.filter((e) => e.kind === 'escalated').map((e) => e.data.breach)).toEqual(
      ['first_response'],
    );
  });

  it('does not run the clock while waiting for the owner, and counts only business hours', async () => {
    clock.set(new Date('2026-12-08T02:00:00Z')); // Tuesday 10:00, 8 business hours to resolve
    await signInAgain();
    await ok(call(owner, 'PUT', '/api/v1/staff/feedback/settings', { escalationReassign: false }));
    const c = await newCustomer();
    const { ticketId } = await ok<{ ticketId: string }>(
      call(owner, 'POST', '/api/v1/staff/complaints', {
        customerId: c.id,
        storeId: t.storeId,
        severity: 'high',
        summary: '发票开错',
      }),
      201,
    );
    await ok(
      call(owner, 'POST', `/api/v1/staff/complaints/${ticketId}/replies`, { body: '收到' }),
      201,
    );
    await ok(call(owner, 'POST', `/api/v1/staff/complaints/${ticketId}/move`, { action: 'start' }));
    clock.advance(2 * HOUR); // 12:00, 6 h left
    await ok(
      call(owner, 'POST', `/api/v1/staff/complaints/${ticketId}/move`, { action: 'wait_owner' }),
    );
    const escalations = () =>
      env.inTenant(t.id, (ctx) =>
        ctx.tx
          .select()
          .from(complaintEvents)
          .where(
            and(eq(complaintEvents.ticketId, ticketId), eq(complaintEvents.kind, 'escalated')),
          ),
      );
    clock.advance(3 * 24 * HOUR); // Friday 12:00: paused all along
    await tick();
    expect(await escalations()).toEqual([]);
    await signInAgain();
    await ok(
      call(owner, 'POST', `/api/v1/staff/complaints/${ticketId}/move`, { action: 'resume' }),
    );
    const d = await ok<{ sla: { resolution: { dueAt: string; remainingMinutes: number } } }>(
      call(owner, 'GET', `/api/v1/staff/complaints/${ticketId}`),
    );
    // 6 business hours from Friday 12:00 → Friday 18:00 (closing).
    expect(d.sla.resolution.remainingMinutes).toBe(360);
    expect(d.sla.resolution.dueAt).toBe('2026-12-11T10:00:00.000Z');
    clock.set(new Date('2026-12-11T09:59:00Z'));
    await tick();
    expect(await escalations()).toEqual([]);
    clock.set(new Date('2026-12-11T10:00:00Z'));
    await tick();
    await tick();
    expect((await escalations()).map((e) => e.data.breach)).toEqual(['resolution']);
  });
});

describe('surveys', () => {
  let templateId: string;

  beforeAll(async () => {
    clock.set(new Date('2026-12-07T02:00:00Z'));
    const tpl = await ok<{ id: string }>(
      call(owner, 'POST', '/api/v1/staff/coupon-templates', {
        name: '致歉券 立减 100 元',
        kind: 'amount_off',
        amountOffFen: 10000,
        minSpendFen: 0,
        validDays: 60,
      }),
      201,
    );
    templateId = tpl.id;
    await ok(
      call(owner, 'PUT', '/api/v1/staff/feedback/settings', {
        recoveryTemplateId: templateId,
        recoveryMonthlyBudget: 1,
        surveyExpiryDays: 7,
        reviewPages: [{ name: '大众点评', url: 'https://www.dianping.com/shop/1' }],
      }),
    );
  });

  const surveyOf = (orderId: string) =>
    env.inTenant(t.id, async (ctx) => {
      const [s] = await ctx.tx.select().from(surveys).where(eq(surveys.serviceOrderId, orderId));
      const [settings] = await ctx.tx.select().from(feedbackSettings);
      return { ...s!, token: signSurveyToken(settings!.signingKey, t.id, s!.id) };
    });

  async function sentSurvey() {
    const c = await newCustomer();
    const orderId = await paidOrder(c.id);
    clock.advance(2 * HOUR);
    await tick();
    await signInAgain();
    const s = await surveyOf(orderId);
    expect(s.status).toBe('sent');
    return { ...s, customer: c };
  }

  it('is scheduled once for a paid order and sent after the delay', async () => {
    const c = await newCustomer();
    const orderId = await paidOrder(c.id);
    await publishOutbox(env.database.adminDb, log);
    let s = await surveyOf(orderId);
    expect(s.status).toBe('scheduled');
    expect(s.dueAt.getTime() - s.paidAt.getTime()).toBe(2 * HOUR);
    clock.advance(HOUR);
    await tick();
    expect((await surveyOf(orderId)).status).toBe('scheduled');
    clock.advance(HOUR);
    expect((await tick()).surveysSent).toBe(1);
    s = await surveyOf(orderId);
    expect(s.status).toBe('sent');
    const page = await ok<{ status: string }>(
      call(null, 'GET', `/api/v1/public/surveys/${s.token}`),
    );
    expect(page.status).toBe('sent');
    await fails(
      call(null, 'GET', `/api/v1/public/surveys/${s.token.slice(0, -2)}xx`),
      404,
      'SURVEY_LINK_INVALID',
    );
  });

  it('a detractor alerts the manager, opens a ticket and gets a coupon within the budget only', async () => {
    const warnings = () => alertsTo(managerEmail(), '差评预警').then((xs) => xs.length);
    const before = await warnings();
    const first = await sentSurvey();
    await fails(
      call(null, 'POST', `/api/v1/public/surveys/${first.token}/answer`, { nps: 11 }),
      400,
      'VALIDATION_FAILED',
    );
    await fails(
      call(null, 'POST', `/api/v1/public/surveys/${first.token}/answer`, { nps: -1 }),
      400,
      'VALIDATION_FAILED',
    );
    await fails(
      call(null, 'POST', `/api/v1/public/surveys/${first.token}/details`, { stars: 2 }),
      409,
      'SURVEY_NOT_ANSWERED',
    );
    await ok(call(null, 'POST', `/api/v1/public/surveys/${first.token}/answer`, { nps: 3 }));
    await fails(
      call(null, 'POST', `/api/v1/public/surveys/${first.token}/answer`, { nps: 9 }),
      409,
      'SURVEY_ALREADY_ANSWERED',
    );
    await ok(
      call(null, 'POST', `/api/v1/public/surveys/${first.token}/details`, {
        stars: 1,
        reasons: ['等待时间'],
        comment: '太慢',
      }),
    );
    await fails(
      call(null, 'POST', `/api/v1/public/surveys/${first.token}/details`, { stars: 3 }),
      409,
      'SURVEY_ALREADY_ANSWERED',
    );
    const s1 = await surveyOf(first.serviceOrderId);
    expect(s1.ticketId).not.toBeNull();
    expect(s1.couponId).not.toBeNull();
    const ticket = await ok<{
      source: string;
      severity: string;
      timeline: { kind: string; body: string | null }[];
    }>(call(owner, 'GET', `/api/v1/staff/complaints/${s1.ticketId}`));
    expect(ticket).toMatchObject({ source: 'survey', severity: 'high' });
    expect(ticket.timeline.map((e) => e.kind)).toEqual(['created', 'coupon', 'owner_message']);
    expect(await warnings()).toBe(before + 1);

    // The budget (one a month) is spent: the next detractor gets a ticket but no coupon.
    const second = await sentSurvey();
    await ok(call(null, 'POST', `/api/v1/public/surveys/${second.token}/answer`, { nps: 5 }));
    const s2 = await surveyOf(second.serviceOrderId);
    expect(s2.ticketId).not.toBeNull();
    expect(s2.couponId).toBeNull();
    expect(await warnings()).toBe(before + 2);
  });

  it('invites a promoter to review, and refuses an expired survey', async () => {
    const p = await sentSurvey();
    const page = await ok<{ reviewPages: { name: string }[] }>(
      call(null, 'POST', `/api/v1/public/surveys/${p.token}/answer`, { nps: 10, stars: 5 }),
    );
    expect(page.reviewPages.map((r) => r.name)).toEqual(['大众点评']);
    expect((await surveyOf(p.serviceOrderId)).ticketId).toBeNull();
    const late = await sentSurvey();
    clock.advance(7 * 24 * HOUR + MIN);
    await fails(
      call(null, 'POST', `/api/v1/public/surveys/${late.token}/answer`, { nps: 8 }),
      410,
      'SURVEY_EXPIRED',
    );
  });

  it('counts NPS, response and recovery rates as by hand', async () => {
    const all = await env.inTenant(t.id, (ctx) => ctx.tx.select().from(surveys));
    const sent = all.filter((s) => s.sentAt);
    const answered = sent.filter((s) => s.nps !== null);
    const promoters = answered.filter((s) => s.nps! >= 9).length;
    const detractors = answered.filter((s) => s.nps! <= 6).length;
    const from = new Date('2026-11-30T16:00:00Z');
    const to = new Date('2026-12-31T16:00:00Z');
    const [month] = await env.inTenant(t.id, (ctx) =>
      surveyMetrics(ctx, { from, to, by: 'month' }),
    );
    expect(month).toMatchObject({
      key: '2026-12',
      sent: sent.length,
      responses: answered.length,
      promoters,
      detractors,
      nps: Math.round(((promoters - detractors) * 100) / answered.length),
    });
    // A detractor comes back within 90 days: recovered.
    const detractor = answered.find((s) => s.nps! <= 6)!;
    clock.advance(10 * 24 * HOUR);
    await signInAgain();
    await paidOrder(detractor.customerId);
    const [after] = await env.inTenant(t.id, (ctx) =>
      surveyMetrics(ctx, { from, to, by: 'store' }),
    );
    expect(after!.recovered).toBe(1);
    expect(after!.recoveryRate).toBe(Math.round((1000 * 1) / detractors) / 10);
    const monthly = await env.inTenant(t.id, (ctx) =>
      npsMonthly(ctx, { from: new Date('2026-10-31T16:00:00Z'), to }),
    );
    expect(monthly.map((m) => m.month)).toEqual(['2026-11', '2026-12']);
    expect(monthly[0]).toMatchObject({ sent: 0, nps: null });
    expect(monthly[1]!.responses).toBe(answered.length);
    // Another tenant's figures are its own.
    const theirs = await env.inTenant(other.id, (ctx) =>
      surveyMetrics(ctx, { from, to, by: 'month' }),
    );
    expect(theirs).toEqual([]);
    void complaintTickets;
  });
});
