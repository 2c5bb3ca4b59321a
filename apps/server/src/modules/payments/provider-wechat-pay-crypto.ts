// WeChat Pay API v3 signatures, to the letter of its documents, with node:crypto (there is no
// maintained official Node SDK for v3): the merchant signs each request
// (WECHATPAY2-SHA256-RSA2048 over method, path, timestamp, nonce and body); WeChat Pay signs its
// answers and callbacks (Wechatpay-Signature over "timestamp\nnonce\nbody\n") with the platform
// certificate or the platform public key named by Wechatpay-Serial; callback resources are
// AEAD_AES_256_GCM under the API v3 key.
import {
  randomBytes,
  createDecipheriv,
  createPublicKey,
  createSign,
  createVerify,
  X509Certificate,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { NotificationRejected } from './port.ts';

export const WECHAT_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';
/** How old (or early) a signed callback may be. */
export const WECHAT_TIMESTAMP_WINDOW_S = 5 * 60;
/** WeChat Pay sends deliberately wrong signatures starting with this to test that we refuse them. */
export const WECHAT_PROBE_PREFIX = 'WECHATPAY/SIGNTEST/';
/** Platform public key ids (the key kind that replaces platform certificates) start with this. */
export const WECHAT_PUBLIC_KEY_ID_PREFIX = 'PUB_KEY_ID_';

export interface MerchantKey {
  mchid: string;
  serialNo: string;
  privateKeyPem: string;
}

/** The request's signing message: method, path with query, timestamp, nonce, body — each + "\n". */
export const requestMessage = (
  method: string,
  pathWithQuery: string,
  timestamp: string,
  nonce: string,
  body: string,
) => `${method}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${body}\n`;

export function rsaSign(message: string, privateKeyPem: string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKeyPem, 'base64');
}

/** What WeixinJSBridge's `getBrandWCPayRequest` takes to pay a JSAPI prepay id. */
export interface JsapiPayParams {
  appId: string;
  /** Seconds since the epoch, as a string. */
  timeStamp: string;
  nonceStr: string;
  /** `prepay_id=<id>` */
  package: string;
  signType: 'RSA';
  paySign: string;
}

/** The message the JSAPI `paySign` is over: appId, timeStamp, nonceStr, package — each + "\n". */
export const jsapiPayMessage = (
  p: Pick<JsapiPayParams, 'appId' | 'timeStamp' | 'nonceStr' | 'package'>,
) => `${p.appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`;

/** The bridge's parameters for a prepay id, signed by the merchant's key (SHA256 with RSA). */
export function jsapiPayParams(
  appId: string,
  prepayId: string,
  privateKeyPem: string,
  now: Date,
): JsapiPayParams {
  const unsigned = {
    appId,
    timeStamp: String(Math.floor(now.getTime() / 1000)),
    nonceStr: randomBytes(16).toString('hex'),
    package: `prepay_id=${prepayId}`,
  };
  return {
    ...unsigned,
    signType: 'RSA',
    paySign: rsaSign(jsapiPayMessage(unsigned), privateKeyPem),
  };
}

/** The Authorization header of one request. */
export function authorizationHeader(
  key: MerchantKey,
  method: string,
  pathWithQuery: string,
  body: string,
  timestamp: string,
  nonce: string,
): string {
  const signature = rsaSign(
    requestMessage(method, pathWithQuery, timestamp, nonce, body),
    key.privateKeyPem,
  );
  return (
    `${WECHAT_SCHEMA} mchid="${key.mchid}",nonce_str="${nonce}",signature="${signature}",` +
    `timestamp="${timestamp}",serial_no="${key.serialNo}"`
  );
}

/** Parses an Authorization header (the test doubles check ours with it). */
export function parseAuthorization(header: string): Record<string, string> | null {
  if (!header.startsWith(`${WECHAT_SCHEMA} `)) return null;
  const out: Record<string, string> = {};
  for (const m of header.slice(WECHAT_SCHEMA.length + 1).matchAll(/(\w+)="([^"]*)"/gu))
    out[m[1]!] = m[2]!;
  return out;
}

/** The platform's verification keys by serial: certificates (by serial) and public keys (by id). */
export function platformKeys(config: Record<string, string>): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  if (config.platformCertPem) {
    const cert = new X509Certificate(config.platformCertPem);
    keys.set((config.platformCertSerial ?? cert.serialNumber).toUpperCase(), cert.publicKey);
  }
  if (config.platformPublicKeyId && config.platformPublicKeyPem)
    keys.set(config.platformPublicKeyId, createPublicKey(config.platformPublicKeyPem));
  return keys;
}

export interface SignedHeaders {
  timestamp: string | undefined;
  nonce: string | undefined;
  signature: string | undefined;
  serial: string | undefined;
}

/**
 * Checks WeChat Pay's signature of a callback or an answer. Refuses: missing headers, the probe
 * signatures, a timestamp outside the window, a serial we do not know (certificate serials are
 * compared case-insensitively; public key ids as given), a signature that does not verify.
 */
export function verifyWechatSignature(
  h: SignedHeaders,
  body: string,
  keys: Map<string, KeyObject>,
  now: Date,
): void {
  if (!h.timestamp || !h.nonce || !h.signature || !h.serial)
    throw new NotificationRejected('missing Wechatpay-* headers');
  if (h.signature.startsWith(WECHAT_PROBE_PREFIX))
    throw new NotificationRejected('signature probe');
  if (!/^\d{1,12}$/u.test(h.timestamp)) throw new NotificationRejected('bad timestamp');
  const skew = Math.abs(now.getTime() / 1000 - Number(h.timestamp));
  if (skew > WECHAT_TIMESTAMP_WINDOW_S) throw new NotificationRejected('stale timestamp');
  const key = h.serial.startsWith(WECHAT_PUBLIC_KEY_ID_PREFIX)
    ? keys.get(h.serial)
    : keys.get(h.serial.toUpperCase());
  if (!key) throw new NotificationRejected('unknown Wechatpay-Serial');
  let ok: boolean;
  try {
    ok = createVerify('RSA-SHA256')
      .update(`${h.timestamp}\n${h.nonce}\n${body}\n`, 'utf8')
      .verify(key, h.signature, 'base64');
  } catch {
    ok = false;
  }
  if (!ok) throw new NotificationRejected('signature does not verify');
}

export interface EncryptedResource {
  algorithm: string;
  ciphertext: string;
  associated_data?: string;
  nonce: string;
}

/** Opens a callback's resource: AEAD_AES_256_GCM, the 16-byte tag at the end of the ciphertext. */
export function decryptResource(resource: EncryptedResource, apiV3Key: string): string {
  if (resource.algorithm !== 'AEAD_AES_256_GCM')
    throw new NotificationRejected('unknown resource algorithm');
  const key = Buffer.from(apiV3Key, 'utf8');
  if (key.length !== 32) throw new NotificationRejected('API v3 key is not 32 bytes');
  const data = Buffer.from(resource.ciphertext, 'base64');
  if (data.length < 17) throw new NotificationRejected('ciphertext too short');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(resource.nonce, 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - 16));
    decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
    return Buffer.concat([
      decipher.update(data.subarray(0, data.length - 16)),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new NotificationRejected('resource does not decrypt (GCM tag)');
  }
}
