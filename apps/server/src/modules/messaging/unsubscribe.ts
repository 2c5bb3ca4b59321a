// Unsubscribe links: a compact token naming tenant, customer and channel, signed with the
// tenant's messaging key (HMAC-SHA256, 10 bytes), so a link cannot be forged or altered.
import { createHmac } from 'node:crypto';
import { CHANNEL_NAMES, type ChannelName } from '../../channels/port.ts';
import { safeEqual } from '../../kernel/crypto.ts';

const hex = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex');
const uuidOf = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const mac = (key: string, payload: Buffer) =>
  createHmac('sha256', key).update(payload).digest().subarray(0, 10);

export function signUnsubscribe(
  key: string,
  tenantId: string,
  customerId: string,
  channel: ChannelName,
): string {
  const payload = Buffer.concat([
    hex(tenantId),
    hex(customerId),
    Buffer.from([CHANNEL_NAMES.indexOf(channel)]),
  ]);
  return Buffer.concat([payload, mac(key, payload)]).toString('base64url');
}

/** The token's claims without checking the signature (to find the tenant and its key). */
export function readUnsubscribe(
  token: string,
): { tenantId: string; customerId: string; channel: ChannelName } | null {
  if (!/^[A-Za-z0-9_-]{40,80}$/.test(token)) return null;
  const b = Buffer.from(token, 'base64url');
  if (b.length !== 43) return null;
  const channel = CHANNEL_NAMES[b[32]!];
  if (!channel) return null;
  return { tenantId: uuidOf(b.subarray(0, 16)), customerId: uuidOf(b.subarray(16, 32)), channel };
}

export function verifyUnsubscribe(key: string, token: string): boolean {
  const b = Buffer.from(token, 'base64url');
  if (b.length !== 43) return false;
  return safeEqual(mac(key, b.subarray(0, 33)).toString('hex'), b.subarray(33).toString('hex'));
}
