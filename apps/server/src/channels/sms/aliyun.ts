// Aliyun SMS (Dysmsapi SendSms, API version 2017-05-25) over its RPC protocol: every request is
// signed with HMAC-SHA1 over the canonicalised, percent-encoded parameters, keyed with the
// AccessKey secret followed by '&'. Mainland SMS must use an approved template; a message
// without one goes through the tenant's default template with a single ${content} variable.
import { createHmac, randomUUID } from 'node:crypto';
import type { Channel, ChannelDeps, ChannelMessage, SendResult } from '../port.ts';
import { isFailure, isTemporaryStatus, providerFetch } from '../provider-http.ts';
import { smsAddressProblem } from './phone.ts';

export interface AliyunSmsOptions {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  regionId?: string;
  defaultTemplateCode?: string;
  endpoint?: string;
  timeoutMs?: number;
}

export const ALIYUN_SMS_ENDPOINT = 'https://dysmsapi.aliyuncs.com/';

/** RFC 3986 encoding as Aliyun specifies it: only A–Z a–z 0–9 - _ . ~ stay as they are. */
export function aliyunPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The canonicalised query: parameters sorted by name, names and values encoded, joined by &. */
export function aliyunCanonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(params[k]!)}`)
    .join('&');
}

/** Signature = Base64(HMAC-SHA1(secret + '&', METHOD & %2F & encode(canonical query))). */
export function aliyunSignature(
  method: 'GET' | 'POST',
  params: Record<string, string>,
  accessKeySecret: string,
): string {
  const stringToSign = `${method}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(aliyunCanonicalQuery(params))}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}

/** Aliyun business codes after which another try may succeed; every other code is final. */
const TEMPORARY_CODES = new Set([
  'isp.SYSTEM_ERROR',
  'isv.BUSINESS_LIMIT_CONTROL',
  'Throttling',
  'Throttling.User',
  'Throttling.Api',
  'SignatureNonceUsed',
  'ServiceUnavailable',
  'InternalError',
]);

const CLEAR_MESSAGES: Record<string, string> = {
  'isv.MOBILE_NUMBER_ILLEGAL': 'the number is not a valid mobile number',
  'isv.MOBILE_COUNT_OVER_LIMIT': 'too many numbers in one request',
  'isv.TEMPLATE_MISSING_PARAMETERS': 'the SMS template needs parameters the message lacks',
  'isv.SMS_TEMPLATE_ILLEGAL': 'the SMS template is not approved or does not exist',
  'isv.SMS_SIGNATURE_ILLEGAL': 'the SMS signature (签名) is not approved or does not exist',
  'isv.AMOUNT_NOT_ENOUGH': 'the Aliyun account balance is insufficient',
  'isv.BLACK_KEY_CONTROL_LIMIT': 'the text contains blocked words',
  'isv.DAY_LIMIT_CONTROL': 'the daily limit for this number is reached',
  InvalidAccessKeyId: 'the AccessKey ID is not valid',
  'InvalidAccessKeyId.NotFound': 'the AccessKey ID is not valid',
  SignatureDoesNotMatch: 'the AccessKey secret is wrong (signature does not match)',
};

/** Aliyun wants mainland numbers without +86 and others as country code + number. */
export function aliyunPhone(e164: string): string {
  return e164.startsWith('+86') ? e164.slice(3) : e164.slice(1);
}

const timestamp = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/u, 'Z');

export function createAliyunSmsChannel(options: AliyunSmsOptions): Channel {
  const endpoint = options.endpoint ?? ALIYUN_SMS_ENDPOINT;
  return {
    name: 'sms',
    provider: 'aliyun-sms',
    async send(message: ChannelMessage, deps: ChannelDeps): Promise<SendResult> {
      const problem = smsAddressProblem(message.to);
      if (problem) return problem;
      const template =
        message.providerTemplate ??
        (options.defaultTemplateCode
          ? { id: options.defaultTemplateCode, params: { content: message.text } }
          : null);
      if (!template)
        return {
          outcome: 'failed',
          permanent: true,
          error:
            'Aliyun SMS needs an approved template: set a default template code with a ${content} variable in the channel settings',
          providerCode: 'NO_TEMPLATE',
        };
      const params: Record<string, string> = {
        AccessKeyId: options.accessKeyId,
        Action: 'SendSms',
        Format: 'JSON',
        OutId: message.deliveryId,
        PhoneNumbers: aliyunPhone(message.to),
        RegionId: options.regionId ?? 'cn-hangzhou',
        SignName: options.signName,
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: randomUUID(),
        SignatureVersion: '1.0',
        TemplateCode: template.id,
        TemplateParam: JSON.stringify(template.params),
        Timestamp: timestamp(deps.now()),
        Version: '2017-05-25',
      };
      const signature = aliyunSignature('POST', params, options.accessKeySecret);
      const body = `Signature=${aliyunPercentEncode(signature)}&${aliyunCanonicalQuery(params)}`;
      const res = await providerFetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      });
      if (isFailure(res)) return res;
      const json = (res.json ?? {}) as { Code?: string; Message?: string; BizId?: string };
      if (res.status >= 200 && res.status < 300 && json.Code === 'OK')
        return { outcome: 'sent', ...(json.BizId ? { providerMessageId: json.BizId } : {}) };
      const code = json.Code ?? `HTTP_${res.status}`;
      const temporary = isTemporaryStatus(res.status) || TEMPORARY_CODES.has(code);
      return {
        outcome: 'failed',
        permanent: !temporary,
        error: `Aliyun SMS ${code}: ${CLEAR_MESSAGES[code] ?? json.Message ?? res.text.slice(0, 200)}`,
        providerCode: code,
      };
    },
  };
}
