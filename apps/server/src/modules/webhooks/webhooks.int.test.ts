// Outgoing webhooks end to end: events emitted by real requests, fanned out by the outbox,
// delivered by the worker to a receiver on 127.0.0.1 that checks the signature the way an
// integrator following the API conventions would (its own code, not the server's).
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import { publishOutbox } from '../../jobs/outbox.ts';
import { fixedClock } from '../../kernel/clock.ts';
import { createLogger } from '../../kernel/logger.ts';
import { isSealed } from '../../kernel/secret-box.ts';
import {
  createTestEnv,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { checkWebhookUrl } from './url-guard.ts';
import {
  drainWebhooks,
  registerWebhookEvents,
  RETRY_WINDOW_MS,
  webhookDeliveries,
  webhookSubscriptions,
} from './index.ts';

// ---- the integrator's side: a receiver and its signature check (API conventions) ----

interface Got {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Checks `Liuke-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`. */
function verifySignature(
  header: string | undefined,
  body: string,
  secret: string,
  nowUnix: number,
  toleranceS = 300,
): boolean {
  if (!header) return false;
  const parts = new Map(
    header.split(',').map((kv) => {
      const i = kv.indexOf('=');
      return [kv.slice(0, i).trim(), kv.slice(i + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(nowUnix - t) > toleranceS) return false;
  const expected = createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(Buffer.from(`${t}.${body}`, 'utf8'))
    .digest();
  const given = Buffer.from(v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

interface Receiver {
  url: string;
  got: Got[];
  /** Status answered per request (default 200). */
  answer: (g: Got) => number;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const r: Receiver = { url: '', got: [], answer: () => 200, close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const g = {
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      r.got.push(g);
      const status = r.answer(g);
      // 0: answer the head, then drip without ever ending (a receiver that hangs).
      if (status === 0) res.writeHead(200).write('.');
      else res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  r.close = () =>
    new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
  return r;
}

// ---- setup ----

const start = new Date('2026-12-01T02:00:00Z');
const clock = fixedClock(start);
const log = createLogger((process.env.TEST_LOG_LEVEL as 'warn') ?? 'silent');
let env: TestEnv;
let a: TestTenant;
let b: TestTenant;
let ownerA: Session;
let ownerB: Session;
let recv: Receiver;
let stopEvents: () => void;
let phone = 13900000000;

beforeAll(async () => {
  env = await createTestEnv({ clock, config: { webhooksAllowPrivate: true } });
  a = await env.createTenant();
  b = await env.createTenant();
  ownerA = await signInStaff(env.app, a.slug, a.staff.owner.login);
  ownerB = await signInStaff(env.app, b.slug, b.staff.owner.login);
  recv = await startReceiver();
  stopEvents = registerWebhookEvents(clock);
}, 60_000);

afterAll(async () => {
  stopEvents();
  await recv.close();
  await env.close();
}, 20_000);

const tenantIds = () => [a.id, b.id];
const drain = (allowInternal = true) =>
  drainWebhooks({
    adminDb: env.database.adminDb,
    clock,
    log,
    allowInternal,
    onlyTenants: tenantIds(),
  });
const publish = async () => {
  while ((await publishOutbox(env.database.adminDb, log)) > 0);
};
const unix = () => Math.floor(clock.now().getTime() / 1000);

async function subscribe(owner: Session, path: string, eventTypes: string[]) {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/webhooks',
    headers: owner.headers,
    payload: { url: `${recv.url}${path}`, eventTypes, description: path },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; secret: string; status: string };
}

async function newCustomer(owner: Session) {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/customers',
    headers: owner.headers,
    payload: { name: '客户', phone: String(++phone) },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

async function deliveriesOf(tenantId: string, subscriptionId: string) {
  return env.inTenant(tenantId, (ctx) =>
    ctx.tx
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.subscriptionId, subscriptionId))
      .orderBy(webhookDeliveries.id),
  );
}

const byPath = (p: string) => recv.got.filter((g) => g.path === p);

// ---- tests ----

describe('webhook subscriptions', () => {
  it('shows the secret once, stores it sealed, and is for owners only', async () => {
    const sub = await subscribe(ownerA, '/once', ['customer.created']);
    expect(sub.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/u);
    const got = await env.app.inject({
      url: `/api/v1/staff/webhooks/${sub.id}`,
      headers: ownerA.headers,
    });
    expect(got.statusCode).toBe(200);
    expect(got.body).not.toContain(sub.secret);
    const list = await env.app.inject({ url: '/api/v1/staff/webhooks', headers: ownerA.headers });
    expect(list.body).not.toContain(sub.secret);
    expect(list.json().eventTypes).toContain('serviceOrder.paid');
    const [row] = await queryRows<{ secret: string }>(
      env.database.adminDb,
      sql`select secret from webhook_subscriptions where id = ${sub.id}`,
    );
    expect(isSealed(row!.secret)).toBe(true);
    expect(row!.secret).not.toContain(sub.secret);

    const manager = await signInStaff(env.app, a.slug, a.staff.manager.login);
    const denied = await env.app.inject({
      url: '/api/v1/staff/webhooks',
      headers: manager.headers,
    });
    expect(denied.statusCode).toBe(403);
    // Another tenant's subscription does not exist for B.
    const other = await env.app.inject({
      url: `/api/v1/staff/webhooks/${sub.id}`,
      headers: ownerB.headers,
    });
    expect(other.statusCode).toBe(404);
    const del = await env.app.inject({
      method: 'DELETE',
      url: `/api/v1/staff/webhooks/${sub.id}`,
      headers: ownerA.headers,
    });
    expect(del.statusCode).toBe(204);
  });

  it('is usable with an integrator’s API key (manager role), not with an advisor’s', async () => {
    const key = async (role: string) => {
      const res = await env.app.inject({
        method: 'POST',
        url: '/api/v1/staff/api-keys',
        headers: ownerA.headers,
        payload: { name: `DMS ${role}`, role },
      });
      expect(res.statusCode).toBe(201);
      return { authorization: `Bearer ${res.json().key as string}` };
    };
    const manager = await key('manager');
    const created = await env.app.inject({
      method: 'POST',
      url: '/api/v1/integrations/webhooks',
      headers: manager,
      payload: { url: `${recv.url}/api`, eventTypes: ['serviceOrder.paid'] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().secret).toMatch(/^whsec_/u);
    const list = await env.app.inject({ url: '/api/v1/staff/webhooks', headers: ownerA.headers });
    expect(list.json().items.map((w: { id: string }) => w.id)).toContain(created.json().id);
    const advisor = await key('advisor');
    const denied = await env.app.inject({ url: '/api/v1/integrations/webhooks', headers: advisor });
    expect(denied.statusCode).toBe(403);
    const del = await env.app.inject({
      method: 'DELETE',
      url: `/api/v1/integrations/webhooks/${created.json().id}`,
      headers: manager,
    });
    expect(del.statusCode).toBe(204);
  });

  it('refuses URLs that are not http(s) or point inside the network (without the flag)', async () => {
    for (const [url, problem] of [
      ['ftp://example.com/x', 'scheme'],
      ['http://user:pw@example.com/', 'credentials'],
      ['not a url', 'invalid'],
      ['http://127.0.0.1:8080/hook', 'internal'],
      ['http://10.1.2.3/hook', 'internal'],
      ['http://192.168.1.5/hook', 'internal'],
      ['http://169.254.169.254/latest/meta-data', 'internal'],
      ['http://[::1]/hook', 'internal'],
      ['http://[::ffff:127.0.0.1]/hook', 'internal'],
      ['http://localhost/hook', 'internal'],
    ] as const) {
      const r = await checkWebhookUrl(url, false);
      expect(r.ok ? null : r.problem, url).toBe(problem);
    }
    expect((await checkWebhookUrl('http://93.184.215.14/hook', false)).ok).toBe(true);
    expect((await checkWebhookUrl('http://127.0.0.1:8080/hook', true)).ok).toBe(true);
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/webhooks',
      headers: ownerA.headers,
      payload: { url: 'gopher://example.com', eventTypes: ['customer.created'] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'WEBHOOK_URL_INVALID', field: 'url' });
    const bad = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/webhooks',
      headers: ownerA.headers,
      payload: { url: 'https://example.com/x', eventTypes: ['no.suchEvent'] },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('delivers signed events to the tenant’s own subscription only; a tampered body fails the check', async () => {
    const subA = await subscribe(ownerA, '/a', ['customer.created']);
    const subB = await subscribe(ownerB, '/b', ['customer.created']);
    const idA = await newCustomer(ownerA);
    const idB = await newCustomer(ownerB);
    await publish();
    await drain();
    const gotA = byPath('/a');
    const gotB = byPath('/b');
    expect(gotA).toHaveLength(1);
    expect(gotB).toHaveLength(1);
    const g = gotA[0]!;
    expect(
      verifySignature(g.headers['liuke-signature'] as string, g.body, subA.secret, unix()),
    ).toBe(true);
    // B's secret does not verify A's delivery.
    expect(
      verifySignature(g.headers['liuke-signature'] as string, g.body, subB.secret, unix()),
    ).toBe(false);
    const event = JSON.parse(g.body);
    expect(event).toMatchObject({
      type: 'customer.created',
      version: 1,
      tenantId: a.id,
      data: { customerId: idA },
    });
    expect(event.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/u);
    expect(g.headers['liuke-event-id']).toBe(event.id);
    expect(g.headers['liuke-event-type']).toBe('customer.created');
    expect(g.headers['content-type']).toMatch(/^application\/json/u);
    // Tenant B's event went to B only.
    expect(JSON.parse(gotB[0]!.body)).toMatchObject({ tenantId: b.id, data: { customerId: idB } });
    expect(recv.got.some((x) => x.path === '/a' && x.body.includes(idB))).toBe(false);

    // The integrator's check catches a changed body, a changed time and an old signature.
    const tampered = g.body.replace(idA, idB);
    expect(
      verifySignature(g.headers['liuke-signature'] as string, tampered, subA.secret, unix()),
    ).toBe(false);
    const sig = g.headers['liuke-signature'] as string;
    const t = Number(/t=(\d+)/u.exec(sig)![1]);
    expect(verifySignature(sig.replace(`t=${t}`, `t=${t + 1}`), g.body, subA.secret, unix())).toBe(
      false,
    );
    expect(verifySignature(sig, g.body, subA.secret, unix() + 3600)).toBe(false);

    // A second publication of the same event (at-least-once outbox) makes no second delivery.
    await env.database.adminDb.execute(
      sql`update outbox_events set published_at = null where tenant_id = ${a.id} and id = ${event.id}`,
    );
    await publish();
    await drain();
    expect(byPath('/a')).toHaveLength(1);
    expect(await deliveriesOf(a.id, subA.id)).toHaveLength(1);

    // An event type the subscription did not choose is not delivered.
    const order = await queryRows<{ n: number }>(
      env.database.adminDb,
      sql`select count(*)::int as n from webhook_deliveries where tenant_id = ${a.id} and event_type <> 'customer.created'`,
    );
    expect(order[0]!.n).toBe(0);
    for (const [o, s] of [
      [ownerA, subA],
      [ownerB, subB],
    ] as const)
      await env.app.inject({
        method: 'DELETE',
        url: `/api/v1/staff/webhooks/${s.id}`,
        headers: o.headers,
      });
  });

  it('retries after 500s with backoff under the clock; the log shows every attempt; rotation changes the key', async () => {
    const sub = await subscribe(ownerA, '/retry', ['customer.created']);
    let n = 0;
    recv.answer = (g) => (g.path === '/retry' && ++n <= 2 ? 500 : 200);
    await newCustomer(ownerA);
    await publish();
    await drain();
    expect(byPath('/retry')).toHaveLength(1);
    let [d] = await deliveriesOf(a.id, sub.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, responseStatus: 500 });
    expect(d!.nextAttemptAt!.getTime() - clock.now().getTime()).toBe(60_000);
    // Not due yet: nothing is sent.
    clock.advance(59_000);
    await drain();
    expect(byPath('/retry')).toHaveLength(1);
    clock.advance(1_000);
    await drain();
    expect(byPath('/retry')).toHaveLength(2);
    [d] = await deliveriesOf(a.id, sub.id);
    expect(d!.nextAttemptAt!.getTime() - clock.now().getTime()).toBe(120_000);
    clock.advance(120_000);
    await drain();
    [d] = await deliveriesOf(a.id, sub.id);
    expect(d).toMatchObject({ status: 'succeeded', attempts: 3, responseStatus: 200, error: null });
    const tries = byPath('/retry');
    expect(tries).toHaveLength(3);
    // Same event, same bytes on every attempt; each signed at its own time and valid.
    expect(new Set(tries.map((x) => x.body)).size).toBe(1);
    expect(new Set(tries.map((x) => x.headers['liuke-event-id'])).size).toBe(1);
    expect(
      verifySignature(
        tries[2]!.headers['liuke-signature'] as string,
        tries[2]!.body,
        sub.secret,
        unix(),
      ),
    ).toBe(true);

    const detail = await env.app.inject({
      url: `/api/v1/staff/webhooks/${sub.id}/deliveries/${d!.id}`,
      headers: ownerA.headers,
    });
    expect(detail.statusCode).toBe(200);
    expect(
      detail.json().attemptLog.map((x: { responseStatus: number }) => x.responseStatus),
    ).toEqual([500, 500, 200]);
    expect(detail.json().attemptLog[0].request.headers['liuke-signature']).toMatch(
      /^t=\d+,v1=[0-9a-f]{64}$/u,
    );
    expect(detail.json().body).toBe(tries[0]!.body);
    const page = await env.app.inject({
      url: `/api/v1/staff/webhooks/${sub.id}/deliveries?limit=10`,
      headers: ownerA.headers,
    });
    expect(page.json().items).toHaveLength(1);

    // Rotation: the next delivery verifies under the new secret only.
    const rot = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/webhooks/${sub.id}/rotate-secret`,
      headers: ownerA.headers,
    });
    expect(rot.statusCode).toBe(200);
    const secret2 = rot.json().secret as string;
    expect(secret2).not.toBe(sub.secret);
    await newCustomer(ownerA);
    await publish();
    await drain();
    const last = byPath('/retry').at(-1)!;
    expect(
      verifySignature(last.headers['liuke-signature'] as string, last.body, secret2, unix()),
    ).toBe(true);
    expect(
      verifySignature(last.headers['liuke-signature'] as string, last.body, sub.secret, unix()),
    ).toBe(false);
    recv.answer = () => 200;
    await env.app.inject({
      method: 'DELETE',
      url: `/api/v1/staff/webhooks/${sub.id}`,
      headers: ownerA.headers,
    });
  });

  it('gives up after three days, disables the subscription, tells the owner; enable and replay deliver it', async () => {
    const sub = await subscribe(ownerA, '/down', ['customer.created']);
    recv.answer = (g) => (g.path === '/down' ? 500 : 200);
    const t0 = clock.now().getTime();
    await newCustomer(ownerA);
    await publish();
    await drain();
    let guard = 0;
    for (;;) {
      const [d] = await deliveriesOf(a.id, sub.id);
      if (d!.status !== 'pending' || ++guard > 60) break;
      clock.set(d!.nextAttemptAt!);
      await drain();
    }
    const [d] = await deliveriesOf(a.id, sub.id);
    expect(d!.status).toBe('failed');
    // Three days on, the staff session has expired.
    ownerA = await signInStaff(env.app, a.slug, a.staff.owner.login);
    expect(clock.now().getTime() - t0).toBeGreaterThanOrEqual(RETRY_WINDOW_MS);
    expect(clock.now().getTime() - t0).toBeLessThan(RETRY_WINDOW_MS + 7 * 3600_000);
    const attempts = byPath('/down').length;
    expect(attempts).toBe(d!.attempts);
    expect(attempts).toBeGreaterThanOrEqual(15);
    expect(attempts).toBeLessThanOrEqual(25);
    // Waits grew: 1, 2, 4 … minutes, capped at 6 hours.
    const log2 = await env.app.inject({
      url: `/api/v1/staff/webhooks/${sub.id}/deliveries/${d!.id}`,
      headers: ownerA.headers,
    });
    const times = log2.json().attemptLog.map((x: { at: string }) => Date.parse(x.at));
    const gaps = times.slice(1).map((t: number, i: number) => (t - times[i]) / 60_000);
    expect(gaps.slice(0, 4)).toEqual([1, 2, 4, 8]);
    expect(Math.max(...gaps)).toBe(360);

    const [s] = await env.inTenant(a.id, (ctx) =>
      ctx.tx.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, sub.id)),
    );
    expect(s).toMatchObject({ status: 'disabled', disabledReason: 'failing' });
    // The owner is told (e-mail through the messaging pipeline).
    const notices = await queryRows<{ to_address: string; data: Record<string, string> }>(
      env.database.adminDb,
      sql`select to_address, data from message_intents where tenant_id = ${a.id} and dedupe_key like ${`webhook-disabled:${sub.id}:%`}`,
    );
    expect(notices.map((x) => x.to_address)).toEqual([a.staff.owner.login]);
    expect(notices[0]!.data['message.text']).toContain(`${recv.url}/down`);

    // While disabled nothing new is queued, and a replay is refused.
    await newCustomer(ownerA);
    await publish();
    expect(await deliveriesOf(a.id, sub.id)).toHaveLength(1);
    const refused = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/webhooks/${sub.id}/deliveries/${d!.id}/replay`,
      headers: ownerA.headers,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('WEBHOOK_DISABLED');

    // Fixed receiver, enabled again, replayed: the same event arrives and verifies.
    recv.answer = () => 200;
    const en = await env.app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/webhooks/${sub.id}`,
      headers: ownerA.headers,
      payload: { enabled: true },
    });
    expect(en.json()).toMatchObject({
      status: 'enabled',
      consecutiveFailures: 0,
      failingSince: null,
    });
    const replay = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/webhooks/${sub.id}/deliveries/${d!.id}/replay`,
      headers: ownerA.headers,
    });
    expect(replay.statusCode).toBe(202);
    expect(replay.json()).toMatchObject({
      status: 'pending',
      replayOf: d!.id,
      eventId: d!.eventId,
    });
    await drain();
    const last = byPath('/down').at(-1)!;
    expect(last.headers['liuke-event-id']).toBe(d!.eventId);
    expect(
      verifySignature(last.headers['liuke-signature'] as string, last.body, sub.secret, unix()),
    ).toBe(true);
    const after = await env.inTenant(a.id, (ctx) =>
      ctx.tx
        .select()
        .from(webhookDeliveries)
        .where(
          and(eq(webhookDeliveries.subscriptionId, sub.id), eq(webhookDeliveries.replayOf, d!.id)),
        ),
    );
    expect(after[0]!.status).toBe('succeeded');
    await env.app.inject({
      method: 'DELETE',
      url: `/api/v1/staff/webhooks/${sub.id}`,
      headers: ownerA.headers,
    });
  }, 60_000);

  it('gives up on a receiver that never finishes its answer (timeout), and tries again later', async () => {
    const sub = await subscribe(ownerA, '/slow', ['customer.created']);
    recv.answer = (g) => (g.path === '/slow' ? 0 : 200);
    await newCustomer(ownerA);
    await publish();
    await drainWebhooks({
      adminDb: env.database.adminDb,
      clock,
      log,
      allowInternal: true,
      onlyTenants: tenantIds(),
      timeoutMs: 300,
    });
    const [d] = await deliveriesOf(a.id, sub.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 1 });
    expect(d!.error).toMatch(/timed out|closed/u);
    recv.answer = () => 200;
    await env.app.inject({
      method: 'DELETE',
      url: `/api/v1/staff/webhooks/${sub.id}`,
      headers: ownerA.headers,
    });
  });

  it('refuses an internal address at delivery time without the flag, and a tampered secret fails the delivery, not the worker', async () => {
    const sub = await subscribe(ownerA, '/guard', ['customer.created']);
    await newCustomer(ownerA);
    await publish();
    await drain(false);
    expect(byPath('/guard')).toHaveLength(0);
    let [d] = await deliveriesOf(a.id, sub.id);
    expect(d).toMatchObject({
      status: 'pending',
      attempts: 1,
      error: 'address not allowed (internal)',
    });

    // Flip one character of the sealed secret's ciphertext.
    await env.database.adminDb.execute(
      sql`update webhook_subscriptions
             set secret = left(secret, length(secret) - 2) || case when right(secret, 2) = 'AA' then 'AB' else 'AA' end
           where tenant_id = ${a.id} and id = ${sub.id}`,
    );
    clock.advance(60_000);
    await expect(drain()).resolves.toBeGreaterThan(0);
    expect(byPath('/guard')).toHaveLength(0);
    [d] = await deliveriesOf(a.id, sub.id);
    expect(d!.error).toContain('SECRET_UNREADABLE');
    // Rotating gives a fresh secret that works.
    const rot = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/webhooks/${sub.id}/rotate-secret`,
      headers: ownerA.headers,
    });
    clock.advance(120_000);
    await drain();
    const g = byPath('/guard');
    expect(g).toHaveLength(1);
    expect(
      verifySignature(
        g[0]!.headers['liuke-signature'] as string,
        g[0]!.body,
        rot.json().secret,
        unix(),
      ),
    ).toBe(true);
  });
});
