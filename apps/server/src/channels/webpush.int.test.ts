// Web Push against a local push service that checks what a real one checks: the VAPID
// Authorization header (ES256 JWT for the endpoint's origin, signed by the key it names) and an
// aes128gcm body that the subscriber's keys decrypt (RFC 8291).
import {
  createECDH,
  createHmac,
  createDecipheriv,
  createPublicKey,
  randomBytes,
  verify,
} from 'node:crypto';
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { createTestEnv, type TestEnv, type TestTenant } from '../testing/harness.ts';
import { createCustomer } from '../modules/customers/index.ts';
import { subscribePush, unsafePushSubscriptions } from '../modules/channel-settings/index.ts';
import { createWebPushChannel } from './webpush.ts';
import { pushSubscriptionStore } from '../modules/channel-settings/index.ts';
import type { ChannelDeps, ChannelMessage } from './port.ts';
import {
  selfSignedCert,
  startHttpsServer,
  type LocalServer,
  type Received,
} from './testing/servers.ts';

const b64u = (b: Buffer) => b.toString('base64url');
const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/** The subscriber side: an ECDH P-256 key pair and an auth secret, as a browser makes them. */
function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { ecdh, p256dh: b64u(ecdh.getPublicKey()), auth: randomBytes(16) };
}

/** RFC 8291 §3.4 / RFC 8188: decrypt one aes128gcm record with the subscriber's keys. */
function decrypt(body: Buffer, keys: ReturnType<typeof browserKeys>): string {
  const salt = body.subarray(0, 16);
  const idlen = body[20]!;
  const asPublic = body.subarray(21, 21 + idlen);
  const record = body.subarray(21 + idlen);
  const uaPublic = keys.ecdh.getPublicKey();
  const ecdhSecret = keys.ecdh.computeSecret(asPublic);
  const prkKey = hmac(keys.auth, ecdhSecret);
  const keyInfo = Buffer.concat([
    Buffer.from('WebPush: info\0'),
    uaPublic,
    asPublic,
    Buffer.from([1]),
  ]);
  const ikm = hmac(prkKey, keyInfo);
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const plain = Buffer.concat([
    decipher.update(record.subarray(0, record.length - 16)),
    decipher.final(),
  ]);
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end--;
  expect(plain[end], 'last-record padding delimiter').toBe(2);
  return plain.subarray(0, end).toString('utf8');
}

/** RFC 8292: `vapid t=<JWT>, k=<public key>`; the JWT is ES256 for the push service's origin. */
function checkVapid(r: Received, origin: string, publicKey: string): { sub: string } {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/u.exec(String(r.headers.authorization));
  if (!m) throw new Error(`no VAPID authorization: ${r.headers.authorization}`);
  const [, jwt, k] = m;
  if (k !== publicKey) throw new Error('VAPID key is not the tenant’s');
  const [h, p, s] = jwt!.split('.');
  const header = JSON.parse(Buffer.from(h!, 'base64url').toString()) as { alg: string };
  const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as {
    aud: string;
    exp: number;
    sub: string;
  };
  if (header.alg !== 'ES256') throw new Error('alg');
  if (claims.aud !== origin) throw new Error(`aud ${claims.aud} is not ${origin}`);
  if (claims.exp * 1000 < Date.now() || claims.exp * 1000 > Date.now() + 24 * 3600 * 1000 + 60_000)
    throw new Error('exp');
  const raw = Buffer.from(k!, 'base64url');
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64u(raw.subarray(1, 33)), y: b64u(raw.subarray(33, 65)) },
    format: 'jwk',
  });
  const ok = verify(
    'sha256',
    Buffer.from(`${h}.${p}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(s!, 'base64url'),
  );
  if (!ok) throw new Error('VAPID signature does not verify');
  return claims;
}

let env: TestEnv;
let tenant: TestTenant;
let push: LocalServer;
let agent: https.Agent;
let deps: ChannelDeps;
const vapid = webpush.generateVAPIDKeys();

beforeAll(async () => {
  env = await createTestEnv();
  tenant = await env.createTenant();
  const tls = selfSignedCert();
  push = await startHttpsServer(tls);
  agent = new https.Agent({ ca: tls.cert });
  deps = { adminDb: env.database.adminDb, log: env.app.log as never, now: () => new Date() };
});
afterAll(async () => {
  await push.close();
  await env.close();
});

async function customerWithSubscriptions(phone: string, paths: string[]) {
  const keys = paths.map(() => browserKeys());
  const customer = await env.inTenant(tenant.id, (ctx) =>
    createCustomer(ctx, { name: '推送', phone }),
  );
  for (const [i, p] of paths.entries())
    await env.inTenant(tenant.id, (ctx) =>
      subscribePush(
        ctx,
        customer.id,
        {
          endpoint: `${push.url}${p}`,
          keys: { p256dh: keys[i]!.p256dh, auth: b64u(keys[i]!.auth) },
        },
        'test',
      ),
    );
  return { id: customer.id, keys };
}

const message = (customerId: string): ChannelMessage => ({
  tenantId: tenant.id,
  intentId: '01900000-0000-7000-8000-000000000001',
  deliveryId: '01900000-0000-7000-8000-000000000002',
  customerId,
  channel: 'webpush',
  to: customerId,
  purpose: 'transactional',
  subject: '预约已确认',
  text: '您的保养预约已确认：周六 10:00，粤B12345。',
  url: '/app/appointments',
});

const channel = () =>
  createWebPushChannel({
    subject: 'mailto:ops@liuke.example',
    ...vapid,
    agent,
    timeoutMs: 500,
    subscriptions: pushSubscriptionStore,
  });

describe('Web Push adapter', () => {
  it('sends an RFC 8291 encrypted, VAPID-signed notification the subscriber can read', async () => {
    const c = await customerWithSubscriptions('13900000001', ['/push/ok-1']);
    let seen: { claims: { sub: string }; payload: string; headers: Received['headers'] } | null =
      null;
    push.handle((r, res) => {
      const claims = checkVapid(r, push.url, vapid.publicKey);
      const payload = decrypt(r.body, c.keys[0]!);
      seen = { claims, payload, headers: r.headers };
      res.writeHead(201, { location: `${push.url}/msg/1` }).end();
    });
    expect(await channel().reachable(tenant.id, c.id, deps)).toBe(true);
    const result = await channel().send(message(c.id), deps);
    expect(result).toEqual({ outcome: 'sent' });
    expect(seen!.claims.sub).toBe('mailto:ops@liuke.example');
    expect(seen!.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(seen!.headers.ttl)).toBeGreaterThan(0);
    expect(JSON.parse(seen!.payload)).toEqual({
      title: '预约已确认',
      body: '您的保养预约已确认：周六 10:00，粤B12345。',
      url: '/app/appointments',
      tag: '01900000-0000-7000-8000-000000000001',
      deliveryId: '01900000-0000-7000-8000-000000000002',
    });
  });

  it('a body encrypted for someone else does not decrypt (the check can fail)', async () => {
    const c = await customerWithSubscriptions('13900000002', ['/push/ok-2']);
    const stranger = browserKeys();
    let error: unknown = null;
    push.handle((r, res) => {
      try {
        decrypt(r.body, stranger);
      } catch (err) {
        error = err;
      }
      res.writeHead(201).end();
    });
    await channel().send(message(c.id), deps);
    expect(error).not.toBeNull();
  });

  it('410 Gone: addressGone, and the subscription is removed', async () => {
    const c = await customerWithSubscriptions('13900000003', ['/push/gone']);
    push.handle((_r, res) => {
      res.writeHead(410).end('subscription expired');
    });
    const result = await channel().send(message(c.id), deps);
    expect(result).toMatchObject({
      outcome: 'failed',
      permanent: true,
      addressGone: true,
      providerCode: '410',
    });
    expect(await unsafePushSubscriptions(env.database.adminDb, tenant.id, c.id)).toEqual([]);
    expect(await channel().reachable(tenant.id, c.id, deps)).toBe(false);
  });

  it('404 on one of two devices: sent to the other, the dead one removed', async () => {
    const c = await customerWithSubscriptions('13900000004', ['/push/dead', '/push/alive']);
    push.handle((r, res) => {
      res.writeHead(r.url.endsWith('dead') ? 404 : 201).end();
    });
    expect(await channel().send(message(c.id), deps)).toEqual({ outcome: 'sent' });
    const left = await unsafePushSubscriptions(env.database.adminDb, tenant.id, c.id);
    expect(left.map((s) => s.endpoint)).toEqual([`${push.url}/push/alive`]);
    expect(left[0]!.lastSuccessAt).not.toBeNull();
  });

  it('5xx and 429 are temporary; the subscription stays', async () => {
    const c = await customerWithSubscriptions('13900000005', ['/push/busy']);
    for (const status of [500, 503, 429]) {
      push.handle((_r, res) => {
        res.writeHead(status).end();
      });
      expect(await channel().send(message(c.id), deps)).toMatchObject({
        outcome: 'failed',
        permanent: false,
        providerCode: String(status),
      });
    }
    expect(await unsafePushSubscriptions(env.database.adminDb, tenant.id, c.id)).toHaveLength(1);
  });

  it('a push service that does not answer is a temporary failure', async () => {
    const c = await customerWithSubscriptions('13900000006', ['/push/slow']);
    push.handle(() => {
      /* never answers */
    });
    expect(await channel().send(message(c.id), deps)).toMatchObject({
      outcome: 'failed',
      permanent: false,
    });
  });

  it('400/403 (e.g. wrong VAPID key) are permanent but keep the subscription', async () => {
    const c = await customerWithSubscriptions('13900000007', ['/push/forbidden']);
    push.handle((_r, res) => {
      res.writeHead(403).end('VAPID mismatch');
    });
    expect(await channel().send(message(c.id), deps)).toMatchObject({
      outcome: 'failed',
      permanent: true,
    });
    expect(await unsafePushSubscriptions(env.database.adminDb, tenant.id, c.id)).toHaveLength(1);
  });

  it('a customer without a subscription is not reachable', async () => {
    const c = await customerWithSubscriptions('13900000008', []);
    expect(await channel().reachable(tenant.id, c.id, deps)).toBe(false);
    expect(await channel().send(message(c.id), deps)).toMatchObject({
      outcome: 'failed',
      addressGone: true,
    });
  });
});
