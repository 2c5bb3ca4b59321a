// Channel settings through the API: provider choice, write-only credentials, the test send,
// Web Push subscriptions from the app, WeChat bindings, and the providers' signed receipts
// moving a delivery to delivered / failed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  createTestEnv,
  signInCustomer,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { newId } from '../../kernel/ids.ts';
import { resolveChannel } from '../../channels/registry.ts';
import { twilioSignature } from '../../channels/sms/twilio.ts';
import { wechatSignature } from '../../channels/wechat.ts';
import { aliyunPercentEncode } from '../../channels/sms/aliyun.ts';
import { startHttpServer, type LocalServer } from '../../channels/testing/servers.ts';
import { messageDeliveries, messageIntents } from '../messaging/index.ts';
import { wechatBindings } from './channel-settings.tables.ts';

let env: TestEnv;
let tenant: TestTenant;
let owner: Session;
let provider: LocalServer;
let customerId: string;
let app: Session;
const SECRET = 'aliyun-secret-value-123';

beforeAll(async () => {
  env = await createTestEnv();
  tenant = await env.createTenant();
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  provider = await startHttpServer();
  provider.handle((r, res) => {
    const params = Object.fromEntries(new URLSearchParams(r.body.toString('utf8')));
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ Code: 'OK', BizId: `biz-${params.PhoneNumbers}` }));
  });
  const c = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/customers',
    headers: owner.headers,
    payload: { name: '李四', phone: '13500000001', email: 'Li.Si@Example.com' },
  });
  customerId = c.json().id;
  // Before SMS goes to a provider: the sign-in code is read from the dev outbox.
  app = await signInCustomer(env, tenant, '13500000001');
});
afterAll(async () => {
  await provider.close();
  await env.close();
});

const put = (payload: object, session = owner) =>
  env.app.inject({
    method: 'PUT',
    url: '/api/v1/staff/channel-settings',
    headers: session.headers,
    payload,
  });
const aliyunSettings = (secrets?: object) => ({
  channel: 'sms',
  provider: 'aliyun',
  config: {
    accessKeyId: 'LTAI5tTestKey',
    signName: '留客汽车',
    defaultTemplateCode: 'SMS_1',
    endpoint: `${provider.url}/`,
  },
  ...(secrets ? { secrets } : {}),
});
const deps = () => ({
  adminDb: env.database.adminDb,
  log: env.app.log as never,
  now: () => new Date(),
});

/** A delivery as the pipeline leaves it after the provider accepted it. */
async function sentDelivery(channel: string, providerMessageId: string) {
  const intentId = newId();
  const id = newId();
  await env.inTenant(tenant.id, async (ctx) => {
    await ctx.tx.insert(messageIntents).values({
      tenantId: tenant.id,
      id: intentId,
      customerId,
      templateKey: 'appointment.confirmed',
      data: {},
      purpose: 'transactional',
      priority: 'transactional',
      dedupeKey: `test-${intentId}`,
      notBefore: new Date(),
      status: 'sent',
    });
    await ctx.tx.insert(messageDeliveries).values({
      tenantId: tenant.id,
      id,
      intentId,
      customerId,
      channel,
      provider: 'test',
      address: '+8613500000001',
      status: 'sent',
      providerMessageId,
    });
  });
  return id;
}
const deliveryStatus = async (id: string) =>
  env.inTenant(tenant.id, async (ctx) => {
    const [d] = await ctx.tx.select().from(messageDeliveries).where(eq(messageDeliveries.id, id));
    return { status: d!.status, error: d!.error };
  });

describe('channel settings', () => {
  it('starts on the development recorder for every channel, with a VAPID key', async () => {
    const res = await env.app.inject({
      url: '/api/v1/staff/channel-settings',
      headers: owner.headers,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(
      body.items.map((i: { channel: string; provider: string }) => `${i.channel}:${i.provider}`),
    ).toEqual(['sms:recorder', 'email:recorder', 'webpush:recorder', 'wechat:recorder']);
    expect(body.webPushPublicKey).toMatch(/^[A-Za-z0-9_-]{80,}$/u);
    const again = await env.app.inject({
      url: '/api/v1/staff/channel-settings',
      headers: owner.headers,
    });
    expect(again.json().webPushPublicKey).toBe(body.webPushPublicKey);
  });

  it('needs the secret, then keeps it write-only', async () => {
    const missing = await put(aliyunSettings());
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({
      code: 'CHANNEL_SECRET_REQUIRED',
      field: 'secrets.accessKeySecret',
    });

    const saved = await put(aliyunSettings({ accessKeySecret: SECRET }));
    expect(saved.statusCode).toBe(200);
    expect(saved.body).not.toContain(SECRET);
    expect(saved.json()).toMatchObject({
      channel: 'sms',
      provider: 'aliyun',
      config: { accessKeyId: 'LTAI5tTestKey', signName: '留客汽车' },
      secrets: { accessKeySecret: true },
    });
    expect(saved.json().receiptUrl).toMatch(
      new RegExp(`/api/v1/webhooks/sms/aliyun\\?tenant=${tenant.id}&key=[A-Za-z0-9_-]{20,}$`, 'u'),
    );
    const list = await env.app.inject({
      url: '/api/v1/staff/channel-settings',
      headers: owner.headers,
    });
    expect(list.body).not.toContain(SECRET);

    // Saving again without the secret keeps it; null clears it (and then it is missing).
    expect((await put(aliyunSettings())).json().secrets).toEqual({ accessKeySecret: true });
    const cleared = await put(aliyunSettings({ accessKeySecret: null }));
    expect(cleared.json().error.code).toBe('CHANNEL_SECRET_REQUIRED');
    expect((await put(aliyunSettings())).statusCode).toBe(200);
  });

  it('lets only owners change settings and owners and managers read them', async () => {
    const manager = await signInStaff(env.app, tenant.slug, tenant.staff.manager.login);
    const advisor = await signInStaff(env.app, tenant.slug, tenant.staff.advisor.login);
    expect(
      (await env.app.inject({ url: '/api/v1/staff/channel-settings', headers: manager.headers }))
        .statusCode,
    ).toBe(200);
    expect(
      (await env.app.inject({ url: '/api/v1/staff/channel-settings', headers: advisor.headers }))
        .statusCode,
    ).toBe(403);
    expect((await put(aliyunSettings(), manager)).statusCode).toBe(403);
  });

  it('rejects bad settings with the field', async () => {
    const res = await put({
      channel: 'sms',
      provider: 'twilio',
      config: { accountSid: 'nope' },
      secrets: { authToken: 'x' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    const wrongChannel = await put({ channel: 'email', provider: 'aliyun', config: {} });
    expect(wrongChannel.statusCode).toBe(400);
  });

  it('resolves each channel to the chosen provider and back to the recorder', async () => {
    expect((await resolveChannel(tenant.id, 'sms', deps())).provider).toBe('aliyun-sms');
    const twilio = await put({
      channel: 'sms',
      provider: 'twilio',
      config: { accountSid: `AC${'a'.repeat(32)}`, from: '+15005550006' },
      secrets: { authToken: 'tok' },
    });
    expect(twilio.statusCode).toBe(200);
    expect(twilio.json().receiptUrl).toContain(`/api/v1/webhooks/sms/twilio?tenant=${tenant.id}`);
    expect((await resolveChannel(tenant.id, 'sms', deps())).provider).toBe('twilio');
    expect((await put({ channel: 'sms', provider: 'recorder' })).statusCode).toBe(200);
    expect((await resolveChannel(tenant.id, 'sms', deps())).provider).toBe('dev-recorder');
    expect((await put(aliyunSettings({ accessKeySecret: SECRET }))).statusCode).toBe(200);
    const smtp = await put({
      channel: 'email',
      provider: 'smtp',
      config: {
        host: 'smtp.example.com',
        port: 465,
        secure: true,
        fromAddress: 'shop@example.com',
      },
    });
    expect(smtp.statusCode).toBe(200);
    expect(smtp.json().secrets).toEqual({ password: false });
    expect((await resolveChannel(tenant.id, 'email', deps())).provider).toBe('smtp');
  });

  it('sends a test message through the configured provider', async () => {
    const before = provider.received.length;
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/channel-settings/test',
      headers: owner.headers,
      payload: { channel: 'sms', to: '138 1234 5678' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      provider: 'aliyun-sms',
      outcome: 'sent',
      permanent: null,
      error: null,
      providerMessageId: 'biz-13812345678',
    });
    expect(provider.received.length).toBe(before + 1);
    const bad = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/channel-settings/test',
      headers: owner.headers,
      payload: { channel: 'sms', to: '12345' },
    });
    expect(bad.json().error).toMatchObject({ code: 'PHONE_INVALID', field: 'to' });
    const landline = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/channel-settings/test',
      headers: owner.headers,
      payload: { channel: 'sms', to: '+86 10 6234 5678' },
    });
    expect(landline.statusCode).toBeLessThan(500);
  });
});

describe('Web Push subscription from the app', () => {
  const endpoint = 'https://push.example.com/send/abc123';
  const keys = {
    p256dh:
      'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
    auth: 'tBHItJI5svbpez7KI4CCXg',
  };
  it('serves the tenant’s VAPID key and says whether push is on', async () => {
    const staffKey = (
      await env.app.inject({ url: '/api/v1/staff/channel-settings', headers: owner.headers })
    ).json().webPushPublicKey;
    const res = await env.app.inject({
      url: '/api/v1/app/push/vapid-public-key',
      headers: app.headers,
    });
    expect(res.json()).toEqual({ publicKey: staffKey, enabled: false });
    expect(
      (
        await put({
          channel: 'webpush',
          provider: 'webpush',
          config: { subject: 'mailto:ops@example.com' },
        })
      ).statusCode,
    ).toBe(200);
    const on = await env.app.inject({
      url: '/api/v1/app/push/vapid-public-key',
      headers: app.headers,
    });
    expect(on.json()).toEqual({ publicKey: staffKey, enabled: true });
  });

  it('saves, re-saves (same row) and deletes a subscription; reachability follows', async () => {
    const webpush = await resolveChannel(tenant.id, 'webpush', deps());
    expect(webpush.provider).toBe('webpush');
    expect(await webpush.reachable!(tenant.id, customerId, deps())).toBe(false);
    const first = await env.app.inject({
      method: 'POST',
      url: '/api/v1/app/push/subscriptions',
      headers: app.headers,
      payload: { endpoint, expirationTime: null, keys },
    });
    expect(first.statusCode).toBe(201);
    const second = await env.app.inject({
      method: 'POST',
      url: '/api/v1/app/push/subscriptions',
      headers: app.headers,
      payload: { endpoint, keys },
    });
    expect(second.json().id).toBe(first.json().id);
    expect(await webpush.reachable!(tenant.id, customerId, deps())).toBe(true);
    const del = await env.app.inject({
      method: 'DELETE',
      url: '/api/v1/app/push/subscriptions',
      headers: app.headers,
      payload: { endpoint },
    });
    expect(del.statusCode).toBe(204);
    expect(await webpush.reachable!(tenant.id, customerId, deps())).toBe(false);
  });

  it('rejects a subscription that is not https or lacks keys', async () => {
    for (const payload of [{ endpoint: 'http://push.example.com/x', keys }, { endpoint }]) {
      const res = await env.app.inject({
        method: 'POST',
        url: '/api/v1/app/push/subscriptions',
        headers: app.headers,
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('an opened notification marks its delivery opened (own deliveries only)', async () => {
    const id = await sentDelivery('webpush', 'push-1');
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/app/push/opened',
      headers: app.headers,
      payload: { deliveryId: id },
    });
    expect(res.statusCode).toBe(204);
    expect((await deliveryStatus(id)).status).toBe('opened');
  });
});

describe('WeChat binding', () => {
  it('binds, reads and removes an openid', async () => {
    const url = `/api/v1/staff/customers/${customerId}/wechat-binding`;
    const bound = await env.app.inject({
      method: 'PUT',
      url,
      headers: owner.headers,
      payload: { openid: 'oAbcdefghij_1234567' },
    });
    expect(bound.json()).toEqual({ openid: 'oAbcdefghij_1234567', subscribed: true });
    expect((await env.app.inject({ url, headers: owner.headers })).json().openid).toBe(
      'oAbcdefghij_1234567',
    );
    expect(
      (await env.app.inject({ method: 'DELETE', url, headers: owner.headers })).statusCode,
    ).toBe(204);
    expect((await env.app.inject({ url, headers: owner.headers })).json()).toEqual({
      openid: null,
      subscribed: false,
    });
    const bad = await env.app.inject({
      method: 'PUT',
      url,
      headers: owner.headers,
      payload: { openid: 'x' },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('tenant isolation', () => {
  it("another tenant's staff get 404 on this tenant's customer binding, and nothing changes", async () => {
    const other = await env.createTenant();
    const stranger = await signInStaff(env.app, other.slug, other.staff.owner.login);
    const url = `/api/v1/staff/customers/${customerId}/wechat-binding`;
    await env.app.inject({
      method: 'PUT',
      url,
      headers: owner.headers,
      payload: { openid: 'oIsolation_000001' },
    });
    for (const req of [
      { method: 'GET' as const },
      { method: 'PUT' as const, payload: { openid: 'oStolen_000000001' } },
      { method: 'DELETE' as const },
    ]) {
      const res = await env.app.inject({ ...req, url, headers: stranger.headers });
      expect(res.statusCode, req.method).toBe(404);
    }
    expect((await env.app.inject({ url, headers: owner.headers })).json().openid).toBe(
      'oIsolation_000001',
    );
    const theirs = await env.app.inject({
      url: '/api/v1/staff/channel-settings',
      headers: stranger.headers,
    });
    expect(theirs.json().items.every((i: { provider: string }) => i.provider === 'recorder')).toBe(
      true,
    );
  });
});

describe('WeChat binding from the app (OAuth code)', () => {
  it('exchanges the code for the openid; a bad code is a 400, no settings a 409', async () => {
    const oauth = await startHttpServer();
    oauth.handle((r, res) => {
      const url = new URL(r.url, oauth.url);
      const ok =
        url.pathname === '/sns/oauth2/access_token' &&
        url.searchParams.get('appid') === 'wx0123456789abcdef' &&
        url.searchParams.get('secret') === 'oauth-secret' &&
        url.searchParams.get('code') === 'good-code';
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify(
          ok
            ? {
                access_token: 'x',
                expires_in: 7200,
                openid: 'oFromOauth_000001',
                scope: 'snsapi_base',
              }
            : { errcode: 40029, errmsg: 'invalid code' },
        ),
      );
    });
    const bind = (code: string) =>
      env.app.inject({
        method: 'POST',
        url: '/api/v1/app/me/wechat-binding',
        headers: app.headers,
        payload: { code },
      });
    expect((await bind('good-code')).json().error.code).toBe('CHANNEL_NOT_CONFIGURED');
    expect(
      (
        await put({
          channel: 'wechat',
          provider: 'wechat',
          config: { appId: 'wx0123456789abcdef', endpoint: oauth.url },
          secrets: { appSecret: 'oauth-secret' },
        })
      ).statusCode,
    ).toBe(200);
    const bad = await bind('used-code');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'WECHAT_CODE_INVALID', field: 'code' });
    const ok = await bind('good-code');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ openid: 'oFromOauth_000001', subscribed: true });
    const staffView = await env.app.inject({
      url: `/api/v1/staff/customers/${customerId}/wechat-binding`,
      headers: owner.headers,
    });
    expect(staffView.json().openid).toBe('oFromOauth_000001');
    await oauth.close();
  });
});

describe('provider receipts', () => {
  it('Aliyun: a wrong key is refused; a report moves the delivery (by OutId or BizId)', async () => {
    const settings = (
      await env.app.inject({ url: '/api/v1/staff/channel-settings', headers: owner.headers })
    ).json();
    const receiptUrl = new URL(settings.items[0].receiptUrl as string);
    const path = `${receiptUrl.pathname}${receiptUrl.search}`;
    const byOutId = await sentDelivery('sms', 'biz-1');
    const byBizId = await sentDelivery('sms', 'biz-2');
    const report = (over: object) => ({
      phone_number: '13500000001',
      send_time: '2026-03-01 10:00:00',
      report_time: '2026-03-01 10:00:05',
      sms_size: '1',
      ...over,
    });
    const forged = await env.app.inject({
      method: 'POST',
      url: path.replace(/key=[^&]+/u, 'key=guessed'),
      payload: [report({ success: true, err_code: 'DELIVERED', out_id: byOutId, biz_id: 'biz-1' })],
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect((await deliveryStatus(byOutId)).status).toBe('sent');

    const ok = await env.app.inject({
      method: 'POST',
      url: path,
      payload: [
        report({
          success: true,
          err_code: 'DELIVERED',
          err_msg: '用户接收成功',
          out_id: byOutId,
          biz_id: 'biz-1',
        }),
        report({ success: false, err_code: 'MK:0001', err_msg: '空号', biz_id: 'biz-2' }),
      ],
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ code: 0, msg: '接收成功' });
    expect((await deliveryStatus(byOutId)).status).toBe('delivered');
    expect(await deliveryStatus(byBizId)).toMatchObject({
      status: 'failed',
      error: 'MK:0001 空号',
    });
  });

  it('Twilio: X-Twilio-Signature is checked over URL and sorted parameters', async () => {
    const sid = `AC${'b'.repeat(32)}`;
    const saved = await put({
      channel: 'sms',
      provider: 'twilio',
      config: { accountSid: sid, from: '+15005550006' },
      secrets: { authToken: 'twilio-auth-token' },
    });
    const callback = new URL(saved.json().receiptUrl as string);
    const path = `${callback.pathname}${callback.search}`;
    const fullUrl = `${env.config.publicUrl}${path}`;
    const delivered = await sentDelivery('sms', 'SM00000000000000000000000000000001');
    const failed = await sentDelivery('sms', 'SM00000000000000000000000000000002');
    const post = (params: Record<string, string>, signature: string) =>
      env.app.inject({
        method: 'POST',
        url: path,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': signature,
        },
        payload: new URLSearchParams(params).toString(),
      });
    const params = {
      MessageSid: 'SM00000000000000000000000000000001',
      MessageStatus: 'delivered',
      AccountSid: sid,
      To: '+14155550100',
      From: '+15005550006',
      ApiVersion: '2010-04-01',
    };
    const forged = await post(params, twilioSignature('someone-else', fullUrl, params));
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect((await post(params, '')).statusCode).toBe(403);
    expect((await deliveryStatus(delivered)).status).toBe('sent');

    const ok = await post(params, twilioSignature('twilio-auth-token', fullUrl, params));
    expect(ok.statusCode).toBe(204);
    expect((await deliveryStatus(delivered)).status).toBe('delivered');

    const failure = {
      ...params,
      MessageSid: 'SM00000000000000000000000000000002',
      MessageStatus: 'undelivered',
      ErrorCode: '30003',
    };
    expect(
      (await post(failure, twilioSignature('twilio-auth-token', fullUrl, failure))).statusCode,
    ).toBe(204);
    expect(await deliveryStatus(failed)).toMatchObject({
      status: 'failed',
      error: 'Twilio 30003 undelivered',
    });
    // A parameter changed after signing breaks the signature.
    const tampered = { ...params, MessageStatus: 'failed' };
    expect(
      (await post(tampered, twilioSignature('twilio-auth-token', fullUrl, params))).statusCode,
    ).toBe(403);
  });

  it('WeChat: the URL check answers echostr; events are signed; results and unfollows are kept', async () => {
    expect(
      (
        await put({
          channel: 'wechat',
          provider: 'wechat',
          config: { appId: 'wx0123456789abcdef', defaultTemplateId: 'TPL' },
          secrets: { appSecret: 'app-secret', token: 'callback-token' },
        })
      ).statusCode,
    ).toBe(200);
    const q = (token: string) => {
      const timestamp = '1767225600';
      const nonce = '8842';
      return `tenant=${tenant.id}&timestamp=${timestamp}&nonce=${nonce}&signature=${wechatSignature(token, timestamp, nonce)}`;
    };
    const check = await env.app.inject({
      url: `/api/v1/webhooks/wechat?${q('callback-token')}&echostr=hello-123`,
    });
    expect(check.statusCode).toBe(200);
    expect(check.body).toBe('hello-123');
    const forged = await env.app.inject({ url: `/api/v1/webhooks/wechat?${q('wrong')}&echostr=x` });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('WEBHOOK_SIGNATURE_INVALID');

    const delivery = await sentDelivery('wechat', '200163836');
    const xml = (event: string, extra = '') =>
      `<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA[oWechat_unfollow01]]></FromUserName><CreateTime>1395658920</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${event}]]></Event>${extra}</xml>`;
    const event = (body: string, token = 'callback-token') =>
      env.app.inject({
        method: 'POST',
        url: `/api/v1/webhooks/wechat?${q(token)}&openid=oWechat_unfollow01`,
        headers: { 'content-type': 'text/xml' },
        payload: body,
      });
    const finished = xml(
      'TEMPLATESENDJOBFINISH',
      '<MsgID>200163836</MsgID><Status><![CDATA[success]]></Status>',
    );
    expect((await event(finished, 'wrong')).statusCode).toBe(403);
    expect((await deliveryStatus(delivery)).status).toBe('sent');
    const ok = await event(finished);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('success');
    expect((await deliveryStatus(delivery)).status).toBe('delivered');

    await env.app.inject({
      method: 'PUT',
      url: `/api/v1/staff/customers/${customerId}/wechat-binding`,
      headers: owner.headers,
      payload: { openid: 'oWechat_unfollow01' },
    });
    expect((await event(xml('unsubscribe'))).statusCode).toBe(200);
    const [binding] = await env.inTenant(tenant.id, (ctx) =>
      ctx.tx
        .select()
        .from(wechatBindings)
        .where(and(eq(wechatBindings.openid, 'oWechat_unfollow01'))),
    );
    expect(binding!.subscribed).toBe(false);
  });

  it('an unknown tenant or a channel on another provider is refused, not a 500', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/sms/aliyun?tenant=${newId()}&key=${aliyunPercentEncode('x')}`,
      payload: [],
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('customer e-mail', () => {
  it('is stored lower-cased, shown, editable and validated', async () => {
    const got = await env.app.inject({
      url: `/api/v1/staff/customers/${customerId}`,
      headers: owner.headers,
    });
    expect(got.json().email).toBe('li.si@example.com');
    const patched = await env.app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/customers/${customerId}`,
      headers: owner.headers,
      payload: { email: 'new@example.com' },
    });
    expect(patched.json().email).toBe('new@example.com');
    const bad = await env.app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/customers/${customerId}`,
      headers: owner.headers,
      payload: { email: 'not-an-email' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('email');
  });
});
