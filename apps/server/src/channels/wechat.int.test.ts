// WeChat template messages against a local stand-in for api.weixin.qq.com: the access_token is
// fetched once and reused, renewed when WeChat says it is no longer valid, and the answers map
// onto retry, give up, or "this follower is gone".
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv, type TestTenant } from '../testing/harness.ts';
import { createCustomer } from '../modules/customers/index.ts';
import {
  setWechatBinding,
  unsafeWechatOpenid,
  wechatBindingStore,
} from '../modules/channel-settings/index.ts';
import { createWechatChannel, resetWechatTokens, wechatSignature } from './wechat.ts';
import type { ChannelDeps, ChannelMessage } from './port.ts';
import { startHttpServer, type LocalServer } from './testing/servers.ts';

let env: TestEnv;
let tenant: TestTenant;
let wx: LocalServer;
let deps: ChannelDeps;
let tokenCount = 0;
let sendAnswer: (token: string) => { status?: number; body: unknown };
const sent: { token: string; body: Record<string, unknown> }[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  tenant = await env.createTenant();
  wx = await startHttpServer();
  deps = { adminDb: env.database.adminDb, log: env.app.log as never, now: () => new Date() };
  wx.handle((r, res) => {
    const url = new URL(r.url, wx.url);
    const reply = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === '/cgi-bin/token') {
      if (
        url.searchParams.get('appid') !== 'wx0123456789abcdef' ||
        url.searchParams.get('secret') !== 'app-secret'
      )
        return reply(200, { errcode: 40125, errmsg: 'invalid appsecret' });
      tokenCount++;
      return reply(200, { access_token: `TOKEN-${tokenCount}`, expires_in: 7200 });
    }
    if (url.pathname === '/cgi-bin/message/template/send') {
      const token = url.searchParams.get('access_token') ?? '';
      sent.push({ token, body: JSON.parse(r.body.toString('utf8')) as Record<string, unknown> });
      const a = sendAnswer(token);
      return reply(a.status ?? 200, a.body);
    }
    reply(404, {});
  });
});
afterAll(async () => {
  await wx.close();
  await env.close();
});
beforeEach(() => {
  resetWechatTokens();
  tokenCount = 0;
  sent.length = 0;
  sendAnswer = () => ({ body: { errcode: 0, errmsg: 'ok', msgid: 200228332 } });
});

const channel = (over: Partial<Parameters<typeof createWechatChannel>[0]> = {}) =>
  createWechatChannel({
    appId: 'wx0123456789abcdef',
    appSecret: 'app-secret',
    defaultTemplateId: 'TPL_DEFAULT',
    endpoint: wx.url,
    timeoutMs: 500,
    bindings: wechatBindingStore,
    ...over,
  });

async function boundCustomer(phone: string, openid: string | null) {
  const c = await env.inTenant(tenant.id, (ctx) => createCustomer(ctx, { name: '微信', phone }));
  if (openid) await env.inTenant(tenant.id, (ctx) => setWechatBinding(ctx, c.id, openid));
  return c.id;
}

const message = (customerId: string, over: Partial<ChannelMessage> = {}): ChannelMessage => ({
  tenantId: tenant.id,
  intentId: '01900000-0000-7000-8000-000000000001',
  deliveryId: '01900000-0000-7000-8000-000000000002',
  customerId,
  channel: 'wechat',
  to: customerId,
  purpose: 'service',
  text: '您的爱车粤B12345 该做保养了',
  url: 'https://liuke.example/app/due',
  ...over,
});

describe('WeChat template message adapter', () => {
  it('fetches an access_token once, reuses it, and sends the template to the openid', async () => {
    const id = await boundCustomer('13700000011', 'oOpenid_0000000001');
    const ch = channel();
    expect(await ch.reachable(tenant.id, id, deps)).toBe(true);
    expect(await ch.send(message(id), deps)).toEqual({
      outcome: 'sent',
      providerMessageId: '200228332',
    });
    expect(
      await ch.send(
        message(id, {
          providerTemplate: { id: 'TPL_DUE', params: { plate: '粤B12345', date: '2026-03-01' } },
        }),
        deps,
      ),
    ).toMatchObject({ outcome: 'sent' });
    expect(tokenCount).toBe(1);
    expect(sent.map((s) => s.token)).toEqual(['TOKEN-1', 'TOKEN-1']);
    expect(sent[0]!.body).toEqual({
      touser: 'oOpenid_0000000001',
      template_id: 'TPL_DEFAULT',
      url: 'https://liuke.example/app/due',
      data: { content: { value: '您的爱车粤B12345 该做保养了' } },
    });
    expect(sent[1]!.body.data).toEqual({
      plate: { value: '粤B12345' },
      date: { value: '2026-03-01' },
    });
  });

  it('a token WeChat rejects (40001) is renewed once and the send repeated', async () => {
    const id = await boundCustomer('13700000012', 'oOpenid_0000000002');
    sendAnswer = (token) =>
      token === 'TOKEN-1'
        ? { body: { errcode: 40001, errmsg: 'invalid credential' } }
        : { body: { errcode: 0, msgid: 7 } };
    expect(await channel().send(message(id), deps)).toEqual({
      outcome: 'sent',
      providerMessageId: '7',
    });
    expect(tokenCount).toBe(2);
  });

  it('43004 (unfollowed): permanent, address gone, binding marked unsubscribed', async () => {
    const id = await boundCustomer('13700000013', 'oOpenid_0000000003');
    sendAnswer = () => ({ body: { errcode: 43004, errmsg: 'require subscribe' } });
    expect(await channel().send(message(id), deps)).toMatchObject({
      outcome: 'failed',
      permanent: true,
      addressGone: true,
      providerCode: '43004',
    });
    expect(await unsafeWechatOpenid(env.database.adminDb, tenant.id, id)).toBeNull();
    expect(await channel().reachable(tenant.id, id, deps)).toBe(false);
  });

  it('system busy (-1), 5xx and timeouts are temporary; a bad template is permanent', async () => {
    const id = await boundCustomer('13700000014', 'oOpenid_0000000004');
    sendAnswer = () => ({ body: { errcode: -1, errmsg: 'system error' } });
    expect(await channel().send(message(id), deps)).toMatchObject({
      outcome: 'failed',
      permanent: false,
    });
    sendAnswer = () => ({ status: 502, body: {} });
    expect(await channel().send(message(id), deps)).toMatchObject({
      outcome: 'failed',
      permanent: false,
    });
    sendAnswer = () => ({ body: { errcode: 40037, errmsg: 'invalid template_id' } });
    expect(await channel().send(message(id), deps)).toMatchObject({
      outcome: 'failed',
      permanent: true,
      providerCode: '40037',
    });
  });

  it('a wrong AppSecret fails for good at the token', async () => {
    const id = await boundCustomer('13700000015', 'oOpenid_0000000005');
    expect(await channel({ appSecret: 'wrong' }).send(message(id), deps)).toMatchObject({
      outcome: 'failed',
      permanent: true,
      providerCode: '40125',
    });
    expect(sent).toEqual([]);
  });

  it('a customer without a binding is not reachable', async () => {
    const id = await boundCustomer('13700000016', null);
    expect(await channel().reachable(tenant.id, id, deps)).toBe(false);
    expect(await channel().send(message(id), deps)).toMatchObject({
      outcome: 'failed',
      addressGone: true,
    });
  });

  it('signs callbacks as WeChat documents (sha1 of the sorted token, timestamp, nonce)', () => {
    // sorted: ['1409659589', '263014780', 'token'] joined, then SHA-1 (hex), computed elsewhere.
    expect(wechatSignature('token', '1409659589', '263014780')).toBe(
      'a83561230f657434ed17865ce9dbacbd1601fe6e',
    );
  });
});
