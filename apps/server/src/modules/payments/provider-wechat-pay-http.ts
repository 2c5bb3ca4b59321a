// One signed request to WeChat Pay API v3: the merchant's Authorization header over method, path,
// timestamp, nonce and body; the answer with its Wechatpay-* signature headers, not yet checked
// (the caller checks them with the platform's keys).
import { randomBytes } from 'node:crypto';
import {
  providerFetch,
  unreachable,
  type ProviderCredentials,
  type ProviderResult,
} from './port.ts';
import { authorizationHeader, type SignedHeaders } from './provider-wechat-pay-crypto.ts';

export const WECHAT_DEFAULT_BASE = 'https://api.mch.weixin.qq.com';

export const wechatBase = (creds: ProviderCredentials) =>
  (creds.config.baseUrl || WECHAT_DEFAULT_BASE).replace(/\/+$/u, '');

export const signedHeaders = (get: (name: string) => string | undefined): SignedHeaders => ({
  timestamp: get('wechatpay-timestamp'),
  nonce: get('wechatpay-nonce'),
  signature: get('wechatpay-signature'),
  serial: get('wechatpay-serial'),
});

export interface WechatAnswer {
  status: number;
  text: string;
  signed: SignedHeaders;
}

export async function signedCall(
  creds: ProviderCredentials,
  method: 'GET' | 'POST',
  pathWithQuery: string,
  body: Record<string, unknown> | null,
  now: Date,
): Promise<ProviderResult<WechatAnswer>> {
  const text = body ? JSON.stringify(body) : '';
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = randomBytes(16).toString('hex').toUpperCase();
  const authorization = authorizationHeader(
    {
      mchid: creds.config.mchid ?? '',
      serialNo: creds.config.merchantSerialNo ?? '',
      privateKeyPem: creds.secrets.privateKey ?? '',
    },
    method,
    pathWithQuery,
    text,
    timestamp,
    nonce,
  );
  try {
    const res = await providerFetch(`${wechatBase(creds)}${pathWithQuery}`, {
      method,
      headers: {
        Authorization: authorization,
        Accept: 'application/json',
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body ? { body: text } : {}),
    });
    const answer = await res.text();
    return {
      ok: true,
      value: {
        status: res.status,
        text: answer,
        signed: signedHeaders((n) => res.headers.get(n) ?? undefined),
      },
    };
  } catch (err) {
    return unreachable(err);
  }
}
