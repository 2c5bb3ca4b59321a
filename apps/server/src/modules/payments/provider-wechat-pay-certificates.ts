// WeChat Pay's platform certificates (the verification keys of merchants not yet moved to a
// platform public key): downloaded with GET /v3/certificates, where each certificate comes
// AEAD_AES_256_GCM-encrypted under the merchant's API v3 key — so only WeChat Pay could have
// made it — and the answer itself is signed by one of the certificates it carries. They are kept
// per merchant in this process for 12 hours, and fetched again at once when a callback or an
// answer names a serial not yet known (a rotation), at most once a minute per merchant so that
// made-up serials cannot make us call WeChat Pay on every request.
import { X509Certificate, type KeyObject } from 'node:crypto';
import type { ProviderCredentials } from './port.ts';
import {
  decryptResource,
  platformKeys,
  verifyWechatSignature,
  WECHAT_PUBLIC_KEY_ID_PREFIX,
  type EncryptedResource,
} from './provider-wechat-pay-crypto.ts';
import { signedCall, wechatBase } from './provider-wechat-pay-http.ts';

export const CERTIFICATES_PATH = '/v3/certificates';
/** How long downloaded certificates are trusted before they are fetched again. */
export const CERTIFICATES_TTL_MS = 12 * 3600_000;
/** The least time between two downloads for one merchant. */
export const CERTIFICATES_MIN_INTERVAL_MS = 60_000;

interface Cached {
  keys: Map<string, KeyObject>;
  fetchedAt: number;
  /** When a download was last tried (succeeded or not). */
  triedAt: number;
}

const cache = new Map<string, Cached>();
const merchantKey = (creds: ProviderCredentials) =>
  `${creds.tenantId}|${wechatBase(creds)}|${creds.config.mchid ?? ''}`;

/** Forgets every downloaded certificate (tests). */
export function forgetPlatformCertificates(): void {
  cache.clear();
}

interface CertificateEntry {
  serial_no?: unknown;
  effective_time?: unknown;
  expire_time?: unknown;
  encrypt_certificate?: unknown;
}

/** Opens and checks the certificates of one answer; answers them by upper-case serial. */
function openCertificates(
  json: unknown,
  apiV3Key: string,
  now: Date,
): { keys: Map<string, KeyObject> } | { error: string } {
  const data = (json as { data?: unknown } | null)?.data;
  if (!Array.isArray(data) || data.length === 0) return { error: 'no certificates' };
  const keys = new Map<string, KeyObject>();
  for (const entry of data as CertificateEntry[]) {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(
        decryptResource(entry.encrypt_certificate as EncryptedResource, apiV3Key),
      );
    } catch (err) {
      return { error: `certificate does not open: ${(err as Error).message}` };
    }
    const serial = String(entry.serial_no ?? '').toUpperCase();
    if (serial !== cert.serialNumber.toUpperCase())
      return { error: 'certificate serial differs from serial_no' };
    const t = now.getTime();
    if (Date.parse(cert.validFrom) > t || Date.parse(cert.validTo) < t) continue;
    keys.set(serial, cert.publicKey);
  }
  if (!keys.size) return { error: 'no certificate valid now' };
  return { keys };
}

/** Downloads the platform certificates; null (and nothing cached) when it did not work. */
async function download(
  creds: ProviderCredentials,
  now: Date,
): Promise<Map<string, KeyObject> | null> {
  // The request and its answer are signed in real time, whatever clock the caller keeps.
  const r = await signedCall(creds, 'GET', CERTIFICATES_PATH, null, new Date());
  if (!r.ok || r.value.status >= 300) return null;
  let json: unknown;
  try {
    json = JSON.parse(r.value.text);
  } catch {
    return null;
  }
  const opened = openCertificates(json, creds.secrets.apiV3Key ?? '', now);
  if ('error' in opened) return null;
  try {
    // Signed by one of the certificates it carries (opened with our API v3 key above).
    verifyWechatSignature(r.value.signed, r.value.text, opened.keys, new Date());
  } catch {
    return null;
  }
  return opened.keys;
}

/**
 * The keys that verify WeChat Pay's signature `serial`: the configured platform public key or
 * certificate, else the downloaded certificates — downloaded now when the serial is a
 * certificate serial not yet known (or the download is older than its TTL).
 */
export async function wechatVerificationKeys(
  creds: ProviderCredentials,
  serial: string | undefined,
  now: Date,
): Promise<Map<string, KeyObject>> {
  const keys = platformKeys(creds.config);
  if (!serial || serial.startsWith(WECHAT_PUBLIC_KEY_ID_PREFIX) || keys.has(serial.toUpperCase()))
    return keys;
  const key = merchantKey(creds);
  let cached = cache.get(key);
  const t = now.getTime();
  const stale = !cached || t - cached.fetchedAt > CERTIFICATES_TTL_MS;
  const unknown = !cached?.keys.has(serial.toUpperCase());
  if ((stale || unknown) && (!cached || t - cached.triedAt >= CERTIFICATES_MIN_INTERVAL_MS)) {
    const prior = cached;
    cache.set(key, {
      keys: prior?.keys ?? new Map(),
      fetchedAt: prior?.fetchedAt ?? 0,
      triedAt: t,
    });
    const fresh = await download(creds, now);
    if (fresh) cache.set(key, { keys: fresh, fetchedAt: t, triedAt: t });
    cached = cache.get(key);
  }
  // Downloaded certificates past their TTL are not believed (a revoked one stays out).
  if (cached && t - cached.fetchedAt <= CERTIFICATES_TTL_MS)
    for (const [s, k] of cached.keys) if (!keys.has(s)) keys.set(s, k);
  return keys;
}
