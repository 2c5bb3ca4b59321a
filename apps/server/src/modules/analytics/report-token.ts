// The weekly report's unsubscribe link: a compact token naming tenant and owner, signed with the
// tenant's report key (HMAC-SHA256, 10 bytes), so a link cannot be forged or pointed at another
// tenant or person. The shape of feedback's survey links.
import { createHmac } from 'node:crypto';
import { safeEqual } from '../../kernel/crypto.ts';

const hex = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex');
const uuidOf = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const mac = (key: string, payload: Buffer) =>
  createHmac('sha256', `weekly-report:${key}`).update(payload).digest().subarray(0, 10);
const LENGTH = 42;

export function signReportToken(key: string, tenantId: string, staffId: string): string {
  const payload = Buffer.concat([hex(tenantId), hex(staffId)]);
  return Buffer.concat([payload, mac(key, payload)]).toString('base64url');
}

/** The token's claims without checking the signature (to find the tenant and its key). */
export function readReportToken(token: string): { tenantId: string; staffId: string } | null {
  if (!/^[A-Za-z0-9_-]{56}$/.test(token)) return null;
  const b = Buffer.from(token, 'base64url');
  if (b.length !== LENGTH) return null;
  return { tenantId: uuidOf(b.subarray(0, 16)), staffId: uuidOf(b.subarray(16, 32)) };
}

export function verifyReportToken(key: string, token: string): boolean {
  const b = Buffer.from(token, 'base64url');
  if (b.length !== LENGTH) return false;
  return safeEqual(mac(key, b.subarray(0, 32)).toString('hex'), b.subarray(32).toString('hex'));
}
