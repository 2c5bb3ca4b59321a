// The demo's survey history: every order paid in the last thirteen months got a survey two
// hours later; most owners answered. Scores are drawn from a hash of the order (never
// Math.random), with a lean per store, per advisor and by season, so NPS lands around 40–60 and
// the results page has something to compare.
import { createHash } from 'node:crypto';
import { and, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { serviceOrders } from '../service/index.ts';
import { surveys } from './feedback.tables.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A number in [0, 1) from a string and a salt. */
export const unit = (s: string, salt: string) =>
  createHash('sha256').update(`${salt}:${s}`).digest().readUInt32BE(0) / 2 ** 32;

const COMMENTS_GOOD = [
  '师傅很专业，讲解清楚',
  '速度快，价格透明',
  '休息区很舒服',
  '服务顾问很耐心',
];
const COMMENTS_BAD = [
  '等待时间太长了',
  '结账时价格和报价不一样',
  '洗车没洗干净',
  '没有提前告知要加项目',
];
const REASONS = ['等待时间', '价格', '服务态度', '维修质量', '环境卫生'];

function scoreOf(orderId: string, lean: number): number {
  const u = unit(orderId, 'nps');
  const promoter = 0.56 + lean;
  const detractor = 0.14 - lean / 2;
  if (u < promoter) return unit(orderId, 'p') < 0.55 ? 10 : 9;
  if (u < 1 - detractor) return unit(orderId, 'm') < 0.5 ? 8 : 7;
  return [6, 6, 5, 5, 4, 3, 2, 0][Math.floor(unit(orderId, 'd') * 8)]!;
}

function answerOf(
  o: { id: string; storeId: string; advisorId: string | null; paidAt: Date },
  leanOf: (o: { storeId: string; advisorId: string | null; paidAt: Date }) => number,
) {
  const nps = scoreOf(o.id, leanOf(o));
  const stars =
    nps >= 9
      ? unit(o.id, 's') < 0.8
        ? 5
        : 4
      : nps >= 7
        ? unit(o.id, 's') < 0.6
          ? 4
          : 3
        : 1 + Math.floor(unit(o.id, 's') * 3);
  const wantsToSay = unit(o.id, 'c') < (nps <= 6 ? 0.7 : 0.2);
  const pool = nps <= 6 ? COMMENTS_BAD : COMMENTS_GOOD;
  return {
    nps,
    stars: unit(o.id, 'st') < 0.8 ? stars : null,
    comment: wantsToSay ? pool[Math.floor(unit(o.id, 'cc') * pool.length)]! : null,
    reasons: nps <= 6 ? [REASONS[Math.floor(unit(o.id, 'r') * REASONS.length)]!] : [],
  };
}

/** The paid orders of the last thirteen months, each a survey sent two hours later. */
async function surveyedOrders(ctx: Ctx) {
  const now = ctx.clock.now();
  return ctx.tx
    .select({
      id: serviceOrders.id,
      customerId: serviceOrders.customerId,
      storeId: serviceOrders.storeId,
      advisorId: serviceOrders.advisorId,
      // Orders from the history were closed without a payment row: their close is the payment.
      paidAt: sql<Date>`coalesce(${serviceOrders.paidAt}, ${serviceOrders.closedAt})`.mapWith(
        serviceOrders.paidAt,
      ),
    })
    .from(serviceOrders)
    .where(
      and(
        inArray(serviceOrders.status, ['paid', 'closed']),
        sql`coalesce(${serviceOrders.paidAt}, ${serviceOrders.closedAt}) between ${new Date(now.getTime() - 395 * DAY).toISOString()}::timestamptz and ${new Date(now.getTime() - 3 * HOUR).toISOString()}::timestamptz`,
      ),
    );
}

/** Inserts the history; answers the survey ids of detractors (for a few old tickets). */
export async function seedSurveyHistory(
  ctx: Ctx,
  opts: { storeOrder: string[]; skipOrderIds: Set<string> },
): Promise<{
  surveys: number;
  detractors: {
    id: string;
    orderId: string;
    customerId: string;
    storeId: string;
    answeredAt: Date;
  }[];
}> {
  const now = ctx.clock.now();
  const orders = await surveyedOrders(ctx);
  const storeLean = (id: string) => [0.08, 0, -0.07][opts.storeOrder.indexOf(id)] ?? 0;
  const leanOf = (o: { storeId: string; advisorId: string | null; paidAt: Date }) =>
    storeLean(o.storeId) +
    (o.advisorId ? (unit(o.advisorId, 'adv') - 0.5) * 0.12 : 0) +
    Math.sin((o.paidAt.getUTCMonth() / 12) * 2 * Math.PI) * 0.04;
  const rows: (typeof surveys.$inferInsert)[] = [];
  const detractors: {
    id: string;
    orderId: string;
    customerId: string;
    storeId: string;
    answeredAt: Date;
  }[] = [];
  for (const o of orders) {
    if (!o.paidAt || opts.skipOrderIds.has(o.id)) continue;
    const sentAt = new Date(o.paidAt.getTime() + 2 * HOUR);
    const answers = unit(o.id, 'resp') < 0.62;
    const id = newId();
    const base = {
      tenantId: ctx.tenantId,
      id,
      serviceOrderId: o.id,
      customerId: o.customerId,
      storeId: o.storeId,
      advisorId: o.advisorId,
      paidAt: o.paidAt,
      dueAt: sentAt,
      sentAt,
      expiresAt: new Date(sentAt.getTime() + 7 * DAY),
    };
    const answeredAt = new Date(sentAt.getTime() + Math.floor(unit(o.id, 'when') * 30) * HOUR);
    if (!answers || answeredAt > now) {
      rows.push({ ...base, status: 'sent' });
      continue;
    }
    const a = answerOf({ ...o, paidAt: o.paidAt }, leanOf);
    rows.push({
      ...base,
      status: 'answered',
      ...a,
      answeredAt,
      detailsAt: a.stars !== null ? answeredAt : null,
    });
    if (a.nps <= 6)
      detractors.push({
        id,
        orderId: o.id,
        customerId: o.customerId,
        storeId: o.storeId,
        answeredAt,
      });
  }
  for (let i = 0; i < rows.length; i += 500)
    await ctx.tx.insert(surveys).values(rows.slice(i, i + 500));
  return { surveys: rows.length, detractors };
}
