// The adapters behind the real pipeline: a message sent with sendToCustomer goes out through the
// tenant's configured provider (here Aliyun SMS, a local server checking its signature and
// e-mail to a real SMTP server), and the provider's receipt moves the delivery to delivered.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import {
  createTestEnv,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { aliyunPercentEncode } from '../../channels/sms/aliyun.ts';
import { startHttpServer, type LocalServer } from '../../channels/testing/servers.ts';
import { recordConsents } from '../customers/index.ts';
import { drainMessages, messageDeliveries, sendToCustomer } from '../messaging/index.ts';

let env: TestEnv;
let tenant: TestTenant;
let owner: Session;
let aliyun: LocalServer;
let smtp: SMTPServer;
let smtpPort = 0;
const mails: string[] = [];
let customerId: string;

beforeAll(async () => {
  env = await createTestEnv();
  tenant = await env.createTenant();
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  aliyun = await startHttpServer();
  aliyun.handle((r, res) => {
    const params = Object.fromEntries(new URLSearchParams(r.body.toString('utf8')));
    const canonical = Object.keys(params)
      .filter((k) => k !== 'Signature')
      .sort()
      .map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(params[k]!)}`)
      .join('&');
    const expected = createHmac('sha1', 'pipeline-secret&')
      .update(`POST&%2F&${aliyunPercentEncode(canonical)}`)
      .digest('base64');
    const body =
      params.Signature === expected
        ? { Code: 'OK', BizId: `biz-${aliyun.received.length}` }
        : { Code: 'SignatureDoesNotMatch' };
    res
      .writeHead(params.Signature === expected ? 200 : 400, { 'content-type': 'application/json' })
      .end(JSON.stringify(body));
  });
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _s, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push(Buffer.concat(chunks).toString('utf8'));
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  smtpPort = (smtp.server.address() as AddressInfo).port;

  const c = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/customers',
    headers: owner.headers,
    payload: { name: '王五', phone: '13600000009', email: 'wang@example.com' },
  });
  customerId = c.json().id;
  await env.inTenant(tenant.id, (ctx) =>
    recordConsents(
      ctx,
      customerId,
      [
        { channel: 'sms', purpose: 'service', granted: true },
        { channel: 'email', purpose: 'service', granted: true },
      ],
      'staff',
    ),
  );
  for (const payload of [
    {
      channel: 'sms',
      provider: 'aliyun',
      config: {
        accessKeyId: 'LTAI5tPipe',
        signName: '留客汽车',
        defaultTemplateCode: 'SMS_1',
        endpoint: `${aliyun.url}/`,
      },
      secrets: { accessKeySecret: 'pipeline-secret' },
    },
    {
      channel: 'email',
      provider: 'smtp',
      config: {
        host: '127.0.0.1',
        port: smtpPort,
        secure: false,
        fromAddress: 'shop@example.com',
        fromName: '留客汽车',
      },
    },
  ]) {
    const res = await env.app.inject({
      method: 'PUT',
      url: '/api/v1/staff/channel-settings',
      headers: owner.headers,
      payload,
    });
    expect(res.statusCode).toBe(200);
  }
});
afterAll(async () => {
  await aliyun.close();
  await new Promise<void>((r) => smtp.close(() => r()));
  await env.close();
}, 20_000);

const drain = () =>
  drainMessages({
    adminDb: env.database.adminDb,
    log: env.app.log as never,
    clock: env.clock,
    onlyTenants: [tenant.id],
  });

describe('configured providers behind the pipeline', () => {
  it('sends SMS through Aliyun and e-mail over SMTP; the SMS receipt marks it delivered', async () => {
    const ref = await env.inTenant(tenant.id, (ctx) =>
      sendToCustomer(ctx, {
        customerId,
        templateKey: 'system.text',
        data: { 'message.text': '您的爱车已完工，可以取车了', 'message.subject': '完工通知' },
        dedupeKey: `pipeline-${customerId}`,
        priority: 'transactional',
        purpose: 'service',
        channels: ['sms', 'email'],
      }),
    );
    await drain();
    const deliveries = await env.inTenant(tenant.id, (ctx) =>
      ctx.tx.select().from(messageDeliveries).where(eq(messageDeliveries.intentId, ref.intentId)),
    );
    const sms = deliveries.find((d) => d.channel === 'sms');
    const email = deliveries.find((d) => d.channel === 'email');
    expect(sms).toMatchObject({
      status: 'sent',
      provider: 'aliyun-sms',
      address: '+8613600000009',
    });
    expect(sms!.providerMessageId).toMatch(/^biz-/u);
    expect(email).toMatchObject({ status: 'sent', provider: 'smtp', address: 'wang@example.com' });
    expect(aliyun.received).toHaveLength(1);
    expect(new URLSearchParams(aliyun.received[0]!.body.toString()).get('OutId')).toBe(sms!.id);
    expect(mails).toHaveLength(1);

    const settings = (
      await env.app.inject({ url: '/api/v1/staff/channel-settings', headers: owner.headers })
    ).json();
    const receipt = new URL(settings.items[0].receiptUrl as string);
    const res = await env.app.inject({
      method: 'POST',
      url: `${receipt.pathname}${receipt.search}`,
      payload: [
        {
          success: true,
          err_code: 'DELIVERED',
          err_msg: '用户接收成功',
          out_id: sms!.id,
          biz_id: sms!.providerMessageId,
        },
      ],
    });
    expect(res.statusCode).toBe(200);
    const [after] = await env.inTenant(tenant.id, (ctx) =>
      ctx.tx.select().from(messageDeliveries).where(eq(messageDeliveries.id, sms!.id)),
    );
    expect(after!.status).toBe('delivered');
  }, 30_000);
});
