// The delivery pipeline on a real database with a fixed clock: dedupe, consent, quiet hours,
// frequency caps, push → SMS fallback, retries with backoff, permanent failures, templates
// checked at save time, unsubscribe links, and the booking confirmation end to end.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, ChannelName, SendResult } from '../../channels/port.ts';
import { registerChannelResolver } from '../../channels/registry.ts';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { createLogger } from '../../kernel/logger.ts';
import { createCustomer, recordConsents } from '../customers/index.ts';
import {
  createTestEnv,
  fixedClock,
  latestSignInCode,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { drainMessages, recordDeliveryStatus, sendToCustomer, sendToCustomers } from './index.ts';
import { PRIVACY_POLICY_VERSION } from '../privacy/index.ts';

// Tuesday 2026-03-10, 10:00 in Asia/Shanghai.
const NOW = new Date('2026-03-10T02:00:00.000Z');
const clock = fixedClock(NOW);
const log = createLogger('silent');

let env: TestEnv;
let t: TestTenant;
let owner: Session;

const drain = () =>
  drainMessages({ adminDb: env.database.adminDb, log, clock, onlyTenants: [t.id] });
const inT = <T>(fn: (ctx: Ctx) => Promise<T>) => env.inTenant(t.id, fn);
let phoneSeq = 0;

async function customer(
  consents: { channel: ChannelName; purpose: 'service' | 'marketing' }[] = [],
  extra: { preferredChannel?: ChannelName; timezone?: string; name?: string } = {},
) {
  phoneSeq += 1;
  const phone = `+86139${String(10_000_000 + phoneSeq * 7919 + Math.floor(Math.random() * 1000)).slice(-8)}`;
  return inT(async (ctx) => {
    const c = await createCustomer(ctx, { name: extra.name ?? '张先生', phone, ...extra } as never);
    const id = (c as { id: string }).id;
    if (consents.length)
      await recordConsents(
        ctx,
        id,
        consents.map((x) => ({ ...x, granted: true })),
        'staff',
      );
    return { id, phone };
  });
}

interface IntentState {
  status: string;
  reason: string | null;
  not_before: string;
}
async function intent(id: string): Promise<IntentState> {
  const [row] = await queryRows<IntentState>(
    env.database.adminDb,
    sql`select status, reason, not_before::text from message_intents where id = ${id}`,
  );
  return row!;
}
async function deliveries(intentId: string) {
  return queryRows<{
    id: string;
    channel: string;
    status: string;
    reason: string | null;
    attempts: number;
    body: string | null;
    error: string | null;
    next_attempt_at: Date | string | null;
  }>(
    env.database.adminDb,
    sql`select id, channel, status, reason, attempts, body, error, next_attempt_at from message_deliveries where intent_id = ${intentId} order by created_at, fallback_of is not null, channel`,
  );
}
async function recorded(intentId: string) {
  return queryRows<{ channel: string; body: string }>(
    env.database.adminDb,
    sql`select channel, body from recorded_messages where intent_id = ${intentId}`,
  );
}
async function events(intentId: string) {
  return queryRows<{ type: string; reason: string | null; channel: string | null }>(
    env.database.adminDb,
    sql`select type, reason, channel from message_events where intent_id = ${intentId} order by at, id`,
  );
}

/** Signs a car owner in with the code the dev recorder got for their phone. */
async function signInApp(phone: string): Promise<Session> {
  const local = phone.replace('+86', '');
  const sent = await env.app.inject({
    method: 'POST',
    url: '/api/v1/app/auth/code',
    payload: { tenant: t.slug, phone: local, privacyPolicyVersion: PRIVACY_POLICY_VERSION },
  });
  expect(sent.statusCode, sent.body).toBe(202);
  const code = await latestSignInCode(env, t.id, phone);
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/app/auth/sign-in',
    payload: { tenant: t.slug, phone: local, code, privacyPolicyVersion: PRIVACY_POLICY_VERSION },
  });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = `lk_app=${res.cookies.find((x) => x.name === 'lk_app')!.value}`;
  const csrf = res.json().csrfToken as string;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

let seq = 0;
const send = (customerId: string, over: Partial<Parameters<typeof sendToCustomer>[1]> = {}) =>
  inT((ctx) =>
    sendToCustomer(ctx, {
      customerId,
      templateKey: 'service.message',
      data: { message: { text: '您的车已洗好' } },
      dedupeKey: `test:${++seq}:${Math.random()}`,
      priority: 'transactional',
      purpose: 'service',
      ...over,
    }),
  );
const marketing = (customerId: string, over: Partial<Parameters<typeof sendToCustomer>[1]> = {}) =>
  send(customerId, {
    templateKey: 'marketing.campaign',
    data: { campaign: { text: '冬季检测免费' } },
    priority: 'marketing',
    purpose: 'marketing',
    ...over,
  });

beforeAll(async () => {
  env = await createTestEnv({ clock });
  t = await env.createTenant();
  owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
});
afterAll(async () => {
  await env?.close();
});

describe('send API', () => {
  it('the same dedupe key makes one intent and one message', async () => {
    const c = await customer([{ channel: 'sms', purpose: 'service' }]);
    const a = await send(c.id, { dedupeKey: 'order.ready:1' });
    const b = await send(c.id, { dedupeKey: 'order.ready:1' });
    expect(a.deduplicated).toBe(false);
    expect(b).toEqual({ intentId: a.intentId, deduplicated: true });
    await drain();
    expect(await intent(a.intentId)).toMatchObject({ status: 'sent' });
    expect(await recorded(a.intentId)).toHaveLength(1);
  });

  it('many at once: one intent per key, earlier and repeated keys answer the first intent', async () => {
    const c1 = await customer([{ channel: 'sms', purpose: 'service' }]);
    const c2 = await customer([{ channel: 'sms', purpose: 'service' }]);
    const earlier = await send(c1.id, { dedupeKey: 'bulk:earlier' });
    const one = (customerId: string, dedupeKey: string) => ({
      customerId,
      templateKey: 'service.message',
      data: { message: { text: '保养到期' } },
      dedupeKey,
      priority: 'transactional' as const,
      purpose: 'service' as const,
    });
    const refs = await inT((ctx) =>
      sendToCustomers(ctx, [
        one(c1.id, 'bulk:earlier'),
        one(c1.id, 'bulk:a'),
        one(c2.id, 'bulk:b'),
        one(c2.id, 'bulk:b'),
      ]),
    );
    expect(refs[0]).toEqual({ intentId: earlier.intentId, deduplicated: true });
    expect(refs[1]!.deduplicated).toBe(false);
    expect(refs[2]!.deduplicated).toBe(false);
    expect(refs[3]).toEqual({ intentId: refs[2]!.intentId, deduplicated: true });
    const again = await inT((ctx) => sendToCustomers(ctx, [one(c1.id, 'bulk:a')]));
    expect(again).toEqual([{ intentId: refs[1]!.intentId, deduplicated: true }]);
    await drain();
    expect(await intent(refs[2]!.intentId)).toMatchObject({ status: 'sent' });
    expect(await recorded(refs[2]!.intentId)).toHaveLength(1);
    // A missing variable refuses the whole batch before anything is written.
    await expect(
      inT((ctx) =>
        sendToCustomers(ctx, [one(c1.id, 'bulk:c'), { ...one(c2.id, 'bulk:d'), data: {} }]),
      ),
    ).rejects.toMatchObject({ code: 'MESSAGE_DATA_MISSING' });
    const [n] = await queryRows<{ n: number }>(
      env.database.adminDb,
      sql`select count(*)::int as n from message_intents where tenant_id = ${t.id}::uuid and dedupe_key in ('bulk:c', 'bulk:d')`,
    );
    expect(n!.n).toBe(0);
  });

  it('the intent is part of the caller’s transaction: a rollback leaves nothing', async () => {
    const c = await customer();
    let intentId = '';
    await expect(
      inT(async (ctx) => {
        intentId = (
          await sendToCustomer(ctx, {
            customerId: c.id,
            templateKey: 'service.message',
            data: { message: { text: 'x' } },
            dedupeKey: 'rolled-back',
            priority: 'transactional',
            purpose: 'transactional',
          })
        ).intentId;
        throw new Error('business change failed');
      }),
    ).rejects.toThrow('business change failed');
    expect(await intent(intentId)).toBeUndefined();
  });

  it('refuses an unknown template or missing data at once, naming it', async () => {
    const c = await customer();
    await expect(send(c.id, { templateKey: 'no.such' })).rejects.toMatchObject({
      code: 'MESSAGE_TEMPLATE_NOT_FOUND',
    });
    await expect(send(c.id, { data: {} })).rejects.toMatchObject({
      code: 'MESSAGE_DATA_MISSING',
      details: { variable: 'message.text' },
    });
  });
});

describe('consent', () => {
  it('a service message goes only where the customer agreed; without consent it is suppressed with the reason', async () => {
    const none = await customer();
    const a = await send(none.id);
    const sms = await customer([{ channel: 'sms', purpose: 'service' }]);
    const b = await send(sms.id);
    await drain();
    expect(await intent(a.intentId)).toMatchObject({ status: 'suppressed', reason: 'no_consent' });
    expect(
      (await deliveries(a.intentId)).every(
        (d) => d.status === 'suppressed' && d.reason === 'no_consent',
      ),
    ).toBe(true);
    expect(await recorded(a.intentId)).toHaveLength(0);
    expect(await intent(b.intentId)).toMatchObject({ status: 'sent' });
    expect((await recorded(b.intentId)).map((r) => r.channel)).toEqual(['sms']);
  });

  it('transactional messages need no marketing or service consent', async () => {
    const none = await customer();
    const a = await send(none.id, { purpose: 'transactional', channels: ['inapp', 'sms'] });
    await drain();
    // In-app goes to the inbox (its own adapter), SMS to the dev recorder.
    expect((await deliveries(a.intentId)).map((d) => [d.channel, d.status])).toEqual([
      ['inapp', 'delivered'],
      ['sms', 'delivered'],
    ]);
    expect((await recorded(a.intentId)).map((r) => r.channel)).toEqual(['sms']);
  });
});

describe('quiet hours', () => {
  it('a marketing message at 22:30 waits until 08:00 in the customer’s timezone; transactional goes at once', async () => {
    clock.set(new Date('2026-03-10T14:30:00.000Z')); // 22:30 in Shanghai
    try {
      const c = await customer([{ channel: 'sms', purpose: 'marketing' }]);
      const m = await marketing(c.id);
      const tx = await send(c.id, { purpose: 'transactional' });
      await drain();
      expect(await intent(m.intentId)).toMatchObject({ status: 'queued' });
      expect(new Date((await intent(m.intentId)).not_before).toISOString()).toBe(
        '2026-03-11T00:00:00.000Z',
      );
      expect(await events(m.intentId)).toEqual([
        { type: 'deferred', reason: 'quiet_hours', channel: null },
      ]);
      expect(await intent(tx.intentId)).toMatchObject({ status: 'sent' });
      clock.set(new Date('2026-03-10T23:59:00.000Z')); // 07:59: still quiet
      await drain();
      expect(await recorded(m.intentId)).toHaveLength(0);
      clock.set(new Date('2026-03-11T00:00:00.000Z')); // 08:00
      await drain();
      expect(await intent(m.intentId)).toMatchObject({ status: 'sent' });
      expect(await recorded(m.intentId)).toHaveLength(1);
    } finally {
      clock.set(NOW);
    }
  });

  it('uses the customer’s own timezone when they have one', async () => {
    clock.set(new Date('2026-03-10T14:30:00.000Z')); // 22:30 Shanghai, 15:30 Berlin
    try {
      const c = await customer([{ channel: 'sms', purpose: 'marketing' }], {
        timezone: 'Europe/Berlin',
      });
      const m = await marketing(c.id);
      await drain();
      expect(await intent(m.intentId)).toMatchObject({ status: 'sent' });
    } finally {
      clock.set(NOW);
    }
  });
});

describe('frequency caps', () => {
  it('the third marketing message in a day is suppressed with its reason (cap 2/day); transactional is exempt', async () => {
    const put = await env.app.inject({
      method: 'PUT',
      url: '/api/v1/staff/messaging/settings',
      headers: owner.headers,
      payload: {
        quietStart: '21:00',
        quietEnd: '08:00',
        marketingPerDay: 2,
        marketingPerWeek: 3,
        fallbackMinutes: 30,
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    try {
      const c = await customer([{ channel: 'sms', purpose: 'marketing' }]);
      const ids = [];
      for (let i = 0; i < 3; i++)
        ids.push((await marketing(c.id, { source: { type: 'campaign', id: `c${i}` } })).intentId);
      const txn = await send(c.id, { purpose: 'transactional' });
      await drain();
      expect(await Promise.all(ids.map(async (id) => (await intent(id)).status))).toEqual([
        'sent',
        'sent',
        'suppressed',
      ]);
      expect(await intent(ids[2]!)).toMatchObject({ reason: 'frequency_cap_day' });
      expect(await events(ids[2]!)).toContainEqual({
        type: 'suppressed',
        reason: 'frequency_cap_day',
        channel: 'sms',
      });
      expect(await intent(txn.intentId)).toMatchObject({ status: 'sent' });
      // Next day: one more fits the week (3), the one after does not.
      clock.set(new Date(NOW.getTime() + 86_400_000));
      const d2 = await marketing(c.id);
      const d2b = await marketing(c.id);
      await drain();
      expect((await intent(d2.intentId)).status).toBe('sent');
      expect(await intent(d2b.intentId)).toMatchObject({
        status: 'suppressed',
        reason: 'frequency_cap_week',
      });
    } finally {
      clock.set(NOW);
      await env.app.inject({
        method: 'PUT',
        url: '/api/v1/staff/messaging/settings',
        headers: owner.headers,
        payload: {
          quietStart: '21:00',
          quietEnd: '08:00',
          marketingPerDay: 1,
          marketingPerWeek: 2,
          fallbackMinutes: 30,
        },
      });
    }
  });
});

describe('fallback', () => {
  const both = [
    { channel: 'webpush', purpose: 'service' },
    { channel: 'sms', purpose: 'service' },
  ] as const;

  it('web push not opened within the delay falls back to SMS', async () => {
    const c = await customer([...both], { preferredChannel: 'webpush' });
    const m = await send(c.id);
    await drain();
    expect((await deliveries(m.intentId)).map((d) => [d.channel, d.status])).toEqual([
      ['webpush', 'delivered'],
      ['sms', 'waiting'],
    ]);
    clock.advance(29 * 60_000);
    await drain();
    expect((await recorded(m.intentId)).map((r) => r.channel)).toEqual(['webpush']);
    clock.advance(60_000);
    try {
      await drain();
      expect((await recorded(m.intentId)).map((r) => r.channel).sort()).toEqual(['sms', 'webpush']);
    } finally {
      clock.set(NOW);
    }
  });

  it('an opened push cancels the SMS, recorded with its reason', async () => {
    const c = await customer([...both], { preferredChannel: 'webpush' });
    const m = await send(c.id);
    await drain();
    const [push] = await deliveries(m.intentId);
    const r = await inT((ctx) =>
      recordDeliveryStatus(ctx, { deliveryId: push!.id, status: 'opened' }),
    );
    expect(r.found).toBe(true);
    clock.advance(31 * 60_000);
    try {
      await drain();
    } finally {
      clock.set(NOW);
    }
    expect((await deliveries(m.intentId)).map((d) => [d.channel, d.status, d.reason])).toEqual([
      ['webpush', 'opened', null],
      ['sms', 'suppressed', 'primary_opened'],
    ]);
    expect((await recorded(m.intentId)).map((x) => x.channel)).toEqual(['webpush']);
  });
});

describe('provider failures', () => {
  // An SMS provider that fails as told, for this file's tenants only.
  const plan: SendResult[] = [];
  const sentIds: string[] = [];
  const flaky: Channel = {
    name: 'sms',
    provider: 'flaky-sms',
    send: async (m) => {
      const next = plan.shift() ?? { outcome: 'sent', providerMessageId: `p-${m.deliveryId}` };
      if (next.outcome !== 'failed') sentIds.push(m.deliveryId);
      return next;
    },
  };
  beforeAll(() => {
    registerChannelResolver('sms', async (tenantId) => (tenantId === t.id ? flaky : null));
  });
  afterAll(() => {
    registerChannelResolver('sms', async () => null);
  });

  it('a timeout or 5xx is retried with exponential backoff, under the same delivery id', async () => {
    const c = await customer([{ channel: 'sms', purpose: 'service' }]);
    plan.push(
      { outcome: 'failed', permanent: false, error: 'timeout' },
      { outcome: 'failed', permanent: false, error: 'HTTP 503', providerCode: '503' },
    );
    const m = await send(c.id, { channels: ['sms'] });
    await drain();
    let [d] = await deliveries(m.intentId);
    expect(d).toMatchObject({ status: 'queued', attempts: 1, error: 'timeout' });
    expect(new Date(d!.next_attempt_at!).getTime() - clock.now().getTime()).toBe(30_000);
    clock.advance(30_000);
    await drain();
    [d] = await deliveries(m.intentId);
    expect(d).toMatchObject({ status: 'queued', attempts: 2, error: '503: HTTP 503' });
    expect(new Date(d!.next_attempt_at!).getTime() - clock.now().getTime()).toBe(60_000);
    clock.advance(60_000);
    await drain();
    clock.set(NOW);
    [d] = await deliveries(m.intentId);
    expect(d).toMatchObject({ status: 'sent', attempts: 3 });
    expect(sentIds.filter((x) => x === d!.id)).toHaveLength(1);
    expect((await events(m.intentId)).map((e) => e.type)).toEqual([
      'retry_scheduled',
      'retry_scheduled',
      'sent',
    ]);
  });

  it('a 4xx (bad number) fails at once, no retry, error in the timeline', async () => {
    const c = await customer([{ channel: 'sms', purpose: 'service' }]);
    plan.push({
      outcome: 'failed',
      permanent: true,
      error: 'invalid phone number',
      providerCode: 'isv.MOBILE_NUMBER_ILLEGAL',
    });
    const m = await send(c.id, { channels: ['sms'] });
    await drain();
    clock.advance(3_600_000);
    await drain();
    clock.set(NOW);
    const [d] = await deliveries(m.intentId);
    expect(d).toMatchObject({ status: 'failed', attempts: 1, reason: 'permanent_failure' });
    expect(await intent(m.intentId)).toMatchObject({ status: 'failed' });
    const res = await env.app.inject({
      method: 'GET',
      url: `/api/v1/staff/messages/${m.intentId}`,
      headers: owner.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().timeline.map((e: { type: string }) => e.type)).toEqual(['queued', 'failed']);
    expect(res.json().deliveries[0].error).toContain('MOBILE_NUMBER_ILLEGAL');
  });

  it('gives up after the last attempt', async () => {
    const c = await customer([{ channel: 'sms', purpose: 'service' }]);
    for (let i = 0; i < 5; i++)
      plan.push({ outcome: 'failed', permanent: false, error: 'HTTP 502' });
    const m = await send(c.id, { channels: ['sms'] });
    for (let i = 0; i < 6; i++) {
      await drain();
      clock.advance(3_600_000);
    }
    clock.set(NOW);
    expect((await deliveries(m.intentId))[0]).toMatchObject({
      status: 'failed',
      attempts: 5,
      reason: 'too_many_attempts',
    });
  });

  it('an SMS that renders longer than the limit fails at send time with the reason', async () => {
    const c = await customer([{ channel: 'sms', purpose: 'service' }]);
    const m = await send(c.id, {
      channels: ['sms'],
      data: { message: { text: '很长的消息'.repeat(80) } },
    });
    await drain();
    expect((await deliveries(m.intentId))[0]).toMatchObject({
      status: 'failed',
      reason: 'sms_too_long',
    });
  });
});

describe('templates', () => {
  const url = '/api/v1/staff/message-templates/appointment.confirmed/sms/zh-CN';
  it('refuses an unknown or unavailable variable at save time, naming it', async () => {
    const unknown = await env.app.inject({
      method: 'PUT',
      url,
      headers: owner.headers,
      payload: { body: '您好 {{customer.nmae}}' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({
      code: 'MESSAGE_TEMPLATE_UNKNOWN_VARIABLE',
      field: 'body',
      details: { variable: 'customer.nmae' },
    });
    const unavailable = await env.app.inject({
      method: 'PUT',
      url,
      headers: owner.headers,
      payload: { body: '券码 {{coupon.code}}' },
    });
    expect(unavailable.json().error).toMatchObject({
      code: 'MESSAGE_TEMPLATE_VARIABLE_UNAVAILABLE',
      details: { variable: 'coupon.code' },
    });
    const long = await env.app.inject({
      method: 'PUT',
      url,
      headers: owner.headers,
      payload: { body: '预约'.repeat(200) },
    });
    expect(long.json().error).toMatchObject({ code: 'MESSAGE_TEMPLATE_SMS_TOO_LONG' });
  });

  it('saves a tenant’s wording, previews it with a real customer, and sends it', async () => {
    const save = await env.app.inject({
      method: 'PUT',
      url,
      headers: owner.headers,
      payload: {
        body: '【{{tenant.name}}】{{customer.name}}，{{vehicle.plate}} 已约 {{appointment.time}} <b>{{store.name}}</b>',
      },
    });
    expect(save.statusCode, save.body).toBe(200);
    const text = save
      .json()
      .texts.find(
        (x: { channel: string; language: string }) => x.channel === 'sms' && x.language === 'zh-CN',
      );
    expect(text).toMatchObject({ overridden: true, version: 1 });
    const c = await customer([], { name: '李四' });
    const preview = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/message-templates/appointment.confirmed/preview',
      headers: owner.headers,
      payload: {
        channel: 'sms',
        language: 'zh-CN',
        body: '{{customer.name}} 您好',
        customerId: c.id,
      },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({
      text: '李四 您好',
      sms: { encoding: 'ucs2', segments: 1 },
      problem: null,
    });
    const m = await send(c.id, {
      templateKey: 'appointment.confirmed',
      purpose: 'transactional',
      channels: ['sms'],
      data: {
        appointment: { time: '2026-03-11 09:30' },
        store: { name: '一号店' },
        vehicle: { plate: '京A12345' },
      },
    });
    await drain();
    expect((await recorded(m.intentId))[0]!.body).toBe(
      `【${'测试商户 ' + t.slug}】李四，京A12345 已约 2026-03-11 09:30 <b>一号店</b>`,
    );
    await env.app.inject({ method: 'DELETE', url, headers: owner.headers });
  });

  it('escapes data in e-mail HTML', async () => {
    const { renderText, builtInTemplate } = await import('./templates.ts');
    const tpl = builtInTemplate('marketing.campaign')!;
    const r = renderText(tpl, 'email', tpl.channels.email!['zh-CN'], {
      'customer.name': '<script>x</script>',
      'tenant.name': 'T',
      'campaign.text': 'a & b',
      'unsubscribe.url': 'https://x/u',
    });
    expect(r.ok && r.rendered.html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(r.ok && r.rendered.html).toContain('a &amp; b');
    expect(r.ok && r.rendered.text).toContain('<script>');
  });
});

describe('unsubscribe link', () => {
  it('a marketing SMS carries a signed link that withdraws marketing consent on that channel', async () => {
    const c = await customer([{ channel: 'sms', purpose: 'marketing' }]);
    const m = await marketing(c.id, { channels: ['sms'] });
    await drain();
    const [r] = await recorded(m.intentId);
    const token = /unsubscribe\/([A-Za-z0-9_-]+)/.exec(r!.body)?.[1];
    expect(token).toBeTruthy();
    const forged = token!.slice(0, -2) + (token!.endsWith('AA') ? 'BB' : 'AA');
    expect(
      (await env.app.inject({ method: 'POST', url: `/api/v1/public/unsubscribe/${forged}` })).json()
        .error.code,
    ).toBe('UNSUBSCRIBE_LINK_INVALID');
    const info = await env.app.inject({
      method: 'GET',
      url: `/api/v1/public/unsubscribe/${token}`,
    });
    expect(info.json()).toMatchObject({ channel: 'sms', subscribed: true });
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/v1/public/unsubscribe/${token}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ subscribed: false });
    clock.advance(86_400_000 * 8);
    try {
      const again = await marketing(c.id, { channels: ['sms'] });
      await drain();
      expect(await intent(again.intentId)).toMatchObject({
        status: 'suppressed',
        reason: 'no_consent',
      });
    } finally {
      clock.set(NOW);
    }
  });
});

describe('booking confirmation', () => {
  it('booking in the app queues appointment.confirmed on inapp and SMS, delivered by the worker', async () => {
    const hours = await env.app.inject({
      method: 'PUT',
      url: `/api/v1/staff/stores/${t.storeId}/opening-hours`,
      headers: owner.headers,
      payload: {
        days: [1, 2, 3, 4, 5].map((weekday) => ({
          weekday,
          opensAt: '08:30',
          closesAt: '18:00',
          slotMinutes: 60,
          capacity: 3,
        })),
      },
    });
    expect(hours.statusCode, hours.body).toBe(200);
    const c = await customer([], { name: '王五' });
    const car = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/customers/${c.id}/vehicles`,
      headers: owner.headers,
      payload: { plate: '京B66666' },
    });
    expect(car.statusCode, car.body).toBe(201);
    const me = await signInApp(c.phone);
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/app/appointments',
      headers: me.headers,
      payload: {
        storeId: t.storeId,
        startsAt: '2026-03-11T01:30:00.000Z',
        vehicleId: car.json().id,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await queryRows<{ id: string }>(
      env.database.adminDb,
      sql`select id from message_intents where dedupe_key = ${`appointment.confirmed:${res.json().id}`}`,
    );
    expect(row).toBeTruthy();
    await drain();
    // At once in the inbox, and an SMS through the configured adapter (here the dev recorder).
    expect((await deliveries(row!.id)).map((d) => [d.channel, d.status])).toEqual([
      ['inapp', 'delivered'],
      ['sms', 'delivered'],
    ]);
    const got = await recorded(row!.id);
    expect(got.map((x) => x.channel)).toEqual(['sms']);
    expect(got.find((x) => x.channel === 'sms')!.body).toContain('2026-03-11 09:30');
    expect(got.find((x) => x.channel === 'sms')!.body).toContain('京B66666');
    const list = await env.app.inject({
      method: 'GET',
      url: '/api/v1/staff/messages?templateKey=appointment.confirmed',
      headers: owner.headers,
    });
    expect(list.json().items[0]).toMatchObject({ id: row!.id, status: 'sent' });
    // Staff read the template's name, never its key, in their language.
    expect(list.json().items[0].templateName).toBe('预约确认');
    const inEnglish = await env.app.inject({
      method: 'GET',
      url: `/api/v1/staff/messages/${row!.id}`,
      headers: { ...owner.headers, 'accept-language': 'en' },
    });
    expect(inEnglish.json().templateName).toBe('Booking confirmed');
    const templates = await env.app.inject({
      method: 'GET',
      url: '/api/v1/staff/message-templates',
      headers: owner.headers,
    });
    // Every module's templates and variables list cleanly (a sample that is not text was a 500).
    expect(templates.statusCode).toBe(200);
    const names = templates.json().items.map((x: { name: string }) => x.name);
    expect(names).toContain('保养提醒');
    expect(names.filter((n: string) => /^[a-z]+\.[a-zA-Z_.]+$/.test(n))).toEqual([]);
  });
});
