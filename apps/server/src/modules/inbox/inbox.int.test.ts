import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inappChannel } from './inapp-channel.ts';
import type { ChannelMessage } from '../../channels/port.ts';
import { newId } from '../../kernel/ids.ts';
import { createLogger } from '../../kernel/logger.ts';
import {
  createTestEnv,
  signInCustomer,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { drainMessages } from '../messaging/index.ts';
import { realtimeSettings } from './index.ts';
import { openEventStream, type SseClient } from './testing.ts';

let env: TestEnv;
let a: TestTenant;
let b: TestTenant;
let base: string;
let ownerA: Session;
let advisorA: Session;
let managerA: Session;
let ownerB: Session;
let carOwner: Session; // tenant A's customer
let carOwnerId: string;
let otherOwner: Session; // tenant B's customer
let otherOwnerId: string;
const streams: SseClient[] = [];
const log = createLogger('silent');

async function customerIdOf(s: Session) {
  const me = await env.app.inject({ url: '/api/v1/app/me', headers: s.headers });
  return me.json().customer.id as string;
}

function deliver(tenantId: string, customerId: string, text: string, intentId = newId()) {
  const message: ChannelMessage = {
    tenantId,
    intentId,
    deliveryId: newId(),
    customerId,
    channel: 'inapp',
    to: customerId,
    purpose: 'transactional',
    subject: '预约成功',
    text,
    url: '/appointments',
  };
  return inappChannel.send(message, {
    adminDb: env.database.adminDb,
    log,
    now: () => new Date(),
  });
}

const inject = (s: Session, method: 'GET' | 'POST', url: string, payload?: object) =>
  env.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

async function stream(path: string, s: Session) {
  const client = await openEventStream(`${base}${path}`, s.cookie);
  streams.push(client);
  return client;
}

beforeAll(async () => {
  env = await createTestEnv();
  a = await env.createTenant();
  b = await env.createTenant();
  ownerA = await signInStaff(env.app, a.slug, a.staff.owner.login);
  advisorA = await signInStaff(env.app, a.slug, a.staff.advisor.login);
  managerA = await signInStaff(env.app, a.slug, a.staff.manager.login);
  ownerB = await signInStaff(env.app, b.slug, b.staff.owner.login);
  carOwner = await signInCustomer(env, a, '13800000101');
  otherOwner = await signInCustomer(env, b, '13800000102');
  carOwnerId = await customerIdOf(carOwner);
  otherOwnerId = await customerIdOf(otherOwner);
  base = await env.app.listen({ port: 0, host: '127.0.0.1' });
}, 60_000);

afterAll(async () => {
  for (const s of streams) s.close();
  await env.close();
});

describe('in-app channel and inbox', () => {
  it('is reachable only once the customer has opened the app', async () => {
    const deps = { adminDb: env.database.adminDb, log, now: () => new Date() };
    expect(await inappChannel.reachable(a.id, carOwnerId, deps)).toBe(false);
    const badge = await inject(carOwner, 'GET', '/api/v1/app/me/inbox/unread-count');
    expect(badge.json()).toEqual({ inbox: 0, conversation: 0, total: 0 });
    expect(await inappChannel.reachable(a.id, carOwnerId, deps)).toBe(true);
    expect(await inappChannel.reachable(b.id, carOwnerId, deps)).toBe(false);
  });

  it('writes, lists, counts and marks read; a retried delivery is not shown twice', async () => {
    const intentId = newId();
    const first = await deliver(a.id, carOwnerId, '您的预约已确认：12月1日 09:30', intentId);
    expect(first).toMatchObject({ outcome: 'delivered' });
    const again = await deliver(a.id, carOwnerId, '您的预约已确认：12月1日 09:30', intentId);
    expect(again).toEqual(first);
    await deliver(a.id, carOwnerId, '保养提醒：您的车快到保养时间了');

    const list = await inject(carOwner, 'GET', '/api/v1/app/me/inbox');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((m: { body: string }) => m.body)).toEqual([
      '保养提醒：您的车快到保养时间了',
      '您的预约已确认：12月1日 09:30',
    ]);
    expect(list.json().unread).toEqual({ inbox: 2, conversation: 0, total: 2 });
    const firstId = list.json().items[1].id as string;
    expect(list.json().items[1]).toMatchObject({ title: '预约成功', url: '/appointments' });

    const paged = await inject(carOwner, 'GET', '/api/v1/app/me/inbox?limit=1');
    expect(paged.json().items).toHaveLength(1);
    const rest = await inject(
      carOwner,
      'GET',
      `/api/v1/app/me/inbox?limit=1&cursor=${paged.json().nextCursor}`,
    );
    expect(rest.json().items[0].id).toBe(firstId);

    const read = await inject(carOwner, 'POST', `/api/v1/app/me/inbox/${firstId}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().message.readAt).not.toBeNull();
    expect(read.json().unread.inbox).toBe(1);
    const unreadOnly = await inject(carOwner, 'GET', '/api/v1/app/me/inbox?unread=true');
    expect(unreadOnly.json().items).toHaveLength(1);

    const all = await inject(carOwner, 'POST', '/api/v1/app/me/inbox/read-all');
    expect(all.json()).toEqual({ updated: 1, unread: { inbox: 0, conversation: 0, total: 0 } });
    const detail = await inject(carOwner, 'GET', `/api/v1/app/me/inbox/${firstId}`);
    expect(detail.json().body).toBe('您的预约已确认：12月1日 09:30');
  });

  it('fails permanently for a customer that does not exist', async () => {
    const result = await deliver(a.id, newId(), 'x');
    expect(result).toMatchObject({ outcome: 'failed', permanent: true });
  });

  it('never shows one customer another’s messages', async () => {
    await deliver(a.id, carOwnerId, '仅甲可见');
    const mine = await inject(carOwner, 'GET', '/api/v1/app/me/inbox');
    const id = mine.json().items[0].id as string;
    const theirs = await inject(otherOwner, 'GET', '/api/v1/app/me/inbox');
    expect(theirs.json().items).toEqual([]);
    for (const [method, url] of [
      ['GET', `/api/v1/app/me/inbox/${id}`],
      ['POST', `/api/v1/app/me/inbox/${id}/read`],
    ] as const) {
      const res = await inject(otherOwner, method, url);
      expect(res.statusCode).toBe(404);
    }
    const still = await inject(carOwner, 'GET', `/api/v1/app/me/inbox/${id}`);
    expect(still.json().readAt).toBeNull();
    // A delivery addressed with the wrong tenant cannot land in another business's inbox.
    expect(await deliver(b.id, carOwnerId, 'x')).toMatchObject({ outcome: 'failed' });
  });
});

describe('real-time events (SSE)', () => {
  it('refuses a stream without a session', async () => {
    const res = await fetch(`${base}/api/v1/app/me/events`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('AUTH_REQUIRED');
    const staff = await fetch(`${base}/api/v1/staff/events`, {
      headers: { cookie: carOwner.cookie.replace('lk_app', 'lk_staff') },
    });
    expect(staff.status).toBe(401);
  });

  it('delivers an inbox message to the open app as it arrives, with the unread count', async () => {
    const app = await stream('/api/v1/app/me/events', carOwner);
    expect(app.status).toBe(200);
    expect(app.contentType).toMatch(/^text\/event-stream/);
    const ready = await app.next('ready');
    const before = (ready.data.unread as { inbox: number }).inbox;
    const other = await stream('/api/v1/app/me/events', otherOwner);
    await other.next('ready');

    await deliver(a.id, carOwnerId, '您的车已洗好，可以来取了');
    const event = await app.next('inbox.message');
    expect(event.data).toMatchObject({
      preview: '您的车已洗好，可以来取了',
      unread: { inbox: before + 1 },
    });
    // Marking it read elsewhere updates the badge of the open app.
    await inject(carOwner, 'POST', `/api/v1/app/me/inbox/${event.data.id as string}/read`);
    expect((await app.next('inbox.unread')).data).toMatchObject({ unread: { inbox: before } });
    // The other business's customer heard nothing of it.
    await expect(other.next('inbox.message', 500)).rejects.toThrow(/no event/);
  });

  it('sends heartbeats', async () => {
    const saved = realtimeSettings.heartbeatMs;
    realtimeSettings.heartbeatMs = 50;
    try {
      const app = await stream('/api/v1/app/me/events', carOwner);
      expect(await app.nextComment()).toBe('ping');
    } finally {
      realtimeSettings.heartbeatMs = saved;
    }
  });

  it('publishes to the customer from other modules', async () => {
    const { publishToCustomer } = await import('./index.ts');
    const app = await stream('/api/v1/app/me/events', carOwner);
    await app.next('ready');
    await publishToCustomer(a.id, carOwnerId, {
      type: 'wallet.changed',
      data: { balanceFen: 5000 },
    });
    expect((await app.next('wallet.changed')).data).toEqual({ balanceFen: 5000 });
    // Sent with a transaction that rolls back: never heard.
    await env
      .inTenant(a.id, async (ctx) => {
        await publishToCustomer(
          a.id,
          carOwnerId,
          { type: 'wallet.changed', data: { n: 2 } },
          ctx.tx,
        );
        throw new Error('rollback');
      })
      .catch(() => {});
    await publishToCustomer(a.id, carOwnerId, { type: 'wallet.changed', data: { n: 3 } });
    expect((await app.next('wallet.changed')).data).toEqual({ n: 3 });
  });

  it('ends the stream when the session is signed out', async () => {
    const saved = realtimeSettings.revalidateMs;
    realtimeSettings.revalidateMs = 50;
    const session = await signInCustomer(env, a, '13800000103');
    try {
      const app = await stream('/api/v1/app/me/events', session);
      await app.next('ready');
      await inject(session, 'POST', '/api/v1/app/auth/sign-out');
      await app.next('signed-out');
    } finally {
      realtimeSettings.revalidateMs = saved;
    }
  });
});

describe('conversation', () => {
  it('round trip: the owner writes, staff see it live, answer, and the app hears the answer', async () => {
    const console_ = await stream('/api/v1/staff/events', advisorA);
    expect((await console_.next('ready')).data.unread).toMatchObject({ unreadConversations: 0 });
    const consoleB = await stream('/api/v1/staff/events', ownerB);
    await consoleB.next('ready');
    const app = await stream('/api/v1/app/me/events', carOwner);
    await app.next('ready');

    const empty = await inject(carOwner, 'GET', '/api/v1/app/me/conversation');
    expect(empty.json()).toEqual({ conversation: null, items: [], nextCursor: null });

    const wrote = await inject(carOwner, 'POST', '/api/v1/app/me/conversation/messages', {
      body: '  您好，我的车保养大概要多久？ ',
    });
    expect(wrote.statusCode).toBe(201);
    expect(wrote.json()).toMatchObject({
      authorType: 'customer',
      body: '您好，我的车保养大概要多久？',
    });
    const live = await console_.next('conversation.message');
    expect(live.data).toMatchObject({ customerId: carOwnerId, staffUnread: 1 });
    await expect(consoleB.next('conversation.message', 500)).rejects.toThrow(/no event/);
    // The owner's other open screens hear of their own message too.
    expect((await app.next('conversation.message')).data).toMatchObject({ authorType: 'customer' });

    const unassigned = await inject(
      advisorA,
      'GET',
      '/api/v1/staff/conversations?scope=unassigned',
    );
    expect(unassigned.json().items).toHaveLength(1);
    expect(unassigned.json().items[0]).toMatchObject({
      customer: { id: carOwnerId, phone: '+8613800000101' },
      staffUnread: 1,
      lastMessageAuthor: 'customer',
      lastMessagePreview: '您好，我的车保养大概要多久？',
      assignedStaff: null,
    });
    const summary = await inject(advisorA, 'GET', '/api/v1/staff/conversations/unread');
    expect(summary.json()).toMatchObject({
      unreadConversations: 1,
      unreadMessages: 1,
      unassignedOpen: 1,
    });

    const reply = await inject(
      advisorA,
      'POST',
      `/api/v1/staff/conversations/${carOwnerId}/messages`,
      {
        body: '大约一个小时，欢迎随时过来。',
      },
    );
    expect(reply.statusCode).toBe(201);
    expect(reply.json().message).toMatchObject({
      authorType: 'staff',
      staff: { id: a.staff.advisor.id },
    });
    const heard = await app.next('conversation.message');
    expect(heard.data).toMatchObject({ authorType: 'staff', unread: { conversation: 1 } });

    // Answering took the conversation and read it.
    const mine = await inject(advisorA, 'GET', '/api/v1/staff/conversations?scope=mine');
    expect(mine.json().items[0]).toMatchObject({
      staffUnread: 0,
      customerUnread: 1,
      assignedStaff: { id: a.staff.advisor.id },
    });

    const thread = await inject(carOwner, 'GET', '/api/v1/app/me/conversation');
    expect(thread.json().items.map((m: { body: string }) => m.body)).toEqual([
      '您好，我的车保养大概要多久？',
      '大约一个小时，欢迎随时过来。',
    ]);
    expect(thread.json().conversation).toMatchObject({ customerUnread: 1, status: 'open' });

    // The pipeline carries the reply to the inbox (the owner uses the app: in-app first).
    await drainMessages({
      adminDb: env.database.adminDb,
      log,
      clock: env.clock,
      onlyTenants: [a.id, b.id],
    });
    const notified = await app.next('inbox.message');
    expect(notified.data).toMatchObject({
      url: '/conversation',
      preview: '大约一个小时，欢迎随时过来。',
    });
    const staffThread = await inject(advisorA, 'GET', `/api/v1/staff/conversations/${carOwnerId}`);
    expect(staffThread.statusCode).toBe(200);
    const items = staffThread.json().items as {
      kind: string;
      message?: { body: string };
      delivery?: { channel: string; status: string } | null;
      outbound?: { channel: string; status: string };
    }[];
    const answer = items.find((i) => i.message?.body === '大约一个小时，欢迎随时过来。')!;
    expect(answer.delivery).toMatchObject({ channel: 'inapp', status: 'sent' });
    expect(items.filter((i) => i.kind === 'conversation')).toHaveLength(2);

    const read = await inject(carOwner, 'POST', '/api/v1/app/me/conversation/read');
    expect(read.json()).toMatchObject({ conversation: 0 });
    // Read in the app: the console sees it as opened and read.
    const after = await inject(advisorA, 'GET', `/api/v1/staff/conversations/${carOwnerId}`);
    const delivered = (after.json().items as typeof items).find(
      (i) => i.message?.body === '大约一个小时，欢迎随时过来。',
    )!.delivery as unknown as { readAt: string | null; deliveries: { status: string }[] };
    expect(delivered.readAt).not.toBeNull();
    expect(delivered.deliveries).toContainEqual(expect.objectContaining({ status: 'opened' }));
    const inbox = await inject(carOwner, 'GET', '/api/v1/app/me/inbox?unread=true');
    expect(inbox.json().items.filter((m: { url: string }) => m.url === '/conversation')).toEqual(
      [],
    );
  });

  it('shows every message sent to the customer on any channel in the console thread', async () => {
    const { sendToCustomer } = await import('../messaging/index.ts');
    await env.inTenant(a.id, (ctx) =>
      sendToCustomer(ctx, {
        customerId: carOwnerId,
        templateKey: 'service.message',
        data: { message: { text: '您的车已完工' } },
        dedupeKey: `test-${newId()}`,
        priority: 'transactional',
        purpose: 'transactional',
        channels: ['sms'],
      }),
    );
    await drainMessages({
      adminDb: env.database.adminDb,
      log,
      clock: env.clock,
      onlyTenants: [a.id, b.id],
    });
    const thread = await inject(managerA, 'GET', `/api/v1/staff/conversations/${carOwnerId}`);
    const outbound = thread.json().items.filter((i: { kind: string }) => i.kind === 'outbound') as {
      outbound: { channel: string; templateKey: string; status: string };
    }[];
    expect(outbound.map((o) => o.outbound)).toContainEqual(
      expect.objectContaining({
        channel: 'sms',
        templateKey: 'service.message',
        templateName: '服务消息',
        status: 'sent',
      }),
    );
  });

  it('assigns, refuses a bad assignee, closes and reopens, marks read', async () => {
    const url = `/api/v1/staff/conversations/${carOwnerId}`;
    const toManager = await inject(ownerA, 'POST', `${url}/assign`, {
      staffId: a.staff.manager.id,
    });
    expect(toManager.json()).toMatchObject({ assignedStaff: { id: a.staff.manager.id } });
    const managersOwn = await inject(managerA, 'GET', '/api/v1/staff/conversations?scope=mine');
    expect(managersOwn.json().items.map((c: { customerId: string }) => c.customerId)).toEqual([
      carOwnerId,
    ]);
    const advisorsOwn = await inject(advisorA, 'GET', '/api/v1/staff/conversations?scope=mine');
    expect(advisorsOwn.json().items).toEqual([]);

    for (const staffId of [a.staff.technician.id, b.staff.advisor.id, newId()]) {
      const bad = await inject(ownerA, 'POST', `${url}/assign`, { staffId });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error).toMatchObject({
        code: 'CONVERSATION_ASSIGNEE_INVALID',
        field: 'staffId',
      });
    }
    const unassign = await inject(ownerA, 'POST', `${url}/assign`, { staffId: null });
    expect(unassign.json().assignedStaff).toBeNull();

    const closed = await inject(ownerA, 'POST', `${url}/close`);
    expect(closed.json().status).toBe('closed');
    const openOnly = await inject(ownerA, 'GET', '/api/v1/staff/conversations?status=open');
    expect(openOnly.json().items).toEqual([]);
    // A new customer message reopens it and counts as unread.
    await inject(carOwner, 'POST', '/api/v1/app/me/conversation/messages', {
      body: '还有一个问题',
    });
    const again = await inject(ownerA, 'GET', '/api/v1/staff/conversations?unread=true');
    expect(again.json().items[0]).toMatchObject({ status: 'open', staffUnread: 1 });
    const read = await inject(ownerA, 'POST', `${url}/read`);
    expect(read.json().staffUnread).toBe(0);
    await inject(ownerA, 'POST', `${url}/close`);
    expect((await inject(ownerA, 'POST', `${url}/reopen`)).json().status).toBe('open');

    const tech = await signInStaff(env.app, a.slug, a.staff.technician.login);
    expect((await inject(tech, 'GET', '/api/v1/staff/conversations')).statusCode).toBe(403);
  });

  it('keeps each business’s conversations to itself', async () => {
    await inject(otherOwner, 'POST', '/api/v1/app/me/conversation/messages', { body: '乙的消息' });
    const listB = await inject(ownerB, 'GET', '/api/v1/staff/conversations');
    expect(listB.json().items.map((c: { customerId: string }) => c.customerId)).toEqual([
      otherOwnerId,
    ]);
    const listA = await inject(ownerA, 'GET', '/api/v1/staff/conversations');
    expect(listA.json().items.map((c: { customerId: string }) => c.customerId)).toEqual([
      carOwnerId,
    ]);
    for (const [method, path, body] of [
      ['GET', '', undefined],
      ['POST', '/messages', { body: 'x' }],
      ['POST', '/assign', { staffId: null }],
      ['POST', '/close', undefined],
      ['POST', '/read', undefined],
    ] as const) {
      const res = await inject(
        ownerB,
        method,
        `/api/v1/staff/conversations/${carOwnerId}${path}`,
        body,
      );
      expect(res.statusCode, `${method} ${path}`).toBe(404);
    }
    const theirThread = await inject(otherOwner, 'GET', '/api/v1/app/me/conversation');
    expect(theirThread.json().items.map((m: { body: string }) => m.body)).toEqual(['乙的消息']);
  });

  it('rejects an empty or oversized message with the field named', async () => {
    for (const body of ['   ', 'x'.repeat(2001)]) {
      const res = await inject(carOwner, 'POST', '/api/v1/app/me/conversation/messages', { body });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body' });
    }
  });

  it('folds a duplicate’s thread and inbox into the survivor when two customers merge', async () => {
    const survivor = await signInCustomer(env, a, '13800000111');
    const duplicate = await signInCustomer(env, a, '13800000112');
    const survivorId = await customerIdOf(survivor);
    const duplicateId = await customerIdOf(duplicate);
    await inject(survivor, 'GET', '/api/v1/app/me/inbox/unread-count');
    await inject(duplicate, 'GET', '/api/v1/app/me/inbox/unread-count');
    await inject(survivor, 'POST', '/api/v1/app/me/conversation/messages', {
      body: '主账号的问题',
    });
    await inject(duplicate, 'POST', '/api/v1/app/me/conversation/messages', {
      body: '副账号的问题',
    });
    await deliver(a.id, duplicateId, '副账号的通知');
    const merged = await inject(ownerA, 'POST', `/api/v1/staff/customers/${survivorId}/merge`, {
      duplicateId,
    });
    expect(merged.statusCode).toBe(200);
    const thread = await inject(ownerA, 'GET', `/api/v1/staff/conversations/${survivorId}`);
    expect(
      thread
        .json()
        .items.filter((i: { kind: string }) => i.kind === 'conversation')
        .map((i: { message: { body: string } }) => i.message.body),
    ).toEqual(['主账号的问题', '副账号的问题']);
    expect(thread.json().conversation.staffUnread).toBe(2);
    const inbox = await inject(survivor, 'GET', '/api/v1/app/me/inbox');
    expect(inbox.json().items.map((m: { body: string }) => m.body)).toContain('副账号的通知');
  });
});
