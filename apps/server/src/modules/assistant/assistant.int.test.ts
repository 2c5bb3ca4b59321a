// The assistant in the owner's conversation, over HTTP: off by default; a booking made through
// the dialogue is a real appointment under the same capacity rules as the app (a full slot offers
// the nearest free ones); cancel and reschedule touch only the owner's own bookings; handover on
// 人工, on a keyword (投诉 with the complaint port), after N turns it could not answer; the staff
// notice, the transcript, hand-back and the silence; bad input; the owner's message survives a
// failing reaction.
import type { LightMyRequestResponse } from 'fastify';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../kernel/ids.ts';
import { auditLog } from '../audit/audit.tables.ts';
import { onCustomerMessage } from '../inbox/index.ts';
import { messageIntents } from '../messaging/index.ts';
import {
  createTestEnv,
  fixedClock,
  signInCustomer,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { assistantActions } from './assistant.tables.ts';
import { setAssistantPorts } from './ports.ts';

// Monday 2026-12-07, 10:00 in Asia/Shanghai.
const NOW = new Date('2026-12-07T02:00:00.000Z');
const clock = fixedClock(NOW);

let env: TestEnv;
let t: TestTenant;
let owner: Session;
let advisor: Session;

type Headers = Record<string, string>;
interface Msg {
  authorType: string;
  body: string;
}

function call(method: 'GET' | 'POST' | 'PUT', url: string, headers: Headers, payload?: unknown) {
  return env.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

function ok(res: LightMyRequestResponse, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

const digitFreeSlug = () =>
  `asst-${newId()
    .slice(-12)
    .replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!)}`;

let phoneNo = 0;
async function owner_(plates: string[]) {
  const n = ++phoneNo;
  const phone = `1390000${String(n).padStart(4, '0')}`;
  const c = ok(
    await call('POST', '/api/v1/staff/customers', owner.headers, {
      name: `车主${n}`,
      phone,
      homeStoreId: t.storeId,
    }),
    201,
  );
  const cars: string[] = [];
  for (const plate of plates)
    cars.push(
      ok(
        await call('POST', `/api/v1/staff/customers/${c.id}/vehicles`, owner.headers, { plate }),
        201,
      ).id,
    );
  const session = await signInCustomer(env, t, phone);
  return { id: c.id as string, cars, headers: session.headers };
}
type Owner = Awaited<ReturnType<typeof owner_>>;

/** Writes as the owner; answers the assistant's reply to it (null when it stayed silent). */
async function say(who: Owner, body: string): Promise<string | null> {
  ok(await call('POST', '/api/v1/app/me/conversation/messages', who.headers, { body }), 201);
  const thread = ok(await call('GET', '/api/v1/app/me/conversation?limit=5', who.headers));
  const items: Msg[] = thread.items;
  const last = items[items.length - 1]!;
  if (last.authorType === 'customer') {
    expect(last.body).toBe(body.trim());
    return null;
  }
  expect(last.authorType).toBe('assistant');
  expect(items[items.length - 2]).toMatchObject({ authorType: 'customer', body: body.trim() });
  return last.body;
}

const myBookings = async (who: Owner) =>
  ok(await call('GET', '/api/v1/app/me/appointments', who.headers)).items as {
    id: string;
    startsAt: string;
    status: string;
    serviceCategory: string | null;
    vehicle: { id: string } | null;
  }[];

const actionsOf = (customerId: string) =>
  env.inTenant(t.id, (ctx) =>
    ctx.tx.select().from(assistantActions).where(eq(assistantActions.customerId, customerId)),
  );

const settings = (body: object) =>
  call('PUT', '/api/v1/staff/assistant/settings', owner.headers, body);

beforeAll(async () => {
  env = await createTestEnv({ clock });
  t = await env.createTenant(digitFreeSlug());
  owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
  advisor = await signInStaff(env.app, t.slug, t.staff.advisor.login);
  const days = [1, 2, 3, 4, 5, 6].map((weekday) => ({
    weekday,
    opensAt: '08:30',
    closesAt: '17:30',
    slotMinutes: 60,
    capacity: weekday === 3 ? 1 : 2,
  }));
  ok(await call('PUT', `/api/v1/staff/stores/${t.storeId}/opening-hours`, owner.headers, { days }));
});
afterAll(() => env.close());

describe('off and on', () => {
  it('stays silent while the tenant has it off (the default)', async () => {
    const me = await owner_(['粤B10001']);
    expect(
      ok(await call('GET', '/api/v1/staff/assistant/settings', advisor.headers)),
    ).toMatchObject({
      enabled: false,
      handoverKeywords: ['投诉', '人工', '转人工', '客服'],
      maxFailures: 2,
    });
    expect(await say(me, '我想明天上午约个保养')).toBeNull();
    expect(ok(await call('GET', '/api/v1/app/me/assistant', me.headers))).toMatchObject({
      enabled: false,
      mode: 'off',
      quickReplies: [],
    });
  });

  it('only owners and managers change the settings; bad values are refused with the field', async () => {
    expect(
      (await call('PUT', '/api/v1/staff/assistant/settings', advisor.headers, { enabled: true }))
        .statusCode,
    ).toBe(403);
    const bad = await settings({ maxFailures: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toContain('maxFailures');
    ok(await settings({ enabled: true }));
  });
});

describe('booking through the assistant', () => {
  it('books tomorrow morning after a confirmation, as a real appointment of the owner', async () => {
    const me = await owner_(['粤B10002']);
    const ask = await say(me, '我想明天上午约个保养');
    expect(ask).toContain('确认预约 12月8日 周二 08:30 保养 粤B10002');
    expect(ok(await call('GET', '/api/v1/app/me/assistant', me.headers)).quickReplies).toEqual([
      '确认',
      '取消',
    ]);
    expect(await myBookings(me)).toEqual([]);
    const done = await say(me, '确认');
    expect(done).toContain('已为您预约');
    const [b] = await myBookings(me);
    expect(b).toMatchObject({
      startsAt: '2026-12-08T00:30:00.000Z',
      status: 'booked',
      serviceCategory: 'oil_change',
      vehicle: { id: me.cars[0] },
    });
    const actions = await actionsOf(me.id);
    expect(actions.map((a) => [a.kind, a.entityId])).toEqual([['booked', b!.id]]);
    const audit = await env.inTenant(t.id, (ctx) =>
      ctx.tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'assistant.booked'), eq(auditLog.entityId, b!.id))),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'customer', actorId: me.id });
    // The staff board sees it like any booking the owner made.
    const board = ok(
      await call(
        'GET',
        `/api/v1/staff/appointments?storeId=${t.storeId}&date=2026-12-08`,
        advisor.headers,
      ),
    );
    expect(JSON.stringify(board)).toContain(b!.id);
  });

  it('asks which car, service and day when they are missing, over several turns', async () => {
    const me = await owner_(['粤B10003', '粤B10004']);
    expect(await say(me, '预约')).toContain('请问为哪辆车预约');
    expect(await say(me, '2')).toContain('请问做什么项目');
    expect(await say(me, '洗车')).toContain('请问哪天方便');
    expect(await say(me, '周四下午3点半')).toContain('确认预约 12月10日 周四 15:30 洗车 粤B10004');
    expect(await say(me, '好的')).toContain('已为您预约');
    const [b] = await myBookings(me);
    expect(b).toMatchObject({
      startsAt: '2026-12-10T07:30:00.000Z',
      serviceCategory: 'wash',
      vehicle: { id: me.cars[1] },
    });
  });

  it('offers the nearest free slots when the wished one is full, as the app would refuse it', async () => {
    const other = await owner_(['粤B10005']);
    // Wednesdays hold one car an hour: the other owner takes 10:30 first.
    ok(
      await call('POST', '/api/v1/app/appointments', other.headers, {
        storeId: t.storeId,
        startsAt: '2026-12-09T02:30:00.000Z',
        vehicleId: other.cars[0],
      }),
      201,
    );
    const me = await owner_(['粤B10006']);
    const reply = await say(me, '周三上午10点半 换轮胎');
    expect(reply).toContain('已约满');
    expect(reply).toContain('1. 12月9日 周三 08:30\n2. 12月9日 周三 09:30\n3. 12月9日 周三 11:30');
    expect(ok(await call('GET', '/api/v1/app/me/assistant', me.headers)).quickReplies).toEqual([
      '1',
      '2',
      '3',
    ]);
    expect(await say(me, '3')).toContain('确认预约 12月9日 周三 11:30 轮胎');
    // Meanwhile the last place of 11:30 goes: the confirmation meets the full slot and offers again.
    const third = await owner_(['粤B10007']);
    ok(
      await call('POST', '/api/v1/app/appointments', third.headers, {
        storeId: t.storeId,
        startsAt: '2026-12-09T03:30:00.000Z',
        vehicleId: third.cars[0],
      }),
      201,
    );
    expect(await say(me, '确认')).toContain('已约满');
    expect(await myBookings(me)).toEqual([]);
    expect(await say(me, '1')).toContain('确认预约 12月9日 周三 09:30');
    expect(await say(me, '确认')).toContain('已为您预约');
    expect((await myBookings(me)).map((b) => b.startsAt)).toEqual(['2026-12-09T01:30:00.000Z']);
  });

  it('answers in English to English', async () => {
    const me = await owner_(['粤B10008']);
    expect(await say(me, 'book an oil change tomorrow 2:30pm')).toContain(
      'Confirm booking: Tue Dec 8 14:30, maintenance, 粤B10008',
    );
    expect(await say(me, 'yes')).toContain('Booked');
  });
});

describe('changing only the owner’s own bookings', () => {
  it('cancels after a confirmation, and says so when it is cancelled already', async () => {
    const me = await owner_(['粤B10009']);
    await say(me, '大后天上午9点半保养');
    await say(me, '确认');
    const [b] = await myBookings(me);
    expect(await say(me, '取消预约')).toContain('确认取消 12月10日 周四 09:30 保养');
    expect(await say(me, '确认')).toContain('已为您取消');
    expect((await myBookings(me))[0]).toMatchObject({ id: b!.id, status: 'cancelled' });
    expect(await say(me, '帮我把保养取消了')).toContain('已经取消了');
    expect((await actionsOf(me.id)).map((a) => a.kind).sort()).toEqual(['booked', 'cancelled']);
  });

  it('reschedules its own booking and never lists another owner’s', async () => {
    const other = await owner_(['粤B10010']);
    ok(
      await call('POST', '/api/v1/app/appointments', other.headers, {
        storeId: t.storeId,
        startsAt: '2026-12-11T01:30:00.000Z',
        vehicleId: other.cars[0],
      }),
      201,
    );
    const me = await owner_(['粤B10011']);
    expect(await say(me, '我想改期')).toContain('没有可以更改的预约');
    await say(me, '周五上午10点半保养');
    await say(me, '确认');
    const reply = await say(me, '能不能把预约改到下周一下午2点半');
    expect(reply).toContain(
      '确认把预约从 12月11日 周五 10:30 保养 粤B10011 改到 12月14日 周一 14:30',
    );
    expect(reply).not.toContain('粤B10010');
    expect(await say(me, '确认')).toContain('已为您改约');
    expect((await myBookings(me))[0]!.startsAt).toBe('2026-12-14T06:30:00.000Z');
    expect((await myBookings(other))[0]!.startsAt).toBe('2026-12-11T01:30:00.000Z');
  });
});

describe('handing over to a person', () => {
  it('on 人工: marks the conversation, notifies staff, stays silent until handed back', async () => {
    const me = await owner_(['粤B10012']);
    expect(await say(me, '转人工')).toContain('已为您转接人工顾问');
    expect(ok(await call('GET', '/api/v1/app/me/assistant', me.headers))).toMatchObject({
      mode: 'staff',
      quickReplies: [],
    });
    const notices = await env.inTenant(t.id, (ctx) =>
      ctx.tx
        .select()
        .from(messageIntents)
        .where(like(messageIntents.dedupeKey, 'assistant.handover:%')),
    );
    expect(notices.map((n) => n.toAddress)).toContain(t.staff.advisor.login);
    const queue = ok(
      await call('GET', '/api/v1/staff/assistant/transcripts?filter=waiting', advisor.headers),
    );
    expect(queue.items.map((i: { customerId: string }) => i.customerId)).toContain(me.id);
    // The staff see the customer's message as unread.
    const convs = ok(
      await call('GET', '/api/v1/staff/conversations?scope=all&unread=true', advisor.headers),
    );
    expect(convs.items.map((c: { customerId: string }) => c.customerId)).toContain(me.id);

    expect(await say(me, '查积分')).toBeNull();
    const transcript = ok(
      await call('GET', `/api/v1/staff/assistant/transcripts/${me.id}`, advisor.headers),
    );
    expect(transcript.messages.map((m: Msg) => m.authorType)).toEqual([
      'customer',
      'assistant',
      'customer',
    ]);
    expect(transcript.actions.map((a: { kind: string }) => a.kind)).toEqual(['handover']);
    expect(transcript.session.status).toBe('waiting');

    ok(
      await call('POST', `/api/v1/staff/assistant/transcripts/${me.id}/hand-back`, advisor.headers),
    );
    const again = await call(
      'POST',
      `/api/v1/staff/assistant/transcripts/${me.id}/hand-back`,
      advisor.headers,
    );
    expect(again.statusCode).toBe(409);
    expect(await say(me, '查积分')).toContain('可用积分 0 分');
  });

  it('leaves a conversation a person has answered to that person, for the same hours', async () => {
    const me = await owner_(['粤B10081']);
    ok(
      await call('POST', `/api/v1/staff/conversations/${me.id}/messages`, advisor.headers, {
        body: '您好，我是顾问小李，您的车今天下午可以来做保养。',
      }),
      201,
    );
    expect(await say(me, '营业时间')).toBeNull();
    clock.advance(5 * 3_600_000);
    try {
      expect(await say(me, '营业时间')).toContain('周一 08:30–17:30');
    } finally {
      clock.set(NOW);
    }
  });

  it('falls silent for the set hours only', async () => {
    const me = await owner_(['粤B10013']);
    await say(me, '人工');
    expect(await say(me, '营业时间')).toBeNull();
    clock.advance(5 * 3_600_000);
    try {
      expect(await say(me, '营业时间')).toContain('周一 08:30–17:30');
    } finally {
      clock.set(NOW);
    }
  });

  it('after N turns it could not answer, and asks the FAQ through the port first', async () => {
    const me = await owner_(['粤B10014']);
    expect(await say(me, '你好')).toContain('智能助手');
    setAssistantPorts({
      searchHelp: async (_ctx, q) => ({
        hits: q.query.includes('发票')
          ? [
              {
                entryId: 'e1',
                question: '能开发票吗',
                answer: '可以开具增值税普通发票。',
                categoryId: null,
                score: 1,
              },
            ]
          : [],
      }),
    });
    try {
      expect(await say(me, '你们能开发票吗')).toBe('可以开具增值税普通发票。');
      expect(await say(me, '车子有异响怎么办')).toContain('没太明白');
      expect(await say(me, '方向盘抖动是什么原因')).toContain('转接人工顾问');
    } finally {
      setAssistantPorts({ searchHelp: null });
    }
    expect((await actionsOf(me.id)).map((a) => a.details)).toEqual([{ reason: 'failed_turns' }]);
  });

  it('on the keyword 投诉: opens a complaint through the port, or hands over noting it', async () => {
    const me = await owner_(['粤B10015']);
    const opened: unknown[] = [];
    setAssistantPorts({
      openComplaint: async (_ctx, input) => {
        opened.push(input);
        return { ticketId: newId(), number: 'TS-0001', status: 'open' };
      },
    });
    try {
      expect(await say(me, '上次保养太差了，我要投诉')).toContain('编号 TS-0001');
    } finally {
      setAssistantPorts({ openComplaint: null });
    }
    expect(opened).toEqual([
      expect.objectContaining({
        customerId: me.id,
        source: 'assistant',
        summary: '上次保养太差了，我要投诉',
      }),
    ]);
    expect((await actionsOf(me.id)).map((a) => a.kind).sort()).toEqual(['complaint', 'handover']);

    const you = await owner_(['粤B10016']);
    expect(await say(you, '我要投诉')).toContain('会尽快处理您的投诉');
    expect((await actionsOf(you.id)).map((a) => a.details)).toEqual([
      { reason: 'complaint', note: 'complaint to be registered by staff' },
    ]);
  });
});

describe('bad input', () => {
  it('refuses an empty or a 10,000-character message, and writes nothing', async () => {
    const me = await owner_(['粤B10017']);
    for (const body of ['   ', 'a'.repeat(10_000)]) {
      const res = await call('POST', '/api/v1/app/me/conversation/messages', me.headers, { body });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.field).toBe('body');
    }
    expect(ok(await call('GET', '/api/v1/app/me/conversation', me.headers)).items).toEqual([]);
  });

  it('answers another language politely and offers a person', async () => {
    const me = await owner_(['粤B10018']);
    await say(me, '你好');
    expect(await say(me, 'オイル交換を予約したい')).toContain('Chinese or English');
  });

  it('keeps the owner’s message when a reaction fails', async () => {
    const me = await owner_(['粤B10019']);
    onCustomerMessage(async () => {
      throw new Error('boom');
    });
    expect(await say(me, '查积分')).toContain('可用积分');
  });
});
