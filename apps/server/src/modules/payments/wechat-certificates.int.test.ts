// WeChat Pay platform certificates against the local double in certificate mode (no platform key
// configured): the certificates are downloaded from GET /v3/certificates (each one
// AEAD_AES_256_GCM under the API v3 key, the answer signed by one of them), opened, kept, and
// used for callbacks and answers; a callback naming a serial not yet known fetches them again
// (a rotation), at most once a minute; an unknown serial, a wrong signature or certificates that
// do not open with our API v3 key are refused with PAYMENT_NOTIFICATION_INVALID and credit
// nothing. The certificates are fixtures made once with
// `openssl req -x509 -newkey rsa:2048 -nodes -days 36500 -subj "/O=Tenpay.com/CN=…"`
// (test keys, nothing else trusts them).
import fs from 'node:fs';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../kernel/clock.ts';
import {
  createTestEnv,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { CERTIFICATES_MIN_INTERVAL_MS } from './provider-wechat-pay-certificates.ts';
import {
  startWechatDouble,
  wechatTradeResource,
  type PlatformCertificate,
  type WechatDouble,
} from './testing/doubles.ts';
import { configure, notify, sellTopUps, TOP_UP, walletFen, wechatTopUp } from './testing/setup.ts';

const fixture = (name: string): PlatformCertificate => {
  const read = (f: string) => fs.readFileSync(path.join(import.meta.dirname, 'testing', f), 'utf8');
  const certPem = read(`wechat-platform-${name}.cert.pem`);
  return {
    certPem,
    privatePem: read(`wechat-platform-${name}.key.pem`),
    serial: new X509Certificate(certPem).serialNumber.toUpperCase(),
  };
};
const A = fixture('a');
const B = fixture('b');

const clock = fixedClock(new Date());
let env: TestEnv;
let tenant: TestTenant;
let owner: Session;
let wx: WechatDouble;

beforeAll(async () => {
  env = await createTestEnv({ clock });
  tenant = await env.createTenant();
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  wx = await startWechatDouble(() => clock.now(), { certificates: [A] });
  await configure(env, owner, 'wechat', wx.config(), wx.secrets());
  await sellTopUps(env, tenant);
});
afterAll(async () => {
  await wx?.close();
  await env?.close();
});

const downloads = () => wx.requests.filter((r) => r.path === '/v3/certificates');

const pendingTopUp = () => wechatTopUp(env, tenant, owner);

const paidNotice = (number: string, o: Parameters<WechatDouble['notification']>[1]) =>
  wx.notification(wechatTradeResource(wx.pay(number), wx.mchid), o);

async function expectRefused(res: Awaited<ReturnType<typeof notify>>, customerId: string) {
  expect(res.statusCode).toBe(401);
  expect(res.json()).toMatchObject({
    code: 'FAIL',
    message: 'PAYMENT_NOTIFICATION_INVALID',
    error: { code: 'PAYMENT_NOTIFICATION_INVALID' },
  });
  expect(await walletFen(env, tenant.id, customerId)).toBe(0);
}

describe('WeChat Pay platform certificates', () => {
  it('downloads and opens them for the first signed answer, signed by the merchant', async () => {
    expect(wx.config().platformPublicKeyPem).toBeUndefined();
    // Creating the payment: its answer is signed by certificate A, not yet known.
    const { m, p } = await pendingTopUp();
    expect(downloads()).toHaveLength(1);
    expect(downloads()[0]!.signed).toBe(true);
    // A callback signed by A is believed with the certificate kept, without a new download.
    const res = await notify(env, tenant.id, 'wechat', paidNotice(p.number, { signer: A }));
    expect(res.statusCode, res.body).toBe(204);
    expect(await walletFen(env, tenant.id, m.customerId)).toBe(TOP_UP.payFen + TOP_UP.bonusFen);
    expect(downloads()).toHaveLength(1);
  });

  it('refuses a callback with a serial it does not know, without asking again within a minute', async () => {
    const { m, p } = await pendingTopUp();
    const before = downloads().length;
    const unknown = { ...A, serial: '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C' };
    const res = await notify(env, tenant.id, 'wechat', paidNotice(p.number, { signer: unknown }));
    await expectRefused(res, m.customerId);
    const again = await notify(env, tenant.id, 'wechat', paidNotice(p.number, { signer: unknown }));
    await expectRefused(again, m.customerId);
    expect(downloads().length - before).toBeLessThanOrEqual(1);
  });

  it('refuses a callback that names certificate A but is signed with another key', async () => {
    const { m, p } = await pendingTopUp();
    const forged = { ...B, serial: A.serial };
    await expectRefused(
      await notify(env, tenant.id, 'wechat', paidNotice(p.number, { signer: forged })),
      m.customerId,
    );
  });

  it('refuses certificates that do not open with our API v3 key, then takes the rotation', async () => {
    const { m, p } = await pendingTopUp();
    // Someone without our API v3 key serves certificate B: nothing of it is believed.
    wx.certificates = [A, B];
    wx.certificatesKey = 'x'.repeat(32);
    // (Twice the interval: answers to our own calls keep real time, callbacks this test's clock.)
    clock.advance(2 * CERTIFICATES_MIN_INTERVAL_MS);
    const before = downloads().length;
    const byB = () => paidNotice(p.number, { signer: B });
    await expectRefused(await notify(env, tenant.id, 'wechat', byB()), m.customerId);
    expect(downloads().length).toBe(before + 1);
    // WeChat Pay rotates to B (its answers now signed by B): the next callback signed by B
    // makes us fetch them again, a minute on, and is believed.
    wx.certificatesKey = wx.apiV3Key;
    wx.answerSigner = B;
    clock.advance(2 * CERTIFICATES_MIN_INTERVAL_MS);
    const res = await notify(env, tenant.id, 'wechat', byB());
    expect(res.statusCode, res.body).toBe(204);
    expect(downloads().length).toBe(before + 2);
    expect(await walletFen(env, tenant.id, m.customerId)).toBe(TOP_UP.payFen + TOP_UP.bonusFen);
    // A still verifies (both are served), and answers signed by B are believed.
    const next = await pendingTopUp();
    const byA = await notify(env, tenant.id, 'wechat', paidNotice(next.p.number, { signer: A }));
    expect(byA.statusCode).toBe(204);
  });
});
