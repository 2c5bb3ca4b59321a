// Demo: the assistant on for the demo tenant, and a few conversations it had, played through the
// live path at past instants (the owner's message, inbox's hook, the assistant's answer and its
// actions): a booking it made, a points check, a handover an advisor answered, and one owner
// waiting for a person now. Deterministic given the customers passed and the seed clock.
import { and, asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { staffUsers } from '../identity/index.ts';
import { postCustomerMessage, staffReply } from '../inbox/index.ts';
import { assistantSessions } from './assistant.tables.ts';
import { ownerCars } from './owner-data.ts';
import { saveAssistantSettings } from './settings.ts';

const MINUTE = 60_000;

function asOwner(ctx: Ctx, customerId: string, at: number): Ctx {
  return {
    ...ctx,
    actor: { type: 'customer', id: customerId, sessionId: null },
    clock: { now: () => new Date(at) },
  };
}

async function awaiting(ctx: Ctx, customerId: string) {
  const [s] = await ctx.tx
    .select({ state: assistantSessions.state })
    .from(assistantSessions)
    .where(eq(assistantSessions.customerId, customerId));
  return s?.state.awaiting ?? null;
}

/** Owner writes; the assistant answers through the hook. */
async function say(ctx: Ctx, customerId: string, at: number, body: string) {
  await postCustomerMessage(asOwner(ctx, customerId, at), customerId, body);
}

/** A booking through the assistant: the wish, then whatever it asks (a slot offered, confirm). */
async function bookingTalk(ctx: Ctx, customerId: string, start: number) {
  await say(ctx, customerId, start, '你好，后天上午想约个保养');
  for (let step = 1; step <= 3; step++) {
    const next = await awaiting(ctx, customerId);
    if (next === 'time') await say(ctx, customerId, start + step * MINUTE, '1');
    else if (next === 'confirm') await say(ctx, customerId, start + step * MINUTE, '确认');
    else break;
  }
  await say(ctx, customerId, start + 5 * MINUTE, '谢谢');
}

export async function seedDemoAssistant(ctx: Ctx, opts: { customerIds: string[] }) {
  await saveAssistantSettings(ctx, { enabled: true });
  const now = ctx.clock.now().getTime();
  // Owners with exactly one car, from the end of the list (inbox's demo talks to the middle).
  const picked: string[] = [];
  for (const id of [...opts.customerIds].reverse()) {
    if ((await ownerCars(ctx, id)).length === 1) picked.push(id);
    if (picked.length === 4) break;
  }
  const [booker, pointsAsker, handedOver, waiting] = picked;
  const [advisor] = await ctx.tx
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, 'advisor'), eq(staffUsers.status, 'active')))
    .orderBy(asc(staffUsers.createdAt), asc(staffUsers.id))
    .limit(1);
  if (booker) await bookingTalk(ctx, booker, now - 3 * 60 * MINUTE);
  if (pointsAsker) {
    const at = now - 26 * 60 * MINUTE;
    await say(ctx, pointsAsker, at, '我还有多少积分？');
    await say(ctx, pointsAsker, at + MINUTE, '下次保养是什么时候');
    await say(ctx, pointsAsker, at + 2 * MINUTE, '好的谢谢');
  }
  if (handedOver) {
    const at = now - 2 * 24 * 60 * MINUTE;
    await say(ctx, handedOver, at, '空调出风有股怪味，怎么回事？');
    await say(ctx, handedOver, at + MINUTE, '转人工');
    if (advisor)
      await staffReply(
        {
          ...ctx,
          actor: { type: 'staff', id: advisor.id, role: 'advisor', sessionId: null },
          clock: { now: () => new Date(at + 12 * MINUTE) },
        },
        handedOver,
        '您好，多半是空调滤芯和蒸发箱积灰发霉，建议来店做一次空调清洗并更换滤芯，约 40 分钟。',
      );
  }
  if (waiting) await say(ctx, waiting, now - 20 * MINUTE, '上次保养完发现少了个螺丝，我要投诉');
  return { transcripts: picked.length };
}
