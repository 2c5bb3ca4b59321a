// The demo's service desk: a year of survey answers (demo-surveys.ts), the recovery coupon and
// review pages set up, a few old complaints resolved and closed, and today's board — one ticket
// close to its first-response deadline, one breached and escalated, one waiting for parts, one
// opened by a detractor's answer with a recovery coupon — all through the module's own code at
// past instants, relative to the seed clock. The demo owner has a survey waiting in the app.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { fixedClock } from '../../kernel/clock.ts';
import { newId } from '../../kernel/ids.ts';
import type { Ctx } from '../../kernel/context.ts';
import { createTemplate } from '../coupons/index.ts';
import { listStaffMembers } from '../identity/index.ts';
import { serviceOrders } from '../service/index.ts';
import { stores } from '../tenancy/index.ts';
import { addNote, applyMove, openComplaint, replyToOwner } from './complaints.ts';
import { ticketRow } from './complaint-store.ts';
import { escalateBreaches } from './escalation.ts';
import { complaintTickets, feedbackSettings, surveys } from './feedback.tables.ts';
import { seedSurveyHistory, unit } from './demo-surveys.ts';
import { storeCalendar, loadSettings } from './settings.ts';
import { addBusinessMinutes } from './sla-rules.ts';
import { answerSurvey, sendDueSurveys } from './surveys.ts';
import type { ComplaintAction } from './complaint-rules.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Staffer = { id: string; role: 'owner' | 'manager' | 'advisor' | 'technician' | 'partner' };

function as(ctx: Ctx, at: Date, who: Staffer | null): Ctx {
  return {
    ...ctx,
    clock: fixedClock(at),
    actor: who ? { type: 'staff', id: who.id, role: who.role, sessionId: null } : ctx.actor,
  };
}

async function moves(
  ctx: Ctx,
  ticketId: string,
  steps: [ComplaintAction, number][],
  who: Staffer,
  from: Date,
) {
  for (const [action, hours] of steps) {
    const c = as(ctx, new Date(from.getTime() + hours * HOUR), who);
    await applyMove(c, await ticketRow(c, ticketId, { lock: true }), action);
  }
}

const OLD_REPLIES = [
  '非常抱歉给您带来不好的体验，我们已安排技师免费复查。',
  '已核实情况，差价已退回您的储值卡，再次致歉。',
  '感谢反馈，已对当班同事进行培训，下次到店为您优先安排。',
];

async function oldTickets(
  ctx: Ctx,
  detractors: Awaited<ReturnType<typeof seedSurveyHistory>>['detractors'],
  manager: Staffer,
) {
  const picked = detractors.filter((d) => unit(d.id, 'ticket') < 0.12).slice(-8);
  for (const [i, d] of picked.entries()) {
    const at = new Date(d.answeredAt.getTime() + 10 * 60_000);
    const t = await openComplaint(as(ctx, at, null), {
      customerId: d.customerId,
      storeId: d.storeId,
      serviceOrderId: d.orderId,
      source: 'survey',
      category: ['等待时间', '价格', '服务态度'][i % 3],
      severity: 'medium',
      summary: '满意度调查差评（回访记录）',
      surveyId: d.id,
    });
    await replyToOwner(as(ctx, new Date(at.getTime() + HOUR), manager), t.ticketId, {
      body: OLD_REPLIES[i % OLD_REPLIES.length]!,
    });
    await moves(
      ctx,
      t.ticketId,
      [
        ['start', 1],
        ['resolve', 26],
        ['close', 24 * 8],
      ],
      manager,
      at,
    );
    await ctx.tx
      .update(surveys)
      .set({ ticketId: t.ticketId, alertedAt: at })
      .where(eq(surveys.id, d.id));
  }
  return picked.length;
}

async function latestPaidOrder(ctx: Ctx, customerId: string) {
  const [o] = await ctx.tx
    .select({ id: serviceOrders.id, storeId: serviceOrders.storeId })
    .from(serviceOrders)
    .where(
      and(
        eq(serviceOrders.customerId, customerId),
        inArray(serviceOrders.status, ['paid', 'closed']),
      ),
    )
    .orderBy(desc(sql`coalesce(${serviceOrders.paidAt}, ${serviceOrders.closedAt})`))
    .limit(1);
  return o ?? null;
}

async function setUp(ctx: Ctx) {
  await loadSettings(ctx);
  const template = await createTemplate(ctx, {
    name: '致歉券 · 下次到店立减 100 元',
    kind: 'amount_off',
    amountOffFen: 10_000,
    minSpendFen: 0,
    validDays: 60,
    perCustomerLimit: 1,
    budget: 500,
  } as Parameters<typeof createTemplate>[1]);
  await ctx.tx.update(feedbackSettings).set({
    recoveryTemplateId: template.id,
    recoveryMonthlyBudget: 10,
    reviewPages: [
      { name: '大众点评', url: 'https://www.dianping.com/' },
      { name: '高德地图', url: 'https://www.amap.com/' },
    ],
  });
}

/** Inserts a survey sent `sentAgo` ago for the order (the order's own facts). */
async function sentSurvey(
  ctx: Ctx,
  orderId: string,
  sentAgo: number,
  status: 'sent' | 'scheduled',
) {
  const [o] = await ctx.tx.select().from(serviceOrders).where(eq(serviceOrders.id, orderId));
  const now = ctx.clock.now().getTime();
  const [row] = await ctx.tx
    .insert(surveys)
    .values({
      tenantId: ctx.tenantId,
      id: newId(),
      serviceOrderId: orderId,
      customerId: o!.customerId,
      storeId: o!.storeId,
      advisorId: o!.advisorId,
      paidAt: o!.paidAt ?? new Date(now - sentAgo - 2 * HOUR),
      dueAt: new Date(now - sentAgo),
      status,
      sentAt: status === 'sent' ? new Date(now - sentAgo) : null,
      expiresAt: status === 'sent' ? new Date(now - sentAgo + 7 * DAY) : null,
    })
    .onConflictDoNothing()
    .returning({ id: surveys.id });
  return row?.id ?? null;
}

async function todaysBoard(
  ctx: Ctx,
  input: { customers: string[]; storeIds: string[]; manager: Staffer; advisor: Staffer },
) {
  const now = ctx.clock.now();
  const ago = (h: number) => new Date(now.getTime() - h * HOUR);
  const [c1, c2, c3] = input.customers;
  const [s1, s2] = [input.storeIds[0]!, input.storeIds[1] ?? input.storeIds[0]!];
  // Close to its first-response deadline: nine business minutes left.
  const near = await openComplaint(as(ctx, ago(0.4), null), {
    customerId: c1!,
    storeId: s1,
    source: 'app',
    category: '等待时间',
    severity: 'high',
    summary: '预约了上午十点保养，到店后等了一个半小时还没开始做，也没人解释原因。',
  });
  const due = addBusinessMinutes(await storeCalendar(ctx, s1), now, 9);
  await ctx.tx
    .update(complaintTickets)
    .set({ firstDueAt: due })
    .where(eq(complaintTickets.id, near.ticketId));
  // Breached: nobody answered the owner; the job escalated it to the store manager.
  const late = await openComplaint(as(ctx, ago(6 * 24), input.advisor), {
    customerId: c2!,
    storeId: s2,
    source: 'staff',
    category: '维修质量',
    severity: 'medium',
    summary: '更换前刹车片后仍有异响，车主第二次来店，要求彻底检查。',
  });
  await moves(ctx, late.ticketId, [['start', 1]], input.advisor, ago(6 * 24));
  await addNote(as(ctx, ago(6 * 24 - 2), input.advisor), late.ticketId, {
    body: '已约技师复查，待车主确认时间。',
  });
  await escalateBreaches(as(ctx, now, null));
  // Waiting for parts: the clock is paused.
  const parts = await openComplaint(as(ctx, ago(50), null), {
    customerId: c3!,
    storeId: s1,
    source: 'app',
    category: '配件',
    severity: 'low',
    summary: '上次更换的雨刮片有异响，希望更换原厂件。',
  });
  await replyToOwner(as(ctx, ago(49), input.manager), parts.ticketId, {
    body: '您好，原厂雨刮片已下单，预计两天内到货，到货后第一时间联系您免费更换。',
  });
  await moves(
    ctx,
    parts.ticketId,
    [
      ['start', 0],
      ['wait_parts', 0.2],
    ],
    input.manager,
    ago(49),
  );
  return 3;
}

/** A detractor answers in the app yesterday: alert, ticket and a recovery coupon. */
async function detractorToday(ctx: Ctx, orderId: string, manager: Staffer) {
  const now = ctx.clock.now();
  const id = await sentSurvey(ctx, orderId, 26 * HOUR, 'sent');
  if (!id) return 0;
  await answerSurvey(as(ctx, new Date(now.getTime() - 20 * HOUR), null), id, {
    nps: 2,
    stars: 1,
    reasons: ['价格'],
    comment: '结账时多了两项没提前说的费用，很不开心。',
  });
  const [s] = await ctx.tx.select().from(surveys).where(eq(surveys.id, id));
  if (s?.ticketId) {
    await replyToOwner(as(ctx, new Date(now.getTime() - 19 * HOUR), manager), s.ticketId, {
      body: '非常抱歉！已核实是未提前告知的加项，费用已退回，并送您一张 100 元致歉券。',
    });
    await moves(ctx, s.ticketId, [['start', 0]], manager, new Date(now.getTime() - 19 * HOUR));
  }
  return 1;
}

export async function seedDemoFeedback(
  ctx: Ctx,
  input: { demoCustomerId: string | null; customerIds: string[] },
) {
  await setUp(ctx);
  const storeRows = await ctx.tx.select({ id: stores.id }).from(stores).orderBy(stores.code);
  const storeIds = storeRows.map((s) => s.id);
  const staff = await listStaffMembers(ctx, { roles: ['manager', 'advisor'] });
  const manager = staff.find((s) => s.role === 'manager') ?? staff[0];
  const advisor = staff.find((s) => s.role === 'advisor') ?? manager;
  if (!manager || !advisor || !storeIds.length) return { surveys: 0, tickets: 0 };
  const others = input.customerIds.filter((id) => id !== input.demoCustomerId);
  if (!others.length) return { surveys: 0, tickets: 0 };
  // A small demo (a test's eight customers) wraps round its list.
  const other = (i: number) => others[i % others.length]!;
  const detractorOrder = await latestPaidOrder(ctx, other(20));
  const demoOrder = input.demoCustomerId ? await latestPaidOrder(ctx, input.demoCustomerId) : null;
  const skip = new Set([detractorOrder?.id, demoOrder?.id].filter((x): x is string => !!x));
  const history = await seedSurveyHistory(ctx, { storeOrder: storeIds, skipOrderIds: skip });
  let tickets = await oldTickets(ctx, history.detractors, manager);
  tickets += await todaysBoard(ctx, {
    customers: [other(3), other(7), other(11)],
    storeIds,
    manager,
    advisor,
  });
  if (detractorOrder) tickets += await detractorToday(ctx, detractorOrder.id, manager);
  // The demo owner's latest visit: its survey goes out now (in the app, one tap to answer).
  if (demoOrder && (await sentSurvey(ctx, demoOrder.id, 60_000, 'scheduled')))
    await sendDueSurveys(ctx, { linkBase: '' });
  return { surveys: history.surveys, tickets };
}
