// The assistant as the composition root wires it (no fakes): a question it has no rule for is
// answered from the tenant's help center, in traditional characters too; 投诉 opens a real ticket
// on the service desk, which the owner then sees under 我的工单.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestEnv,
  signInCustomer,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';

let env: TestEnv;
let t: TestTenant;
let staff: Session;
let me: Session;

const ANSWER = '一般每 5000–10000 公里或 6–12 个月更换一次机油，以保养手册为准。';

function ok(res: LightMyRequestResponse, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

/** Writes as the owner; answers the assistant's reply. */
async function say(body: string): Promise<string> {
  ok(
    await env.app.inject({
      method: 'POST',
      url: '/api/v1/app/me/conversation/messages',
      headers: me.headers,
      payload: { body },
    }),
    201,
  );
  const thread = ok(
    await env.app.inject({
      method: 'GET',
      url: '/api/v1/app/me/conversation?limit=2',
      headers: me.headers,
    }),
  );
  const last = thread.items[thread.items.length - 1] as { authorType: string; body: string };
  expect(last.authorType).toBe('assistant');
  return last.body;
}

beforeAll(async () => {
  env = await createTestEnv();
  t = await env.createTenant();
  staff = await signInStaff(env.app, t.slug, t.staff.owner.login);
  const post = (url: string, payload: object, method: 'POST' | 'PUT' = 'POST') =>
    env.app.inject({ method, url, headers: staff.headers, payload });
  ok(await post('/api/v1/staff/assistant/settings', { enabled: true }, 'PUT'));
  const category = ok(await post('/api/v1/staff/help/categories', { nameZh: '保养' }), 201);
  ok(
    await post('/api/v1/staff/help/entries', {
      categoryId: category.id,
      questionZh: '多久换一次机油？',
      answerZh: ANSWER,
      status: 'published',
    }),
    201,
  );
  ok(
    await post('/api/v1/staff/help/entries', {
      categoryId: category.id,
      questionZh: '储值卡可以退吗？',
      answerZh: '储值卡余额不可提现，未使用的赠送金额不退。',
      status: 'published',
    }),
    201,
  );
  const customer = ok(
    await post('/api/v1/staff/customers', {
      name: '林车主',
      phone: '13700000042',
      homeStoreId: t.storeId,
    }),
    201,
  );
  expect(customer.id).toBeTruthy();
  me = await signInCustomer(env, t, '13700000042');
});
afterAll(() => env.close());

describe('the assistant wired to the help center and the service desk', () => {
  it('answers a question from the help center, in simplified and traditional characters', async () => {
    expect(await say('机油一般多久要换？')).toContain(ANSWER);
    expect(await say('機油要多久換一次')).toContain(ANSWER);
  });

  it('opens a real complaint ticket on 投诉, which the owner then sees', async () => {
    const reply = await say('上次洗车把我的座椅弄脏了，我要投诉');
    const mine = ok(
      await env.app.inject({
        method: 'GET',
        url: '/api/v1/app/me/complaints',
        headers: me.headers,
      }),
    );
    expect(mine.items).toHaveLength(1);
    const ticket = mine.items[0] as { number: string; status: string };
    expect(ticket.status).toBe('open');
    expect(reply).toContain(ticket.number);
    const board = ok(
      await env.app.inject({
        method: 'GET',
        url: '/api/v1/staff/complaints',
        headers: staff.headers,
      }),
    );
    const row = (board.items as { number: string; storeId: string | null }[]).find(
      (i) => i.number === ticket.number,
    );
    // No order named: the ticket belongs to the owner's home store (its hours, its manager).
    expect(row?.storeId).toBe(t.storeId);
  });
});
