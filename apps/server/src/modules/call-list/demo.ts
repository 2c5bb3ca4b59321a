// The demo's call list: advisors' calls over the past days (reached, no answer, a wrong
// number…), one car snoozed, one not interested and one "will book", so the 电话清单 page looks
// worked on at whatever hour the demo is seeded. Uses the actions themselves, back-dated.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../kernel/clock.ts';
import type { Ctx } from '../../kernel/context.ts';
import { logCall, markNotInterested, snoozeCar } from './call-actions.ts';
import type { CallOutcome } from './call-list.tables.ts';
import { addDays, tenantToday } from './days.ts';

const HOUR = 60 * 60 * 1000;

const CALLS: { hoursAgo: number; outcome: CallOutcome; note: string | null }[] = [
  { hoursAgo: 3, outcome: 'no_answer', note: '响铃无人接，下午再打' },
  { hoursAgo: 26, outcome: 'reached_not_now', note: '最近出差，下月回来再说' },
  { hoursAgo: 27, outcome: 'no_answer', note: null },
  { hoursAgo: 50, outcome: 'wrong_number', note: '号码已换人，需更新联系方式' },
  { hoursAgo: 73, outcome: 'other', note: '车主说车子借给家人在开，让家人联系我们' },
  { hoursAgo: 98, outcome: 'no_answer', note: '关机' },
  { hoursAgo: 122, outcome: 'reached_not_now', note: '刚在别家做过保养' },
];

export async function seedDemoCallList(
  ctx: Ctx,
  input: { advisorIds: string[] },
): Promise<{ calls: number; held: number }> {
  if (!input.advisorIds.length) return { calls: 0, held: 0 };
  const today = await tenantToday(ctx);
  // Cars due now in the list's order (nearest their due date first), every other one: the top
  // of the page shows some cars called, some not yet.
  const cars = (
    await queryRows<{ vehicle_id: string }>(
      ctx.tx,
      sql`select i.vehicle_id from vehicle_due_items i
          where i.tenant_id = ${ctx.tenantId}::uuid and i.due_date <= ${today}::date + i.lead_days
            and i.kind in ('maintenance', 'insurance', 'inspection')
          group by i.vehicle_id
          order by min(abs(i.due_date - ${today}::date)), i.vehicle_id limit 20`,
    )
  ).filter((_, i) => i % 2 === 0);
  const now = ctx.clock.now().getTime();
  const as = (i: number, hoursAgo: number): Ctx => ({
    ...ctx,
    actor: {
      type: 'staff',
      id: input.advisorIds[i % input.advisorIds.length]!,
      role: 'advisor',
      sessionId: null,
    },
    clock: fixedClock(new Date(now - hoursAgo * HOUR)),
  });
  let calls = 0;
  for (const [i, call] of CALLS.entries()) {
    const car = cars[i];
    if (!car) break;
    await logCall(as(i, call.hoursAgo), car.vehicle_id, {
      outcome: call.outcome,
      ...(call.note ? { note: call.note } : {}),
    });
    calls++;
  }
  let held = 0;
  const [willBook, snoozed, declined] = cars.slice(CALLS.length);
  if (willBook) {
    await logCall(as(1, 20), willBook.vehicle_id, {
      outcome: 'reached_will_book',
      note: '周六上午过来做保养，让前台留位',
    });
    calls++;
  }
  if (snoozed) {
    await logCall(as(2, 30), snoozed.vehicle_id, {
      outcome: 'reached_not_now',
      note: '在外地，两周后回来',
    });
    await snoozeCar(as(2, 30), snoozed.vehicle_id, { until: addDays(today, 12) });
    calls++;
    held++;
  }
  if (declined) {
    await logCall(as(3, 45), declined.vehicle_id, {
      outcome: 'reached_not_now',
      note: '车准备卖了，不做保养',
    });
    // Decided now: "not interested" covers what is due at the moment it is recorded.
    await markNotInterested(as(3, 0), declined.vehicle_id);
    calls++;
    held++;
  }
  return { calls, held };
}
