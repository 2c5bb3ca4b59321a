// SMS adapters against local servers that check what the providers check: Aliyun recomputes the
// RPC signature from the parameters it received (and the documented example must come out as
// documented); Twilio checks HTTP Basic auth. Then how each answer maps onto retry or give up.
import { createHmac } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelDeps, ChannelMessage } from '../port.ts';
import { startHttpServer, type LocalServer, type Received } from '../testing/servers.ts';
import { aliyunPercentEncode, aliyunSignature, createAliyunSmsChannel } from './aliyun.ts';
import { createTwilioChannel, twilioSignature } from './twilio.ts';

let provider: LocalServer;
const deps = { now: () => new Date('2026-03-01T02:00:00.123Z') } as unknown as ChannelDeps;

beforeAll(async () => {
  provider = await startHttpServer();
});
afterAll(() => provider.close());

const sms = (to: string, over: Partial<ChannelMessage> = {}): ChannelMessage => ({
  tenantId: '01900000-0000-7000-8000-0000000000aa',
  intentId: '01900000-0000-7000-8000-000000000001',
  deliveryId: '01900000-0000-7000-8000-000000000002',
  customerId: null,
  channel: 'sms',
  to,
  purpose: 'transactional',
  text: '【留客】您的预约已确认：3月1日 10:00。',
  ...over,
});

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

describe('Aliyun RPC signature', () => {
  it('reproduces the documented SendSms example', () => {
    const params = {
      AccessKeyId: 'testId',
      Action: 'SendSms',
      Format: 'XML',
      OutId: '123',
      PhoneNumbers: '15300000001',
      RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}',
      Timestamp: '2017-07-12T02:42:19Z',
      Version: '2017-05-25',
    };
    expect(aliyunSignature('GET', params, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
    expect(aliyunPercentEncode("a b*c~d'(!)")).toBe('a%20b%2Ac~d%27%28%21%29');
  });
});

/** What Dysmsapi does on receipt: rebuild the string to sign from the parameters and compare. */
function aliyunVerifies(r: Received, secret: string): Record<string, string> {
  const params = Object.fromEntries(new URLSearchParams(r.body.toString('utf8')));
  const canonical = Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(params[k]!)}`)
    .join('&');
  const expected = createHmac('sha1', `${secret}&`)
    .update(`POST&%2F&${aliyunPercentEncode(canonical)}`)
    .digest('base64');
  if (params.Signature !== expected) throw new Error('SignatureDoesNotMatch');
  return params;
}

describe('Aliyun SMS adapter', () => {
  const aliyun = (over: Partial<Parameters<typeof createAliyunSmsChannel>[0]> = {}) =>
    createAliyunSmsChannel({
      accessKeyId: 'LTAI5tTestKey',
      accessKeySecret: 'secret+/=with*special~chars',
      signName: '留客汽车',
      defaultTemplateCode: 'SMS_100000001',
      endpoint: `${provider.url}/`,
      timeoutMs: 500,
      ...over,
    });

  it('signs the request so the provider accepts it, and returns the BizId', async () => {
    let params: Record<string, string> = {};
    provider.handle((r, res) => {
      try {
        params = aliyunVerifies(r, 'secret+/=with*special~chars');
      } catch {
        return json(res, 400, {
          Code: 'SignatureDoesNotMatch',
          Message: 'Specified signature is not matched',
        });
      }
      json(res, 200, { Code: 'OK', Message: 'OK', BizId: '900619746936498440^0', RequestId: 'r1' });
    });
    const result = await aliyun().send(sms('+8613812345678'), deps);
    expect(result).toEqual({ outcome: 'sent', providerMessageId: '900619746936498440^0' });
    expect(params).toMatchObject({
      Action: 'SendSms',
      Version: '2017-05-25',
      PhoneNumbers: '13812345678',
      SignName: '留客汽车',
      TemplateCode: 'SMS_100000001',
      OutId: '01900000-0000-7000-8000-000000000002',
      Timestamp: '2026-03-01T02:00:00Z',
      SignatureMethod: 'HMAC-SHA1',
    });
    expect(JSON.parse(params.TemplateParam!)).toEqual({
      content: '【留客】您的预约已确认：3月1日 10:00。',
    });
  });

  it('a wrong secret is refused by the checking server (the check can fail)', async () => {
    provider.handle((r, res) => {
      try {
        aliyunVerifies(r, 'the-real-secret');
        json(res, 200, { Code: 'OK', BizId: 'x' });
      } catch {
        json(res, 400, {
          Code: 'SignatureDoesNotMatch',
          Message: 'Specified signature is not matched',
        });
      }
    });
    expect(await aliyun().send(sms('+8613812345678'), deps)).toMatchObject({
      outcome: 'failed',
      permanent: true,
      providerCode: 'SignatureDoesNotMatch',
    });
  });

  it('uses the message’s own template and parameters when it names one', async () => {
    let params: Record<string, string> = {};
    provider.handle((r, res) => {
      params = aliyunVerifies(r, 'secret+/=with*special~chars');
      json(res, 200, { Code: 'OK', BizId: 'b2' });
    });
    await aliyun().send(
      sms('+85291234567', { providerTemplate: { id: 'SMS_2', params: { plate: '粤B12345' } } }),
      deps,
    );
    expect(params.TemplateCode).toBe('SMS_2');
    expect(params.PhoneNumbers).toBe('85291234567');
    expect(JSON.parse(params.TemplateParam!)).toEqual({ plate: '粤B12345' });
  });

  it('business errors: an invalid number is permanent, flow control is temporary', async () => {
    provider.handle((_r, res) =>
      json(res, 200, { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' }),
    );
    const bad = await aliyun().send(sms('+8613812345678'), deps);
    expect(bad).toMatchObject({
      outcome: 'failed',
      permanent: true,
      providerCode: 'isv.MOBILE_NUMBER_ILLEGAL',
    });
    expect((bad as { error: string }).error).toContain('not a valid mobile number');
    provider.handle((_r, res) =>
      json(res, 200, { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发流控' }),
    );
    expect(await aliyun().send(sms('+8613812345678'), deps)).toMatchObject({
      outcome: 'failed',
      permanent: false,
    });
  });

  it('5xx and timeouts are temporary', async () => {
    provider.handle((_r, res) => json(res, 503, { Code: 'ServiceUnavailable' }));
    expect(await aliyun().send(sms('+8613812345678'), deps)).toMatchObject({
      outcome: 'failed',
      permanent: false,
    });
    provider.handle(() => {
      /* never answers */
    });
    expect(await aliyun().send(sms('+8613812345678'), deps)).toMatchObject({
      outcome: 'failed',
      permanent: false,
      providerCode: 'TIMEOUT',
    });
  });

  it('a landline cannot receive SMS: permanent, with a clear error, nothing sent', async () => {
    const before = provider.received.length;
    const result = await aliyun().send(sms('+861062345678'), deps);
    expect(result).toMatchObject({
      outcome: 'failed',
      permanent: true,
      providerCode: 'NOT_MOBILE',
    });
    expect((result as { error: string }).error).toContain('not a mobile number');
    expect(provider.received.length).toBe(before);
  });

  it('without any template the message fails for good and says what to set', async () => {
    expect(
      await aliyun({ defaultTemplateCode: undefined }).send(sms('+8613812345678'), deps),
    ).toMatchObject({
      outcome: 'failed',
      permanent: true,
      providerCode: 'NO_TEMPLATE',
    });
  });
});

describe('Twilio adapter', () => {
  const SID = `AC${'1'.repeat(32)}`;
  const twilio = (over: Partial<Parameters<typeof createTwilioChannel>[0]> = {}) =>
    createTwilioChannel({
      accountSid: SID,
      authToken: 'twilio-token',
      from: '+15005550006',
      statusCallbackUrl: 'https://liuke.example/api/v1/webhooks/sms/twilio?tenant=t1',
      endpoint: provider.url,
      timeoutMs: 500,
      ...over,
    });

  /** Twilio's side: Basic auth with the account's SID and token, form-encoded parameters. */
  function twilioAccepts(r: Received): Record<string, string> | null {
    const expected = `Basic ${Buffer.from(`${SID}:twilio-token`).toString('base64')}`;
    if (r.headers.authorization !== expected) return null;
    if (r.url !== `/2010-04-01/Accounts/${SID}/Messages.json`) return null;
    return Object.fromEntries(new URLSearchParams(r.body.toString('utf8')));
  }

  it('posts the message with Basic auth and the status callback; returns the SID', async () => {
    let form: Record<string, string> | null = null;
    provider.handle((r, res) => {
      form = twilioAccepts(r);
      if (!form) return json(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
      json(res, 201, { sid: 'SM0123456789abcdef0123456789abcdef', status: 'queued' });
    });
    expect(await twilio().send(sms('+14155550100'), deps)).toEqual({
      outcome: 'sent',
      providerMessageId: 'SM0123456789abcdef0123456789abcdef',
    });
    expect(form).toEqual({
      To: '+14155550100',
      From: '+15005550006',
      Body: '【留客】您的预约已确认：3月1日 10:00。',
      StatusCallback: 'https://liuke.example/api/v1/webhooks/sms/twilio?tenant=t1',
    });
  });

  it('a wrong token: 401 is permanent (the check can fail)', async () => {
    provider.handle((r, res) =>
      twilioAccepts(r)
        ? json(res, 201, { sid: 'SMx' })
        : json(res, 401, { code: 20003, message: 'Authenticate' }),
    );
    expect(await twilio({ authToken: 'wrong' }).send(sms('+14155550100'), deps)).toMatchObject({
      outcome: 'failed',
      permanent: true,
      providerCode: '20003',
    });
  });

  it('400 21614 (not a mobile number) is permanent with a clear error', async () => {
    provider.handle((_r, res) =>
      json(res, 400, {
        code: 21614,
        message: "'To' number is not a valid mobile number",
        status: 400,
      }),
    );
    const result = await twilio().send(sms('+14155550100'), deps);
    expect(result).toMatchObject({ outcome: 'failed', permanent: true, providerCode: '21614' });
    expect((result as { error: string }).error).toContain('not a mobile number');
  });

  it('429, 5xx and timeouts are temporary', async () => {
    provider.handle((_r, res) => json(res, 429, { code: 20429, message: 'Too Many Requests' }));
    expect(await twilio().send(sms('+14155550100'), deps)).toMatchObject({
      outcome: 'failed',
      permanent: false,
    });
    provider.handle((_r, res) => json(res, 500, { code: 20500, message: 'Internal Server Error' }));
    expect(await twilio().send(sms('+14155550100'), deps)).toMatchObject({
      outcome: 'failed',
      permanent: false,
    });
    provider.handle(() => {
      /* never answers */
    });
    expect(await twilio().send(sms('+14155550100'), deps)).toMatchObject({
      outcome: 'failed',
      permanent: false,
    });
  });

  it('computes X-Twilio-Signature as Twilio documents it', () => {
    // Twilio's documented example: URL with query string, POST parameters, auth token 12345.
    const params = {
      CallSid: 'CA1234567890ABCDE',
      Caller: '+12349013030',
      Digits: '1234',
      From: '+12349013030',
      To: '+18005551212',
    };
    expect(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params)).toBe(
      '0/KCTR6DLpKmkAf8muzZqo1nDgQ=',
    );
  });
});
